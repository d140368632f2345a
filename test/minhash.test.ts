import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  SIGNATURE_SIZE,
  bandRows,
  clusterDuplicates,
  estimateSimilarity,
  shingleSet,
  signature,
  signatureFromBuffer,
  signatureToBuffer,
  type DupInput,
  type DupResult,
} from '../src/merge/minhash.js';
import { CORPUS, extractFile } from './helpers.js';
import { mulberry32 } from '../src/util/prng.js';

// A wire report, a syndicated copy of it and an independent report of the same extradition.
// The people and companies are invented.
const HEADLINE = 'Mexico extradites alleged Sinaloa cartel money launderer to the United States';
const P = [
  'MEXICO CITY (Meridian Press) — Mexico on Tuesday extradited to the United States a man accused of laundering hundreds of millions of dollars in drug proceeds for the Sinaloa cartel, the country’s Attorney General’s Office said in a statement.',
  'Rodrigo Salcedo Ibarra, 47, was flown from Toluca’s international airport to Houston aboard a U.S. Marshals Service aircraft and handed to federal agents shortly after noon, the statement said. He faces charges in the Southern District of Texas of conspiracy to launder monetary instruments and of operating an unlicensed money transmitting business.',
  'According to a 2022 indictment unsealed last year, Salcedo ran a network of currency exchange houses and produce companies in Culiacán and Nogales that moved cash from fentanyl and methamphetamine sales in Chicago, Atlanta and Phoenix back to Mexico. Prosecutors say the network disguised the money as payments for avocados and tomatoes.',
  'Mexican marines detained Salcedo in March at a gated community in Zapopan, Jalisco, in an operation that U.S. officials described at the time as a product of close intelligence sharing. A federal judge in Mexico City approved his extradition in August, and an appeal filed by his lawyers was rejected last month.',
  'The extradition comes as Washington presses the government of President Claudia Sheinbaum to show results against the groups that traffic synthetic opioids across the border. Mexico has sent dozens of suspects north this year, including several in mass transfers that bypassed the usual court process.',
  'A lawyer for Salcedo, Ernesto Valdivia, told reporters outside the federal courthouse in Houston that his client was a legitimate businessman who had never met any cartel leader. “He will plead not guilty, and we will prove that these companies sold real produce to real buyers,” Valdivia said.',
  'If convicted on all counts, Salcedo faces up to 20 years in prison on the laundering charge alone. The U.S. Treasury Department sanctioned him and eleven of his companies in 2023, freezing any assets they held under U.S. jurisdiction.',
  'Salcedo is scheduled to make his first appearance before a magistrate judge on Wednesday morning.',
];
const ORIGINAL = [HEADLINE, ...P].join('\n\n');

/** Another headline, the fifth paragraph rewritten (~11% of the words) and a credit line. */
const SYNDICATED = [
  'Accused cartel launderer sent to Houston after Mexico approves extradition',
  ...P.slice(0, 4),
  'U.S. officials have pushed Mexico’s new administration for months to hand over more people wanted on drug charges, and the two governments have stepped up joint work against fentanyl producers. Dozens of defendants have been sent north since January.',
  ...P.slice(5),
  'Reporting by Ana Lucía Cordero in Mexico City and Mark Ellison in Houston; Editing by Paul Whitcombe',
].join('\n\n');

/** The same extradition, reported independently: same facts and names, other words. */
const INDEPENDENT = [
  'Alleged financier for Sinaloa cartel extradited to Texas',
  'HOUSTON — A Mexican businessman whom U.S. prosecutors accuse of washing drug money for the Sinaloa cartel arrived in Texas on Tuesday after Mexico’s government approved his extradition, ending a seven-month legal fight.',
  'Rodrigo Salcedo Ibarra, 47, landed at Ellington Field on a government plane and was booked into the federal detention center downtown, a spokeswoman for the U.S. Attorney’s Office said. An indictment filed in 2022 charges him with money laundering conspiracy and with running an unlicensed money transmitting business.',
  'Investigators allege that Salcedo’s exchange houses in Sinaloa and Sonora, along with a string of fruit and vegetable exporters, served as a pipeline for cartel cash collected in U.S. cities. Shipments of avocados and tomatoes were invoiced at inflated prices so that dollars could travel south looking like farm revenue, according to court papers.',
  'Salcedo was arrested in March near Guadalajara by Mexico’s navy. His defense team fought the extradition in Mexican courts for months, arguing that the U.S. charges rested on the testimony of cooperating witnesses with every reason to lie.',
  '“My client is a farmer and a merchant, not a criminal,” said his attorney, Ernesto Valdivia, who predicted an acquittal.',
  'U.S. officials have praised Mexico’s recent willingness to hand over suspects. The Treasury Department placed Salcedo and a group of his firms on its sanctions list two years ago. He is expected to appear in court on Wednesday.',
].join('\n\n');

