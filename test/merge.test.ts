// Cross-article merge on hand-made mentions: what joins, what stays apart, how sources and
// factuality are counted; figure agreement; the index's exclusions; network weights.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventParticipant, Factuality } from '../src/contract.js';
import { aggregateFactuality, mergeEvents } from '../src/merge/events.js';
import { groupFigures } from '../src/merge/figures.js';
import { buildNetwork } from '../src/merge/network.js';
import { indexSeries } from '../src/merge/series.js';
import type { ClaimMention, EventMention } from '../src/record/types.js';

const DEA: EventParticipant = { text: 'DEA agents', entity: 'usa-dea', country: 'USA', sector: 'COP' };
const GENERAL: EventParticipant = { text: 'the former defence minister', entity: 'mex-cienfuegos', country: 'MEX', sector: 'MIL' };
const SHEINBAUM: EventParticipant = { text: 'Sheinbaum', entity: 'mex-sheinbaum', country: 'MEX', sector: 'GOV' };
const WASHINGTON: EventParticipant = { text: 'Washington', entity: null, country: 'USA', sector: 'GOV' };
const IMPLICIT_MX: EventParticipant = { text: '', entity: null, country: 'MEX', sector: 'COP', implicit: true };

let n = 0;
function mention(o: { article: string; cluster?: string; type?: string; mode?: string | null; quad?: string; actor?: EventParticipant[]; recipient?: EventParticipant[]; date?: string | null; precision?: 'day' | 'month' | 'year' | 'unknown'; factuality?: Factuality; place?: string | null }): EventMention {
  n++;
  const date = o.date ?? null;
  return {
    id: `m${n}`, type: o.type ?? 'COERCE', mode: o.mode === undefined ? 'arrest' : o.mode, contexts: ['illegal_drugs'], score: -7,
    quad: (o.quad ?? 'material-conflict') as EventMention['quad'], cameo: '173',
    actor: o.actor ?? [DEA], recipient: o.recipient ?? [GENERAL],
    date: { start: date, end: date, precision: date ? o.precision ?? 'day' : 'unknown', text: date, basis: date ? 'explicit' : 'none' },
    location: o.place ? { text: o.place, country: o.place, admin1: null, lat: null, lon: null } : null,
    factuality: o.factuality ?? 'asserted', attribution: null,
    trigger: { text: 'arrested', start: 0, end: 8 }, evidence: { text: `sentence ${n}`, start: 0, end: 10 }, confidence: 0.8,
    article: o.article, outlet: `outlet of ${o.cluster ?? o.article}`, source: o.article, published: null, cluster: o.cluster ?? o.article,
  };
}

test('two outlets reporting the same arrest, at day and at month precision, make one event with two sources', () => {
  const { events, eventOf } = mergeEvents([
    mention({ article: 'a', date: '2020-10-15' }),
    mention({ article: 'b', date: '2020-10', precision: 'month' }),
    mention({ article: 'c', date: '2020-10-16', actor: [IMPLICIT_MX] }),
  ]);
  assert.equal(events.length, 1);
  const e = events[0]!;
  assert.equal(e.sources, 3);
  assert.equal(e.mentions, 3);
  assert.equal(e.date.start, '2020-10-15', 'the most precise date');
  assert.deepEqual(e.actor.map((p) => p.entity), ['usa-dea'], 'the implicit participant gives way to the named one');
  assert.equal(e.actorCountry, 'USA');
  assert.equal(eventOf.size, 3);
  assert.equal(e.why.length, 3);
  assert.match(e.why[1]!, /recipient mex-cienfuegos in both; dates .* compatible/);
});

test('a copy adds a mention but no source; a second article of the same outlet cluster neither', () => {
  const { events } = mergeEvents([
    mention({ article: 'orig', date: '2020-10-15' }),
    mention({ article: 'copy', cluster: 'orig', date: '2020-10-15' }),
  ]);
  assert.equal(events.length, 1);
  assert.equal(events[0]!.sources, 1);
  assert.equal(events[0]!.mentions, 2);
  assert.match(events[0]!.why[1]!, /same source, no added corroboration/);
});

