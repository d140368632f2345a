import type { RemovedSpan } from '../contract.js';
import type { TextMap } from '../util/offsets.js';
import { htmlMeta, type HtmlMeta } from '../meta/html-meta.js';
import { detectLanguage } from '../meta/language.js';
import { assemble } from './assemble.js';
import type { Block } from './blocks.js';
import { decide, type HeaderInfo } from './decide.js';
import { MAX_DEPTH, parseHtml } from './html-dom.js';
import { htmlBlocks, markArticle } from './html-blocks.js';
import { textBlocks } from './text-blocks.js';

export interface Cleaned {
  clean: TextMap;
  removed: RemovedSpan[];
  /** Image captions kept in the text: [start, end) ranges of the cleaned text. */
  captions: Array<[number, number]>;
  header: HeaderInfo;
  html: HtmlMeta | null;
  /** Language the page declares (HTML lang attribute), a hint for detection. */
  lang: string | null;
  warnings: string[];
}

function lazy<T>(f: () => T): () => T {
  let done = false;
  let v: T;
  return () => {
    if (!done) { v = f(); done = true; }
    return v;
  };
}

/** Plain-text scrape → cleaned text with removed blocks. */
export function cleanText(raw: string): Cleaned {
  const blocks = textBlocks(raw);
  const lang = lazy(() => {
    // The middle of a scrape is the most likely to be article text.
    const mid = Math.floor(blocks.length / 3);
    return detectLanguage(blocks.slice(mid).concat(blocks.slice(0, mid)).map((b) => b.text).join('\n'));
  });
  const { decisions, header } = decide(blocks, { format: 'text', lang });
  const { clean, removed, captions } = assemble(raw, blocks, decisions);
  return { clean, removed, captions, header, html: null, lang: null, warnings: [] };
}

/** HTML page → main content (Readability) → the same block filters as text. */
export function cleanHtml(raw: string, url?: string): Cleaned {
  const warnings: string[] = [];
  const page = parseHtml(raw, url);
  let meta: HtmlMeta;
  let blocks: Block[];
  try {
    if (page.flattened) warnings.push(`elements nested more than ${MAX_DEPTH} levels deep were flattened`);
    meta = htmlMeta(page.document, raw, url ?? null);
    const hb = htmlBlocks(page, raw);
    blocks = hb.blocks;
    const marked = markArticle(page, hb);
    if (marked) blocks = marked;
    else {
      // No article found: keep every block that no container marks as furniture.
      warnings.push('no main-content block found; kept all page text outside navigation, comments and adverts');
      for (const b of blocks) if (!b.hint || b.hint === 'caption' || b.hint === 'byline') b.inArticle = true;
    }
  } finally {
    page.close();
  }
  const lang = lazy(() => detectLanguage(blocks.filter((b) => b.inArticle).map((b) => b.text).join('\n'), meta.lang));
  const { decisions, header } = decide(blocks, { format: 'html', lang, title: meta.title });
  const { clean, removed, captions } = assemble(raw, blocks, decisions);
  return { clean, removed, captions, header, html: meta, lang: meta.lang, warnings };
}