const THRESHOLD = 0.5;
const sim = (a: string, b: string) => estimateSimilarity(signature(a), signature(b));

const rng = mulberry32;
function randomSignature(next: () => number): Uint32Array {
  const s = new Uint32Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) s[i] = Math.floor(next() * 4294967291);
  return s;
}
function shuffled<T>(xs: T[], next: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
const sorted = (m: Map<string, DupResult>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));

test('shingles: 5 normalised words; a short text is one shingle; an empty text none', () => {
  assert.deepEqual([...shingleSet('El Ejército detuvo a 3 sospechosos en Culiacán, Sinaloa.')],
    ['el ejercito detuvo a 3', 'ejercito detuvo a 3 sospechosos', 'detuvo a 3 sospechosos en', 'a 3 sospechosos en culiacan', '3 sospechosos en culiacan sinaloa']);
  assert.deepEqual([...shingleSet('¡García Luna, SENTENCED!')], ['garcia luna sentenced']);
  assert.equal(shingleSet('').size, 0);
  assert.equal(shingleSet('  — … ').size, 0);
  assert.deepEqual([...shingleSet('The U.S. paid $2,000,000', 2)], ['the us', 'us paid', 'paid 2000000']);
  assert.ok(signature('').every((v) => v === 0xffffffff));
  assert.equal(signature(ORIGINAL).length, SIGNATURE_SIZE);
});

test('identical texts, and texts differing only in whitespace, case, accents and quote marks, have similarity 1', () => {
  assert.equal(sim(ORIGINAL, ORIGINAL), 1);
  const variant = ORIGINAL.toUpperCase()
    .normalize('NFKD').replace(/\p{M}/gu, '')
    .replace(/’/g, "'").replace(/[“”]/g, '"')
    .replace(/ /g, '  ').replace(/\n\n/g, '\n \n\t');
  assert.notEqual(variant, ORIGINAL);
  assert.equal(sim(ORIGINAL, variant), 1);
  assert.equal(sim('Genaro García Luna fue sentenciado en Nueva York', 'GENARO GARCIA LUNA fue  sentenciado en nueva york.'), 1);
});

test('a syndicated copy (new headline, one paragraph rewritten, a credit line) is clustered with its original', () => {
  const s = sim(ORIGINAL, SYNDICATED);
  assert.ok(s >= 0.6, `similarity ${s}`);
  const r = clusterDuplicates([
    { key: 'wire', order: 1, signature: signature(ORIGINAL) },
    { key: 'reprint', order: 2, signature: signature(SYNDICATED) },
  ]);
  assert.deepEqual(r.get('wire'), { duplicateOf: null, similarity: null });
  assert.deepEqual(r.get('reprint'), { duplicateOf: 'wire', similarity: s });
});

test('two independent reports of the same extradition are not duplicates', () => {
  const s = sim(ORIGINAL, INDEPENDENT);
  assert.ok(s < 0.3, `similarity ${s}`);
  const r = clusterDuplicates([
    { key: 'meridian', order: 1, signature: signature(ORIGINAL) },
    { key: 'houston', order: 2, signature: signature(INDEPENDENT) },
    { key: 'reprint', order: 3, signature: signature(SYNDICATED) },
  ]);
  assert.equal(r.get('houston')!.duplicateOf, null);
  assert.equal(r.get('reprint')!.duplicateOf, 'meridian');
});

test('sample corpus: the syndicated and the spun copies cluster with their originals, and nothing else does', () => {
  const files = readdirSync(CORPUS).sort();
  assert.equal(files.length, 17);
  const docs = files.map((f) => {
    const x = extractFile(path.join(CORPUS, f));
    return { f, cleaned: signature(x.record.article.text), analysis: signature(x.analysis.text) };
  });
  const at = (f: string) => docs.findIndex((d) => d.f === f);
  const pairs = new Map([
    ['11-garcia-luna-sentenced.html', '12-garcia-luna-sentenced-syndicated.txt'],
    ['05-cienfuegos-case.html', '06-cienfuegos-case-spun.txt'],
  ]);
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      const s = estimateSimilarity(docs[i]!.analysis, docs[j]!.analysis);
      if (pairs.get(docs[i]!.f) === docs[j]!.f) assert.ok(s >= 0.6, `${docs[i]!.f} ~ ${docs[j]!.f}: ${s}`);
      else assert.ok(s < THRESHOLD, `${docs[i]!.f} ~ ${docs[j]!.f}: ${s}`);
    }
  }
  // Spin hides the copy in the cleaned text; the restored analysis text reveals it.
  const spun = [at('05-cienfuegos-case.html'), at('06-cienfuegos-case-spun.txt')] as const;
  assert.ok(estimateSimilarity(docs[spun[1]]!.analysis, docs[spun[0]]!.analysis) >
    estimateSimilarity(docs[spun[1]]!.cleaned, docs[spun[0]]!.cleaned));

  const r = clusterDuplicates(docs.map((d, i) => ({ key: d.f, order: i, signature: d.analysis })));
  const dups = [...r].filter(([, v]) => v.duplicateOf).map(([k, v]) => [k, v.duplicateOf]);
  assert.deepEqual(dups.sort(), [
    ['06-cienfuegos-case-spun.txt', '05-cienfuegos-case.html'],
    ['12-garcia-luna-sentenced-syndicated.txt', '11-garcia-luna-sentenced.html'],
  ]);
});

