import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { JSDOM } from 'jsdom';
import type { EventParticipant } from '../src/contract.js';
import type { MergedEvent, Network } from '../src/record/types.js';
import { PACKAGE_ROOT } from '../src/util/data.js';
import { exportEvents, FORMATS, type ExportFormat, type ExportOptions, type ExportSummary, type SourceRef } from '../src/export/index.js';
import { CSV_COLUMNS, csvRecord, eventCsvRow, parseCsv } from '../src/export/csv.js';
import { CAMEO_COLUMNS, goldsteinScore } from '../src/export/cameo.js';
import { entityInfoFromPack, ftmCountry } from '../src/export/ftm.js';
import { toTimeline } from '../src/export/timelinejs.js';
import { loadPack } from '../src/actors/pack.js';

// ../shared beside the repository (as in test/helpers.ts): the PLOVER manual, for checking field names.
const PLOVER_MANUAL = path.join(PACKAGE_ROOT, '..', 'shared', 'external', 'plover', 'PLOVER_MANUAL.tex');
const HAS_MANUAL = existsSync(PLOVER_MANUAL);
const SKIP_MANUAL = HAS_MANUAL ? false : 'needs ../shared/external/plover/PLOVER_MANUAL.tex; absent';

const GOLDSTEIN = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'domain', 'export', 'goldstein.json'), 'utf8')) as { codes: Record<string, { score: number }> };

// ---------------------------------------------------------------------------------------------
// Fixtures: merged events as the store would hold them.

const part = (text: string, entity: string | null, country: string | null, sector: string | null, implicit = false): EventParticipant =>
  ({ text, entity, country, sector, ...(implicit ? { implicit: true } : {}) });

function ev(over: Partial<MergedEvent> & Pick<MergedEvent, 'id' | 'type' | 'quad' | 'score'>): MergedEvent {
  return {
    mode: null,
    cameo: null,
    contexts: [],
    actor: [],
    recipient: [],
    actorCountry: null,
    recipientCountry: null,
    date: { start: null, end: null, precision: 'unknown', text: null, basis: 'none' },
    location: null,
    factuality: 'asserted',
    factualityCounts: { asserted: 1 },
    sources: 1,
    outlets: [],
    evidence: { text: '', start: 0, end: 0, article: 'a0' },
    confidence: 0.7,
    mentions: 1,
    why: [],
    ...over,
  };
}

const ARREST = ev({
  id: 'ev-0001cienfuegos',
  type: 'COERCE', mode: 'arrest', quad: 'material-conflict', score: -7, cameo: '173',
  contexts: ['illegal_drugs', 'corruption'],
  actor: [part('U.S. agents', 'usa-dea', 'USA', 'COP')],
  recipient: [part('Salvador Cienfuegos Zepeda', 'mex-cienfuegos', 'MEX', 'MIL')],
  actorCountry: 'USA', recipientCountry: 'MEX',
  date: { start: '2020-10-15', end: '2020-10-15', precision: 'day', text: '15 October 2020', basis: 'explicit' },
  location: { text: 'Los Angeles International Airport', country: 'USA', admin1: 'California', lat: 33.94, lon: -118.41 },
  factuality: 'asserted', factualityCounts: { asserted: 2 }, sources: 2, mentions: 3,
  outlets: ['Reuters', 'El Universal'],
  evidence: { text: 'U.S. agents arrested former defence minister Salvador Cienfuegos Zepeda at Los Angeles airport on Thursday.', start: 120, end: 226, article: 'art-reuters-1' },
  confidence: 0.86,
});

const ASSAULT = ev({
  id: 'ev-0002sinaloa',
  type: 'ASSAULT', mode: 'firearms', quad: 'material-conflict', score: -9, cameo: '193',
  contexts: ['illegal_drugs', 'military'],
  actor: [part('gunmen of the Sinaloa Cartel', 'mex-sinaloa', 'MEX', 'CRM')],
  recipient: [part('soldiers', null, 'MEX', 'MIL')],
  actorCountry: 'MEX', recipientCountry: 'MEX',
  date: { start: '2023-01-05', end: '2023-01-05', precision: 'day', text: 'Thursday', basis: 'relative' },
  location: { text: 'Culiacán', country: 'MEX', admin1: 'Sinaloa', lat: 24.8, lon: -107.39 },
  factuality: 'alleged', factualityCounts: { alleged: 2 }, sources: 2, mentions: 2,
  outlets: ['Milenio', 'Ríodoce'],
  evidence: { text: 'Gunmen allegedly linked to the Sinaloa Cartel opened fire on soldiers in Culiacán, officials said.', start: 0, end: 98, article: 'art-milenio-7' },
  confidence: 0.71,
});

