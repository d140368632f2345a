// The reading view of a stored article: its cleaned text in paragraphs, with every span of
// the record (raw offsets) mapped onto the paragraph text as marks, and the removed blocks
// placed where they stood. The raw input is cleaned again to recover the offset map; when
// that no longer gives the stored text (the cleaner changed since), the paragraphs come
// without marks and with a warning.
import type { RemovedSpan, Span } from '../contract.js';
import { cleanHtml, cleanText } from '../clean/index.js';
import type { ArticleDetail } from '../store/queries.js';
import type { TextMap } from '../util/offsets.js';

export interface ReadingMark { from: number; to: number; kind: 'evidence' | 'trigger' | 'claim' | 'figure' | 'entity'; ref: string; event?: string | null; figure?: string | null }
export type ReadingBlock =
  /** `start`/`end`: raw offsets of the first character and after the last (-1 when unknown). */
  | { kind: 'paragraph'; text: string; start: number; end: number; marks: ReadingMark[]; removedInside: Array<{ kind: string; text: string }> }
  | { kind: 'removed'; removed: string; text: string; start: number; end: number; chars: number };
export interface ReadingView { article: string; blocks: ReadingBlock[]; spin: { detected: boolean; restored: Array<{ from: string; to: string; count: number }> }; warning: string | null }

type Paragraph = Extract<ReadingBlock, { kind: 'paragraph' }>;

/**
 * [start, end) ranges of the paragraphs of a cleaned text: split at every line break, since
 * cleaning joins separate blocks with one (a blank line marks a paragraph break), and removed
 * blocks must be placed between them.
 */
function paragraphRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const sep = /\n(?:[^\S\n]*\n)*/g;
  let at = 0;
  const push = (a: number, b: number) => { if (/\S/.test(text.slice(a, b))) out.push([a, b]); };
  for (let m = sep.exec(text); m; m = sep.exec(text)) {
    push(at, m.index);
    at = m.index + m[0].length;
  }
  push(at, text.length);
  return out;
}

/** First k with xs[k] >= x. */
function lowerBound(xs: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Cleaning an HTML page is the costly part: the last few maps, by article key (the raw is fixed).
const CACHE_SIZE = 16;
const cache = new Map<string, TextMap>();

function cleanedMap(detail: ArticleDetail, url: string | undefined): TextMap {
  const c = detail.format === 'html' ? cleanHtml(detail.raw, url) : cleanText(detail.raw);
  return c.clean;
}

/** The cleaned text and offsets the record was made from, or why not. */
function recoverMap(detail: ArticleDetail): { map: TextMap | null; warning: string | null } {
  const key = `${detail.article.key}\u0000${detail.format}`;
  const hit = cache.get(key);
  const text = detail.record?.article?.text ?? '';
  if (hit && hit.text === text) return { map: hit, warning: null };
  // Ingest passes the page URL only as given metadata, which is not stored: the source is
  // that URL for fetched pages and for JSONL lines without an id.
  const source = detail.article.source;
  const url = /^https?:\/\//i.test(source) ? source : undefined;
  let map: TextMap | null = null;
  try {
    map = cleanedMap(detail, url);
    // Fetched pages were cleaned with the URL after redirects: failing that, try none.
    if (map.text !== text && detail.format === 'html' && url) map = cleanedMap(detail, undefined);
  } catch (e) {
    return { map: null, warning: `the article could not be cleaned again (${(e as Error).message.split('\n')[0]}); shown without marks or removed blocks` };
  }
  if (map.text !== text) return { map: null, warning: 'cleaning the stored input no longer gives the stored text (the cleaner changed since it was ingested); shown without marks or removed blocks' };
  cache.delete(key);
  cache.set(key, map);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return { map, warning: null };
}

const isSpan = (s: Span | undefined | null): s is Span =>
  !!s && Number.isFinite(s.start) && Number.isFinite(s.end) && s.end > s.start;

/**
 * Raw [s, e) → cleaned positions: the characters whose raw offset lies in [s, e), one
 * [from, to) per paragraph they fall in (separators between paragraphs belong to none).
 */
export class SpanMapper {
  private readonly sorted: ArrayLike<number>;
  /** Index of the k-th smallest offset; null when the offsets never decrease. */
  private readonly order: Int32Array | null;

  constructor(private readonly offsets: Int32Array, private readonly n: number, private readonly paraOf: Int32Array) {
    let monotonic = true;
    for (let i = 1; i < n && monotonic; i++) if (offsets[i]! < offsets[i - 1]!) monotonic = false;
    if (monotonic) {
      this.order = null;
      this.sorted = offsets.subarray(0, n);
    } else {
      const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => offsets[a]! - offsets[b]! || a - b);
      this.order = order;
      this.sorted = Int32Array.from(order, (i) => offsets[i]!);
    }
  }

  map(s: number, e: number): Array<{ para: number; from: number; to: number }> {
    const lo = lowerBound(this.sorted, s);
    const hi = lowerBound(this.sorted, e);
    const parts = new Map<number, { from: number; to: number }>();
    for (let k = lo; k < hi; k++) {
      const i = this.order ? this.order[k]! : k;
      const p = this.paraOf[i]!;
      if (p < 0) continue;
      const r = parts.get(p);
      if (!r) parts.set(p, { from: i, to: i + 1 });
      else { if (i < r.from) r.from = i; if (i + 1 > r.to) r.to = i + 1; }
    }
    return [...parts].map(([para, r]) => ({ para, ...r }));
  }
}

