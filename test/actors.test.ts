import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fold, gazetteer } from '../src/actors/match.js';
import { extractText } from './helpers.js';

const find = (t: string) => gazetteer().find(t).map((m) => [m.text, m.ref.id]);

test('institutions by name, acronym and Spanish name; people by full name then surname', () => {
  const text = 'The Drug Enforcement Administration (DEA) and the Secretaría de Marina met. Salvador Cienfuegos Zepeda was arrested; Cienfuegos denied it.';
  const got = find(text);
  assert.deepEqual(got, [
    ['Drug Enforcement Administration', 'usa-dea'], ['DEA', 'usa-dea'], ['Secretaría de Marina', 'mex-semar'],
    ['Salvador Cienfuegos Zepeda', 'mex-cienfuegos'], ['Cienfuegos', 'mex-cienfuegos'],
  ]);
});

test('matching is accent-insensitive and case-aware: a lower-case "navy" or "state police" is no institution', () => {
  assert.deepEqual(find('El Ejército Mexicano y la Secretaria de Marina'), [['Ejército Mexicano', 'mex-sedena'], ['Secretaria de Marina', 'mex-semar']]);
  assert.deepEqual(find('the navy patrols the coast while state police and the army watch'), []);
  assert.deepEqual(find('State police said so.'), []);
});

test('a generic "the Navy" after "the Mexican Navy" is the same body; "New Mexico" is not Mexico', () => {
  assert.deepEqual(find('Marines of the Mexican Navy raided the house. The Navy said 11 died.').map((x) => x[1]), ['mex-semar', 'mex-semar']);
  assert.deepEqual(find('agents in Las Cruces, New Mexico').map((x) => x[1]), ['usa-nm-las-cruces', 'usa-nm']);
});

test('extraction reports the entities with raw offsets', () => {
  const raw = 'Mexican marines captured Ovidio Guzmán López in Culiacán on Thursday, the Defense Ministry said.\n';
  const { record } = extractText(raw);
  const ent = record.entities as Array<{ id: string; mentions: Array<{ text: string; start: number; end: number }> }>;
  const ovidio = ent.find((e) => e.id === 'mex-guzman-lopez-ovidio' || e.id.includes('ovidio'));
  assert.ok(ovidio, JSON.stringify(ent.map((e) => e.id)));
  const m = ovidio.mentions[0]!;
  assert.equal(raw.slice(m.start, m.end), 'Ovidio Guzmán López');
  assert.ok(ent.some((e) => e.id === 'mex-sin-culiacan'));
});

test('folding keeps one character per input character and strips accents, on mixed scripts and cases', () => {
  // Reference: the per-character definition (accents stripped, lower-cased, same length).
  const ref = (s: string) => [...s].map((ch) => {
    const l = (ch.normalize('NFD').replace(/\p{M}/gu, '') || ch).toLowerCase();
    return l.length === ch.length ? l : ch.toLowerCase().slice(0, ch.length).padEnd(ch.length, ' ');
  }).join('');
  const samples = [
    'Secretaría de la Defensa Nacional (SEDENA) — “El Mencho” ÁÉÍÓÚ Ñ ü',
    'İstanbul ΣΊΣΥΦΟΣ Ærø straße Ǆemal 𝐀𝐁 𐐀 the U.S. DEA’s agents',
    'plain ASCII Text With Capitals',
  ];
  for (const s of samples) {
    const long = `${s} `.repeat(12); // longer texts are also remembered: fold them twice
    assert.equal(fold(s), ref(s));
    assert.equal(fold(long), ref(long));
    assert.equal(fold(long), ref(long));
    assert.equal(fold(long).length, long.length);
  }
});

test('the gazetteer reads words as its word regexes do: possessives, hyphenated compounds, dotted acronyms, astral letters, capitals inside words', () => {
  // A name behind an astral letter or inside a longer word is not matched; one after a
  // hyphen-joined prefix or with a possessive ending is.
  assert.deepEqual(find('𝐀Mexico and xMexico differ from a Mexican-led raid, a US-backed force and Mexico’s army'),
    [['Mexican', 'country-mex'], ['US', 'country-usa'], ['Mexico', 'country-mex']]);
  // A capital inside a word starts a capitalised word ("deCienfuegos" holds "Cienfuegos"), as /\p{Lu}[\p{L}'’-]+/u reads it.
  const got = find('Salvador Cienfuegos Zepeda was held. Later deCienfuegos and Cienfuegos’s lawyer spoke.');
  assert.deepEqual(got.map((x) => x[0]), ['Salvador Cienfuegos Zepeda', 'Cienfuegos', 'Cienfuegos']);
});

test('character classes equal the regex properties, also for astral letters and lone surrogates', async () => {
  const { isLetter, isLetterOrDigit, isUpper } = await import('../src/util/chars.js');
  for (const cp of [0x41, 0x61, 0x30, 0x2d, 0xc9, 0x130, 0x3a3, 0x2019, 0x1d400, 0x10400, 0xd800, 0x661, 0x2163]) {
    const s = String.fromCodePoint(cp);
    assert.equal(isLetter(cp), /\p{L}/u.test(s), `L ${cp.toString(16)}`);
    assert.equal(isLetterOrDigit(cp), /[\p{L}\p{N}]/u.test(s), `LN ${cp.toString(16)}`);
    assert.equal(isUpper(cp), /\p{Lu}/u.test(s), `Lu ${cp.toString(16)}`);
  }
});

test('an acronym the pack gives a country in Spanish only is read as English in English text', () => {
  const g = gazetteer();
  // (A bare "EU": the pack may list longer forms such as "EU ministers".)
  const m = g.find('The EU imposed new sanctions on Belarus on Monday.').find((x) => x.text === 'EU');
  assert.ok(m);
  assert.equal(m.lang, 'es');
  assert.equal(g.reread(m, 'es')?.ref.country, 'USA');
  assert.equal(g.reread(m, 'en')?.ref.id, 'intl-eu');
  const ev = (extractText('The EU condemned Belarus on Thursday.', { published: '2021-03-10' }).record.events as Array<{ type: string; actor: Array<{ country: string | null; sector: string | null }> }>)[0];
  assert.ok(ev);
  assert.deepEqual([ev.actor[0]?.country, ev.actor[0]?.sector], [null, 'IGO']);
});
