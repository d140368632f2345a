// Cross-article event merge: mentions of the same real-world event (same type, compatible
// mode, a shared named participant, dates compatible at the coarser precision, no conflicting
// country or place) become one event with all its mentions, its independent sources and
// the factuality each source gives. Deterministic for a given mention order; re-running it
// over the stored mentions rebuilds every merged event from scratch.
import { createHash } from 'node:crypto';
import type { EventParticipant, Factuality, Quad } from '../contract.js';
import type { EventMention, FactualityCounts, MergedEvent } from '../record/types.js';
import { dayRange, intersect, overlaps, type DayRange } from './dates.js';

interface Side {
  /** Entity ids of named (not implicit) participants. */
  entities: Set<string>;
  /** Countries of named participants. */
  countries: Set<string>;
  /** Sectors of named participants. */
  sectors: Set<string>;
}

interface Cluster {
  id: string;
  type: string;
  mentions: EventMention[];
  actor: Side;
  recipient: Side;
  /** The days every dated mention allows (their intersection). */
  days: DayRange | null;
  placeCountry: string | null;
  why: string[];
}

function side(ps: EventParticipant[]): Side {
  const s: Side = { entities: new Set(), countries: new Set(), sectors: new Set() };
  for (const p of ps) {
    if (p.implicit) continue;
    if (p.entity) s.entities.add(p.entity);
    if (p.country) s.countries.add(p.country);
    if (p.sector) s.sectors.add(p.sector);
  }
  return s;
}

const shared = (a: Set<string>, b: Set<string>): string[] => [...a].filter((x) => b.has(x));
const disjoint = (a: Set<string>, b: Set<string>) => a.size > 0 && b.size > 0 && shared(a, b).length === 0;

function fmtDays(r: DayRange | null): string {
  if (!r) return 'undated';
  if (r.from === -Infinity) return `by ${new Date(r.to * 86_400_000).toISOString().slice(0, 10)}`;
  const a = new Date(r.from * 86_400_000).toISOString().slice(0, 10);
  const b = new Date(r.to * 86_400_000).toISOString().slice(0, 10);
  return a === b ? a : `${a}…${b}`;
}

/**
 * Whether a mention can join a cluster, and why. A shared named participant (an entity of the
 * pack) on either side is required, the other side must not name different countries (nor
 * different entities, for a recipient or the speaker of a statement), and the
 * dates must overlap (an undated report needs more, see below). Without a shared entity, two
 * reports join only when both are dated to the same day and name the same countries and
 * sectors on both sides.
 */
function fit(m: EventMention, ms: { actor: Side; recipient: Side; days: DayRange | null; place: string | null }, c: Cluster): { score: number; reasons: string[] } | null {
  if (m.type !== c.type) return null;
  const mode = c.mentions[0]!.mode;
  if (m.mode && mode && m.mode !== mode) return null;
  const reasons = [`same type ${m.type}${m.mode ?? mode ? `/${m.mode ?? mode}` : ''}`];
  let score = 0;
  let sides = 0;
  for (const [name, a, b] of [['actor', ms.actor, c.actor], ['recipient', ms.recipient, c.recipient]] as const) {
    const ents = shared(a.entities, b.entities);
    if (ents.length) { score += 2; sides++; reasons.push(`${name} ${ents.join(', ')} in both`); continue; }
    // Different named recipients are different events (two arrests); so are different named
    // speakers of a statement. Outlets crediting different agencies with one act are not.
    if (disjoint(a.entities, b.entities) && (name === 'recipient' || /^verbal-/.test(m.quad))) return null;
    if (disjoint(a.countries, b.countries)) return null;
    const cs = shared(a.countries, b.countries);
    if (cs.length) { score += 0.5; reasons.push(`${name} country ${cs.join(', ')} in both`); }
  }
  if (ms.place && c.placeCountry && ms.place !== c.placeCountry) return null;
  if (ms.days && c.days) {
    if (!overlaps(ms.days, c.days)) return null;
    reasons.push(`dates ${fmtDays(ms.days)} and ${fmtDays(c.days)} compatible`);
    score += ms.days.width <= 31 && c.days.width <= 31 ? 1 : 0.5;
  } else {
    // An undated report joins on one shared participant only for a material act (an arrest,
    // an extradition, a killing: rare for one person); a statement or a meeting needs both sides.
    const material = /^material-/.test(m.quad);
    if (sides === 0 || (sides === 1 && !material)) return null;
    reasons.push(`${ms.days ? 'the event so far' : 'this mention'} undated`);
  }
  if (sides === 0) {
    // No shared entity: only same-day reports with the same countries and sectors on both sides.
    const sameDay = ms.days && c.days && ms.days.width === 1 && c.days.width === 1;
    const same = (a: Side, b: Side) => a.countries.size > 0 && shared(a.countries, b.countries).length === a.countries.size &&
      a.sectors.size > 0 && shared(a.sectors, b.sectors).length > 0;
    if (!(sameDay && same(ms.actor, c.actor) && same(ms.recipient, c.recipient))) return null;
    reasons.push('same day, same countries and sectors on both sides');
  }
  return { score, reasons };
}