test('different days, different types, different modes or a conflicting country stay apart', () => {
  const { events } = mergeEvents([
    mention({ article: 'a', date: '2020-10-15' }),
    mention({ article: 'b', date: '2021-01-14' }),
    mention({ article: 'c', date: '2020-10-15', type: 'ACCUSE', mode: 'allege', quad: 'verbal-conflict' }),
    mention({ article: 'd', date: '2020-10-15', mode: 'detain' }),
    mention({ article: 'e', date: '2020-10-15', recipient: [{ ...GENERAL, entity: null, country: 'HND' }], actor: [DEA] }),
  ]);
  assert.equal(events.length, 5, events.map((e) => `${e.type}/${e.mode} ${e.date.start} ${e.mentions}`).join('; '));
  // Different named recipients the same day are two arrests; different agencies credited with one arrest are one.
  assert.equal(mergeEvents([mention({ article: 'a', date: '2020-10-15' }), mention({ article: 'b', date: '2020-10-15', recipient: [{ ...GENERAL, entity: 'mex-other' }] })]).events.length, 2);
  assert.equal(mergeEvents([mention({ article: 'a', date: '2020-10-15' }), mention({ article: 'b', date: '2020-10-15', actor: [{ ...DEA, entity: 'usa-doj', sector: 'JUD' }] })]).events.length, 1);
});

test('an undated report joins the dated event it fits, never anchors one, and a statement needs both sides', () => {
  const undatedArrest = mention({ article: 'radio', date: null, actor: [IMPLICIT_MX] });
  const { events } = mergeEvents([
    undatedArrest,
    mention({ article: 'a', date: '2021-01-14' }),
    mention({ article: 'b', date: '2020-10-15' }),
    mention({ article: 'c', date: '2020-10-15' }),
  ]);
  const big = events.find((e) => e.date.start === '2020-10-15')!;
  assert.equal(big.mentions, 3, 'the undated report joins the most reported fitting event');
  assert.equal(events.length, 2);
  // A statement by one shared actor with no date and no shared recipient is not merged.
  const s = mergeEvents([
    mention({ article: 'a', type: 'AGREE', mode: null, quad: 'verbal-cooperation', actor: [SHEINBAUM], recipient: [WASHINGTON], date: '2025-09-03' }),
    mention({ article: 'b', type: 'AGREE', mode: null, quad: 'verbal-cooperation', actor: [SHEINBAUM], recipient: [], date: null }),
  ]);
  assert.equal(s.events.length, 2);
});

test('without a shared entity only same-day reports with the same countries and sectors join', () => {
  const unnamed = (article: string, date: string, precision: 'day' | 'month' = 'day') =>
    mention({ article, date, precision, actor: [WASHINGTON], recipient: [{ text: 'Mexico', entity: null, country: 'MEX', sector: 'GOV' }], type: 'SANCTION', mode: 'discontinue' });
  assert.equal(mergeEvents([unnamed('a', '2025-02-03'), unnamed('b', '2025-02-03')]).events.length, 1);
  assert.equal(mergeEvents([unnamed('a', '2025-02-03'), unnamed('b', '2025-02', 'month')]).events.length, 2);
});

test('factuality per independent source: asserted against denied is disputed, with the counts kept', () => {
  const { events } = mergeEvents([
    mention({ article: 'a', date: '2020-10-15' }),
    mention({ article: 'b', date: '2020-10-15' }),
    mention({ article: 'c', date: '2020-10-15', factuality: 'denied' }),
  ]);
  assert.equal(events[0]!.factuality, 'disputed');
  assert.deepEqual(events[0]!.factualityCounts, { asserted: 2, denied: 1 });
  assert.equal(aggregateFactuality({ alleged: 2, asserted: 1 }), 'alleged');
  assert.equal(aggregateFactuality({ considered: 1 }), 'considered');
  assert.equal(aggregateFactuality({ asserted: 1, disputed: 1 }), 'disputed');
});

test('merging is deterministic: the same mentions give the same ids', () => {
  const ms = [mention({ article: 'a', date: '2020-10-15' }), mention({ article: 'b', date: '2020-10-15' }), mention({ article: 'c', date: '2019-01-01' })];
  assert.deepEqual(mergeEvents(ms).events.map((e) => e.id), mergeEvents(ms).events.map((e) => e.id));
});

