import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scoreClaims, scoreEvents, type GoldEvent, type PredEvent } from '../src/eval/events-gold.js';

const gold: GoldEvent[] = [
  { id: 'e1', anchor: 'arrested the retired general', types: ['COERCE'], actor: [{ country: 'USA' }], recipient: [{ country: 'MEX' }], date: '2020-10-15', factuality: 'asserted' },
  { id: 'e2', anchor: 'accused him of working for', types: ['ACCUSE'], actor: [{ country: 'USA' }], recipient: [{ country: 'MEX' }], date: null, factuality: 'asserted' },
  { id: 'e3', anchor: 'may have been lured', types: ['ASSAULT'], actor: [{ country: 'MEX' }], recipient: null, date: null, factuality: 'hypothetical', optional: true },
];
const ev = (type: string, text: string, extra: Partial<PredEvent> = {}): PredEvent => ({
  type, actor: [{ country: 'USA' }], recipient: [{ country: 'MEX' }],
  date: { start: '2020-10-15', end: '2020-10-15', precision: 'day' }, factuality: 'asserted', evidence: { text }, ...extra,
});

test('events match by anchor in the evidence and by type; optional gold neither rewards nor punishes', () => {
  const s = scoreEvents([
    ev('COERCE', 'U.S. agents arrested the retired general at the airport.'),
    ev('ACCUSE', 'Prosecutors accused him of working for the H2.', { recipient: [{ country: 'USA' }] }),
    ev('ASSAULT', 'They may have been lured to the house.'),
    ev('ASSAULT', 'Marines attacked a convoy.'),
  ], gold);
  assert.equal(s.matched, 2);
  assert.equal(s.predicted, 3, 'the optional hit is not counted');
  assert.equal(s.gold, 2);
  assert.ok(Math.abs(s.precision - 2 / 3) < 1e-9 && s.recall === 1);
  assert.deepEqual(s.recipientCountry, { right: 1, of: 2 });
  assert.deepEqual(s.date, { right: 1, of: 1 });
});

test('a wrong type is a false positive and the gold event a miss', () => {
  const s = scoreEvents([ev('SANCTION', 'U.S. agents arrested the retired general.')], gold);
  assert.equal(s.matched, 0);
  assert.equal(s.misses.length, 2);
  assert.equal(s.byType.SANCTION!.fp, 1);
});

test('figures are found by anchor and value', () => {
  const r = scoreClaims(
    [{ measure: 'overdose_deaths', value: 107000, evidence: { text: 'over 107,000 Americans died from drug overdoses in 2021' } }],
    [{ id: 'c1', anchor: 'over 107,000 Americans died from drug overdoses in 2021', measure: 'overdose_deaths', value: 107000 },
      { id: 'c2', anchor: 'more than 34,000 in 2019', measure: 'homicides', value: 34000 }],
  );
  assert.deepEqual([r.found, r.of], [1, 2]);
});