const DRONE = ev({
  id: 'ev-0003drones',
  type: 'ASSAULT', mode: 'drone', quad: 'material-conflict', score: -9.5, cameo: '1952',
  contexts: ['military', 'illegal_drugs'],
  actor: [part('the Pentagon', 'usa-dod', 'USA', 'MIL'), part('the DEA', 'usa-dea', 'USA', 'COP')],
  recipient: [part('cartel targets', null, 'MEX', 'CRM')],
  actorCountry: 'USA', recipientCountry: 'MEX',
  date: { start: '2025-03', end: '2025-03', precision: 'month', text: 'in March', basis: 'anchored' },
  factuality: 'considered', factualityCounts: { considered: 1 }, sources: 1, mentions: 1,
  outlets: ['The New York Times'],
  evidence: { text: 'The Pentagon is weighing drone strikes on cartel targets inside Mexico, officials said in March.', start: 40, end: 136, article: 'art-nyt-3' },
  confidence: 0.64,
});

const AID = ev({
  id: 'ev-0004merida',
  type: 'AID', mode: 'military', quad: 'material-cooperation', score: 10, cameo: '072',
  contexts: ['military', 'illegal_drugs'],
  actor: [part('Washington', null, 'USA', 'GOV')],
  recipient: [part('Mexico', null, 'MEX', 'GOV')],
  actorCountry: 'USA', recipientCountry: 'MEX',
  date: { start: '2021', end: '2021', precision: 'year', text: 'in 2021', basis: 'explicit' },
  factuality: 'asserted', factualityCounts: { asserted: 1 }, sources: 1, mentions: 1,
  outlets: ['Animal Político'],
  evidence: { text: 'In 2021 Washington delivered helicopters and training to Mexico under the Mérida Initiative.', start: 10, end: 103, article: 'art-animal-2' },
  confidence: 0.77,
});

/** Text with every hazard: commas, quotes, CR/LF, a leading `=`, HTML, XML, accents, U+2028. */
const NASTY_EVIDENCE = '=HYPERLINK("http://evil.example","click"), said García, "we met in Ciudad Juárez",\r\nthen <script>alert(1)</script> & left\u2028for Chihuahua.';

const TALKS = ev({
  id: 'ev-0005talks',
  type: 'CONSULT', mode: null, quad: 'verbal-cooperation', score: 2.5, cameo: null,
  contexts: ['diplomatic', 'migration'],
  actor: [part('Marcelo Ebrard', 'mex-ebrard', 'MEX', 'GOV'), part('García & "El <Mayo>"', 'mex-x-garcia', 'MEX', 'CRM')],
  recipient: [part('-the envoy', null, 'USA', 'GOV')],
  actorCountry: 'MEX', recipientCountry: 'USA',
  date: { start: '2024-07-25', end: '2024-07-26', precision: 'range', text: 'July 25-26', basis: 'explicit' },
  location: { text: 'Ciudad Juárez,\nChihuahua', country: 'MEX', admin1: 'Chihuahua', lat: 31.69, lon: -106.42 },
  factuality: 'disputed', factualityCounts: { asserted: 2, disputed: 1 }, sources: 3, mentions: 4,
  outlets: ['Proceso', 'Milenio,\tDiario'],
  evidence: { text: NASTY_EVIDENCE, start: 5, end: 5 + NASTY_EVIDENCE.length, article: 'art-proceso-9' },
  confidence: 0.55,
});

const UNDATED = ev({
  id: 'ev-0006undated',
  type: 'COERCE', mode: 'seize', quad: 'material-conflict', score: -7, cameo: '1711',
  actor: [part('', null, 'MEX', 'GOV', true)],
  recipient: [part('a fentanyl lab', null, null, null)],
  actorCountry: 'MEX', recipientCountry: null,
  factuality: 'asserted', factualityCounts: { asserted: 1 },
  evidence: { text: 'A fentanyl lab was dismantled.', start: 0, end: 30, article: 'art-x' },
});

const EVENTS = [ARREST, ASSAULT, DRONE, AID, TALKS, UNDATED];

const NETWORK: Network = {
  nodes: [
    { id: 'usa-dea', label: 'Drug Enforcement Administration', country: 'USA', sector: 'COP', events: 1 },
    { id: 'mex-cienfuegos', label: 'Salvador Cienfuegos Zepeda', country: 'MEX', sector: 'MIL', events: 1 },
    { id: 'mex-x-garcia', label: 'García & "El <Mayo>"', country: 'MEX', sector: 'CRM', events: 1 },
    { id: 'USA:GOV', label: 'United States government', country: 'USA', sector: 'GOV', events: 2 },
    { id: 'MEX:GOV', label: 'Government of Mexico', country: null, sector: null, events: 2 },
  ],
  edges: [
    { source: 'usa-dea', target: 'mex-cienfuegos', weight: 1, quads: { 'material-conflict': 1 }, scoreSum: -7 },
    { source: 'USA:GOV', target: 'MEX:GOV', weight: 2, quads: { 'material-cooperation': 1, 'verbal-conflict': 1 }, scoreSum: 5 },
    { source: 'mex-x-garcia', target: 'USA:GOV', weight: 1, quads: { 'verbal-cooperation': 1 }, scoreSum: 2.5 },
  ],
};

