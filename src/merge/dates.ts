// Event dates as day intervals, for deciding whether two reports can be of the same event
// "at the coarser precision": 2020-10-15 fits 2020-10 and 2020; 2020-10-15 and 2020-10-17 do not.
import type { EventDate } from '../contract.js';

/** Days since 1970-01-01 of an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), taking its first day. */
export function dayStart(v: string): number | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v);
  if (!m) return null;
  return Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1) / 86_400_000;
}

/** Days since 1970-01-01 of the last day an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) covers. */
export function dayEnd(v: string): number | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v);
  if (!m) return null;
  const y = Number(m[1]);
  if (m[3]) return Date.UTC(y, Number(m[2]) - 1, Number(m[3])) / 86_400_000;
  if (m[2]) return Date.UTC(y, Number(m[2]), 0) / 86_400_000;
  return Date.UTC(y, 11, 31) / 86_400_000;
}

const isoDay = (days: number) => new Date(days * 86_400_000).toISOString().slice(0, 10);

/** First and last day (YYYY-MM-DD) an ISO date of any precision covers (`end` defaults to `start`). */
export function dayBounds(start: string | null, end: string | null): [string | null, string | null] {
  const from = start ? dayStart(start) : null;
  const to = start ? dayEnd(end ?? start) : null;
  return from === null || to === null ? [null, null] : [isoDay(from), isoDay(to)];
}

/** A closed interval of days; `loose` when the date is only an upper bound (the publication date). */
export interface DayRange { from: number; to: number; width: number }

/**
 * The days an event date allows, or null when it gives none. A date taken from the
 * publication date ("basis: publication") only says the event happened by then.
 */
export function dayRange(d: EventDate | null | undefined): DayRange | null {
  if (!d || !d.start || d.precision === 'unknown') return null;
  const from = dayStart(d.start);
  const to = dayEnd(d.end ?? d.start);
  if (from === null || to === null || to < from) return null;
  if (d.basis === 'publication') return { from: -Infinity, to, width: Infinity };
  return { from, to, width: to - from + 1 };
}

/** Two day ranges overlap, allowing `slack` days between exact days (outlets a day apart). */
export function overlaps(a: DayRange, b: DayRange, slack = 1): boolean {
  const s = a.width === 1 && b.width === 1 ? slack : 0;
  return a.from <= b.to + s && b.from <= a.to + s;
}

/** The common part of two overlapping ranges (the first when they only touch by the slack). */
export function intersect(a: DayRange, b: DayRange): DayRange {
  const from = Math.max(a.from, b.from);
  const to = Math.min(a.to, b.to);
  if (to < from) return a;
  return { from, to, width: to - from + 1 };
}
