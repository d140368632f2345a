// The domain pack (domain/us-mx/*.json), validated at load with zod so that a broken data
// file fails loudly with its name and the offending entry instead of mis-coding events.
import { z } from 'zod';
import { readDomainJson } from '../util/data.js';

export const SECTORS = ['GOV', 'MIL', 'COP', 'SPY', 'JUD', 'LEG', 'CRM', 'REB', 'NGO', 'IGO', 'BUS', 'MED', 'EDU', 'CVL', 'ELI', 'OPP'] as const;
const Sector = z.enum(SECTORS);
const Iso3 = z.string().regex(/^[A-Z]{3}$/);
const DateStr = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);
const Names = z.array(z.string()).default([]);

const Country = z.object({
  iso3: Iso3,
  names: z.record(z.string(), z.array(z.string())),
  demonyms: z.record(z.string(), z.array(z.string())).optional(),
  capitals: z.array(z.string()).optional(),
  metonyms: z.array(z.string()).optional(),
});

const Institution = z.object({
  id: z.string(),
  name: z.string(),
  country: Iso3.nullable(),
  sector: Sector,
  acronyms: Names,
  aliases: Names,
  es: Names,
  parent: z.string().nullable().optional(),
  generic: z.boolean().optional(),
});

const Faction = z.object({ id: z.string(), name: z.string(), aliases: Names });
const Group = z.object({
  id: z.string(),
  name: z.string(),
  country: Iso3.nullable(),
  sector: Sector,
  aliases: Names,
  factions: z.array(Faction).default([]),
  generic: z.boolean().optional(),
});

const Role = z.object({
  post: z.string(),
  title: z.record(z.string(), z.array(z.string())).optional(),
  org: z.string().nullable().optional(),
  sector: Sector,
  from: DateStr.nullable(),
  to: DateStr.nullable(),
  acting: z.boolean().optional(),
});
const Person = z.object({
  id: z.string(),
  name: z.string(),
  country: Iso3.nullable(),
  sector: Sector,
  aliases: Names,
  surnames: Names,
  roles: z.array(Role).default([]),
  note: z.string().optional(),
});

const Place = z.object({
  id: z.string(),
  name: z.string(),
  aliases: Names,
  kind: z.string(),
  country: Iso3,
  admin1: z.string().nullable().optional(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  ambiguous: z.boolean().optional(),
});

const Sectors = z.object({
  nouns: z.record(z.string(), z.record(z.string(), Sector)),
  titles: z.record(z.string(), z.record(z.string(), Sector)),
});

export interface Pack {
  countries: z.infer<typeof Country>[];
  institutions: z.infer<typeof Institution>[];
  groups: z.infer<typeof Group>[];
  people: z.infer<typeof Person>[];
  places: z.infer<typeof Place>[];
  sectors: z.infer<typeof Sectors>;
}

function parse<T>(schema: z.ZodType<T>, rel: string, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new Error(`domain/${rel}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return r.data;
}

let cached: Pack | null = null;

/** Load and validate the pack (once per process). */
export function loadPack(dir = 'us-mx'): Pack {
  if (cached) return cached;
  const read = <T>(file: string, key: string, schema: z.ZodType<T>): T[] => {
    const rel = `${dir}/${file}`;
    const data = readDomainJson<Record<string, unknown>>(rel);
    return parse(z.array(schema), rel, data[key]);
  };
  const sectorsRel = `${dir}/sectors.json`;
  cached = {
    countries: read('countries.json', 'countries', Country),
    institutions: read('institutions.json', 'institutions', Institution),
    groups: read('groups.json', 'groups', Group),
    people: read('people.json', 'people', Person),
    places: read('places.json', 'places', Place),
    sectors: parse(Sectors, sectorsRel, readDomainJson(sectorsRel)),
  };
  return cached;
}

/** Whoever held `post` on `date` ("YYYY-MM-DD"; coarser dates compare by their first day). */
export function holderOf(pack: Pack, post: string, date: string): z.infer<typeof Person> | null {
  const day = (d: string, end: boolean) => (d.length === 4 ? `${d}-${end ? '12-31' : '01-01'}` : d.length === 7 ? `${d}-${end ? '31' : '01'}` : d);
  let best: { p: z.infer<typeof Person>; acting: boolean } | null = null;
  for (const p of pack.people) {
    for (const r of p.roles) {
      if (r.post !== post) continue;
      if (r.from && day(r.from, false) > date) continue;
      if (r.to && day(r.to, true) < date) continue;
      // A confirmed holder wins over an acting one in the same window.
      if (!best || (best.acting && !r.acting)) best = { p, acting: !!r.acting };
    }
  }
  return best?.p ?? null;
}