const SOURCES: Record<string, SourceRef[]> = {
  [ARREST.id]: [
    { article: 'art-reuters-1', source: 'https://www.reuters.com/world/cienfuegos-arrest', outlet: 'Reuters', published: '2020-10-16' },
    { article: 'art-eluniversal-4', source: 'corpus/eluniversal-2020-10-16.html', outlet: 'El Universal', published: '2020-10-16' },
  ],
};
const OPTIONS: ExportOptions = { sourcesOf: (e) => SOURCES[e.id] ?? [] };

/** Run an export to the end: its chunks and its summary. */
function run(format: ExportFormat, events: Iterable<MergedEvent> = EVENTS, network?: Network, options: ExportOptions = OPTIONS): { chunks: string[]; summary: ExportSummary } {
  const g = exportEvents(format, events, network, options);
  const chunks: string[] = [];
  for (;;) {
    const r = g.next();
    if (r.done) return { chunks, summary: r.value };
    chunks.push(r.value);
  }
}

const jsonLines = (chunks: string[]) => {
  const text = chunks.join('');
  assert.ok(text.endsWith('\n'));
  const lines = text.slice(0, -1).split('\n');
  // One record per line, even for readers that also break lines at U+2028/U+2029.
  assert.ok(!/[\u2028\u2029]/.test(text), 'U+2028/9 escaped');
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
};

// ---------------------------------------------------------------------------------------------

test('FORMATS lists the seven formats; a bad format or gexf without a network throws at the call', () => {
  assert.deepEqual([...FORMATS], ['csv', 'jsonl', 'plover', 'cameo-tsv', 'ftm', 'timelinejs', 'gexf']);
  assert.throws(() => exportEvents('xml' as ExportFormat, EVENTS), /unknown export format "xml"/);
  assert.throws(() => exportEvents('gexf', EVENTS), /gexf.*Network/);
});

test('line formats stream: the first chunk comes before the input ends', () => {
  function* endless(): Generator<MergedEvent> {
    for (let i = 0; ; i++) yield { ...ARREST, id: `ev-${i}` };
  }
  for (const f of ['csv', 'jsonl', 'plover', 'cameo-tsv', 'ftm'] as const) {
    const g = exportEvents(f, endless());
    const chunks = [g.next(), g.next(), g.next()];
    assert.ok(chunks.every((c) => !c.done && typeof c.value === 'string' && c.value.length > 0), f);
    g.return({ records: 0, skipped: 0 });
  }
});

test('csv: RFC 4180 with CRLF, re-read by parseCsv to the same rows and columns', () => {
  const { chunks, summary } = run('csv');
  assert.equal(summary.records, EVENTS.length);
  assert.equal(chunks.length, EVENTS.length + 1, 'header, then one chunk per event');
  const text = chunks.join('');
  const rows = parseCsv(text);
  assert.deepEqual(rows, [[...CSV_COLUMNS], ...EVENTS.map(eventCsvRow)]);
  assert.equal(CSV_COLUMNS.length, 26);
  for (const r of rows) assert.equal(r.length, CSV_COLUMNS.length);
  assert.equal(rows[0]!.join(','), 'id,type,mode,quad,score,cameo,date_start,date_end,date_precision,actor,actor_entity,actor_country,recipient,recipient_entity,recipient_country,location,location_country,factuality,factuality_counts,sources,mentions,outlets,confidence,evidence,evidence_article,contexts');
  // Every record ends with CRLF; line breaks inside the quoted evidence field are kept.
  for (const c of chunks) assert.ok(c.endsWith('\r\n'));

  const col = (row: string[], name: string) => row[CSV_COLUMNS.indexOf(name as typeof CSV_COLUMNS[number])]!;
  const arrest = rows[1]!;
  assert.equal(col(arrest, 'factuality_counts'), 'asserted:2');
  assert.equal(col(arrest, 'outlets'), 'Reuters; El Universal');
  assert.equal(col(arrest, 'actor_entity'), 'usa-dea');
  assert.equal(col(arrest, 'score'), '-7', 'numbers are not guarded');
  const talks = rows[5]!;
  assert.equal(col(talks, 'factuality_counts'), 'asserted:2; disputed:1');
  assert.equal(col(talks, 'evidence'), `'${NASTY_EVIDENCE}`, 'formula guarded, quotes/commas/CRLF/accents intact');
  assert.equal(col(talks, 'recipient'), "'-the envoy");
  assert.equal(col(talks, 'actor'), 'Marcelo Ebrard; García & "El <Mayo>"');
  assert.equal(col(talks, 'location'), 'Ciudad Juárez,\nChihuahua');
  assert.equal(col(talks, 'outlets'), 'Proceso; Milenio,\tDiario');
  assert.equal(col(talks, 'date_precision'), 'range');
  assert.equal(col(rows[6]!, 'actor'), '(implied MEX GOV)');
  assert.equal(col(rows[6]!, 'date_start'), '');
  // The quoting itself.
  assert.equal(csvRecord(['a', 'b,c', 'say "hi"', 'x\ny', 'lone\rcr', '']), 'a,"b,c","say ""hi""","x\ny","lone\rcr",\r\n');
  assert.deepEqual(parseCsv(csvRecord(['lone\rcr', 'tab\there'])), [['lone\rcr', 'tab\there']]);
});

