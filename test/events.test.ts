import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractText } from './helpers.js';

interface Ev { type: string; mode: string | null; actor: Array<{ country: string | null; sector: string | null }>; recipient: Array<{ country: string | null }>; date: { start: string | null; precision: string; basis: string }; factuality: string; evidence: { text: string; start: number; end: number }; trigger: { text: string; start: number; end: number } }

const ARTICLE = [
  'General arrested in Los Angeles',
  '',
  'U.S. agents arrested retired general Salvador Cienfuegos at Los Angeles International Airport on 15 October 2020, officials said.',
  '',
  'Mexican officials denied that the military had protected drug traffickers during his tenure.',
  '',
  '3 comments:',
  '',
  'The DEA arrested the governor of Sinaloa yesterday, trust me.',
  'ReplyDelete',
  'Comments are moderated.',
].join('\n');

test('an arrest is coded with its actor, recipient, date and evidence at raw offsets', () => {
  const { record } = extractText(ARTICLE, { published: '2020-10-17' });
  const events = record.events as Ev[];
  const arrest = events.find((e) => e.type === 'COERCE' && e.mode === 'arrest');
  assert.ok(arrest, JSON.stringify(events.map((e) => e.type)));
  assert.deepEqual([arrest.actor[0]?.country, arrest.actor[0]?.sector], ['USA', 'COP']);
  assert.equal(arrest.recipient[0]?.country, 'MEX');
  assert.deepEqual([arrest.date.start, arrest.date.precision], ['2020-10-15', 'day']);
  assert.equal(arrest.factuality, 'asserted');
  assert.equal(ARTICLE.slice(arrest.trigger.start, arrest.trigger.end), 'arrested');
  assert.equal(ARTICLE.slice(arrest.evidence.start, arrest.evidence.end), arrest.evidence.text);
  assert.ok(arrest.evidence.text.startsWith('U.S. agents arrested'));
});

test('nothing in a removed comment thread becomes an event', () => {
  const { record } = extractText(ARTICLE, { published: '2020-10-17' });
  const at = ARTICLE.indexOf('3 comments:');
  for (const e of record.events as Ev[]) assert.ok(e.evidence.start < at, e.evidence.text);
});