function claim(o: Partial<ClaimMention> & { article: string; value: number }): ClaimMention {
  return {
    id: `c${++n}`, cluster: o.article, outlet: null, measure: 'overdose_deaths', valueMax: null, bound: 'exact', unit: 'people', place: 'USA',
    period: { start: '2021', end: '2021', precision: 'year', text: '2021' }, attribution: null, evidence: { text: '', start: 0, end: 0 }, ...o,
  };
}

test('figures: compatible values agree, incompatible ones disagree, undated ones are not compared across sources', () => {
  const g = groupFigures([
    claim({ article: 'a', value: 107000, bound: 'over' }),
    claim({ article: 'b', value: 107622 }),
    claim({ article: 'c', value: 93000, period: { start: '2020', end: '2020', precision: 'year', text: '2020' } }),
    claim({ article: 'd', value: 70000, period: { start: '2020', end: '2020', precision: 'year', text: '2020' } }),
    claim({ article: 'e', value: 5, period: null }),
    claim({ article: 'f', value: 9, period: null }),
  ]);
  const y2021 = g.find((x) => x.period?.start === '2021')!;
  assert.deepEqual([y2021.agreement, y2021.sources, y2021.low, y2021.high], ['agree', 2, 107000, 107622]);
  const y2020 = g.find((x) => x.period?.start === '2020')!;
  assert.equal(y2020.agreement, 'disagree');
  assert.equal(y2020.claims.length, 2);
  assert.deepEqual(g.filter((x) => !x.period).map((x) => x.agreement), ['single', 'single']);
});

test('index: negated and hypothetical left out, alleged, considered and future counted apart, months filled', () => {
  const { events } = mergeEvents([
    mention({ article: 'a', date: '2020-10-15' }),
    mention({ article: 'b', date: '2020-12-01', recipient: [SHEINBAUM], factuality: 'alleged' }),
    mention({ article: 'c', date: '2020-12-02', recipient: [{ ...GENERAL, entity: 'mex-other' }], factuality: 'negated' }),
    mention({ article: 'd', date: '2020-12-03', actor: [SHEINBAUM], recipient: [DEA], type: 'REQUEST', mode: null, quad: 'verbal-conflict', factuality: 'considered' }),
    mention({ article: 'e', date: '2020', precision: 'year', recipient: [{ ...GENERAL, entity: 'mex-third' }] }),
  ]);
  const s = indexSeries(events, { dyad: ['USA', 'MEX'] });
  assert.deepEqual(s.points.map((p) => `${p.month} ${p.direction}`), ['2020-10 USA>MEX', '2020-10 MEX>USA', '2020-11 USA>MEX', '2020-11 MEX>USA', '2020-12 USA>MEX', '2020-12 MEX>USA']);
  const oct = s.points[0]!;
  assert.deepEqual([oct.counts['material-conflict'], oct.events, oct.scoreSum, oct.scoreMean], [1, 1, -7, -7]);
  const dec = s.points[4]!;
  assert.deepEqual([dec.events, dec.alleged], [0, 1]);
  assert.equal(s.points[5]!.considered, 1);
  assert.equal(s.excluded, 1);
  assert.equal(s.undated, 1, 'the year-precise event is not put in a month');
});

test('network: directed, weighted edges by quad; negated events left out', () => {
  const { events } = mergeEvents([
    mention({ article: 'a', date: '2020-10-15' }),
    mention({ article: 'b', date: '2021-01-14' }),
    mention({ article: 'c', date: '2021-03-01', factuality: 'negated' }),
  ]);
  const net = buildNetwork(events, { names: new Map([['usa-dea', 'Drug Enforcement Administration']]) });
  assert.equal(net.edges.length, 1);
  assert.deepEqual([net.edges[0]!.source, net.edges[0]!.target, net.edges[0]!.weight, net.edges[0]!.quads['material-conflict']], ['usa-dea', 'mex-cienfuegos', 2, 2]);
  assert.equal(net.nodes.find((x) => x.id === 'usa-dea')!.label, 'Drug Enforcement Administration');
});
