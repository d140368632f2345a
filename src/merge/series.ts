// The cooperation–conflict index: monthly series per direction of a dyad over merged events.
import { QUADS, type Quad } from '../contract.js';
import type { IndexPoint, MergedEvent } from '../record/types.js';

export interface IndexOptions {
  /** ISO3 countries of the dyad, e.g. ['USA', 'MEX']: both directions are returned. */
  dyad: [string, string];
  from?: string;
  to?: string;
}

export interface IndexSeries {
  dyad: [string, string];
  points: IndexPoint[];
  /** Events of the dyad left out of the monthly series because their date is not month-precise. */
  undated: number;
  /** Negated and hypothetical events of the dyad, left out. */
  excluded: number;
}

const zero = (): Record<Quad, number> => ({ 'verbal-cooperation': 0, 'material-cooperation': 0, 'verbal-conflict': 0, 'material-conflict': 0 });

function nextMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

/** The month of an event, when its date is precise to a month or better (a range counts at its start). */
export function eventMonth(e: Pick<MergedEvent, 'date'>): string | null {
  const d = e.date;
  if (!d.start || d.precision === 'unknown' || d.precision === 'year' || d.precision === 'decade' || !/^\d{4}-\d{2}/.test(d.start)) return null;
  if (d.precision === 'range' && d.end && d.end.slice(0, 7) !== d.start.slice(0, 7)) return null;
  return d.start.slice(0, 7);
}

/**
 * Monthly counts by quad class and the sum and mean of PLOVER scores, per direction. Negated
 * and hypothetical events are left out; alleged, considered and future ones are counted apart
 * and add nothing to the scores. Months between the first and the last are filled with zeros.
 */
export function indexSeries(events: Iterable<MergedEvent>, opts: IndexOptions): IndexSeries {
  const [a, b] = opts.dyad;
  const dirs = [`${a}>${b}`, `${b}>${a}`];
  const by = new Map<string, IndexPoint>();
  let undated = 0;
  let excluded = 0;
  let first: string | null = null;
  let last: string | null = null;
  for (const e of events) {
    const dir = e.actorCountry === a && e.recipientCountry === b ? dirs[0]! : e.actorCountry === b && e.recipientCountry === a ? dirs[1]! : null;
    if (!dir) continue;
    if (e.factuality === 'negated' || e.factuality === 'hypothetical') { excluded++; continue; }
    const month = eventMonth(e);
    if (!month) { undated++; continue; }
    if ((opts.from && month < opts.from.slice(0, 7)) || (opts.to && month > opts.to.slice(0, 7))) continue;
    if (!first || month < first) first = month;
    if (!last || month > last) last = month;
    const k = `${month}|${dir}`;
    let p = by.get(k);
    if (!p) by.set(k, (p = { month, direction: dir, counts: zero(), alleged: 0, considered: 0, future: 0, events: 0, scoreSum: 0, scoreMean: null }));
    if (e.factuality === 'alleged') p.alleged++;
    else if (e.factuality === 'considered') p.considered++;
    else if (e.factuality === 'future') p.future++;
    else {
      p.counts[e.quad]++;
      p.events++;
      p.scoreSum += e.score;
    }
  }
  const points: IndexPoint[] = [];
  if (first && last) {
    for (let m = first; m <= last; m = nextMonth(m)) {
      for (const dir of dirs) {
        const p = by.get(`${m}|${dir}`) ?? { month: m, direction: dir, counts: zero(), alleged: 0, considered: 0, future: 0, events: 0, scoreSum: 0, scoreMean: null };
        p.scoreSum = Math.round(p.scoreSum * 100) / 100;
        p.scoreMean = p.events ? Math.round((p.scoreSum / p.events) * 100) / 100 : null;
        points.push(p);
      }
    }
  }
  return { dyad: opts.dyad, points, undated, excluded };
}

export { QUADS };
