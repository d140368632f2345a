import type { SpinInfo, SpinRestoration } from '../contract.js';
import { lowerSameOffsets } from '../util/case.js';
import { isLetterOrDigit, width } from '../util/chars.js';
import { MappedText, TextMap } from '../util/offsets.js';
import { FNV_START, fnv } from '../util/word-hash.js';
import { matchAt, spinTable, type SpinEntry, type SpinTable } from './table.js';

export interface SpinResult {
  info: SpinInfo;
  /** The analysis text (restored when spun, else the cleaned text) mapped onto the cleaned text. */
  analysis: TextMap;
}

interface Hit { start: number; end: number; entry: SpinEntry; text: string }

// Detection needs several distinct tell-tale phrases at a meaningful density: one odd
// phrase ("White Home" as a pun) must not brand an honest article as a spun copy.
const MIN_DISTINCT_STRONG = 2;
const MIN_WEIGHT_PER_100_WORDS = 0.35;
const WEAK_WEIGHT = 0.2;

function transferCase(matched: string, replacement: string, entry: SpinEntry): string {
  if (matched === matched.toUpperCase() && /\p{Lu}/u.test(matched) && matched !== entry.spun) return replacement.toUpperCase();
  if (!entry.caseSensitive && /^\p{Lu}/u.test(matched)) return replacement[0]!.toUpperCase() + replacement.slice(1);
  return replacement;
}

/** Number of matches of [\p{L}\p{N}]+ (flags gu), counted without collecting them. */
function letterRuns(text: string): number {
  let n = 0;
  let inRun = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let ln: boolean;
    if (c < 128) {
      ln = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    } else {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      ln = isLetterOrDigit(cp);
    }
    if (ln && !inRun) n++;
    inRun = ln;
  }
  return n;
}

/** Joiners a word may hold and end with: . ' - ’ */
const isJoiner = (c: number) => c === 46 || c === 39 || c === 45 || c === 0x2019;

/**
 * Score how machine-spun a text is and, when it is, restore the original phrases.
 * Unspun texts are returned untouched (the analysis text is the cleaned text).
 */
export function spin(text: string, table: SpinTable = spinTable()): SpinResult {
  // Word by word: candidates share the word's first token; the longest phrase that matches
  // under its case rule wins, and matching resumes after it.
  const hits: Hit[] = [];
  // Words as /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu reads them, with a scanner (util/chars.ts).
  // Words are read from the lower-cased text when that keeps every offset.
  const lowered = lowerSameOffsets(text);
  const src = lowered ?? text;
  const known = table.firstWordHashes;
  for (let i = 0; i < src.length;) {
    const cp = src.codePointAt(i)!;
    if (!isLetterOrDigit(cp)) {
      i += width(cp);
      continue;
    }
    const start = i;
    // Hash of the word so far (code units), and of the word up to its last letter or digit.
    let h = fnv(FNV_START, src.charCodeAt(i));
    if (cp > 0xffff) h = fnv(h, src.charCodeAt(i + 1));
    i += width(cp);
    let end = i;
    let hEnd = h;
    while (i < src.length) {
      const c = src.codePointAt(i)!;
      if (isJoiner(c)) {
        h = fnv(h, c);
        i++;
      } else if (isLetterOrDigit(c)) {
        h = fnv(h, src.charCodeAt(i));
        if (c > 0xffff) h = fnv(h, src.charCodeAt(i + 1));
        end = i += width(c);
        hEnd = h;
      } else break;
    }
    // The word without trailing joiners ("U.S." → "u.s"), then as written.
    const trailing = end < i;
    if (lowered && !known.has(hEnd) && !(trailing && known.has(h))) continue;
    const w = src.slice(start, i);
    const lower = lowered ? w : w.toLowerCase();
    const key = trailing ? w.replace(/[.'’-]+$/, '').toLowerCase() : lower;
    const list = table.byFirstWord.get(key) ?? (trailing ? table.byFirstWord.get(lower) : undefined);
    if (!list) continue;
    for (const entry of list) {
      const got = matchAt(text, start, entry);
      if (got) {
        hits.push({ start, end: start + got.length, entry, text: got });
        i = start + got.length;
        break;
      }
    }
  }
  const words = letterRuns(text) || 1;
  const strong = hits.filter((h) => h.entry.strong);
  const distinctStrong = new Set(strong.map((h) => h.entry.spun.toLowerCase())).size;
  const weight = strong.length + WEAK_WEIGHT * (hits.length - strong.length);
  const per100 = (weight * 100) / words;
  const score = Math.round(Math.min(1, per100 / (MIN_WEIGHT_PER_100_WORDS * 4)) * 1000) / 1000;
  const detected = distinctStrong >= MIN_DISTINCT_STRONG && per100 >= MIN_WEIGHT_PER_100_WORDS;
  if (!detected) {
    return { info: { detected: false, score, restored: [] }, analysis: TextMap.identity(text) };
  }
  const out = new MappedText();
  const counts = new Map<string, SpinRestoration>();
  let pos = 0;
  for (const h of hits) {
    out.copy(text.slice(pos, h.start), pos);
    const to = transferCase(h.text, h.entry.original, h.entry);
    const offs = Array.from({ length: to.length }, (_, k) => h.start + Math.min(k, h.end - h.start - 1));
    out.mapped(to, offs);
    pos = h.end;
    const key = `${h.entry.spun}\u0000${h.entry.original}`;
    const r = counts.get(key) ?? { from: h.entry.spun, to: h.entry.original, count: 0 };
    r.count++;
    counts.set(key, r);
  }
  out.copy(text.slice(pos), pos);
  return {
    info: { detected: true, score, restored: [...counts.values()].sort((a, b) => b.count - a.count) },
    analysis: out.finish(text.length),
  };
}
