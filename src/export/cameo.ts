// CAMEO TSV in the column order of the Phoenix data set (Open Event Data Alliance, 2014–2018,
// PETRARCH-coded; the order of its published codebook, which extends the ICEWS/GDELT layout):
//
//   EventID  Date (YYYYMMDD)  Year  Month  Day
//   SourceActorFull  SourceActorEntity  SourceActorRole  SourceActorAttribute
//   TargetActorFull  TargetActorEntity  TargetActorRole  TargetActorAttribute
//   EventCode  EventRootCode  QuadClass  GoldsteinScore  Issues
//   Lat  Lon  LocationName  StateName  CountryCode  SentenceID  URLs  NewsSources
//
// One header row (Phoenix's daily files had none; the names are its codebook's), then one
// row per merged event, tab-separated, LF-terminated. Tabs, CR, LF (and U+2028/9) inside a
// value become spaces, so every row has the same 26 columns. No quoting, no formula guard:
// TSV readers (R, pandas, Stata) take values verbatim.
//
// Mapping from the merged record:
// - Date: YYYYMMDD only for a day-precise date (a range: its first day). Year, Month and Day
//   carry the precision: a month-precise event has Year and Month and empty Date and Day; an
//   undated one has all four empty. Nothing is invented (Phoenix itself was always day-dated).
// - Actors: Phoenix has one source and one target per row; the main participant of each side
//   is used (the first one in the side's main country, named before implied). Codes are composed
//   the CAMEO/Phoenix way: Full = country ISO3 + sector (`USACOP`, `MEXMIL`; `CRM` alone when the
//   country is unknown), Entity = the country, Role = the sector (Cronica's sectors are CAMEO
//   role codes), Attribute empty. Multi-actor events are not split into several rows (as
//   PETRARCH does for compound actors), so EventID stays unique and counts are not inflated.
// - EventCode: the event's CAMEO code, empty when it has none; EventRootCode its first two digits.
// - QuadClass: CAMEO numbering from the event's quad class: 1 verbal cooperation, 2 material
//   cooperation, 3 verbal conflict, 4 material conflict (later Phoenix releases call this column
//   PentaClass and add 0 for the neutral roots 01–02, which Cronica does not code).
// - GoldsteinScore: domain/export/goldstein.json by CAMEO code, falling back from a 4- or
//   3-digit code to its parent and then its root; empty without a CAMEO code. One decimal.
// - Issues: the PLOVER contexts, `;`-joined (Phoenix had its own issue list).
// - Lat, Lon, LocationName (location text), StateName (admin1), CountryCode (ISO3).
// - SentenceID: `<evidence article key>_<evidence offset>` (Phoenix: story id + sentence number).
// - URLs: the http(s) sources of the event's articles (needs `sourcesOf`), `;`-joined.
// - NewsSources: the outlets, `;`-joined.
import type { EventParticipant, Quad } from '../contract.js';
import { QUADS } from '../contract.js';
import type { MergedEvent } from '../record/types.js';
import { readDomainJson } from '../util/data.js';
import type { SourceRef } from './index.js';
import { datePartsOf } from './timelinejs.js';

export const CAMEO_COLUMNS = [
  'EventID', 'Date', 'Year', 'Month', 'Day',
  'SourceActorFull', 'SourceActorEntity', 'SourceActorRole', 'SourceActorAttribute',
  'TargetActorFull', 'TargetActorEntity', 'TargetActorRole', 'TargetActorAttribute',
  'EventCode', 'EventRootCode', 'QuadClass', 'GoldsteinScore', 'Issues',
  'Lat', 'Lon', 'LocationName', 'StateName', 'CountryCode', 'SentenceID', 'URLs', 'NewsSources',
] as const;

export interface CameoOptions {
  sourcesOf?: (event: MergedEvent) => readonly SourceRef[];
}

interface GoldsteinFile { codes: Record<string, { score: number; label: string }> }

let goldstein: Map<string, number> | null = null;

function table(): Map<string, number> {
  if (!goldstein) {
    const file = readDomainJson<GoldsteinFile>('export/goldstein.json');
    goldstein = new Map(Object.entries(file.codes).map(([code, v]) => [code, v.score]));
  }
  return goldstein;
}

/** Goldstein score of a CAMEO code (falling back to its 3-digit parent, then its root), or null. */
export function goldsteinScore(code: string | null): number | null {
  if (!code || !/^\d{2,4}$/.test(code)) return null;
  const t = table();
  for (let len = code.length; len >= 2; len--) {
    const v = t.get(code.slice(0, len));
    if (v !== undefined) return v;
  }
  return null;
}

/** CAMEO QuadClass number of a quad class: 1 verbal cooperation … 4 material conflict. */
export function quadClass(q: Quad): 1 | 2 | 3 | 4 {
  return (QUADS.indexOf(q) + 1) as 1 | 2 | 3 | 4;
}

/** The participant a one-actor format keeps for a side: in the side's main country, named first. */
export function mainParticipant(ps: readonly EventParticipant[], country: string | null): EventParticipant | null {
  const inCountry = (p: EventParticipant) => !country || p.country === country;
  return ps.find((p) => inCountry(p) && !p.implicit) ?? ps.find(inCountry) ?? ps.find((p) => !p.implicit) ?? ps[0] ?? null;
}

/** Phoenix actor columns (Full, Entity, Role, Attribute) of a participant. */
export function actorColumns(p: EventParticipant | null): [string, string, string, string] {
  if (!p) return ['', '', '', ''];
  const country = p.country ?? '';
  const sector = p.sector ?? '';
  return [country + sector, country, sector, ''];
}

const clean = (v: string) => v.replace(/[\t\r\n\u2028\u2029]/g, ' ');
const pad2 = (n: number) => String(n).padStart(2, '0');

export const isHttpUrl = (s: string) => /^https?:\/\//i.test(s);

/** The values of one event's row (already cleaned of tabs and line breaks). */
export function cameoRow(e: MergedEvent, options: CameoOptions = {}): string[] {
  const parts = datePartsOf(e.date)?.start ?? null;
  const date = parts?.day !== undefined && parts.month !== undefined ? `${parts.year}${pad2(parts.month)}${pad2(parts.day)}` : '';
  const g = goldsteinScore(e.cameo);
  const urls = options.sourcesOf ? [...new Set(options.sourcesOf(e).map((s) => s.source).filter(isHttpUrl))] : [];
  const loc = e.location;
  const row = [
    e.id,
    date,
    parts ? String(parts.year) : '',
    parts?.month !== undefined ? String(parts.month) : '',
    parts?.day !== undefined ? String(parts.day) : '',
    ...actorColumns(mainParticipant(e.actor, e.actorCountry)),
    ...actorColumns(mainParticipant(e.recipient, e.recipientCountry)),
    e.cameo ?? '',
    e.cameo ? e.cameo.slice(0, 2) : '',
    String(quadClass(e.quad)),
    g === null ? '' : g.toFixed(1),
    e.contexts.join(';'),
    loc?.lat != null ? String(loc.lat) : '',
    loc?.lon != null ? String(loc.lon) : '',
    loc?.text ?? '',
    loc?.admin1 ?? '',
    loc?.country ?? '',
    `${e.evidence.article}_${e.evidence.start}`,
    urls.join(';'),
    e.outlets.join(';'),
  ];
  return row.map(clean);
}

export function* cameoLines(events: Iterable<MergedEvent>, options: CameoOptions = {}): Generator<string> {
  yield `${CAMEO_COLUMNS.join('\t')}\n`;
  for (const e of events) yield `${cameoRow(e, options).join('\t')}\n`;
}