test('parseCsv: BOM, bare LF, empty fields, no trailing line end; malformed input throws', () => {
  assert.deepEqual(parseCsv('\uFEFFa,b\n"",x\r\n,\n"q""q",""'), [['a', 'b'], ['', 'x'], ['', ''], ['q"q', '']]);
  assert.deepEqual(parseCsv(''), []);
  assert.throws(() => parseCsv('a,"b\n'), /unclosed/);
  assert.throws(() => parseCsv('a,b"c\n'), /quote inside/);
  assert.throws(() => parseCsv('"a"b,c\n'), /after the closing quote/);
  const bom = run('csv', [ARREST], undefined, { bom: true }).chunks.join('');
  assert.ok(bom.startsWith('\uFEFFid,'));
  assert.equal(parseCsv(bom)[0]![0], 'id');
});

test('jsonl: one MergedEvent per line, identical after parsing', () => {
  const { chunks } = run('jsonl');
  assert.equal(chunks.length, EVENTS.length);
  assert.deepEqual(jsonLines(chunks), JSON.parse(JSON.stringify(EVENTS)));
});

test('plover: one record per line with the required fields, quad codes, dates at their precision, extensions prefixed', () => {
  const recs = jsonLines(run('plover').chunks);
  assert.equal(recs.length, EVENTS.length);
  for (const r of recs) {
    for (const k of ['id', 'date', 'actor', 'event']) assert.ok(k in r, `${r.id} has ${k}`);
    assert.ok(Array.isArray(r.event) && Array.isArray(r.actor));
  }
  const [arrest, assault, drone, aid, talks, undated] = recs as Array<Record<string, any>>;
  assert.equal(arrest!.date, '2020-10-15');
  assert.ok(!('enddate' in arrest!));
  assert.deepEqual(arrest!.event, ['COERCE']);
  assert.deepEqual(arrest!.mode, ['arrest']);
  assert.deepEqual(arrest!.context, ['illegal_drugs', 'corruption']);
  assert.equal(arrest!.quad_code, 4);
  assert.equal(arrest!.event_scale, -7);
  assert.deepEqual(arrest!.actor, [{ code: 'USA', sector: 'COP', entity_text: 'U.S. agents', cronica_entity: 'usa-dea' }]);
  assert.deepEqual(arrest!.event_loc, { extracted_place: 'Los Angeles International Airport', country_code: 'USA', province: 'California', lat: 33.94, lon: -118.41 });
  assert.equal(arrest!.cronica_id, ARREST.id);
  assert.equal(arrest!.cronica_factuality, 'asserted');
  assert.deepEqual(arrest!.cronica_factuality_counts, { asserted: 2 });
  assert.equal(arrest!.cronica_sources, 2);
  assert.equal(arrest!.cronica_articles.length, 2);
  assert.equal(assault!.cronica_factuality, 'alleged');
  assert.equal(drone!.date, '2025-03', 'month precision kept');
  assert.equal(drone!.cronica_factuality, 'considered');
  assert.equal(aid!.date, '2021');
  assert.equal(aid!.quad_code, 2);
  assert.equal(talks!.quad_code, 1);
  assert.equal(talks!.date, '2024-07-25');
  assert.equal(talks!.enddate, '2024-07-26');
  assert.equal(talks!.mode, null, 'no mode: null, as the manual says');
  assert.equal(undated!.date, null);
  assert.equal(undated!.cronica_date_precision, 'unknown');
  assert.deepEqual(undated!.actor, [{ code: 'MEX', sector: 'GOV', entity_text: null, cronica_entity: null, cronica_implicit: true }]);
  // Every non-extension field is a PLOVER name (checked against the manual in the next test).
  for (const r of recs) for (const k of Object.keys(r)) assert.ok(PLOVER_FIELDS.has(k) || k.startsWith('cronica_'), k);
});

/** Field names of the manual's tables, as this export uses them (kept in sync by the next test). */
const PLOVER_FIELDS = new Set(['id', 'date', 'enddate', 'actor', 'recipient', 'event', 'event_loc', 'event_text', 'quad_code', 'event_scale', 'mode', 'context', 'coder']);
const PLOVER_ENTITY_FIELDS = new Set(['code', 'sector', 'entity_text']);
const PLOVER_LOCATION_FIELDS = new Set(['extracted_place', 'country_code', 'province', 'lat', 'lon']);

/** Names of the first column of the LaTeX table labelled `label` (with `\_` unescaped), and the required ones. */
function manualTable(tex: string, label: string): { names: Set<string>; required: Set<string> } {
  const end = tex.indexOf(`\\label{${label}}`);
  assert.ok(end > 0, `table ${label} in the manual`);
  const start = tex.lastIndexOf('\\begin{tabular}', end);
  const names = new Set<string>();
  const required = new Set<string>();
  for (const line of tex.slice(start, end).split('\n')) {
    const m = /^\s*([a-z][a-z\\_]*)\s*&(.*)\\\\\s*$/.exec(line);
    if (!m || m[1] === 'Name') continue;
    const name = m[1]!.replace(/\\_/g, '_');
    names.add(name);
    if (/&\s*Y\s*$/.test(m[2]!)) required.add(name);
  }
  return { names, required };
}