test('the original of a cluster is its item of smallest order, wherever it sits in the input', () => {
  const items: DupInput[] = [
    { key: 'a-wire', order: 30, signature: signature(ORIGINAL) },
    { key: 'b-reprint', order: 10, signature: signature(SYNDICATED) },
    { key: 'c-other', order: 5, signature: signature(INDEPENDENT) },
    { key: 'd-again', order: 20, signature: signature(ORIGINAL) },
  ];
  const r = clusterDuplicates(items);
  assert.deepEqual(r.get('b-reprint'), { duplicateOf: null, similarity: null });
  assert.equal(r.get('a-wire')!.duplicateOf, 'b-reprint');
  assert.equal(r.get('d-again')!.duplicateOf, 'b-reprint');
  assert.equal(r.get('a-wire')!.similarity, sim(ORIGINAL, SYNDICATED));
  assert.deepEqual(r.get('c-other'), { duplicateOf: null, similarity: null });
  // Equal orders: the smaller key is the original.
  const tie = clusterDuplicates([
    { key: 'z', order: 1, signature: signature(ORIGINAL) },
    { key: 'y', order: 1, signature: signature(ORIGINAL) },
  ]);
  assert.deepEqual(tie.get('z'), { duplicateOf: 'y', similarity: 1 });
});

/**
 * Signatures with exact resemblances: A and B share 80 of 128 slots (0.625), B and C share
 * 80 (0.625), A and C only 32 (0.25).
 */
function chain(next: () => number): [Uint32Array, Uint32Array, Uint32Array] {
  const a = randomSignature(next);
  const b = randomSignature(next);
  const c = randomSignature(next);
  b.set(a.subarray(0, 80), 0);
  c.set(b.subarray(48, 128), 48);
  return [a, b, c];
}

test('clusters are transitive: A~B and B~C join A and C even though A and C are below the threshold', () => {
  const [a, b, c] = chain(rng(7));
  assert.equal(estimateSimilarity(a, b), 0.625);
  assert.equal(estimateSimilarity(b, c), 0.625);
  assert.equal(estimateSimilarity(a, c), 0.25);
  const r = clusterDuplicates([
    { key: 'C', order: 3, signature: c },
    { key: 'A', order: 1, signature: a },
    { key: 'B', order: 2, signature: b },
  ]);
  assert.deepEqual(r.get('A'), { duplicateOf: null, similarity: null });
  assert.deepEqual(r.get('B'), { duplicateOf: 'A', similarity: 0.625 });
  // C's similarity is to the original A, not to B through which it joined.
  assert.deepEqual(r.get('C'), { duplicateOf: 'A', similarity: 0.25 });
  // Without B, A and C stay apart.
  const apart = clusterDuplicates([{ key: 'A', order: 1, signature: a }, { key: 'C', order: 3, signature: c }]);
  assert.equal(apart.get('C')!.duplicateOf, null);
});

test('a pair that shares an LSH bucket only together with a third item is still verified, in any input order', () => {
  // O~C1 (0.625) share bands 0 and 2..39 of 64×2; O~C2 (0.508, only 65 slots, mostly one
  // row per band) share a whole band only in band 1, where C1 (0.32 to C2) is too.
  const next = rng(99);
  const o = randomSignature(next);
  const c1 = randomSignature(next);
  const c2 = randomSignature(next);
  c1.set(o.subarray(0, 80), 0);
  for (let i = 0; i < SIGNATURE_SIZE; i += 2) c2[i] = o[i]!;
  c2[3] = o[3]!;
  assert.equal(bandRows(THRESHOLD), 2);
  assert.ok(estimateSimilarity(o, c2) >= THRESHOLD && estimateSimilarity(c1, c2) < THRESHOLD);
  const items: DupInput[] = [{ key: 'O', order: 1, signature: o }, { key: 'C1', order: 2, signature: c1 }, { key: 'C2', order: 3, signature: c2 }];
  for (const perm of [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]) {
    const r = clusterDuplicates(perm.map((i) => items[i]!));
    assert.equal(r.get('C1')!.duplicateOf, 'O', perm.join());
    assert.equal(r.get('C2')!.duplicateOf, 'O', perm.join());
  }
});

