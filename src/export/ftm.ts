// FollowTheMoney (FtM, the entity model of Aleph and OpenSanctions) entities as JSON lines:
// `{ "id", "schema", "properties": { name: [string, …], … } }`. Every property value is an array
// of strings, as FtM requires; only properties of the FtM schemata named below are used, so
// `ftm validate` / `followthemoney` imports keep everything.
//
// Per merged event, one `Event` entity (id `cronica-event-<event id>`):
//   name         the headline: `COERCE (arrest): U.S. agents → Salvador Cienfuegos Zepeda`
//   summary      the evidence sentence
//   description  PLOVER type/mode, quad, score, CAMEO code, factuality with its counts,
//                independent sources, mentions, confidence (FtM has no field for these)
//   date         a single date; startDate and endDate for a range or decade. FtM dates are ISO
//                prefixes, so the precision is kept ("2025-03", "2021")
//   location     the location text; country  its country (FtM: ISO 3166-1 alpha-2, lower case,
//                mapped from ISO3 by domain/export/iso3166.json)
//   involved     entity ids of every identified participant, both sides
//   organizer    entity ids of the actor side (FtM: "organizer" of the event)
//   publisher    the outlets; sourceUrl  http(s) URLs of the reports (needs `sourcesOf`)
//   keywords     PLOVER type, mode, factuality and contexts
//
// Per participant with an entity id, one entity (id `cronica-<entity id>`), written once, on the
// line before the first event that refers to it. The schema follows the entity's kind (from
// `entityInfo`, e.g. `entityInfoFromPack(loadPack())`):
//   person → Person; group (cartels, gangs, armed groups) → Organization;
//   organization → PublicBody for state sectors (GOV MIL COP SPY JUD LEG), Company for BUS,
//   Organization otherwise (IGO, NGO, MED, EDU…); unknown kind (no `entityInfo`, or a place) →
//   LegalEntity, FtM's schema for "a person or company, not known which".
// Its properties: name (canonical name from `entityInfo`, else the text of its first mention),
// alias (other texts in that event), country, sector (the sector in words) and topics (FtM's
// topic vocabulary where a sector has a clear match: gov, mil, gov.security, gov.judicial,
// gov.legislative, gov.igo, crime). Participants without an entity id (countries, unnamed
// "soldiers") get no entity: they remain in the event's name.
import type { EventParticipant } from '../contract.js';
import type { MergedEvent } from '../record/types.js';
import { readDomainJson } from '../util/data.js';
import { isHttpUrl } from './cameo.js';
import { formatFactualityCounts } from './csv.js';
import type { SourceRef } from './index.js';
import { jsonLine } from './jsonl.js';
import { isoDate } from './plover.js';
import { datePartsOf, eventHeadline } from './timelinejs.js';

export type EntityKind = 'person' | 'organization' | 'group' | 'place';

/** What the export may know of an entity id beyond the event record. */
export interface EntityInfo { name?: string; kind?: EntityKind }

export interface FtmOptions {
  sourcesOf?: (event: MergedEvent) => readonly SourceRef[];
  entityInfo?: (id: string) => EntityInfo | undefined;
}

export interface FtmEntity { id: string; schema: string; properties: Record<string, string[]> }

/** The shape of the domain pack this needs (src/actors/pack.ts `Pack` fits it). */
export interface PackLike {
  people: ReadonlyArray<{ id: string; name: string }>;
  institutions: ReadonlyArray<{ id: string; name: string }>;
  groups: ReadonlyArray<{ id: string; name: string; factions?: ReadonlyArray<{ id: string; name: string }> }>;
}

/** An `entityInfo` lookup from the domain pack: names and kinds of its people, institutions and groups. */
export function entityInfoFromPack(pack: PackLike): (id: string) => EntityInfo | undefined {
  const m = new Map<string, EntityInfo>();
  for (const p of pack.people) m.set(p.id, { name: p.name, kind: 'person' });
  for (const i of pack.institutions) m.set(i.id, { name: i.name, kind: 'organization' });
  for (const g of pack.groups) {
    m.set(g.id, { name: g.name, kind: 'group' });
    for (const f of g.factions ?? []) m.set(f.id, { name: f.name, kind: 'group' });
  }
  return (id) => m.get(id);
}

const SECTOR_WORDS: Record<string, string> = {
  GOV: 'Government', MIL: 'Armed forces', COP: 'Police and law enforcement', SPY: 'Intelligence',
  JUD: 'Judiciary and prosecution', LEG: 'Legislature', CRM: 'Organized crime', REB: 'Armed non-state group',
  NGO: 'Non-governmental organization', IGO: 'Intergovernmental organization', BUS: 'Business', MED: 'Media',
  EDU: 'Education and research', CVL: 'Civilians', ELI: 'Elites and former officials', OPP: 'Political opposition',
};

/** Sector → FtM topic, only where the topic clearly fits. */
const SECTOR_TOPIC: Record<string, string> = {
  GOV: 'gov', MIL: 'mil', COP: 'gov.security', SPY: 'gov.security', JUD: 'gov.judicial', LEG: 'gov.legislative',
  IGO: 'gov.igo', CRM: 'crime',
};

