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

export interface ParsedHtml {
  dom: JSDOM;
  document: Document;
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
  const dom = new JSDOM(neutralize(raw), {
    url: base,
    contentType: 'text/html',
    includeNodeLocations: true,
    virtualConsole: new VirtualConsole(),
  });
  return { dom, document: dom.window.document };
}
