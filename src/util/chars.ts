// Unicode character classes by code point, for hand-written scanners over a whole article.
// V8 runs a global /[\p{L}\p{N}]…/gu search several times slower than a loop over char codes
// (each step walks the property tables and every hit allocates a match), so hot scanners read
// the classes here instead: a byte per BMP code point, filled on first use from the same
// regex properties, so the classes are exactly the regexes'.

const KNOWN = 1;
const LETTER = 2;
const DIGIT = 4;
const UPPER = 8;

const bmp = new Uint8Array(0x10000);

function compute(cp: number): number {
  const s = String.fromCodePoint(cp);
  return KNOWN | (/\p{L}/u.test(s) ? LETTER : 0) | (/\p{N}/u.test(s) ? DIGIT : 0) | (/\p{Lu}/u.test(s) ? UPPER : 0);
}

function flags(cp: number): number {
  if (cp >= 0x10000) return compute(cp);
  let f = bmp[cp]!;
  if (f === 0) {
    f = compute(cp);
    bmp[cp] = f;
  }
  return f;
}

/** \p{L} */
export const isLetter = (cp: number): boolean => (flags(cp) & LETTER) !== 0;
/** [\p{L}\p{N}] */
export const isLetterOrDigit = (cp: number): boolean => (flags(cp) & (LETTER | DIGIT)) !== 0;
/** \p{Lu} */
export const isUpper = (cp: number): boolean => (flags(cp) & UPPER) !== 0;

/** UTF-16 units taken by a code point. */
export const width = (cp: number): number => (cp > 0xffff ? 2 : 1);

/** The code point ending right before index `i` of `s` (a surrogate pair read whole), or 0 when `i` is at `floor` (nothing before). */
export function codePointBefore(s: string, i: number, floor = 0): number {
  if (i <= floor) return 0;
  const lo = s.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i - 2 >= floor) {
    const hi = s.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return (hi - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
  }
  return lo;
}
