import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseJsonlLine } from '../src/ingest/jsonl.js';
import { dateLine, parseDateText } from '../src/meta/dates.js';
import { detectLanguage } from '../src/meta/language.js';
import { extractArticle } from '../src/pipeline/extract.js';
import { ROOT } from './helpers.js';

test('publication dates keep the precision the text gives', () => {
  assert.deepEqual(parseDateText('2022-05-26T10:00:00-05:00'), { date: '2022-05-26', precision: 'day', text: '2022-05-26T10:00:00-05:00' });
  assert.equal(parseDateText('March 2025')?.precision, 'month');
  assert.equal(parseDateText('March 2025')?.date, '2025-03');
  assert.equal(parseDateText('26 de mayo de 2022')?.date, '2022-05-26');
  assert.equal(parseDateText('Oct. 23, 2007')?.date, '2007-10-23');
});

test('relative dates without a reference are unknown, never today', () => {
  for (const s of ['1 week ago', 'hace una semana', 'yesterday', 'last Tuesday']) assert.equal(parseDateText(s), null, s);
});

test('a date line is a line that holds only a date (labels, weekday, time and place allowed)', () => {
  assert.ok(dateLine('Updated 1:39 am EST, Wednesday, November 20, 2019'));
  assert.ok(dateLine('Ciudad de México, 18 de diciembre de 2020'));
  assert.equal(dateLine('On 7 February 2017, the secretaries spoke by phone for the first time.'), null);
});

test('language: Spanish and English news text', () => {
  assert.equal(detectLanguage('El gobierno de México aprobó la reforma que obliga a los agentes extranjeros a informar de sus actividades a la Secretaría de Relaciones Exteriores.'), 'es');
  assert.equal(detectLanguage('The Mexican government approved a reform that obliges foreign agents to report their activities to the foreign ministry.'), 'en');
});

test('JSONL: given metadata wins over what the page says; bad lines give one-line errors', () => {
  const lines = readFileSync(path.join(ROOT, 'examples', 'jsonl', 'sample.jsonl'), 'utf8').split('\n').filter(Boolean);
  const rec = lines.map((l) => parseJsonlLine(l)).find((r) => r.meta.published === '2024-07-26')!;
  const a = extractArticle({ source: rec.meta.id!, label: 'x', raw: rec.raw, format: rec.format, meta: rec.meta, warnings: [] }).record.article;
  assert.equal(a.title, rec.meta.title);
  assert.notEqual(a.text.split('\n')[0], rec.meta.title, 'the page has its own headline, which the given title overrides');
  assert.deepEqual([a.published.date, a.published.precision], ['2024-07-26', 'day']);
  assert.equal(a.source, rec.meta.id);
  assert.throws(() => parseJsonlLine('{"id": 1, "text": '), /not valid JSON/);
  assert.throws(() => parseJsonlLine('{"id": 1}'), /needs a "text" or an "html" field/);
  assert.throws(() => parseJsonlLine('[1,2]'), /bad record/);
});

test('common date shapes read directly give what chrono gives', async () => {
  const chrono = await import('chrono-node');
  const lines = [
    'February 12, 2019', 'Oct. 23, 2007', 'Sept. 5, 2020', 'Updated Aug. 12, 2025 9:41 PM ET', 'Tuesday, March 4, 2025',
    'By Lucía Ferrante-Walsh | February 12, 2019', 'Border Desk Daily · Mexico · February 3, 2025', 'December 1st, 2018',
    'Ciudad de México, 18 de diciembre de 2020', 'viernes 3 de enero de 2025', 'Published May 26, 2022 at 10:00',
  ];
  for (const l of lines) {
    const r = chrono.strict.parse(l, new Date(2000, 0, 1))[0] ?? chrono.es.strict.parse(l, new Date(2000, 0, 1))[0];
    assert.ok(r, l);
    const want = `${r.start.get('year')}-${String(r.start.get('month')).padStart(2, '0')}-${String(r.start.get('day')).padStart(2, '0')}`;
    const got = parseDateText(l);
    assert.equal(got?.date, want, l);
    assert.equal(got?.precision, 'day', l);
    assert.ok(l.includes(got!.text), l);
  }
  // Days a month does not have are not dates.
  assert.equal(parseDateText('February 30, 2021'), null);
});
