import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { spin } from '../src/spin/spin.js';
import { parseSpinTable } from '../src/spin/table.js';
import { CORPUS, extractFile, HAS_SHARED, SAMPLE_GOLD, SHARED, SKIP_SHARED, extractText } from './helpers.js';

const SPUN = path.join(CORPUS, '06-cienfuegos-case-spun.txt');

test('the spun sample is detected and at least 80% of its spun phrases are restored', () => {
  const x = extractFile(SPUN);
  const a = x.record.article;
  assert.equal(a.spin.detected, true);
  const gold = JSON.parse(readFileSync(path.join(SAMPLE_GOLD, '06-cienfuegos-case-spun.gold.json'), 'utf8')) as { spin: { restored: Array<{ from: string; to: string }> } };
  const has = (t: string, p: string) => new RegExp(`(?<!\\p{L})${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'iu').test(t);
  const restored = gold.spin.restored.filter((r) => !has(x.analysis.text, r.from) && has(x.analysis.text, r.to));
  assert.ok(restored.length / gold.spin.restored.length >= 0.8, `${restored.length}/${gold.spin.restored.length}`);
  // The record's own text is never rewritten; restoration lives in the analysis text.
  assert.ok(a.text.includes('legislation enforcement'));
  assert.ok(x.analysis.text.includes('law enforcement'));
});

test('analysis-text offsets still point into the raw spun file', () => {
  const x = extractFile(SPUN);
  const at = x.analysis.text.indexOf('White House');
  assert.ok(at >= 0);
  const raw = x.analysis.toRaw(at, at + 'White House'.length);
  assert.equal(x.raw.slice(raw.start, raw.end), 'White Home');
});

test('no other sample article is flagged as spun, and unspun texts are left untouched', () => {
  for (const f of readdirSync(CORPUS).filter((f) => !f.includes('spun'))) {
    const x = extractFile(path.join(CORPUS, f));
    assert.equal(x.record.article.spin.detected, false, f);
    assert.equal(x.analysis.text, x.record.article.text, f);
  }
});

test('shared seeds are not flagged as spun', { skip: SKIP_SHARED }, () => {
  if (!HAS_SHARED) return;
  const dir = path.join(SHARED, 'seeds');
  for (const f of readdirSync(dir)) assert.equal(extractFile(path.join(dir, f)).record.article.spin.detected, false, f);
});

test('one odd phrase does not make an honest article spun', () => {
  const honest = 'Reporters at the White House asked the press secretary about the Mexican Navy operation in Sinaloa. ' +
    'She said the administration welcomed the arrests and that cooperation with Mexico remained strong. '.repeat(3) +
    'A satirical sign outside read "White Home" and drew laughs.';
  assert.equal(extractText(honest).record.article.spin.detected, false);
});

test('spin table rules: proper-noun rows are case-sensitive, lower-case rows take sentence case', () => {
  const table = parseSpinTable('spun\toriginal\tstrength\nWhite Home\tWhite House\tstrong\nlegislation enforcement\tlaw enforcement\tstrong\nmentioned\tsaid\tweak\n');
  const text = 'Legislation enforcement officials at the White Home mentioned that legislation enforcement agencies met. The white home on the hill mentioned nothing.';
  const r = spin(text, table);
  assert.equal(r.info.detected, true);
  assert.ok(r.analysis.text.startsWith('Law enforcement officials at the White House said that law enforcement agencies'));
  assert.ok(r.analysis.text.includes('The white home on the hill said nothing.'));
  assert.throws(() => parseSpinTable('spun\toriginal\tstrength\nfoo\tbar\tmaybe\n', 't.tsv'), /t\.tsv:2/);
});
