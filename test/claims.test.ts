import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimLexicon, lowerKeep } from '../src/claims/lexicon.js';
import { findNumbers, parseDigits } from '../src/claims/numbers.js';
import { fold } from '../src/actors/match.js';
import type { Claim } from '../src/contract.js';
import { extractText } from './helpers.js';

// Sentences written for these tests (realistic wording; no text copied from the seeds or gold).

function claimsOf(raw: string, published = '2024-03-14'): Claim[] {
  return extractText(raw, { published }).record.claims as Claim[];
}

function only(claims: Claim[], value: number): Claim {
  const hit = claims.filter((c) => c.value === value);
  assert.equal(hit.length, 1, `one claim of value ${value} in ${JSON.stringify(claims.map((c) => [c.measure, c.value]))}`);
  return hit[0]!;
}

function numbers(text: string, lang: 'en' | 'es' = 'en') {
  return findNumbers(text, fold(text), claimLexicon(lang), []);
}

test('digits: separators by language, decimals, scale words', () => {
  assert.equal(parseDigits('90,000', 'en'), 90000);
  assert.equal(parseDigits('1.15', 'en'), 1.15);
  assert.equal(parseDigits('1.500', 'es'), 1500);
  assert.equal(parseDigits('2,5', 'es'), 2.5);
  assert.equal(parseDigits('12,450,300', 'en'), 12450300);
  const [n] = numbers('Congress approved $2.3 billion for the program.');
  assert.deepEqual([n!.value, n!.unit, n!.cls], [2300000000, 'USD', 'money']);
  const es = numbers('El gobierno destinará 30 mil millones de pesos y 1.5 millones de dólares.', 'es');
  assert.deepEqual(es.map((x) => [x.value, x.unit]), [[30000000000, 'MXN'], [1500000, 'USD']]);
});

test('written numbers and vague quantities', () => {
  assert.deepEqual(numbers('two dozen suspects').map((x) => x.value), [24]);
  assert.deepEqual(numbers('three hundred and twelve migrants').map((x) => x.value), [312]);
  assert.deepEqual(numbers('a million pills').map((x) => x.value), [1000000]);
  assert.deepEqual(numbers('treinta y dos detenidos', 'es').map((x) => x.value), [32]);
  const [v] = numbers('tens of thousands of families');
  assert.deepEqual([v!.value, v!.valueMax, v!.bound], [10000, 99999, 'range']);
  const [m] = numbers('hundreds of millions of dollars');
  assert.deepEqual([m!.value, m!.valueMax, m!.unit], [100000000, 999999999, 'USD']);
  // "one of the", "uno de los", "by the million" are not numbers.
  assert.equal(numbers('one of the largest cartels').length, 0);
  assert.equal(numbers('uno de los grupos', 'es').length, 0);
  assert.equal(numbers('pills moved by the million').length, 0);
});

test('bounds, ranges, units and rates', () => {
  const b = (t: string, lang: 'en' | 'es' = 'en') => numbers(t, lang).map((x) => x.bound);
  assert.deepEqual(b('more than 400 people'), ['over']);
  assert.deepEqual(b('at least 9 soldiers'), ['over']);
  assert.deepEqual(b('fewer than 30 agents'), ['under']);
  assert.deepEqual(b('up to $5 million'), ['under']);
  assert.deepEqual(b('nearly 2,000 troops'), ['about']);
  assert.deepEqual(b('an estimated 60,000 people'), ['about']);
  assert.deepEqual(b('500 or more migrants'), ['over']);
  assert.deepEqual(b('al menos 12 personas', 'es'), ['over']);
  assert.deepEqual(b('cerca de 300 elementos', 'es'), ['about']);
  const [r] = numbers('between 150 and 200 gunmen');
  assert.deepEqual([r!.value, r!.valueMax, r!.bound], [150, 200, 'range']);
  const [w] = numbers('agents seized 4,400 pounds of methamphetamine');
  assert.deepEqual([w!.value, w!.unit], [1995.81, 'kg']);
  const [t] = numbers('2.5 tons of cocaine');
  assert.deepEqual([t!.value, t!.unit], [2500, 'kg']);
  const [p] = numbers('rose 8 percent');
  assert.deepEqual([p!.value, p!.unit], [8, 'percent']);
  const [rate] = numbers('about $300,000 crosses every hour');
  assert.deepEqual([rate!.unit, rate!.rate], ['USD', 'per hour']);
});

test('not figures: years, dates, ages, durations, sentences, names, clock times, list numbers', () => {
  const raw = [
    'In 2019 the program was renewed for 24 days, and a 52-year-old man from Sonora was sentenced to a 20-year sentence.',
    '',
    'The COVID-19 pandemic slowed Section 702 reviews and G20 talks on 5 May 2021 at 10:30, Cienfuegos, 72, said.',
    '',
    'Agents raided the house three times and found it two blocks away from the base.',
  ].join('\n');
  assert.deepEqual(claimsOf(raw), []);
  assert.deepEqual(claimsOf('El artículo 33 de la Constitución se aplicó dos veces en 2020, dijo el senador de 61 años.'), []);
});

