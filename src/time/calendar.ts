// Calendar arithmetic on plain year/month/day numbers (no time zones: news dates are dates).

export interface Ymd { y: number; m: number; d: number }

const pad = (n: number) => String(n).padStart(2, '0');

export function fmtDay(t: Ymd): string { return `${t.y}-${pad(t.m)}-${pad(t.d)}`; }
export function fmtMonth(y: number, m: number): string { return `${y}-${pad(m)}`; }

export function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);
}

function toUtc(t: Ymd): number { return Date.UTC(t.y, t.m - 1, t.d); }
function fromUtc(ms: number): Ymd {
  const x = new Date(ms);
  return { y: x.getUTCFullYear(), m: x.getUTCMonth() + 1, d: x.getUTCDate() };
}

export function addDays(t: Ymd, n: number): Ymd { return fromUtc(toUtc(t) + n * 86400000); }

export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const k = y * 12 + (m - 1) + n;
  return { y: Math.floor(k / 12), m: (k % 12 + 12) % 12 + 1 };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(t: Ymd): number { return new Date(toUtc(t)).getUTCDay(); }

export function parseYmd(s: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? { y: +m[1]!, m: +m[2]!, d: +m[3]! } : null;
}

export function compare(a: Ymd, b: Ymd): number { return toUtc(a) - toUtc(b); }

/** First and last day covered by a "YYYY", "YYYY-MM" or "YYYY-MM-DD" value. */
export function bounds(v: string): { first: Ymd; last: Ymd } | null {
  const p = v.split('-').map(Number);
  const y = p[0]!;
  if (!Number.isFinite(y)) return null;
  if (p.length === 1) return { first: { y, m: 1, d: 1 }, last: { y, m: 12, d: 31 } };
  const m = p[1]!;
  if (p.length === 2) return { first: { y, m, d: 1 }, last: { y, m, d: lastDay(y, m) } };
  return { first: { y, m, d: p[2]! }, last: { y, m, d: p[2]! } };
}