test('plover: field names are the PLOVER manual\'s (tables "PLOVER JSON", entity and location objects)', { skip: SKIP_MANUAL }, () => {
  const tex = readFileSync(PLOVER_MANUAL, 'utf8');
  const json = manualTable(tex, 'tab:json');
  const entity = manualTable(tex, 'tab:actorinfo');
  const location = manualTable(tex, 'tab:locations');
  assert.ok(json.names.has('event') && json.names.has('quad_code') && json.required.has('id'), 'manual table parsed');
  for (const k of PLOVER_FIELDS) assert.ok(json.names.has(k), `"${k}" is a PLOVER JSON field`);
  for (const k of PLOVER_ENTITY_FIELDS) assert.ok(entity.names.has(k), `"${k}" is a PLOVER entity field`);
  for (const k of PLOVER_LOCATION_FIELDS) assert.ok(location.names.has(k), `"${k}" is a PLOVER location field`);
  const recs = jsonLines(run('plover').chunks) as Array<Record<string, any>>;
  for (const r of recs) {
    for (const k of json.required) assert.ok(k in r, `${r.id}: required field ${k}`);
    for (const k of Object.keys(r)) if (!k.startsWith('cronica_')) assert.ok(json.names.has(k), `${r.id}: ${k}`);
    for (const a of [...r.actor, ...r.recipient]) for (const k of Object.keys(a)) if (!k.startsWith('cronica_')) assert.ok(entity.names.has(k), k);
    if (r.event_loc) for (const k of Object.keys(r.event_loc)) assert.ok(location.names.has(k), k);
  }
});

test('cameo-tsv: Phoenix header, 26 columns on every row, CAMEO quad numbers and Goldstein scores from the data file', () => {
  const { chunks, summary } = run('cameo-tsv');
  assert.equal(summary.records, EVENTS.length);
  const text = chunks.join('');
  const lines = text.slice(0, -1).split('\n');
  assert.equal(lines.length, EVENTS.length + 1, 'no stray line breaks');
  const rows = lines.map((l) => l.split('\t'));
  assert.deepEqual(rows[0], [...CAMEO_COLUMNS]);
  assert.equal(rows[0]!.join(' '), 'EventID Date Year Month Day SourceActorFull SourceActorEntity SourceActorRole SourceActorAttribute TargetActorFull TargetActorEntity TargetActorRole TargetActorAttribute EventCode EventRootCode QuadClass GoldsteinScore Issues Lat Lon LocationName StateName CountryCode SentenceID URLs NewsSources');
  for (const r of rows) assert.equal(r.length, 26);
  const at = (r: string[], c: string) => r[CAMEO_COLUMNS.indexOf(c as typeof CAMEO_COLUMNS[number])]!;
  const [, arrest, assault, drone, aid, talks, undated] = rows as string[][];
  assert.deepEqual([at(arrest!, 'Date'), at(arrest!, 'Year'), at(arrest!, 'Month'), at(arrest!, 'Day')], ['20201015', '2020', '10', '15']);
  assert.deepEqual([at(arrest!, 'SourceActorFull'), at(arrest!, 'SourceActorEntity'), at(arrest!, 'SourceActorRole')], ['USACOP', 'USA', 'COP']);
  assert.equal(at(arrest!, 'TargetActorFull'), 'MEXMIL');
  assert.deepEqual([at(arrest!, 'EventCode'), at(arrest!, 'EventRootCode'), at(arrest!, 'QuadClass')], ['173', '17', '4']);
  assert.equal(Number(at(arrest!, 'GoldsteinScore')), GOLDSTEIN.codes['173']!.score);
  assert.equal(at(arrest!, 'URLs'), 'https://www.reuters.com/world/cienfuegos-arrest', 'http(s) sources only');
  assert.equal(at(arrest!, 'NewsSources'), 'Reuters;El Universal');
  assert.equal(at(arrest!, 'SentenceID'), 'art-reuters-1_120');
  assert.deepEqual([at(arrest!, 'Lat'), at(arrest!, 'Lon'), at(arrest!, 'StateName'), at(arrest!, 'CountryCode')], ['33.94', '-118.41', 'California', 'USA']);
  assert.equal(at(assault!, 'SourceActorFull'), 'MEXCRM');
  assert.equal(Number(at(assault!, 'GoldsteinScore')), GOLDSTEIN.codes['193']!.score);
  // 1952 is not in the table: its 3-digit parent 195 gives the score.
  assert.equal(at(drone!, 'EventCode'), '1952');
  assert.equal(Number(at(drone!, 'GoldsteinScore')), GOLDSTEIN.codes['195']!.score);
  assert.deepEqual([at(drone!, 'Date'), at(drone!, 'Year'), at(drone!, 'Month'), at(drone!, 'Day')], ['', '2025', '3', ''], 'month precision');
  assert.deepEqual([at(aid!, 'Date'), at(aid!, 'Year'), at(aid!, 'Month')], ['', '2021', ''], 'year precision');
  assert.equal(at(aid!, 'QuadClass'), '2');
  assert.equal(Number(at(aid!, 'GoldsteinScore')), GOLDSTEIN.codes['072']!.score);
  assert.deepEqual([at(talks!, 'EventCode'), at(talks!, 'EventRootCode'), at(talks!, 'GoldsteinScore'), at(talks!, 'QuadClass')], ['', '', '', '1'], 'no CAMEO code: empty code and score');
  assert.equal(at(talks!, 'Date'), '20240725', 'a range: its first day');
  assert.equal(at(talks!, 'Issues'), 'diplomatic;migration');
  assert.equal(at(talks!, 'LocationName'), 'Ciudad Juárez, Chihuahua', 'line break → space');
  assert.equal(at(talks!, 'NewsSources'), 'Proceso;Milenio, Diario', 'tab → space');
  assert.equal(at(drone!, 'SourceActorFull'), 'USAMIL', 'first participant of the main country');
  assert.equal(at(undated!, 'SourceActorFull'), 'MEXGOV', 'implied actor still coded');
  assert.equal(at(undated!, 'Year'), '');
  assert.equal(Number(at(undated!, 'GoldsteinScore')), GOLDSTEIN.codes['171']!.score);
});

