import type { ArticleRecord } from '../contract.js';
import { shinglePR, type PR } from './shingles.js';

/** The article part of a gold file (../shared/spec/gold/FORMAT.md). */
export interface ArticleGold {
  file: string;
  published?: { date: string | null; precision: string };
  outlet?: string | null;
  title?: string | null;
  language?: string;
  main_text: {
    first: string;
    last: string;
    removed: Array<{ kind: string; first: string; last: string }>;
  };
  spin?: { detected: boolean; restored: Array<{ from: string; to: string }> };
}

export interface RemovedCheck { kind: string; first: string; removed: boolean; found: boolean }

export interface ArticleScore {
  file: string;
  main: PR;
  first: boolean;
  last: boolean;
  removed: RemovedCheck[];
  published: boolean | null;
  outlet: boolean | null;
  title: boolean | null;
  spinDetected: boolean | null;
  spinRestored: { total: number; restored: number } | null;
}

const ws = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Visible text of an HTML page, roughly: tags and script/style bodies dropped, entities decoded. */
export function roughHtmlText(html: string): string {
  return html
    .replace(/<head\b[\s\S]*?<\/head\s*>/i, ' ')
    .replace(/<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?(p|div|h[1-6]|li|ul|ol|section|article|header|footer|nav|aside|figure|figcaption|blockquote|br|tr|td|table)\b[^>]*>/gi, '\n\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"').replace(/&#39;|&#x27;|&rsquo;|&lsquo;/g, "'")
    .replace(/[ \t]+/g, ' ');
}

/** Find `first … last` in a text (whitespace-insensitive); returns the span or null. */
function locate(text: string, first: string, last: string, from = 0): { start: number; end: number } | null {
  const flat = text;
  const a = indexWs(flat, first, from);
  if (a < 0) return null;
  const b = indexWs(flat, last, a);
  if (b < 0) return null;
  return { start: a, end: b + matchLenWs(flat, last, b) };
}

function wsPattern(s: string): RegExp {
  return new RegExp(ws(s).split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'g');
}

function indexWs(text: string, s: string, from: number): number {
  const re = wsPattern(s);
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index : -1;
}

function matchLenWs(text: string, s: string, at: number): number {
  const re = wsPattern(s);
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0].length : s.length;
}

/**
 * The gold main text: the page text from the gold's first words to its last words, with the
 * gold's removed blocks inside that range cut out.
 */
export function goldMainText(pageText: string, gold: ArticleGold): string | null {
  const span = locate(pageText, gold.main_text.first, gold.main_text.last);
  if (!span) return null;
  let text = pageText.slice(span.start, span.end);
  for (const r of gold.main_text.removed) {
    const inner = locate(text, r.first, r.last);
    if (inner) text = text.slice(0, inner.start) + '\n' + text.slice(inner.end);
  }
  return text;
}

/** Score one extracted article against its gold file. */
export function scoreArticle(rec: ArticleRecord, raw: string, html: boolean, gold: ArticleGold, analysisText?: string): ArticleScore {
  const a = rec.article;
  const page = html ? roughHtmlText(raw) : raw;
  const truth = goldMainText(page, gold);
  const main = truth === null ? { precision: 0, recall: 0, f1: 0 } : shinglePR(a.text, truth);
  const clean = ws(a.text);
  const removed: RemovedCheck[] = gold.main_text.removed.map((r) => {
    // Removed when neither end of the block survives in the cleaned text (checked on the
    // raw spans when the block can be found in the raw text).
    const span = html ? null : locate(raw, r.first, r.last);
    let ok: boolean;
    if (span) {
      let covered = 0;
      let total = 0;
      for (let i = span.start; i < span.end; i++) {
        if (/\s/.test(raw[i]!)) continue;
        total++;
        if (a.removed.some((x) => x.start <= i && i < x.end)) covered++;
      }
      ok = total > 0 && covered / total >= 0.9;
    } else {
      const blockText = locate(page, r.first, r.last);
      const inner = blockText ? ws(page.slice(blockText.start, blockText.end)) : ws(r.first);
      ok = !clean.includes(inner) && !(inner.length > 30 && clean.includes(ws(r.first)) && clean.includes(ws(r.last)) && indexWs(clean, r.first, 0) >= 0 && ws(r.first).length > 25);
    }
    return { kind: r.kind, first: r.first, removed: ok, found: span !== null || locate(page, r.first, r.last) !== null };
  });
  const normT = (s: string | null | undefined) => (s ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  let spinRestored: ArticleScore['spinRestored'] = null;
  if (gold.spin && gold.spin.restored.length) {
    // A spun phrase is restored when the analysis text no longer has it and has the original.
    const analysis = analysisText ?? a.text;
    const has = (t: string, p: string) => new RegExp(`(?<![\\p{L}])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'iu').test(t);
    const restored = gold.spin.restored.filter((r) => !has(analysis, r.from) && has(analysis, r.to)).length;
    spinRestored = { total: gold.spin.restored.length, restored };
  }
  return {
    file: gold.file,
    main,
    first: clean.startsWith(ws(gold.main_text.first)),
    last: clean.endsWith(ws(gold.main_text.last)),
    removed,
    published: gold.published ? gold.published.date === a.published.date && (gold.published.date === null || gold.published.precision === a.published.precision) : null,
    outlet: gold.outlet !== undefined ? normT(gold.outlet) === normT(a.outlet) : null,
    title: gold.title !== undefined ? normT(gold.title) === normT(a.title) : null,
    spinDetected: gold.spin ? gold.spin.detected === a.spin.detected : null,
    spinRestored,
  };
}
