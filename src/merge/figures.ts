// Figures registry: the claims of one measure, unit, place and period across articles, with
// agreement or disagreement between independent sources flagged and every claim kept.
import { createHash } from 'node:crypto';
import type { Claim } from '../contract.js';
import type { ClaimMention, FigureGroup } from '../record/types.js';

/** An article's claim as the registry sees it: where it was cited and by which independent source. */
export function claimMention(c: Claim, at: { id: string; article: string; cluster: string; outlet: string | null }): ClaimMention {
  return {
    ...at, measure: c.measure, value: c.value, valueMax: c.valueMax, bound: c.bound, unit: c.unit,
    place: c.place, period: c.period, attribution: c.attribution, evidence: c.evidence,
  };
}

/** The values a claim allows: exact figures are read as rounded (±2%), "about" as ±10%. */
export function claimInterval(c: Pick<ClaimMention, 'value' | 'valueMax' | 'bound'>): [number, number] {
  const v = c.value;
  switch (c.bound) {
    case 'over': return [v, Infinity];
    case 'under': return [-Infinity, v];
    case 'range': return [Math.min(v, c.valueMax ?? v), Math.max(v, c.valueMax ?? v)];
    case 'about': return [v - Math.abs(v) * 0.1, v + Math.abs(v) * 0.1];
    default: return [v - Math.abs(v) * 0.02, v + Math.abs(v) * 0.02];
  }
}

const periodKey = (p: ClaimMention['period']) => (p && (p.start || p.end) ? `${p.start ?? ''}/${p.end ?? ''}` : '');

/** Group claims by measure, unit, place and period (undated claims only within their source); claims come in ingest order. */
export function groupFigures(claims: Iterable<ClaimMention>): FigureGroup[] {
  const groups = new Map<string, ClaimMention[]>();
  for (const c of claims) {
    // Without a period two sources' figures may be about different years: they are not compared.
    const period = periodKey(c.period);
    const k = [c.measure, c.unit, c.place ?? '', period || `source:${c.cluster}`].join('|');
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(c);
  }
  const out: FigureGroup[] = [];
  for (const [k, cs] of groups) {
    const first = cs[0]!;
    // Values that fit every claim exist exactly when the largest lower end is at most the smallest upper end.
    let lo = -Infinity;
    let hi = Infinity;
    for (const c of cs) {
      const [a, b] = claimInterval(c);
      lo = Math.max(lo, a);
      hi = Math.min(hi, b);
    }
    const sources = new Set(cs.map((c) => c.cluster)).size;
    const values = cs.flatMap((c) => (c.valueMax !== null ? [c.value, c.valueMax] : [c.value]));
    out.push({
      id: `fig-${createHash('sha1').update(k).digest('hex').slice(0, 16)}`,
      measure: first.measure,
      unit: first.unit,
      place: first.place,
      period: first.period ? { start: first.period.start, end: first.period.end, precision: first.period.precision } : null,
      agreement: sources < 2 ? 'single' : lo <= hi ? 'agree' : 'disagree',
      low: Math.min(...values),
      high: Math.max(...values),
      sources,
      claims: cs,
    });
  }
  return out;
}