test('goldstein.json: every root 01–20, every 3-digit code under its root, scores within ±10; the fallback chain', () => {
  const codes = Object.keys(GOLDSTEIN.codes);
  for (let i = 1; i <= 20; i++) assert.ok(codes.includes(String(i).padStart(2, '0')), `root ${i}`);
  for (const [c, v] of Object.entries(GOLDSTEIN.codes)) {
    assert.match(c, /^\d{2,3}$/);
    if (c.length === 3) assert.ok(GOLDSTEIN.codes[c.slice(0, 2)], `${c} has a root`);
    assert.ok(v.score >= -10 && v.score <= 10, c);
  }
  assert.equal(goldsteinScore('04'), 1);
  assert.equal(goldsteinScore('0874'), GOLDSTEIN.codes['087']!.score);
  assert.equal(goldsteinScore('176'), GOLDSTEIN.codes['17']!.score);
  assert.equal(goldsteinScore(null), null);
  assert.equal(goldsteinScore('xx'), null);
  // The CAMEO codes the event coder can give all have a score.
  const plover = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'domain', 'events', 'plover.json'), 'utf8')) as { types: Record<string, { cameo: string | null; modes: Record<string, { cameo?: string | null; cameoHost?: string }> }> };
  for (const [t, v] of Object.entries(plover.types)) {
    for (const c of [v.cameo, ...Object.values(v.modes).flatMap((m) => [m.cameo, m.cameoHost])]) {
      if (c) assert.notEqual(goldsteinScore(c), null, `${t} ${c}`);
    }
  }
});

