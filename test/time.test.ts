import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { runCase, type TimexCase } from '../src/eval/timex-table.js';
import { TimeDoc } from '../src/time/index.js';
import { evalTimeAtAnchors } from '../src/eval/time-gold.js';
import { HAS_SHARED, ROOT, SHARED, SKIP_SHARED } from './helpers.js';

const cases = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'timex.json'), 'utf8')) as TimexCase[];

test('temporal-expression table: ≥ 150 cases (≥ 40 Spanish), ≥ 95% pass, failures listed', (t) => {
  assert.ok(cases.length >= 150);
  assert.ok(cases.filter((c) => c.lang === 'es').length >= 40);
  const results = cases.map(runCase);
  const failed = results.filter((r) => !r.ok);
  for (const f of failed) t.diagnostic(`FAIL ${f.id}: want ${f.want}; got ${f.got}`);
  const rate = (results.length - failed.length) / results.length;
  t.diagnostic(`pass rate ${(100 * rate).toFixed(1)}% (${results.length - failed.length}/${results.length})`);
  assert.ok(rate >= 0.95, `pass rate ${(100 * rate).toFixed(1)}%`);
});

test('news past-bias: a bare month is the most recent one, unless the tense is future', () => {
  const past = new TimeDoc('Prosecutors filed the charges in October, officials said.', { published: '2021-05-03', lang: 'en' });
  assert.equal(past.timexes[0]?.value.start, '2020-10');
  const future = new TimeDoc('The two governments will meet again in October to review the framework.', { published: '2021-05-03', lang: 'en' });
  assert.equal(future.timexes[0]?.value.start, '2021-10');
  const last = new TimeDoc('The crisis began last October when agents arrested the general.', { published: '2021-05-03', lang: 'en' });
  assert.deepEqual(last.timexes[0]?.value, { start: '2020-10', end: '2020-10', precision: 'month' });
});

test('without a publication date, relative expressions stay unresolved with a warning', () => {
  const doc = new TimeDoc('The crisis began last October. Officials met on Tuesday and again last year.', { published: null, lang: 'en' });
  assert.ok(doc.timexes.length >= 3);
  for (const t of doc.timexes) assert.equal(t.value.precision, 'unknown', t.text);
  assert.match(doc.warnings.join(' '), /no publication date/);
});

test('durations, clock times and counts are not dates', () => {
  const doc = new TimeDoc('He served for 25 years and was sentenced to a 20-year term at 9:12 a.m.; 2000 troops stayed.', { published: '2024-01-10', lang: 'en' });
  assert.deepEqual(doc.timexes.map((t) => t.text), []);
});

test('year carry-over, "the following day" and event anchoring ("two days after the call")', () => {
  const text = 'On 7 February 2017, the defense secretaries held an introductory call. ' +
    'Two days after the introductory call, marines killed the H2 leader in Tepic. ' +
    'On 17 February, the adviser was suspended. He was fired the following day.';
  const doc = new TimeDoc(text, { published: null, lang: 'en' });
  const by = (s: string) => doc.timexes.find((t) => t.text.toLowerCase().includes(s))!;
  assert.deepEqual([by('two days after').value.start, by('two days after').basis], ['2017-02-09', 'anchored']);
  assert.equal(by('17 february').value.start, '2017-02-17');
  assert.deepEqual([by('following day').value.start, by('following day').value.precision], ['2017-02-18', 'day']);
});

test('event dating: same clause first, then the sentence, then the narrative, else publication (no made-up day)', () => {
  const text = 'In 2015, Mexico approached the Pentagon. ' +
    'The killings followed the extradition of the cartel leader on 17 January 2017, but the operation on 9 February 2017 raised questions. ' +
    'Video of the purported battle spread quickly.';
  const doc = new TimeDoc(text, { published: '2022-05-26', lang: 'en' });
  assert.equal(doc.dateAt(text.indexOf('approached')).start, '2015');
  assert.equal(doc.dateAt(text.indexOf('extradition')).start, '2017-01-17');
  assert.equal(doc.dateAt(text.indexOf('the operation')).start, '2017-02-09');
  const narrative = doc.dateAt(text.indexOf('purported battle'));
  assert.equal(narrative.start, '2017-02-09', 'the embedded extradition date does not become the narrative time');
  const lone = new TimeDoc('Mexico has shuttered the elite unit.', { published: '2022-05-26', lang: 'en' });
  assert.deepEqual(lone.dateAt(10), { start: null, end: '2022-05-26', precision: 'unknown', text: null, basis: 'publication' });
});

test('Spanish: "el pasado 15 de octubre", "hace una semana", "a principios de 2017", "desde 2016"', () => {
  const doc = new TimeDoc('El general fue detenido el pasado 15 de octubre; hace una semana fue liberado. La relación se deterioró a principios de 2017 y está congelada desde 2016.', { published: '2020-11-20', lang: 'es' });
  const v = (s: string) => doc.timexes.find((t) => t.text.includes(s))!.value;
  assert.deepEqual(v('15 de octubre'), { start: '2020-10-15', end: '2020-10-15', precision: 'day' });
  assert.deepEqual(v('hace una semana'), { start: '2020-11-13', end: '2020-11-13', precision: 'day' });
  assert.deepEqual(v('principios de 2017'), { start: '2017-01', end: '2017-04', precision: 'range' });
  assert.deepEqual(v('desde 2016'), { start: '2016', end: '2020-11-20', precision: 'range' });
});

test('shared seeds: ≥ 85% of gold-dated events get the gold date at the gold precision (at the gold anchors)', { skip: SKIP_SHARED }, (t) => {
  if (!HAS_SHARED) return;
  const results = evalTimeAtAnchors(path.join(SHARED, 'spec', 'gold'), path.join(SHARED, 'seeds'));
  for (const r of results.filter((x) => !x.ok)) t.diagnostic(`MISS ${r.file.slice(0, 3)} ${r.id}: gold ${r.gold}, got ${r.got.start}/${r.got.end} ${r.got.precision}`);
  const rate = results.filter((r) => r.ok).length / results.length;
  t.diagnostic(`${(100 * rate).toFixed(1)}% of ${results.length}`);
  assert.ok(results.length >= 40);
  assert.ok(rate >= 0.85, `${(100 * rate).toFixed(1)}%`);
});