test('English figures: measure, bound, place, period and source', () => {
  const raw = [
    'Drug deaths in the United States',
    '',
    'More than 81,000 Americans died of drug overdoses in 2023, according to provisional figures from the Centers for Disease Control and Prevention.',
    '',
    'Mexican authorities reported that 29,675 people were murdered in Mexico in 2023, down 9 percent from 2022.',
  ].join('\n');
  const claims = claimsOf(raw);
  const od = only(claims, 81000);
  assert.deepEqual([od.measure, od.bound, od.unit, od.place], ['overdose_deaths', 'over', 'people', 'USA']);
  assert.deepEqual([od.period?.start, od.period?.precision], ['2023', 'year']);
  assert.match(od.attribution?.text ?? '', /Centers for Disease Control/);
  assert.equal(raw.slice(od.evidence.start, od.evidence.end), od.evidence.text);
  assert.ok(od.evidence.text.startsWith('More than 81,000 Americans'));

  const hom = only(claims, 29675);
  assert.deepEqual([hom.measure, hom.bound, hom.place, hom.period?.start], ['homicides', 'exact', 'MEX', '2023']);
  assert.equal(hom.attribution?.text, 'Mexican authorities');
  // A change: signed, named after the sentence's measure, and the base year is not the period.
  const change = only(claims, -9);
  assert.deepEqual([change.measure, change.unit, change.period?.start], ['homicides_change_pct', 'percent', '2023']);
});

test('"<named person> and N others" counts the person; the measure comes from the verb', () => {
  const raw = 'Marines killed Rafael Soto Ibarra, alias El Tigre, and at least 6 others in a firefight near Culiacán on 2 March 2023.';
  const c = only(claimsOf(raw), 7);
  assert.deepEqual([c.measure, c.bound, c.place, c.period?.start], ['killed', 'over', 'MEX', '2023-03-02']);
  assert.equal(c.figure?.text, 'Rafael Soto Ibarra, alias El Tigre, and at least 6 others');
  // Without a name, "N others" is N.
  assert.equal(only(claimsOf('Police said 14 others were wounded in the attack.'), 14).measure, 'injured');
});

test('seizures: weights normalised to kg, the drug named refines the measure, cash and money', () => {
  const raw = 'Soldiers seized 1,200 kilograms of cocaine and 350 pounds of fentanyl at a ranch in Sinaloa, along with $1.2 million in cash.';
  const claims = claimsOf(raw);
  assert.equal(only(claims, 1200).measure, 'seizure_weight_cocaine');
  const f = only(claims, 158.76);
  assert.deepEqual([f.measure, f.unit], ['seizure_weight_fentanyl', 'kg']);
  const cash = only(claims, 1200000);
  assert.deepEqual([cash.measure, cash.unit], ['cash_seized', 'USD']);
});

test('ranges, ranks and present-tense totals', () => {
  const claims = claimsOf([
    'Between 40,000 and 60,000 people work for the cartels in the state, a study by the National Autonomous University estimates.',
    '',
    'A Geneva think tank\'s index ranks Honduras as the third most violent of 120 countries surveyed.',
    '',
    'The national registry has now climbed to 115,000 missing persons.',
  ].join('\n'));
  const r = only(claims, 40000);
  assert.deepEqual([r.bound, r.valueMax], ['range', 60000]);
  assert.match(r.attribution?.text ?? '', /National Autonomous University/);
  const rank = only(claims, 3);
  assert.deepEqual([rank.unit, rank.outOf, rank.measure], ['rank', 120, 'criminality_rank']);
  assert.ok(!claims.some((c) => c.value === 120), 'the ranking size is not a claim of its own');
  const missing = only(claims, 115000);
  assert.deepEqual([missing.measure, missing.period?.start, missing.period?.precision], ['missing_persons', '2024-03', 'month']);
});

test('Spanish figures: written and scaled numbers, bounds, source after the verb', () => {
  const raw = [
    'Al menos veinte personas murieron en un ataque armado en Celaya, Guanajuato, el pasado 4 de marzo, informó la fiscalía estatal.',
    '',
    'La Marina aseguró 2.3 toneladas de metanfetamina en Manzanillo.',
    '',
    'Según cifras oficiales, los homicidios dolosos cayeron 7 por ciento en 2023 respecto a 2022.',
    '',
    'Decenas de miles de personas han sido desplazadas por la violencia en Chiapas.',
  ].join('\n');
  const claims = claimsOf(raw);
  const k = only(claims, 20);
  assert.deepEqual([k.measure, k.bound, k.place, k.period?.start], ['killed', 'over', 'MEX', '2024-03-04']);
  assert.equal(k.attribution?.text, 'la fiscalía estatal');
  const meth = only(claims, 2300);
  assert.deepEqual([meth.measure, meth.unit], ['seizure_weight_methamphetamine', 'kg']);
  const pct = only(claims, -7);
  assert.deepEqual([pct.measure, pct.period?.start, pct.attribution?.text], ['homicides_change_pct', '2023', 'cifras oficiales']);
  const d = only(claims, 10000);
  assert.deepEqual([d.measure, d.bound, d.valueMax], ['internally_displaced', 'range', 99999]);
});

