// A 65,536-bit hash set of words, for scanners that hash each word of a text while reading it
// and look it up in a Map only when its bit is set (most words of a text are in no list, and
// slicing and hashing a string per word costs more than the list lookups that remain).

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
