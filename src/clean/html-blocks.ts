import { Readability } from '@mozilla/readability';
import { decodeHTMLStrict } from 'entities';
import type { RemovedKind } from '../contract.js';
import type { Block } from './blocks.js';
import { NeedsFullDom, type ParsedHtml } from './html-dom.js';

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CENTER', 'DD', 'DETAILS', 'DIALOG', 'DIV',
  'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5',
  'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE',
  'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL', 'CAPTION', 'MENU',
]);
const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'EMBED', 'SELECT',
  'OPTION', 'BUTTON', 'INPUT', 'TEXTAREA', 'HEAD', 'CANVAS', 'VIDEO', 'AUDIO', 'MAP', 'DATALIST',
]);

// Container names (class/id tokens) that say what a page region is.
const HINT_STEMS: Array<[RegExp, RemovedKind]> = [
  [/comment|disqus|^respond$|^replies$|discussion|conversation|^reply$/, 'comments'],
  [/related|recommend|trending|^popular|outbrain|taboola|readmore|read-more|readnext|^teaser|more-?stories|most-?read|^also$|further-?reading|more-?from|next-?article|^latest$/, 'teaser'],
  [/^ads?$|^advert|adslot|ad-?slot|^ad-|sponsor|newsletter|subscri|signup|sign-up|paywall|donat|membership|^cookie|consent|gdpr|^promo/, 'advert'],
  [/^nav$|^navbar|navigation|^menu|breadcrumb|^share|sharing|^social|toolbar|masthead|^skip|pagination|^pager$|^footer|^tags?$|tag-?list|sitemap|topbar|^site-?header/, 'navigation'],
  [/byline|^authors?$|author-?name|dateline|timestamp|^date$|published|^posted/, 'byline'],
  [/caption|^credit|^credits$/, 'caption'],
];

function elementHint(el: Element): RemovedKind | null {
  const tag = el.tagName;
  if (tag === 'NAV') return 'navigation';
  if (tag === 'FOOTER') return 'navigation';
  if (tag === 'ASIDE') return 'teaser';
  if (tag === 'FIGCAPTION') return 'caption';
  const names = `${el.getAttribute('id') ?? ''} ${el.getAttribute('class') ?? ''} ${el.getAttribute('role') ?? ''}`
    .toLowerCase();
  if (!names.trim()) return null;
  if (/\b(article|story|post|entry)[-_]?(body|content|text)\b|\bmain-?content\b/.test(names)) return null;
  const tokens = names.split(/[\s_]+/).filter(Boolean);
  for (const [re, kind] of HINT_STEMS) {
    for (const t of tokens) if (re.test(t)) return kind;
  }
  if (el.getAttribute('role') === 'navigation') return 'navigation';
  return null;
}

// Elements a reader never sees in the flow of the text: hidden, screen-reader-only, and
// hover cards/tooltips that sites inline into paragraphs.
const HIDDEN_TOKEN = /^(hidden|sr-only|visually-hidden|screen-reader-text|screenreader-only|tooltip|popover|hovercard)$|^(tooltip|popover|hovercard)[-_]|rollover.*(block|card)$/i;

function hidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const cls = el.getAttribute('class');
  if (cls && cls.split(/\s+/).some((t) => HIDDEN_TOKEN.test(t))) return true;
  const style = el.getAttribute('style');
  return !!style && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** `/\s/.test(ch)` by code unit: ECMAScript WhiteSpace and LineTerminator characters. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Raw offsets for each character of a text node's data, given the node's source span.
 * The source may hold entities (&amp; &#8217;) and CRLF line ends that the DOM decoded.
 */
export function alignText(raw: string, start: number, end: number, data: string): Int32Array {
  const out = new Int32Array(data.length);
  let r = start;
  let d = 0;
  while (d < data.length && r < end) {
    const rc = raw.charCodeAt(r);
    if (rc === 38 /* & */) {
      const m = /^&(#\d{1,7};?|#x[0-9a-f]{1,6};?|[a-z][a-z0-9]{1,31};?)/i.exec(raw.slice(r, Math.min(end, r + 40)));
      if (m) {
        let decoded = decodeHTMLStrict(m[0]);
        if (decoded === m[0] && !m[0].endsWith(';')) decoded = decodeHTMLStrict(m[0] + ';');
        if (decoded !== m[0] && data.startsWith(decoded, d)) {
          for (let k = 0; k < decoded.length; k++) out[d++] = r;
          r += m[0].length;
          continue;
        }
      }
    }
    if (rc === data.charCodeAt(d)) { out[d++] = r++; continue; }
    if (rc === 13 /* \r */) { r++; continue; }
    // Whitespace the DOM no longer has (collapsed runs): skip it in the source.
    if (isSpace(rc) && !isSpace(data.charCodeAt(d))) { r++; continue; }
    // Out of step (normalisation we did not foresee): map the rest proportionally.
    break;
  }
  const remain = data.length - d;
  for (let k = 0; k < remain; k++) {
    out[d + k] = Math.min(end - 1, r + Math.floor((k * Math.max(0, end - r)) / Math.max(1, remain)));
  }
  return out;
}

/**
 * The text of the block being built and the raw offset of each of its characters. Text is
 * appended in runs (string concatenation, offsets written into one growing buffer shared by
 * all blocks) rather than character by character.
 */
class Builder {
  text = '';
  len = 0;
  /** Code of the last character, 0 when empty. */
  last = 0;
  linkChars = 0;
  nodes: Array<{ node: Text; from: number; to: number }> = [];
  constructor(public hint: RemovedKind | null, public heading: boolean, public caption: boolean, private buf: { offs: Int32Array }) {}

  get offs(): Int32Array { return this.buf.offs; }
  reserve(n: number): Int32Array {
    if (this.len + n > this.buf.offs.length) {
      const grown = new Int32Array(Math.max(2 * this.buf.offs.length, this.len + n));
      grown.set(this.buf.offs.subarray(0, this.len));
      this.buf.offs = grown;
    }
    return this.buf.offs;
  }
  /** Drop the last `n` characters. */
  cut(n: number): void {
    if (n === 0) return;
    this.len -= n;
    this.text = this.text.slice(0, this.len);
    this.last = this.len ? this.text.charCodeAt(this.len - 1) : 0;
  }
}

export interface HtmlBlocks {
  blocks: Block[];
  /** Text node → index of the block it belongs to. */
  nodeBlock: Map<Text, number>;
  /** Per block, the character range each of its text nodes contributed. */
  nodeRanges: Array<Array<{ node: Text; from: number; to: number }>>;
}

/** Segment the page body into blocks at block-level elements, with raw offsets. */
export function htmlBlocks(page: ParsedHtml, raw: string): HtmlBlocks {
  const doc = page.document;
  const blocks: Block[] = [];
  const nodeBlock = new Map<Text, number>();
  const nodeRanges: HtmlBlocks['nodeRanges'] = [];
  const root = doc.body ?? doc.documentElement;
  if (!root) return { blocks, nodeBlock, nodeRanges };

  const buf = { offs: new Int32Array(1024) };
  // Blocks' offsets are views of a shared arena (one off-heap allocation per page or so, not
  // one per block: fewer buffers for the collector to sweep).
  let arena = new Int32Array(0);
  let arenaUsed = 0;
  let cur: Builder | null = null;
  const place = (offs: Int32Array, n: number): Int32Array => {
    if (arenaUsed + n > arena.length) {
      arena = new Int32Array(Math.max(2 * arena.length, n, 4096));
      arenaUsed = 0;
    }
    arena.set(offs.subarray(0, n), arenaUsed);
    arenaUsed += n;
    return arena.subarray(arenaUsed - n, arenaUsed);
  };
  const flush = () => {
    if (!cur) return;
    let n = 0;
    while (n < cur.len && isSpace(cur.text.charCodeAt(cur.len - 1 - n))) n++;
    cur.cut(n);
    const text = cur.text;
    if (/[\p{L}\p{N}]/u.test(text)) {
      const idx = blocks.length;
      blocks.push({
        text, offsets: place(cur.offs, cur.len), paraBreak: true, hint: cur.hint,
        inArticle: false, heading: cur.heading, caption: cur.caption,
        linkDensity: text.length ? Math.min(1, cur.linkChars / text.length) : 0,
      });
      for (const r of cur.nodes) { nodeBlock.set(r.node, idx); r.to = Math.min(r.to, text.length); }
      nodeRanges.push(cur.nodes.filter((r) => r.to > r.from));
    }
    cur = null;
  };

  // Iterative walk: hostile pages nest thousands of levels deep.
  interface Frame { node: Node; exit: boolean; hint: RemovedKind | null; link: boolean; heading: boolean; caption: boolean; pre: boolean }
  const stack: Frame[] = [{ node: root, exit: false, hint: null, link: false, heading: false, caption: false, pre: false }];
  while (stack.length) {
    const f = stack.pop()!;
    const node = f.node;
    if (node.nodeType === 3) {
      const t = node as Text;
      const data = t.data;
      if (!data) continue;
      cur ??= new Builder(f.hint, f.heading, f.caption, buf);
      const b: Builder = cur;
      if (b.len === 0) {
        // A block is what its first visible text is (leading whitespace says nothing).
        b.hint = f.hint;
        b.heading = f.heading;
        b.caption = f.caption;
      }
      const loc = page.nodeLocation(t);
      // Text copied verbatim from the source maps to consecutive offsets; otherwise align it.
      // (A slice compared with === is a memory compare; startsWith goes character by character.)
      const verbatim = loc !== null && loc.endOffset - loc.startOffset === data.length && !data.includes('&') &&
        raw.slice(loc.startOffset, loc.endOffset) === data;
      const aligned = loc && !verbatim ? alignText(raw, loc.startOffset, loc.endOffset, data) : null;
      const base = verbatim ? loc.startOffset : -1;
      const anchor = b.len ? b.offs[b.len - 1]! : 0;
      const at = (k: number) => (verbatim ? base + k : aligned ? aligned[k]! : anchor);
      const range = { node: t, from: b.len, to: b.len };
      b.nodes.push(range);
      const offs = b.reserve(data.length);
      if (f.pre) {
        b.text += data.replace(/\u00A0/g, ' ');
        for (let k = 0; k < data.length; k++) offs[b.len++] = at(k);
        if (f.link) b.linkChars += data.length;
        const lc = data.charCodeAt(data.length - 1);
        b.last = lc === 0xa0 ? 32 : lc;
      } else {
        // Runs of whitespace become one space (none at the start of a block or after a
        // space or line break), at the offset of the run's first character.
        let k = 0;
        while (k < data.length) {
          let j = k;
          if (isSpace(data.charCodeAt(k))) {
            while (j < data.length && isSpace(data.charCodeAt(j))) j++;
            if (b.len > 0 && b.last !== 32 && b.last !== 10) {
              b.text += ' ';
              offs[b.len++] = at(k);
              b.last = 32;
            }
          } else {
            while (j < data.length && !isSpace(data.charCodeAt(j))) j++;
            b.text += j - k === data.length ? data : data.slice(k, j);
            for (let m = k; m < j; m++) offs[b.len++] = at(m);
            if (f.link) b.linkChars += j - k;
            b.last = data.charCodeAt(j - 1);
          }
          k = j;
        }
      }
      range.to = b.len;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    const isBlock = BLOCK_TAGS.has(tag);
    if (f.exit) {
      if (isBlock) flush();
      continue;
    }
    if (SKIP_TAGS.has(tag) || hidden(el)) continue;
    if (tag === 'BR') {
      if (cur && cur.len) {
        // (Only a text ending in a space is read: reading the text flattens it, per <br>.)
        let n = 0;
        if (cur.last === 32) while (n < cur.len && cur.text.charCodeAt(cur.len - 1 - n) === 32) n++;
        cur.cut(n);
        const offs = cur.reserve(1);
        offs[cur.len] = cur.len ? offs[cur.len - 1]! : 0;
        cur.len++;
        cur.text += '\n';
        cur.last = 10;
      }
      continue;
    }
    if (isBlock) flush();
    const hint = elementHint(el) ?? f.hint;
    const frame: Frame = {
      node, exit: true, hint, link: f.link || tag === 'A', heading: f.heading || /^H[1-6]$/.test(tag),
      caption: f.caption || tag === 'FIGCAPTION', pre: f.pre || tag === 'PRE',
    };
    stack.push(frame);
    const kids = el.childNodes;
    for (let k = kids.length - 1; k >= 0; k--) {
      stack.push({ node: kids[k]!, exit: false, hint, link: frame.link, heading: frame.heading, caption: frame.caption, pre: frame.pre });
    }
  }
  flush();
  return { blocks, nodeBlock, nodeRanges };
}

/** Readability's article element, or null when it finds none or fails (NeedsFullDom passes through). */
function readArticle(doc: Document): Element | null {
  try {
    const reader = new Readability(doc, {
      serializer: (el: Node) => el as unknown as string,
      keepClasses: true,
    });
    return (reader.parse()?.content as unknown as Element) ?? null;
  } catch (e) {
    if (e instanceof NeedsFullDom) throw e;
    return null;
  }
}

/** The text nodes under `root` in tree order. */
function textNodes(root: Node): Text[] {
  const out: Text[] = [];
  let n: Node | null = root.firstChild;
  while (n) {
    if (n.nodeType === 3) out.push(n as Text);
    if (n.firstChild) { n = n.firstChild; continue; }
    while (n && n !== root && !n.nextSibling) n = n.parentNode;
    n = n && n !== root ? n.nextSibling : null;
  }
  return out;
}

const compact = (s: string) => s.replace(/\s+/g, '');

/** compact(text).length when compact(text) is found in `article` at `pos`, else -1 (without building it). */
function compactMatch(article: string, pos: number, text: string): number {
  let p = pos;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    if (p >= article.length || article.charCodeAt(p) !== c) return -1;
    p++;
  }
  return p - pos;
}

/** compact(s.slice(from, to)).length, without building the string. */
function nonSpace(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) n++;
  return n;
}

function wordGrams(text: string): Set<string> {
  const w = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 3 <= w.length; i++) out.add(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
  return out;
}

/** Readability re-parsed the page: (almost) none of its text nodes are the page's own. */
function identityLost(kept: Set<Text>, total: number): boolean {
  return kept.size < Math.max(1, total * 0.1);
}

/**
 * Find the blocks Readability keeps as the article, and return the page's blocks with
 * `inArticle` set. Readability moves the page's own text nodes into its result, so node
 * identity tells which text it chose; a block it took only partly is split at its text
 * nodes. Text whose identity was lost (Readability re-parses the page when it retries) is
 * found by aligning block texts, in order, against the article text.
 * Returns null when Readability finds no article at all.
 */
export function markArticle(page: ParsedHtml, hb: HtmlBlocks): Block[] | null {
  const { blocks, nodeBlock, nodeRanges } = hb;
  let content: Element | null;
  let original = (t: Text): Text | undefined => t;
  try {
    content = readArticle(page.document);
  } catch (e) {
    if (!(e instanceof NeedsFullDom) || !page.fullDom) throw e;
    const full = page.fullDom();
    content = readArticle(full.document);
    original = full.original;
  }
  if (!content) return null;
  const keptNodes = new Set<Text>();
  const texts: string[] = [];
  for (const t of textNodes(content)) {
    texts.push(t.data);
    const own = original(t);
    if (own && nodeBlock.has(own)) keptNodes.add(own);
  }
  const article = compact(texts.join(''));
  const articleGrams = identityLost(keptNodes, texts.length) ? wordGrams(texts.join(' ')) : null;
  const out: Block[] = [];
  let cursor = 0;
  // Without node identity, a block Readability kept but trimmed (an inline ad removed from
  // a paragraph) is no longer a substring: accept it when most of its word 3-grams are there.
  const overlaps = (text: string): boolean => {
    if (!articleGrams) return false;
    const grams = wordGrams(text);
    if (grams.size < 6) return false;
    let hit = 0;
    for (const g of grams) if (articleGrams.has(g)) hit++;
    return hit / grams.size >= 0.8;
  };
  const align = (text: string): boolean => {
    // Blocks mostly follow each other in the article: try the cursor before searching.
    let n = compactMatch(article, cursor, text);
    let at = cursor;
    if (n < 0) {
      const t = compact(text);
      n = t.length;
      at = article.indexOf(t, cursor);
    }
    if (n === 0) return false;
    // A short block must match close to the cursor: captions and standfirsts repeated
    // further down would otherwise drag the cursor past the real paragraphs.
    if (at >= 0 && (at - cursor < 300 || (n >= 20 && at - cursor < 1500) || n >= 200)) {
      cursor = at + n;
      return true;
    }
    return false;
  };
  blocks.forEach((b, i) => {
    const ranges = nodeRanges[i] ?? [];
    let keptChars = 0;
    for (const r of ranges) if (keptNodes.has(r.node)) keptChars += nonSpace(b.text, r.from, r.to);
    const size = nonSpace(b.text, 0, b.text.length);
    if (size === 0) return;
    if (keptChars === size || (keptChars === 0 && ranges.length > 0 && (align(b.text) || overlaps(b.text)))) {
      if (keptChars === size) align(b.text);
      out.push({ ...b, inArticle: true });
      return;
    }
    if (keptChars === 0) { out.push(b); return; }
    // Readability rewrites some nodes (links with javascript: targets become plain text):
    // a block whose whole text is in the article is kept whole.
    if (align(b.text)) { out.push({ ...b, inArticle: true }); return; }
    // Partly kept: split the block into runs of kept and dropped text nodes.
    let runStart = 0;
    let runKept = keptNodes.has(ranges[0]!.node);
    const cut = (from: number, to: number, kept: boolean) => {
      while (from < to && /\s/.test(b.text[from]!)) from++;
      while (to > from && /\s/.test(b.text[to - 1]!)) to--;
      if (to <= from || !/[\p{L}\p{N}]/u.test(b.text.slice(from, to))) return;
      const part: Block = {
        ...b, text: b.text.slice(from, to), offsets: b.offsets.subarray(from, to), inArticle: kept,
        paraBreak: from === 0 ? b.paraBreak : false, continues: from > 0,
      };
      if (kept) align(part.text);
      out.push(part);
    };
    for (let k = 1; k < ranges.length; k++) {
      const kept = keptNodes.has(ranges[k]!.node);
      if (kept !== runKept) {
        cut(ranges[runStart]!.from, ranges[k]!.from, runKept);
        runStart = k;
        runKept = kept;
      }
    }
    cut(ranges[runStart]!.from, b.text.length, runKept);
  });
  return out;
}