function join(into: Side, s: Side): void {
  for (const x of s.entities) into.entities.add(x);
  for (const x of s.countries) into.countries.add(x);
  for (const x of s.sectors) into.sectors.add(x);
}

/** Which factuality a set of sources gives: disagreement between asserting and denying sources is "disputed". */
export function aggregateFactuality(counts: FactualityCounts): Factuality {
  const n = (f: Factuality) => counts[f] ?? 0;
  if (n('asserted') > 0 && (n('denied') > 0 || n('disputed') > 0)) return 'disputed';
  const order: Factuality[] = ['asserted', 'disputed', 'denied', 'alleged', 'future', 'considered', 'hypothetical', 'negated'];
  let best: Factuality = 'asserted';
  let bestN = -1;
  for (const f of order) if (n(f) > bestN) { best = f; bestN = n(f); }
  return best;
}

function mostCommon<T>(xs: T[]): T | null {
  const c = new Map<T, number>();
  let best: T | null = null;
  let bestN = 0;
  for (const x of xs) {
    const k = (c.get(x) ?? 0) + 1;
    c.set(x, k);
    if (k > bestN) { best = x; bestN = k; }
  }
  return best;
}

/** Participants of all mentions, one per entity (or per text when unnamed), named ones first. */
function participants(lists: EventParticipant[][]): EventParticipant[] {
  const seen = new Map<string, EventParticipant>();
  for (const list of lists) for (const p of list) {
    const k = p.entity ?? `${p.implicit ? '~' : ''}${p.country ?? ''}:${p.sector ?? ''}:${p.text.toLowerCase()}`;
    if (!seen.has(k)) seen.set(k, p);
  }
  const all = [...seen.values()];
  const named = all.filter((p) => !p.implicit);
  // An implicit participant is kept only when no mention names that side.
  return named.length ? named : all.slice(0, 1);
}

const mainCountry = (ps: EventParticipant[]): string | null => mostCommon(ps.filter((p) => p.country && !p.implicit).map((p) => p.country!)) ?? ps.find((p) => p.country)?.country ?? null;

function finish(c: Cluster): MergedEvent {
  const ms = c.mentions;
  const first = ms[0]!;
  // One vote per independent source for each value it gives.
  const bySource = new Map<string, Set<Factuality>>();
  for (const m of ms) {
    let s = bySource.get(m.cluster);
    if (!s) bySource.set(m.cluster, (s = new Set()));
    s.add(m.factuality);
  }
  const counts: FactualityCounts = {};
  for (const s of bySource.values()) for (const f of s) counts[f] = (counts[f] ?? 0) + 1;
  // The most precise date, preferring explicit ones, among the mentions.
  const dated = ms.filter((m) => dayRange(m.date));
  const rank = (m: EventMention) => (dayRange(m.date)!.width) + (m.date.basis === 'explicit' ? 0 : 0.5);
  const bestDate = dated.length ? dated.reduce((a, b) => (rank(b) < rank(a) ? b : a)).date : first.date;
  const actor = participants(ms.map((m) => m.actor));
  const recipient = participants(ms.map((m) => m.recipient));
  // Confidence: the chance that at least one independent source is right.
  const bestBySource = new Map<string, number>();
  for (const m of ms) bestBySource.set(m.cluster, Math.max(bestBySource.get(m.cluster) ?? 0, m.confidence));
  let miss = 1;
  for (const v of bestBySource.values()) miss *= 1 - v;
  const mode = mostCommon(ms.map((m) => m.mode).filter((x): x is string => !!x));
  const withMode = ms.find((m) => m.mode === mode) ?? first;
  return {
    id: c.id,
    type: c.type,
    mode,
    quad: withMode.quad as Quad,
    score: withMode.score,
    cameo: withMode.cameo,
    contexts: [...new Set(ms.flatMap((m) => m.contexts))],
    actor,
    recipient,
    actorCountry: mainCountry(actor),
    recipientCountry: mainCountry(recipient),
    date: { ...bestDate },
    location: ms.find((m) => m.location)?.location ?? null,
    factuality: aggregateFactuality(counts),
    factualityCounts: counts,
    sources: bySource.size,
    outlets: [...new Set(ms.map((m) => m.outlet).filter((x): x is string => !!x))],
    evidence: { ...first.evidence, article: first.article },
    confidence: Math.round((1 - miss) * 1000) / 1000,
    mentions: ms.length,
    why: c.why,
  };
}

