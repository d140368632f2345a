import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDomainJson } from '../src/util/data.js';

const TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];

interface Plover { types: Record<string, { quad: string; score: number; modes: Record<string, { score: number }> }>; contexts: string[] }
interface Trigger { lemma: string; pos: string; type: string; mode: string | null; forms: string[]; contexts?: string[] }

test('PLOVER codebook data: 16 types, quad classes as the contract defines, scores in [-10, 10]', () => {
  const p = readDomainJson<Plover>('events/plover.json');
  assert.deepEqual(Object.keys(p.types).sort(), [...TYPES].sort());
  const quad: Record<string, string> = {
    AGREE: 'verbal-cooperation', CONSULT: 'verbal-cooperation', SUPPORT: 'verbal-cooperation', CONCEDE: 'verbal-cooperation',
    COOPERATE: 'material-cooperation', AID: 'material-cooperation', RETREAT: 'material-cooperation',
    REQUEST: 'verbal-conflict', ACCUSE: 'verbal-conflict', REJECT: 'verbal-conflict', THREATEN: 'verbal-conflict',
    PROTEST: 'material-conflict', SANCTION: 'material-conflict', MOBILIZE: 'material-conflict', COERCE: 'material-conflict', ASSAULT: 'material-conflict',
  };
  for (const [t, v] of Object.entries(p.types)) {
    assert.equal(v.quad, quad[t], t);
    for (const s of [v.score, ...Object.values(v.modes).map((m) => m.score)]) assert.ok(s >= -10 && s <= 10, `${t} ${s}`);
  }
});

test('trigger lexicons: every type and mode exists in the codebook, forms are lower-case, each type covered', () => {
  const p = readDomainJson<Plover>('events/plover.json');
  for (const lang of ['en', 'es']) {
    const { triggers } = readDomainJson<{ triggers: Trigger[] }>(`events/triggers-${lang}.json`);
    const seen = new Set<string>();
    for (const t of triggers) {
      assert.ok(TYPES.includes(t.type), `${lang} ${t.lemma}: type ${t.type}`);
      if (t.mode) assert.ok(p.types[t.type]!.modes[t.mode], `${lang} ${t.lemma}: mode ${t.type}/${t.mode}`);
      for (const f of t.forms) assert.equal(f, f.toLowerCase(), `${lang} ${t.lemma}: ${f}`);
      const key = `${t.lemma}|${t.pos}|${t.type}`;
      assert.ok(!seen.has(key), `${lang} duplicate ${key}`);
      seen.add(key);
    }
    for (const type of TYPES) assert.ok(triggers.filter((t) => t.type === type).length >= 5, `${lang} ${type}`);
  }
});

test('factuality cues cover the eight contract values and measures have units', () => {
  const cues = readDomainJson<Record<string, Record<string, string[]>>>('events/cues.json');
  for (const lang of ['en', 'es']) {
    for (const v of ['alleged', 'disputed', 'denied', 'negated', 'future', 'considered', 'hypothetical']) {
      assert.ok((cues[lang]![v] ?? []).length >= 10, `${lang} ${v}`);
    }
  }
  const { measures } = readDomainJson<{ measures: Array<{ name: string; unit: string }> }>('claims/measures.json');
  assert.ok(measures.length >= 25);
  for (const m of measures) assert.ok(/^[a-z0-9_]+$/.test(m.name) && m.unit, m.name);
});
