/**
 * The text lower-cased as a whole when that keeps one character per character, so offsets
 * into it are offsets into the text; else null. It does unless a character changes length
 * (Turkish İ); a capital sigma is excluded too, its lower case depending on its context.
 */
export function lowerSameOffsets(s: string): string | null {
  const lower = s.toLowerCase();
  return lower.length === s.length && !s.includes('Σ') ? lower : null;
}
