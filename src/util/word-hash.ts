// A 65,536-bit hash set of words, for scanners that hash each word of a text while reading it
// and look it up in a Map only when its bit is set (most words of a text are in no list, and
// slicing and hashing a string per word costs more than the list lookups that remain).

import { isLetter, width } from './chars.js';

/** FNV-1a over UTF-16 code units, one unit at a time: `h = fnv(h, code)` from `FNV_START`. */
export const FNV_START = 0x811c9dc5;
export const fnv = (h: number, c: number): number => Math.imul(h ^ c, 16777619);

const bit16 = (h: number): number => (h ^ (h >>> 16)) & 0xffff;

export class WordHashSet {
  private readonly bits = new Uint32Array(2048);

  constructor(words: Iterable<string>) {
    for (const w of words) {
      let h = FNV_START;
      for (let i = 0; i < w.length; i++) h = fnv(h, w.charCodeAt(i));
      const b = bit16(h);
      this.bits[b >>> 5]! |= 1 << (b & 31);
    }
  }

  /** Might a word with this hash be in the set? (No false negatives.) */
  has(h: number): boolean {
    const b = bit16(h);
    return (this.bits[b >>> 5]! & (1 << (b & 31))) !== 0;
  }
}

/**
 * Calls `f` with the [start, end) of each maximal run of \p{L} in `s`, in order (as /\p{L}+/gu
 * finds them), and the run's hash (FNV-1a of its code units). `f` may return where to go on
 * reading (after a phrase it matched); by default the scan goes on after the run.
 */
export function scanLetterRuns(s: string, f: (start: number, end: number, hash: number) => number | void): void {
  for (let i = 0; i < s.length;) {
    const cp = s.codePointAt(i)!;
    if (!isLetter(cp)) {
      i += width(cp);
      continue;
    }
    const start = i;
    let h = FNV_START;
    for (let c: number | undefined = cp; c !== undefined && isLetter(c); c = s.codePointAt(i)) {
      h = fnv(h, s.charCodeAt(i));
      if (c > 0xffff) h = fnv(h, s.charCodeAt(i + 1));
      i += width(c);
    }
    const next = f(start, i, h);
    if (typeof next === 'number' && next > start) i = next;
  }
}
