import { JSDOM, VirtualConsole } from 'jsdom';

/**
 * Blank out the bodies of <script>, <style>, <template> and friends with spaces of the same
 * length: the page stays inert (nothing can run), jsdom's CSS parser never sees hostile or
 * broken style sheets, and every offset into the document is unchanged.
 */
export function neutralize(raw: string): string {
  return raw.replace(
    /<(script|style|template|noscript|iframe|object|embed|svg|math)\b[^>]*>[\s\S]*?<\/\1\s*>/gi,
    (m, tag: string) => {
      const open = m.indexOf('>') + 1;
      const close = m.toLowerCase().lastIndexOf(`</${tag.toLowerCase()}`);
      return m.slice(0, open) + m.slice(open, close).replace(/[^\n]/g, ' ') + m.slice(close);
    },
  );
}

// Readability's cost grows steeply with nesting depth (seconds at a few hundred levels);
// real article pages stay well under this.
export const MAX_DEPTH = 120;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/**
 * Blank out (with spaces, keeping offsets) the tags nested deeper than `maxDepth`: hostile
 * pages nest elements thousands deep to exhaust recursive code. Text inside is kept.
 */
export function flattenDeepNesting(raw: string, maxDepth = MAX_DEPTH): { html: string; flattened: boolean } {
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g;
  const stack: Array<{ name: string; blank: boolean }> = [];
  const cuts: Array<[number, number]> = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw)) !== null) {
    const name = m[2]!.toLowerCase();
    if (m[1]) {
      let k = stack.length - 1;
      while (k >= 0 && stack[k]!.name !== name) k--;
      if (k < 0) continue;
      const blank = stack[k]!.blank;
      stack.length = k;
      if (blank) cuts.push([m.index, m.index + m[0].length]);
    } else if (!VOID.has(name) && !m[3]) {
      const blank = stack.length >= maxDepth;
      stack.push({ name, blank });
      if (blank) cuts.push([m.index, m.index + m[0].length]);
    }
  }
  if (cuts.length === 0) return { html: raw, flattened: false };
  const parts: string[] = [];
  let pos = 0;
  for (const [a, b] of cuts) {
    parts.push(raw.slice(pos, a), ' '.repeat(b - a));
    pos = b;
  }
  parts.push(raw.slice(pos));
  return { html: parts.join(''), flattened: true };
}

export interface ParsedHtml {
  dom: JSDOM;
  document: Document;
  /** Nesting beyond the depth limit was flattened. */
  flattened: boolean;
}

/** Parse hostile HTML without running or fetching anything, keeping source locations. */
export function parseHtml(raw: string, url?: string): ParsedHtml {
  let base = 'https://article.invalid/';
  if (url) {
    try {
      const u = new URL(url);
      if (u.protocol === 'http:' || u.protocol === 'https:') base = u.href;
    } catch { /* keep the placeholder */ }
  }
  const flat = flattenDeepNesting(neutralize(raw));
  const dom = new JSDOM(flat.html, {
    url: base,
    contentType: 'text/html',
    includeNodeLocations: true,
    virtualConsole: new VirtualConsole(),
  });
  if (flat.flattened) {
    // The blanked tags left long runs of spaces inside text nodes; Readability rescans text
    // once per ancestor, so shrink them (offset alignment skips the missing spaces).
    const walker = dom.window.document.createTreeWalker(dom.window.document, 4 /* SHOW_TEXT */);
    for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
      if (t.data.length > 200) t.data = t.data.replace(/\s{100,}/g, ' ');
    }
  }
  return { dom, document: dom.window.document, flattened: flat.flattened };
}
