import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { scoreArticle, type ArticleGold } from '../src/eval/article-gold.js';
import { readdirSync as ls } from 'node:fs';
import { assertLettersMapToRaw, CORPUS, extractFile, HAS_SHARED, SAMPLE_GOLD, SHARED, SKIP_SHARED } from './helpers.js';

function checkAgainstGold(goldDir: string, articlesDir: string, minF1: number) {
  const files = readdirSync(goldDir).filter((f) => f.endsWith('.gold.json')).sort();
  assert.ok(files.length > 0);
  for (const f of files) {
    const gold = JSON.parse(readFileSync(path.join(goldDir, f), 'utf8')) as ArticleGold;
    const file = path.join(articlesDir, gold.file);
    assert.ok(existsSync(file), file);
    const x = extractFile(file);
    const s = scoreArticle(x.record, x.raw, /\.html?$/i.test(file), gold, x.analysis.text);
    assert.ok(s.main.f1 >= minF1, `${gold.file}: main-text F1 ${s.main.f1.toFixed(3)} < ${minF1}`);
    for (const r of s.removed) assert.ok(r.removed, `${gold.file}: ${r.kind} block "${r.first}" not removed`);
    assert.equal(s.published, true, `${gold.file}: published ${JSON.stringify(x.record.article.published)} vs ${JSON.stringify(gold.published)}`);
    assert.equal(s.outlet, true, `${gold.file}: outlet ${x.record.article.outlet} vs ${gold.outlet}`);
    assert.equal(s.title, true, `${gold.file}: title ${x.record.article.title} vs ${gold.title}`);
    assert.equal(s.spinDetected, true, `${gold.file}: spin flag`);
    if (gold.language) assert.equal(x.record.article.language, gold.language, `${gold.file}: language`);
  }
}

test('sample corpus: main text, removed blocks, date, outlet, title, language and spin match the gold', () => {
  checkAgainstGold(SAMPLE_GOLD, CORPUS, 0.95);
});

test('shared seeds: main-text F1 ≥ 0.97 on each, every gold removed block removed, dates as the gold says', { skip: SKIP_SHARED }, () => {
  if (!HAS_SHARED) return;
  checkAgainstGold(path.join(SHARED, 'spec', 'gold'), path.join(SHARED, 'seeds'), 0.97);
  const seed003 = extractFile(path.join(SHARED, 'seeds', '003_9d5bcfc124a8db6b.txt')).record.article;
  assert.deepEqual([seed003.published.date, seed003.published.precision], ['2022-05-26', 'day']);
});

test('sample corpus: offsets of the cleaned text and of removed spans point into the raw files', () => {
  for (const f of ls(CORPUS)) {
    const x = extractFile(path.join(CORPUS, f));
    assertLettersMapToRaw(x.raw, x.record.article.text, x.clean.offsets);
    for (const r of x.record.article.removed) assert.ok(r.start >= 0 && r.start < r.end && r.end <= x.raw.length, f);
  }
});