const STATE_SECTORS = new Set(['GOV', 'MIL', 'COP', 'SPY', 'JUD', 'LEG']);

/** The FtM schema of a participant entity. */
export function ftmSchema(kind: EntityKind | undefined, sector: string | null): string {
  switch (kind) {
    case 'person': return 'Person';
    case 'group': return 'Organization';
    case 'organization':
      if (sector === 'BUS') return 'Company';
      return sector && STATE_SECTORS.has(sector) ? 'PublicBody' : 'Organization';
    default: return 'LegalEntity';
  }
}

let alpha2: Map<string, string> | null = null;

/** FtM country code (ISO 3166-1 alpha-2, lower case) of an ISO3 code, or null. */
export function ftmCountry(iso3: string | null | undefined): string | null {
  if (!iso3) return null;
  if (!alpha2) alpha2 = new Map(Object.entries(readDomainJson<{ alpha2: Record<string, string> }>('export/iso3166.json').alpha2));
  return alpha2.get(iso3) ?? null;
}

export const ftmEventId = (e: MergedEvent) => `cronica-event-${e.id}`;
export const ftmEntityId = (entity: string) => `cronica-${entity}`;

/** Properties with every empty value and empty list dropped. */
function props(p: Record<string, Array<string | null | undefined>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, vs] of Object.entries(p)) {
    const clean = [...new Set(vs.filter((v): v is string => typeof v === 'string' && v.trim() !== ''))];
    if (clean.length) out[k] = clean;
  }
  return out;
}

function participantEntity(p: EventParticipant & { entity: string }, side: readonly EventParticipant[], info: EntityInfo | undefined): FtmEntity {
  const texts = side.filter((q) => q.entity === p.entity && q.text.trim()).map((q) => q.text);
  const name = info?.name ?? texts[0] ?? p.entity;
  return {
    id: ftmEntityId(p.entity),
    schema: ftmSchema(info?.kind, p.sector),
    properties: props({
      name: [name],
      alias: texts.filter((t) => t !== name),
      country: [ftmCountry(p.country)],
      sector: [p.sector ? SECTOR_WORDS[p.sector] ?? p.sector : null],
      topics: [p.sector ? SECTOR_TOPIC[p.sector] : null],
    }),
  };
}

/** The Event entity of a merged event. */
export function ftmEvent(e: MergedEvent, options: FtmOptions = {}): FtmEntity {
  const parts = datePartsOf(e.date);
  const ids = (ps: readonly EventParticipant[]) => ps.map((p) => p.entity).filter((x): x is string => !!x).map(ftmEntityId);
  const counts = formatFactualityCounts(e.factualityCounts);
  const description = [
    `PLOVER ${e.type}${e.mode ? ` (${e.mode})` : ''}, ${e.quad.replace('-', ' ')}, score ${e.score}${e.cameo ? `, CAMEO ${e.cameo}` : ''}.`,
    `Factuality: ${e.factuality}${counts ? ` (${counts})` : ''}.`,
    `${e.sources} independent source${e.sources === 1 ? '' : 's'}, ${e.mentions} mention${e.mentions === 1 ? '' : 's'}; confidence ${e.confidence}.`,
  ].join(' ');
  const urls = options.sourcesOf ? options.sourcesOf(e).map((s) => s.source).filter(isHttpUrl) : [];
  return {
    id: ftmEventId(e),
    schema: 'Event',
    properties: props({
      name: [eventHeadline(e)],
      summary: [e.evidence.text],
      description: [description],
      date: parts && !parts.end ? [isoDate(parts.start)] : [],
      startDate: parts?.end ? [isoDate(parts.start)] : [],
      endDate: parts?.end ? [isoDate(parts.end)] : [],
      location: [e.location?.text],
      country: [ftmCountry(e.location?.country)],
      involved: [...ids(e.actor), ...ids(e.recipient)],
      organizer: ids(e.actor),
      publisher: e.outlets,
      sourceUrl: urls,
      keywords: [e.type, e.mode, e.factuality, ...e.contexts],
    }),
  };
}

/** Entities of the events: each participant entity once, before the first event naming it; then the event. */
export function* ftmEntities(events: Iterable<MergedEvent>, options: FtmOptions = {}): Generator<FtmEntity> {
  const written = new Set<string>();
  for (const e of events) {
    for (const side of [e.actor, e.recipient]) {
      for (const p of side) {
        if (!p.entity || written.has(p.entity)) continue;
        written.add(p.entity);
        yield participantEntity(p as EventParticipant & { entity: string }, side, options.entityInfo?.(p.entity));
      }
    }
    yield ftmEvent(e, options);
  }
}

export function* ftmLines(events: Iterable<MergedEvent>, options: FtmOptions = {}): Generator<string> {
  for (const ent of ftmEntities(events, options)) yield jsonLine(ent);
}
