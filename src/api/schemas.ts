// Query, path and body schemas of the API (zod): they validate requests and, turned into
// JSON Schema, document them in /openapi.json.
import { z } from 'zod';
import { FACTUALITIES, QUADS } from '../contract.js';

export const PLOVER_TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'] as const;

const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD');
const limit = (max: number, dflt: number) => z.coerce.number().int().min(1).max(max).default(dflt).describe(`page size (1–${max})`);
const cursor = z.string().max(500).optional().describe('the `next` value of the previous page');
/** A comma-separated list of allowed values ("COERCE,ASSAULT"). */
const list = <T extends string>(values: readonly T[], what: string) => z.string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(values as unknown as [T, ...T[]])).min(1))
  .optional()
  .describe(`one or more ${what}, comma-separated`);
const country = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166 alpha-3 code such as USA');

export const ArticlesQuery = z.object({
  limit: limit(500, 50),
  cursor,
  outlet: z.string().max(200).optional(),
  q: z.string().max(500).optional().describe('full-text search over title and text'),
  duplicates: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('only near-duplicate copies (true) or only originals (false)'),
}).strict();

export const EventsQuery = z.object({
  limit: limit(500, 50),
  cursor,
  from: isoDate.optional().describe('events overlapping this date or later'),
  to: isoDate.optional().describe('events overlapping this date or earlier'),
  type: list(PLOVER_TYPES, 'PLOVER event types'),
  quad: list(QUADS, 'quad classes'),
  factuality: list(FACTUALITIES, 'factuality values'),
  actor: z.string().max(200).optional().describe('entity id on either side'),
  dyad: z.string().regex(/^[A-Z]{3}[->][A-Z]{3}$/, 'must be like USA-MEX (either direction) or USA>MEX (directed)').optional(),
  outlet: z.string().max(200).optional(),
  q: z.string().max(500).optional().describe('full-text search over the evidence sentences'),
  minSources: z.coerce.number().int().min(1).max(1000).optional().describe('at least this many independent sources'),
  review: list(['machine', 'confirmed', 'edited', 'rejected'] as const, 'review statuses (default: all but rejected)'),
}).strict();

export const EntitiesQuery = z.object({
  limit: limit(1000, 100),
  q: z.string().max(200).optional(),
  country: country.optional(),
  kind: z.enum(['person', 'organization', 'group', 'place']).optional(),
}).strict();

export const ClaimsQuery = z.object({
  limit: limit(1000, 100),
  cursor,
  measure: z.string().max(200).optional(),
  article: z.string().max(128).optional(),
}).strict();

export const FiguresQuery = z.object({
  measure: z.string().max(200).optional(),
  place: country.optional(),
  agreement: z.enum(['agree', 'disagree', 'single']).optional(),
}).strict();

export const IndexQuery = z.object({
  dyad: z.string().regex(/^[A-Z]{3}-[A-Z]{3}$/, 'must be like USA-MEX').default('USA-MEX'),
  from: isoDate.optional(),
  to: isoDate.optional(),
}).strict();

export const NetworkQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  type: list(PLOVER_TYPES, 'PLOVER event types'),
  dyad: z.string().regex(/^[A-Z]{3}[->][A-Z]{3}$/, 'must be like USA-MEX or USA>MEX').optional(),
  minWeight: z.coerce.number().int().min(1).max(100000).default(1),
}).strict();

export const IdParams = z.object({ id: z.string().min(1).max(200) });

/** Body of POST /ingest: articles as in a JSON Lines corpus. */
export const IngestBody = z.object({
  articles: z.array(z.object({
    id: z.union([z.string(), z.number()]).optional(),
    url: z.string().max(2000).optional(),
    title: z.string().max(2000).optional(),
    published: z.string().max(100).optional(),
    outlet: z.string().max(200).optional(),
    text: z.string().optional(),
    html: z.string().optional(),
  }).refine((a) => typeof a.text === 'string' || typeof a.html === 'string', 'needs a "text" or an "html" field')).min(1).max(1000),
}).strict();

const participant = z.object({
  text: z.string().min(1).max(300),
  entity: z.string().max(200).nullable().default(null),
  country: country.nullable().default(null),
  sector: z.enum(['GOV', 'MIL', 'COP', 'SPY', 'JUD', 'LEG', 'CRM', 'REB', 'NGO', 'IGO', 'BUS', 'MED', 'EDU', 'CVL', 'ELI', 'OPP']).nullable().default(null),
}).strict();

/** Body of POST /events/:id/review. */
export const ReviewBody = z.object({
  action: z.enum(['confirm', 'reject', 'edit']),
  changes: z.object({
    type: z.enum(PLOVER_TYPES).optional(),
    mode: z.string().max(60).nullable().optional(),
    factuality: z.enum(FACTUALITIES as unknown as [string, ...string[]]).optional(),
    date: z.object({ start: isoDate.nullable(), end: isoDate.nullable().default(null), precision: z.enum(['day', 'month', 'year', 'range', 'unknown']) }).strict().optional(),
    actor: z.array(participant).max(20).optional(),
    recipient: z.array(participant).max(20).optional(),
  }).strict().optional(),
  note: z.string().max(2000).optional(),
}).strict().refine((b) => b.action !== 'edit' || (b.changes && Object.keys(b.changes).length > 0), { message: 'an edit needs at least one change', path: ['changes'] });
