import type { EventDate } from '../time/types.js';

/** A gold date string: "YYYY", "YYYY-MM", "YYYY-MM-DD" or "start/end". */
export function goldDate(s: string): { start: string; end: string; precision: string } {
  if (s.includes('/')) {
    const [a, b] = s.split('/') as [string, string];
    return { start: a, end: b, precision: 'range' };
  }
  return { start: s, end: s, precision: s.length === 10 ? 'day' : s.length === 7 ? 'month' : 'year' };
}

/** Same date at the same precision (ranges: same bounds; decades count as ranges). */
export function sameDate(got: EventDate | { start: string | null; end: string | null; precision: string }, gold: string): boolean {
  const g = goldDate(gold);
  const precision = got.precision === 'decade' ? 'range' : got.precision;
  if (precision !== g.precision) return false;
  if (g.precision === 'range') return got.start === g.start && got.end === g.end;
  return got.start === g.start;
}

/** Index in a derived text of the first character mapped at or after a raw offset. */
export function rawToDerived(offsets: Int32Array, raw: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! < raw) lo = mid + 1; else hi = mid;
  }
  return lo;
}
