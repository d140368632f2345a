import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../src/nlp/analyze.js';

const TEXT = 'U.S. agents arrested the retired general at Los Angeles International Airport on Oct. 15, 2020.\n\n' +
  'Mexico’s foreign minister called the arrest a breach of trust\n' +
  'He said Mexico would review $1.15 billion in cooperation, according to officials.';

test('tokens carry exact character offsets, POS tags and lemmas', () => {
  const a = analyze(TEXT);
  for (const t of a.tokens) assert.equal(TEXT.slice(t.start, t.end), t.text);
  const arrested = a.tokens.find((t) => t.text === 'arrested')!;
  assert.equal(arrested.pos, 'VERB');
  assert.equal(arrested.lemma, 'arrest');
  assert.equal(a.tokens.find((t) => t.text === 'agents')!.lemma, 'agent');
});

test('sentences split at sentence ends and at line breaks between paragraphs or lines', () => {
  const a = analyze(TEXT);
  const texts = a.sentences.map((s) => TEXT.slice(s.start, s.end));
  assert.deepEqual(texts, [
    'U.S. agents arrested the retired general at Los Angeles International Airport on Oct. 15, 2020.',
    'Mexico’s foreign minister called the arrest a breach of trust',
    'He said Mexico would review $1.15 billion in cooperation, according to officials.',
  ]);
});

test('number, date and money spans with offsets, when asked for', () => {
  assert.deepEqual(analyze(TEXT).numbers, []);
  const a = analyze(TEXT, { numbers: true });
  const money = a.numbers.find((n) => n.type === 'MONEY')!;
  assert.equal(money.text, '$1.15 billion');
  assert.equal(TEXT.slice(money.start, money.end), '$1.15 billion');
  assert.ok(a.numbers.some((n) => n.type === 'DATE' && n.text.includes('2020')));
});

test('the tagging pipe gives the same tags and lemmas as wink\'s full pipe', () => {
  const lite = analyze(TEXT);
  const full = analyze(TEXT, { numbers: true });
  assert.deepEqual(lite.tokens, full.tokens);
  assert.deepEqual(lite.sentences, full.sentences);
});