test('clustering does not depend on the order of the input', () => {
  const next = rng(2024);
  const items: DupInput[] = [
    { key: 'wire', order: 1, signature: signature(ORIGINAL) },
    { key: 'reprint', order: 2, signature: signature(SYNDICATED) },
    { key: 'houston', order: 3, signature: signature(INDEPENDENT) },
    { key: 'empty-1', order: 4, signature: signature('') },
    { key: 'empty-2', order: 5, signature: signature('') },
  ];
  const [a, b, c] = chain(next);
  items.push({ key: 'A', order: 6, signature: a }, { key: 'B', order: 7, signature: b }, { key: 'C', order: 8, signature: c });
  // Families of near-copies (each slot kept with probability 0.75) among unrelated signatures.
  for (let f = 0; f < 40; f++) {
    const base = randomSignature(next);
    items.push({ key: `f${f}`, order: 100 + f * 10, signature: base });
    for (let k = 1; k <= f % 5; k++) {
      const copy = base.map((v) => (next() < 0.75 ? v : Math.floor(next() * 4294967291)));
      items.push({ key: `f${f}-${k}`, order: 100 + f * 10 + ((k * 7) % 10), signature: copy });
    }
  }
  const expected = sorted(clusterDuplicates(items));
  for (let round = 0; round < 5; round++) assert.deepEqual(sorted(clusterDuplicates(shuffled(items, next))), expected);

  const r = new Map(expected);
  assert.equal(r.get('reprint')!.duplicateOf, 'wire');
  assert.equal(r.get('houston')!.duplicateOf, null);
  assert.equal(r.get('empty-2')!.duplicateOf, null, 'empty texts are never duplicates');
  assert.equal(r.get('C')!.duplicateOf, 'A');
  for (let f = 0; f < 40; f++) {
    for (let k = 1; k <= f % 5; k++) assert.equal(r.get(`f${f}-${k}`)!.duplicateOf, `f${f}`, `f${f}-${k}`);
  }
  assert.equal([...r.values()].filter((v) => v.duplicateOf).length, 1 + 2 + 80);
});

test('bands: at the default threshold a pair at the threshold is found with probability ≥ 0.999', () => {
  assert.equal(bandRows(0.5), 2);
  assert.equal(bandRows(0.7), 4);
  assert.equal(bandRows(0.9), 8);
  assert.throws(() => clusterDuplicates([], 0), /threshold/);
  const s = signature(ORIGINAL);
  assert.throws(() => clusterDuplicates([{ key: 'x', order: 1, signature: s }, { key: 'x', order: 2, signature: s }]), /twice/);
});

test('signatures round-trip through 512 little-endian bytes; a wrong length throws', () => {
  const s = signature(ORIGINAL);
  const buf = signatureToBuffer(s);
  assert.equal(buf.length, 512);
  assert.equal(buf.readUInt32LE(4), s[1]);
  assert.deepEqual(signatureFromBuffer(buf), s);
  // A view at an odd offset inside a larger buffer, and a plain Uint8Array.
  const inside = Buffer.concat([Buffer.from([1, 2, 3]), buf, Buffer.from([4])]).subarray(3, 515);
  assert.deepEqual(signatureFromBuffer(inside), s);
  assert.deepEqual(signatureFromBuffer(new Uint8Array(buf)), s);
  assert.throws(() => signatureFromBuffer(buf.subarray(0, 508)), /512 bytes.*got 508/);
  assert.throws(() => signatureFromBuffer(Buffer.alloc(0)), /got 0/);
  assert.throws(() => signatureToBuffer(new Uint32Array(64)), /128 slots/);
  assert.throws(() => estimateSimilarity(s, s.subarray(0, 64)), /lengths/);
});

test('signatures are stable: a fresh module instance and a child process compute the same', async () => {
  const url = new URL('../src/merge/minhash.js', import.meta.url).href;
  const here = signatureToBuffer(signature(ORIGINAL)).toString('hex');
  const fresh = (await import(`${url}?instance=2`)) as typeof import('../src/merge/minhash.js');
  assert.equal(fresh.signatureToBuffer(fresh.signature(ORIGINAL)).toString('hex'), here);
  const code = `const m = await import(${JSON.stringify(url)});
let t = ''; for await (const c of process.stdin) t += c;
process.stdout.write(m.signatureToBuffer(m.signature(t)).toString('hex'));`;
  const child = execFileSync(process.execPath, ['--input-type=module', '-e', code], { input: ORIGINAL, encoding: 'utf8' });
  assert.equal(child, here);
});