/** The reading view of one stored article. Never throws on odd records: it gives fewer marks. */
export function readingView(detail: ArticleDetail): ReadingView {
  const rec = detail.record;
  const info = rec?.article;
  const spinInfo = info?.spin;
  const spin = {
    detected: !!spinInfo?.detected,
    restored: (spinInfo?.restored ?? []).map((r) => ({ from: r.from, to: r.to, count: r.count })),
  };
  const text = info?.text ?? '';
  const { map, warning } = recoverMap(detail);
  const ranges = paragraphRanges(text);
  if (!map) {
    const blocks: ReadingBlock[] = ranges.map(([a, b]) => ({ kind: 'paragraph', text: text.slice(a, b), start: -1, end: -1, marks: [], removedInside: [] }));
    return { article: detail.article.key, blocks, spin, warning };
  }

  const n = text.length;
  const offsets = map.offsets;
  const paraOf = new Int32Array(n).fill(-1);
  const paras: Paragraph[] = ranges.map(([a, b], p) => {
    paraOf.fill(p, a, b);
    const start = offsets[a]!;
    return { kind: 'paragraph', text: text.slice(a, b), start, end: Math.max(start, offsets[b - 1]! + 1), marks: [], removedInside: [] };
  });

  // Marks.
  const mapper = new SpanMapper(offsets, n, paraOf);
  const mark = (span: Span | undefined | null, m: Omit<ReadingMark, 'from' | 'to'>) => {
    if (!isSpan(span)) return;
    for (const part of mapper.map(span.start, span.end)) {
      const para = paras[part.para]!;
      const base = ranges[part.para]![0];
      let from = part.from - base;
      let to = part.to - base;
      // Inserted separators carry the next character's offset: trim the whitespace they add.
      while (from < to && /\s/.test(para.text[from]!)) from++;
      while (to > from && /\s/.test(para.text[to - 1]!)) to--;
      if (to > from) para.marks.push({ from, to, ...m });
    }
  };
  const events = rec?.events ?? [];
  events.forEach((e, k) => {
    const event = detail.eventOf?.[k] ?? null;
    mark(e.evidence, { kind: 'evidence', ref: e.id, event });
    mark(e.trigger, { kind: 'trigger', ref: e.id, event });
  });
  (rec?.claims ?? []).forEach((c, k) => {
    const figure = detail.figureOf?.[k] ?? null;
    mark(c.evidence, { kind: 'claim', ref: c.id, figure });
    mark(c.figure, { kind: 'figure', ref: c.id, figure });
  });
  for (const ent of rec?.entities ?? []) for (const m of ent.mentions ?? []) mark(m, { kind: 'entity', ref: ent.id });
  for (const p of paras) p.marks.sort((a, b) => a.from - b.from || b.to - a.to);

  // Removed blocks: inside the paragraph whose raw range holds them, else before the first
  // paragraph that starts after them.
  const removed = (info?.removed ?? [])
    .filter((r): r is RemovedSpan => !!r && Number.isFinite(r.start) && Number.isFinite(r.end))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const byStart = paras.map((_, p) => p).sort((a, b) => paras[a]!.start - paras[b]!.start || a - b);
  const starts = byStart.map((p) => paras[p]!.start);
  const between: RemovedSpan[] = [];
  for (const r of removed) {
    const rtext = r.text ?? detail.raw.slice(r.start, r.end);
    const k = lowerBound(starts, r.start + 1) - 1;
    const p = k >= 0 ? paras[byStart[k]!]! : null;
    if (p && r.start < p.end && r.end <= p.end) p.removedInside.push({ kind: r.kind, text: rtext });
    else between.push(r);
  }
  const blocks: ReadingBlock[] = [];
  let next = 0;
  const flush = (before: number) => {
    while (next < between.length && between[next]!.start < before) {
      const r = between[next++]!;
      const rtext = r.text ?? detail.raw.slice(r.start, r.end);
      blocks.push({ kind: 'removed', removed: r.kind, text: rtext, start: r.start, end: r.end, chars: rtext.length });
    }
  };
  for (const p of paras) {
    flush(p.start);
    blocks.push(p);
  }
  flush(Infinity);
  return { article: detail.article.key, blocks, spin, warning };
}
