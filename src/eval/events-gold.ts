import { sameDate } from './time-gold.js';

/** A gold event (../shared/spec/gold/FORMAT.md). */
export interface GoldEvent {
  id: string;
  anchor: string;
  also?: string[];
  types: string[];
  mode?: string | null;
  actor: Array<{ country: string | null; sector?: string | null; name?: string }>;
  recipient: Array<{ country: string | null; sector?: string | null; name?: string }> | null;
  date: string | null;
  factuality: string;
  attribution?: string | null;
  optional?: boolean;
}

export interface GoldClaim { id: string; anchor: string; measure: string; value: number; bound?: string; unit?: string; place?: string | null; period?: string | null }

/** The parts of a predicted event the scorer reads. */
export interface PredEvent {
  type: string;
  actor: Array<{ country?: string | null }>;
  recipient: Array<{ country?: string | null }>;
  date: { start: string | null; end: string | null; precision: string };
  factuality: string;
  evidence: { text: string };
}

export interface PredClaim { measure: string; value: number; evidence: { text: string } }

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function mentions(evidence: string, g: GoldEvent): boolean {
  const e = norm(evidence);
  return [g.anchor, ...(g.also ?? [])].some((p) => e.includes(norm(p)));
}

const countries = (xs: Array<{ country?: string | null }> | null | undefined) =>
  [...new Set((xs ?? []).map((x) => x.country).filter((c): c is string => !!c))].sort().join(',');

export interface EventScore {
  predicted: number;
  gold: number;
  matched: number;
  /** Predictions that matched an optional gold event: neither rewarded nor punished. */
  optionalHits: number;
  precision: number;
  recall: number;
  f1: number;
  actorCountry: { right: number; of: number };
  recipientCountry: { right: number; of: number };
  date: { right: number; of: number };
  factuality: { right: number; of: number };
  byType: Record<string, { tp: number; fp: number; fn: number }>;
  misses: string[];
}

/**
 * Score predicted events against gold: a prediction matches a gold event when its evidence
 * sentence holds the gold anchor (or one of its `also` phrases) and its type is one the gold
 * accepts. Each gold event and each prediction match at most once.
 */
export function scoreEvents(pred: PredEvent[], gold: GoldEvent[]): EventScore {
  const usedGold = new Set<number>();
  const s: EventScore = {
    predicted: 0, gold: gold.filter((g) => !g.optional).length, matched: 0, optionalHits: 0,
    precision: 0, recall: 0, f1: 0,
    actorCountry: { right: 0, of: 0 }, recipientCountry: { right: 0, of: 0 }, date: { right: 0, of: 0 }, factuality: { right: 0, of: 0 },
    byType: {}, misses: [],
  };
  const bump = (t: string, k: 'tp' | 'fp' | 'fn') => { (s.byType[t] ??= { tp: 0, fp: 0, fn: 0 })[k]++; };
  for (const p of pred) {
    const gi = gold.findIndex((g, i) => !usedGold.has(i) && g.types.includes(p.type) && mentions(p.evidence.text, g));
    if (gi < 0) { s.predicted++; bump(p.type, 'fp'); continue; }
    usedGold.add(gi);
    const g = gold[gi]!;
    if (g.optional) { s.optionalHits++; continue; }
    s.predicted++;
    s.matched++;
    bump(p.type, 'tp');
    if (g.actor.some((a) => a.country)) {
      s.actorCountry.of++;
      if (countries(p.actor) === countries(g.actor)) s.actorCountry.right++;
    }
    if (g.recipient && g.recipient.some((a) => a.country)) {
      s.recipientCountry.of++;
      if (countries(p.recipient) === countries(g.recipient)) s.recipientCountry.right++;
    }
    if (g.date) {
      s.date.of++;
      if (sameDate(p.date, g.date)) s.date.right++;
    }
    s.factuality.of++;
    if (p.factuality === g.factuality) s.factuality.right++;
  }
  gold.forEach((g, i) => {
    if (!g.optional && !usedGold.has(i)) { bump(g.types[0]!, 'fn'); s.misses.push(`${g.id} ${g.types.join('/')}: "${g.anchor}"`); }
  });
  s.precision = s.predicted ? s.matched / s.predicted : 0;
  s.recall = s.gold ? s.matched / s.gold : 0;
  s.f1 = s.precision + s.recall ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0;
  return s;
}

/** Gold figures found: a predicted claim whose evidence holds the anchor and whose value is the gold value. */
export function scoreClaims(pred: PredClaim[], gold: GoldClaim[]): { found: number; of: number; misses: string[] } {
  let found = 0;
  const misses: string[] = [];
  for (const g of gold) {
    const hit = pred.some((p) => norm(p.evidence.text).includes(norm(g.anchor)) && Math.abs(p.value - g.value) <= Math.abs(g.value) * 1e-9);
    if (hit) found++; else misses.push(`${g.id} ${g.measure} ${g.value}: "${g.anchor}"`);
  }
  return { found, of: gold.length, misses };
}