test('ftm: entities as JSON lines, properties arrays of strings, participants before the events that name them', () => {
  const pack = loadPack();
  const options: ExportOptions = { ...OPTIONS, entityInfo: entityInfoFromPack(pack) };
  const { chunks, summary } = run('ftm', EVENTS, undefined, options);
  assert.equal(summary.records, EVENTS.length);
  const ents = jsonLines(chunks) as Array<{ id: string; schema: string; properties: Record<string, unknown> }>;
  const seen = new Set<string>();
  const events = ents.filter((e) => e.schema === 'Event');
  assert.equal(events.length, EVENTS.length);
  const participantIds = new Set(EVENTS.flatMap((e) => [...e.actor, ...e.recipient]).map((p) => p.entity).filter(Boolean));
  assert.equal(ents.length - events.length, participantIds.size, 'one entity per identified participant, written once');
  for (const e of ents) {
    assert.deepEqual(Object.keys(e), ['id', 'schema', 'properties']);
    assert.match(e.id, /^cronica-/);
    assert.ok(['Event', 'Person', 'Organization', 'PublicBody', 'Company', 'LegalEntity'].includes(e.schema), e.schema);
    assert.ok(Array.isArray(e.properties.name) && (e.properties.name as unknown[]).length > 0, `${e.id} has a name`);
    for (const [k, v] of Object.entries(e.properties)) {
      assert.ok(Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x !== ''), `${e.id}.${k}`);
    }
    if (e.schema === 'Event') {
      for (const ref of [...(e.properties.involved as string[] ?? []), ...(e.properties.organizer as string[] ?? [])]) assert.ok(seen.has(ref), `${e.id} refers to ${ref} written before`);
    }
    seen.add(e.id);
  }
  const byId = new Map(ents.map((e) => [e.id, e]));
  const arrest = byId.get(`cronica-event-${ARREST.id}`)!;
  assert.deepEqual(arrest.properties.date, ['2020-10-15']);
  assert.deepEqual(arrest.properties.country, ['us']);
  assert.deepEqual(arrest.properties.involved, ['cronica-usa-dea', 'cronica-mex-cienfuegos']);
  assert.deepEqual(arrest.properties.organizer, ['cronica-usa-dea']);
  assert.deepEqual(arrest.properties.publisher, ['Reuters', 'El Universal']);
  assert.deepEqual(arrest.properties.sourceUrl, ['https://www.reuters.com/world/cienfuegos-arrest']);
  assert.match((arrest.properties.description as string[])[0]!, /Factuality: asserted \(asserted:2\)/);
  assert.deepEqual(byId.get(`cronica-event-${DRONE.id}`)!.properties.date, ['2025-03']);
  assert.deepEqual(byId.get(`cronica-event-${AID.id}`)!.properties.date, ['2021']);
  const talks = byId.get(`cronica-event-${TALKS.id}`)!;
  assert.deepEqual([talks.properties.startDate, talks.properties.endDate], [['2024-07-25'], ['2024-07-26']]);
  assert.ok(!('date' in talks.properties));
  // Schemas by kind: the pack's entities get their canonical names.
  const dea = byId.get('cronica-usa-dea')!;
  assert.equal(dea.schema, 'PublicBody');
  assert.deepEqual(dea.properties.alias, ['U.S. agents']);
  assert.deepEqual(dea.properties.country, ['us']);
  assert.deepEqual(dea.properties.topics, ['gov.security']);
  assert.equal(byId.get('cronica-mex-sinaloa')!.schema, 'Organization');
  assert.deepEqual(byId.get('cronica-mex-sinaloa')!.properties.topics, ['crime']);
  const cienfuegos = byId.get('cronica-mex-cienfuegos')!;
  assert.equal(cienfuegos.schema, 'Person');
  assert.deepEqual(cienfuegos.properties.name, [pack.people.find((p) => p.id === 'mex-cienfuegos')!.name]);
  assert.deepEqual(cienfuegos.properties.topics, ['mil']);
  // An id the pack does not know: LegalEntity, named by its text.
  const unknown = byId.get('cronica-mex-x-garcia')!;
  assert.equal(unknown.schema, 'LegalEntity');
  assert.deepEqual(unknown.properties.name, ['García & "El <Mayo>"']);
  // Without entityInfo every participant is a LegalEntity.
  const plain = jsonLines(run('ftm', [ARREST]).chunks) as Array<{ schema: string }>;
  assert.deepEqual(plain.map((e) => e.schema), ['LegalEntity', 'LegalEntity', 'Event']);
});

test('ftm: every country of the domain pack has an FtM country code', () => {
  for (const c of loadPack().countries) assert.match(ftmCountry(c.iso3) ?? '', /^[a-z]{2}$/, c.iso3);
  assert.equal(ftmCountry('XKX'), 'xk');
  assert.equal(ftmCountry(null), null);
});

test('timelinejs: precision kept (no invented month or day), ranges get end_date, undated skipped, HTML escaped', () => {
  const { chunks, summary } = run('timelinejs');
  assert.equal(chunks.length, 1);
  assert.deepEqual(summary, { records: EVENTS.length - 1, skipped: 1 });
  const doc = JSON.parse(chunks[0]!) as ReturnType<typeof toTimeline>['timeline'];
  assert.equal(typeof doc.title.text.headline, 'string');
  assert.equal(doc.events.length, EVENTS.length - 1);
  const by = new Map(doc.events.map((e) => [e.unique_id, e]));
  assert.ok(!by.has(UNDATED.id));
  assert.deepEqual(by.get(ARREST.id)!.start_date, { year: 2020, month: 10, day: 15 });
  assert.ok(!('end_date' in by.get(ARREST.id)!));
  assert.deepEqual(by.get(DRONE.id)!.start_date, { year: 2025, month: 3 });
  assert.deepEqual(by.get(AID.id)!.start_date, { year: 2021 });
  assert.deepEqual(by.get(TALKS.id)!.start_date, { year: 2024, month: 7, day: 25 });
  assert.deepEqual(by.get(TALKS.id)!.end_date, { year: 2024, month: 7, day: 26 });
  assert.equal(by.get(ARREST.id)!.group, 'Material conflict');
  assert.equal(by.get(AID.id)!.group, 'Material cooperation');
  const talks = by.get(TALKS.id)!;
  assert.match(talks.text.headline, /García &amp; "El &lt;Mayo&gt;"/);
  assert.match(talks.text.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; left/);
  for (const e of doc.events) {
    // The only tags are our <p> paragraphs; no text from the record is left unescaped.
    assert.ok(!/[<>]/.test(e.text.headline), e.unique_id);
    assert.ok(!/[<>]/.test(e.text.text.replace(/<\/?p>/g, '')), e.unique_id);
    assert.ok(!/&(?!amp;|lt;|gt;)/.test(e.text.text), e.unique_id);
  }
  assert.match(by.get(ARREST.id)!.text.text, /Factuality: asserted \(asserted:2\)\. 2 independent sources, 3 mentions: Reuters; El Universal\./);
  // A month-precise date written with a day, or a year-precise one with a month: truncated, not trusted.
  const coarse = toTimeline([
    { ...DRONE, id: 'ev-m', date: { start: '2025-03-01', end: '2025-03-31', precision: 'month', text: 'March', basis: 'explicit' } },
    { ...AID, id: 'ev-y', date: { start: '2021-01-01', end: '2021-12-31', precision: 'year', text: '2021', basis: 'explicit' } },
  ]);
  assert.deepEqual(coarse.timeline.events.map((e) => [e.start_date, e.end_date]), [[{ year: 2025, month: 3 }, undefined], [{ year: 2021 }, undefined]]);
  // Decades: a year range with a display date.
  const decade = toTimeline([{ ...AID, id: 'ev-decade', date: { start: '2010', end: '2019', precision: 'decade', text: 'the 2010s', basis: 'explicit' } }]);
  assert.deepEqual(decade.timeline.events[0]!.start_date, { year: 2010 });
  assert.deepEqual(decade.timeline.events[0]!.end_date, { year: 2019 });
  assert.equal(decade.timeline.events[0]!.display_date, '2010s');
});