test('a figure whose period cannot be resolved has no period, never the publication date', () => {
  const [c] = extractText('Federal officials say overdoses took more than 70,000 American lives last year.').record.claims as Claim[];
  assert.ok(c);
  assert.equal(c.value, 70000);
  assert.equal(c.period, null);
  assert.equal(c.attribution?.text, 'Federal officials');
});

test('ratios are not counts; Spanish currency scale words; a source closing the sentence; the base of a comparison', () => {
  assert.deepEqual(claimsOf('Only 1 in 5 killings in the state leads to a conviction.'), []);
  const es = numbers('Hacienda congeló 150 mdd y $500 mil pesos.', 'es');
  assert.deepEqual(es.map((x) => [x.value, x.unit]), [[150000000, 'USD'], [500000, 'MXN']]);
  const [c] = claimsOf('Roughly 68 percent of the guns seized in Sonora last year were traced to Arizona dealers, the ATF found.');
  assert.ok(c);
  assert.deepEqual([c.value, c.bound, c.unit, c.attribution?.text], [68, 'about', 'percent', 'the ATF']);
  const [e] = claimsOf('Apprehensions fell to 1.1 million in fiscal 2023, a 12% drop over the previous year.').filter((x) => x.unit === 'percent');
  assert.ok(e);
  assert.deepEqual([e.value, e.period?.start], [-12, '2023']);
});

test('lower-casing for cue search keeps accents and one character per input character', () => {
  const ref = (s: string) => [...s].map((ch) => { const l = ch.toLowerCase(); return l.length === ch.length ? l : ch; }).join('');
  for (const s of ['La Secretaría REGISTRÓ 1.500 Homicidios', 'İstanbul ΣΟΣ ÆRØ 𐐀 “Quote”', 'plain ASCII']) assert.equal(lowerKeep(s), ref(s));
});

test('phrase matcher: same answers as the boundary regexes it replaces, on seeded random texts', async () => {
  const { PhraseMatcher } = await import('../src/claims/phrases.js');
  const phrases = ['overdose deaths', 'deaths', 'more than', 'more', 'than', 'según', 'per cent', '%', '$', '-year', 'million', 'mil', 'a report by', 'report', 'tons of', 'ton', 'año', 'años'];
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const alt = [...phrases].sort((a, b) => b.length - a.length).map(esc).join('|');
  const L = '[\\p{L}\\p{N}]';
  const before = new RegExp(`(?:(?<!${L})|(?=[^\\p{L}\\p{N}]))(${alt})\\s*$`, 'u');
  const after = new RegExp(`^\\s*(${alt})(?:(?<=[^\\p{L}\\p{N}])|(?!${L}))`, 'u');
  const all = new RegExp(`(?<!${L})(${alt})(?!${L})`, 'gu');
  const m = new PhraseMatcher(phrases);
  const pieces = [...phrases, ' ', '  ', '\n', 'x', 'e', '7', '-', ',', 'ñ', '𝐀', 'overdose', 'dea', 'thans', 'year'];
  let seed = 7;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  let hits = 0;
  for (let k = 0; k < 3000; k++) {
    let t = '';
    for (let j = rnd(12); j >= 0; j--) t += pieces[rnd(pieces.length)];
    const pos = rnd(t.length + 1);
    const w = 1 + rnd(30);
    const e = before.exec(t.slice(Math.max(0, pos - w), pos));
    assert.deepEqual(m.endingAt(t, pos, w), e ? { start: Math.max(0, pos - w) + e.index, text: e[1] } : null, `endingAt ${JSON.stringify(t)} ${pos} ${w}`);
    const a = after.exec(t.slice(pos, pos + w));
    assert.deepEqual(m.startingAt(t, pos, w), a ? { start: pos + a[0].length - a[1]!.length, end: pos + a[0].length, text: a[1] } : null, `startingAt ${JSON.stringify(t)} ${pos} ${w}`);
    const to = Math.min(t.length, pos + w);
    const want = [...t.slice(pos, to).matchAll(all)].map((x) => ({ start: pos + x.index!, end: pos + x.index! + x[0].length, text: x[0] }));
    assert.deepEqual(m.findAll(t, pos, to), want, `findAll ${JSON.stringify(t)} ${pos} ${to}`);
    hits += want.length + (e ? 1 : 0) + (a ? 1 : 0);
  }
  assert.ok(hits > 1000, `the random texts should hold phrases (${hits} hits)`);
});