export interface MergeResult {
  events: MergedEvent[];
  /** Mention id → merged event id. */
  eventOf: Map<string, string>;
}

/** Blocking keys: a mention is compared only with clusters sharing its type and a participant or a country pair. */
function keys(m: EventMention, a: Side, r: Side): string[] {
  const out: string[] = [];
  for (const e of a.entities) out.push(`${m.type}|a|${e}`);
  for (const e of r.entities) out.push(`${m.type}|r|${e}`);
  for (const x of a.countries) for (const y of r.countries) out.push(`${m.type}|c|${x}|${y}`);
  return out;
}

/**
 * Merge event mentions into events. Mentions must come in a stable order (ingest order, then
 * position in the article). Dated mentions go first: the first mention of an event names it,
 * and each later one joins the best-fitting earlier event or starts its own. Undated mentions
 * come after, so that they never anchor an event that a dated report would then be kept out
 * of; each joins the best-fitting event (the most reported one on a tie) or stands alone.
 */
export function mergeEvents(mentions: Iterable<EventMention>): MergeResult {
  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster[]>();
  const eventOf = new Map<string, string>();
  const all = [...mentions].map((m) => ({ m, ms: { actor: side(m.actor), recipient: side(m.recipient), days: dayRange(m.date), place: m.location?.country ?? null } }));
  const ordered = [...all.filter((x) => x.ms.days), ...all.filter((x) => !x.ms.days)];
  for (const { m, ms } of ordered) {
    const ks = keys(m, ms.actor, ms.recipient);
    let best: { c: Cluster; score: number; reasons: string[] } | null = null;
    const seen = new Set<Cluster>();
    for (const k of ks) for (const c of byKey.get(k) ?? []) {
      if (seen.has(c)) continue;
      seen.add(c);
      const f = fit(m, ms, c);
      if (f && (!best || f.score > best.score || (f.score === best.score && c.mentions.length > best.c.mentions.length))) best = { c, ...f };
    }
    let c: Cluster;
    if (best) {
      c = best.c;
      const sameSource = c.mentions.some((x) => x.cluster === m.cluster);
      c.why.push(`${m.id} (${m.outlet ?? m.source}): ${best.reasons.join('; ')}${sameSource ? '; same source, no added corroboration' : ''}`);
      c.mentions.push(m);
      join(c.actor, ms.actor);
      join(c.recipient, ms.recipient);
      if (ms.days) c.days = c.days ? intersect(c.days, ms.days) : ms.days;
      c.placeCountry ??= ms.place;
    } else {
      c = {
        id: `ev-${createHash('sha1').update(m.id).digest('hex').slice(0, 16)}`,
        type: m.type,
        mentions: [m],
        actor: ms.actor,
        recipient: ms.recipient,
        days: ms.days,
        placeCountry: ms.place,
        why: [`${m.id} (${m.outlet ?? m.source}): first report`],
      };
      clusters.push(c);
    }
    for (const k of ks) {
      let list = byKey.get(k);
      if (!list) byKey.set(k, (list = []));
      if (!list.includes(c)) list.push(c);
    }
    eventOf.set(m.id, c.id);
  }
  // Mentions in a cluster, and clusters, back in report order.
  const pos = new Map(all.map((x, i) => [x.m.id, i] as const));
  for (const c of clusters) c.mentions.sort((a, b) => pos.get(a.id)! - pos.get(b.id)!);
  clusters.sort((a, b) => pos.get(a.mentions[0]!.id)! - pos.get(b.mentions[0]!.id)!);
  return { events: clusters.map(finish), eventOf };
}