test('gexf: well-formed GEXF 1.3 with the right nodes and edges, attributes, labels escaped', () => {
  const { chunks, summary } = run('gexf', [], NETWORK);
  assert.equal(chunks.length, 1);
  assert.equal(summary.records, NETWORK.nodes.length);
  const xml = chunks[0]!;
  const { window } = new JSDOM('');
  const doc = new window.DOMParser().parseFromString(xml, 'application/xml');
  assert.equal(doc.getElementsByTagName('parsererror').length, 0, 'well-formed');
  const NS = 'http://gexf.net/1.3';
  const root = doc.documentElement;
  assert.equal(root.localName, 'gexf');
  assert.equal(root.namespaceURI, NS);
  assert.equal(root.getAttribute('version'), '1.3');
  assert.equal(doc.getElementsByTagNameNS(NS, 'graph')[0]!.getAttribute('defaultedgetype'), 'directed');
  const nodes = [...doc.getElementsByTagNameNS(NS, 'node')];
  const edges = [...doc.getElementsByTagNameNS(NS, 'edge')];
  assert.equal(nodes.length, NETWORK.nodes.length);
  assert.equal(edges.length, NETWORK.edges.length);
  // Labels come back exactly: <, & and " were escaped.
  assert.deepEqual(nodes.map((n) => n.getAttribute('label')), NETWORK.nodes.map((n) => n.label));
  assert.ok(xml.includes('label="García &amp; &quot;El &lt;Mayo&gt;&quot;"'));
  // Attributes are declared, and every attvalue refers to a declared one.
  const declared = new Set([...doc.getElementsByTagNameNS(NS, 'attribute')].map((a) => a.getAttribute('id')));
  for (const a of ['country', 'sector', 'events', 'verbal-cooperation', 'material-cooperation', 'verbal-conflict', 'material-conflict', 'scoreSum', 'scoreMean']) assert.ok(declared.has(a), a);
  for (const v of doc.getElementsByTagNameNS(NS, 'attvalue')) assert.ok(declared.has(v.getAttribute('for')), v.getAttribute('for')!);
  const att = (el: Element, k: string) => [...el.getElementsByTagNameNS(NS, 'attvalue')].find((v) => v.getAttribute('for') === k)?.getAttribute('value') ?? null;
  const dea = nodes.find((n) => n.getAttribute('id') === 'usa-dea')!;
  assert.deepEqual([att(dea, 'country'), att(dea, 'sector'), att(dea, 'events')], ['USA', 'COP', '1']);
  assert.equal(att(nodes.find((n) => n.getAttribute('id') === 'MEX:GOV')!, 'country'), null, 'null attributes omitted');
  const gov = edges.find((e) => e.getAttribute('source') === 'USA:GOV')!;
  assert.deepEqual([gov.getAttribute('target'), gov.getAttribute('weight')], ['MEX:GOV', '2']);
  assert.deepEqual([att(gov, 'material-cooperation'), att(gov, 'verbal-conflict'), att(gov, 'material-conflict'), att(gov, 'scoreMean')], ['1', '1', null, '2.5']);
  // Control characters XML forbids are dropped rather than breaking the document.
  const odd = run('gexf', [], { nodes: [{ id: 'a', label: 'bell\u0007 and\ttab', country: null, sector: null, events: 0 }], edges: [] }).chunks[0]!;
  const oddDoc = new window.DOMParser().parseFromString(odd, 'application/xml');
  assert.equal(oddDoc.getElementsByTagName('parsererror').length, 0);
  assert.equal(oddDoc.getElementsByTagNameNS(NS, 'node')[0]!.getAttribute('label'), 'bell and\ttab');
  // A dangling edge is an error.
  assert.throws(() => run('gexf', [], { nodes: NETWORK.nodes, edges: [{ source: 'usa-dea', target: 'nobody', weight: 1, quads: {}, scoreSum: 0 }] }), /nobody/);
});
