// PLOVER JSON records, one per line (the manual suggests newline-delimited JSON).
//
// Field names are those of the PLOVER manual's "Data Fields" chapter (table "PLOVER JSON",
// and the entity and location object tables), which asks data sets to use its names for the
// information they have and lets them add their own fields:
//
//   id           the merged event's id (the manual requires a data-set-unique id)
//   date         start date, YYYY-MM-DD; at the event's precision when coarser (YYYY-MM, YYYY),
//                since a day is never invented; null when undated (the manual requires `date`:
//                an undated event is still written, with `cronica_date_precision: "unknown"`)
//   enddate      end date, only for ranges and decades
//   actor, recipient  lists of entity objects: { code (ISO3 country), sector, entity_text },
//                plus `cronica_entity` (Cronica's entity id, which is not a Wikidata id and so
//                does not go in `identifier_id`) and `cronica_implicit` for implied participants
//   event        list of event categories: [type]
//   mode         list of modes, null when none (the manual: "left null")
//   context      list of contexts, null when none
//   quad_code    1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
//   event_scale  the PLOVER score of type and mode
//   event_loc    location object { extracted_place, country_code (ISO3), province (admin1),
//                lat, lon } or null
//   event_text   [the evidence sentence]
//   coder        "cronica"
//
// Cronica extensions, all prefixed `cronica_`: cronica_id (the id again, kept when a merged
// data set re-numbers `id`), cronica_factuality, cronica_factuality_counts (independent sources
// per value), cronica_sources (independent sources), cronica_mentions, cronica_outlets,
// cronica_confidence, cronica_cameo, cronica_date_precision, cronica_date_basis,
// cronica_evidence ({ article, start, end }) and, with `sourcesOf`, cronica_articles
// ([{ article, source, outlet, published }]).
import type { EventParticipant } from '../contract.js';
import type { FactualityCounts, MergedEvent } from '../record/types.js';
import { quadClass } from './cameo.js';
import type { SourceRef } from './index.js';
import { jsonLine } from './jsonl.js';
import { datePartsOf, type DateParts } from './timelinejs.js';

export interface PloverOptions {
  sourcesOf?: (event: MergedEvent) => readonly SourceRef[];
}

export interface PloverEntity {
  code: string | null;
  sector: string | null;
  entity_text: string | null;
  cronica_entity: string | null;
  cronica_implicit?: true;
}

export interface PloverLocation {
  extracted_place: string;
  country_code: string | null;
  province: string | null;
  lat: number | null;
  lon: number | null;
}

export interface PloverRecord {
  id: string;
  date: string | null;
  enddate?: string;
  actor: PloverEntity[];
  recipient: PloverEntity[];
  event: string[];
  mode: string[] | null;
  context: string[] | null;
  quad_code: 1 | 2 | 3 | 4;
  event_scale: number;
  event_loc: PloverLocation | null;
  event_text: string[];
  coder: string;
  cronica_id: string;
  cronica_factuality: string;
  cronica_factuality_counts: FactualityCounts;
  cronica_sources: number;
  cronica_mentions: number;
  cronica_outlets: string[];
  cronica_confidence: number;
  cronica_cameo: string | null;
  cronica_date_precision: string;
  cronica_date_basis: string;
  cronica_evidence: { article: string; start: number; end: number };
  cronica_articles?: SourceRef[];
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** YYYY, YYYY-MM or YYYY-MM-DD as deep as the parts go. */
export function isoDate(p: DateParts): string {
  return `${p.year}${p.month !== undefined ? `-${pad2(p.month)}${p.day !== undefined ? `-${pad2(p.day)}` : ''}` : ''}`;
}

function entity(p: EventParticipant): PloverEntity {
  const o: PloverEntity = {
    code: p.country,
    sector: p.sector,
    entity_text: p.text.trim() ? p.text : null,
    cronica_entity: p.entity,
  };
  if (p.implicit) o.cronica_implicit = true;
  return o;
}

export function ploverRecord(e: MergedEvent, options: PloverOptions = {}): PloverRecord {
  const parts = datePartsOf(e.date);
  const r: PloverRecord = {
    id: e.id,
    date: parts ? isoDate(parts.start) : null,
    ...(parts?.end ? { enddate: isoDate(parts.end) } : {}),
    actor: e.actor.map(entity),
    recipient: e.recipient.map(entity),
    event: [e.type],
    mode: e.mode ? [e.mode] : null,
    context: e.contexts.length ? [...e.contexts] : null,
    quad_code: quadClass(e.quad),
    event_scale: e.score,
    event_loc: e.location
      ? { extracted_place: e.location.text, country_code: e.location.country, province: e.location.admin1, lat: e.location.lat, lon: e.location.lon }
      : null,
    event_text: [e.evidence.text],
    coder: 'cronica',
    cronica_id: e.id,
    cronica_factuality: e.factuality,
    cronica_factuality_counts: { ...e.factualityCounts },
    cronica_sources: e.sources,
    cronica_mentions: e.mentions,
    cronica_outlets: [...e.outlets],
    cronica_confidence: e.confidence,
    cronica_cameo: e.cameo,
    cronica_date_precision: parts ? e.date.precision : 'unknown',
    cronica_date_basis: e.date.basis,
    cronica_evidence: { article: e.evidence.article, start: e.evidence.start, end: e.evidence.end },
  };
  if (options.sourcesOf) r.cronica_articles = options.sourcesOf(e).map((s) => ({ article: s.article, source: s.source, outlet: s.outlet, published: s.published }));
  return r;
}

export function* ploverLines(events: Iterable<MergedEvent>, options: PloverOptions = {}): Generator<string> {
  for (const e of events) yield jsonLine(ploverRecord(e, options));
}
