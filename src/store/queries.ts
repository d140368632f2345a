// Read side of the store: the queries behind the API, the exports and the web UI. Every
// filter is a bound parameter; list queries page with opaque cursors.
import type { ArticleRecord, Claim, EventRecord } from '../contract.js';
import { claimMention } from '../merge/figures.js';
import { buildNetwork } from '../merge/network.js';
import { indexSeries, type IndexSeries } from '../merge/series.js';
import type { ArticleSummary, ClaimMention, FigureGroup, MergedEvent, Network, ReviewRecord } from '../record/types.js';
import type { Driver } from './driver.js';
import { reviewsOf } from './reviews.js';
import { dayBounds } from '../merge/dates.js';
import { ARTICLE_COLUMNS, articleSummary, SPAN_DAYS } from './store.js';

export interface Page<T> { items: T[]; next: string | null }

export class CursorError extends Error {}

const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
function decode<T>(cursor: string, check: (v: unknown) => v is T): T {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('cursor is not one this server gave out');
  }
  if (!check(v)) throw new CursorError('cursor is not one this server gave out');
  return v;
}
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A user's search words as a full-text condition on a key column; null when there are no words. */
function ftsCondition(db: Driver, kind: 'article' | 'mention', column: string, q: string): { sql: string; params: unknown[] } | null {
  const words = q.match(/[\p{L}\p{N}]+/gu);
  if (!words?.length) return null;
  if (db.dialect === 'sqlite') {
    // Each word quoted: FTS5 query syntax (NEAR, OR, column filters, "*") is never interpreted.
    const match = words.map((w) => `"${w}"`).join(' ');
    return kind === 'article'
      ? { sql: `${column} IN (SELECT key FROM article_fts WHERE article_fts MATCH ?)`, params: [match] }
      : { sql: `${column} IN (SELECT mid FROM mention_fts WHERE mention_fts MATCH ?)`, params: [match] };
  }
  return kind === 'article'
    ? { sql: `${column} IN (SELECT key FROM articles WHERE to_tsvector('simple', coalesce(title, '') || ' ' || text) @@ plainto_tsquery('simple', ?))`, params: [words.join(' ')] }
    : { sql: `${column} IN (SELECT mid FROM mentions WHERE to_tsvector('simple', evidence) @@ plainto_tsquery('simple', ?))`, params: [words.join(' ')] };
}

export interface ArticleFilter { limit: number; cursor?: string; outlet?: string; q?: string; duplicates?: boolean }

export async function listArticles(db: Driver, f: ArticleFilter): Promise<Page<ArticleSummary>> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.cursor) { where.push('seq > ?'); params.push(decode(f.cursor, isNumber)); }
  if (f.outlet) { where.push('outlet = ?'); params.push(f.outlet); }
  if (f.duplicates !== undefined) where.push(f.duplicates ? 'duplicate_of IS NOT NULL' : 'duplicate_of IS NULL');
  if (f.q !== undefined) {
    const c = ftsCondition(db, 'article', 'key', f.q);
    if (!c) return { items: [], next: null };
    where.push(c.sql);
    params.push(...c.params);
  }
  const rows = await db.all<Parameters<typeof articleSummary>[0]>(
    `SELECT ${ARTICLE_COLUMNS} FROM articles ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq LIMIT ?`, [...params, f.limit + 1]);
  const items = rows.slice(0, f.limit).map(articleSummary);
  return { items, next: rows.length > f.limit ? encode(items[items.length - 1]!.seq) : null };
}

export interface ArticleDetail {
  article: ArticleSummary;
  /** The input as decoded (every offset points into it) and its format. */
  raw: string;
  format: string;
  record: ArticleRecord;
  /** Near-duplicate copies of this article, and the article it copies. */
  copies: ArticleSummary[];
  original: ArticleSummary | null;
  /** Merged event of each of the article's event mentions, in record order. */
  eventOf: Array<string | null>;
  /** Figure group of each claim, in record order. */
  figureOf: Array<string | null>;
}

/** An article by its key (raw hash) or its id (cleaned-text hash). */
export async function getArticle(db: Driver, keyOrId: string): Promise<ArticleDetail | null> {
  const rows = await db.all<Parameters<typeof articleSummary>[0] & { record: string; raw: string; format: string }>(
    `SELECT ${ARTICLE_COLUMNS}, record, raw, format FROM articles WHERE key = ? OR id = ? ORDER BY seq LIMIT 1`, [keyOrId, keyOrId]);
  const row = rows[0];
  if (!row) return null;
  const article = articleSummary(row);
  const copies = (await db.all<Parameters<typeof articleSummary>[0]>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE duplicate_of = ? ORDER BY seq`, [article.key])).map(articleSummary);
  const orig = article.duplicateOf
    ? (await db.all<Parameters<typeof articleSummary>[0]>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE key = ?`, [article.duplicateOf])).map(articleSummary)[0] ?? null
    : null;
  const ev = await db.all<{ event: string | null }>('SELECT event FROM mentions WHERE article = ? ORDER BY ord', [article.key]);
  const fig = await db.all<{ figure: string | null }>('SELECT figure FROM claims WHERE article = ? ORDER BY ord', [article.key]);
  return { article, raw: row.raw, format: row.format, record: JSON.parse(row.record) as ArticleRecord, copies, original: orig, eventOf: ev.map((r) => r.event), figureOf: fig.map((r) => r.figure) };
}

export interface EventFilter {
  limit: number;
  cursor?: string;
  from?: string;
  to?: string;
  type?: string[];
  quad?: string[];
  factuality?: string[];
  /** Entity id on either side. */
  actor?: string;
  /** "USA-MEX" (either direction) or "USA>MEX" (U.S. actor, Mexican recipient). */
  dyad?: string;
  outlet?: string;
  q?: string;
  /** Only events with at least this many independent sources. */
  minSources?: number;
  /** Review statuses to include (machine, confirmed, edited, rejected); default all but rejected. */
  review?: string[];
}

const inList = (col: string, xs: string[]) => `${col} IN (${xs.map(() => '?').join(', ')})`;

function eventWhere(db: Driver, f: EventFilter): { where: string[]; params: unknown[]; empty: boolean } {
  const where: string[] = [];
  const params: unknown[] = [];
  // Dates: events whose days overlap [from, to]; a month-precise event overlaps any day of its month.
  if (f.from) { where.push('day_to >= ?'); params.push(dayBounds(f.from, f.from)[0]); }
  if (f.to) { where.push('day_from <= ?'); params.push(dayBounds(f.to, f.to)[1]); }
  if (f.type?.length) { where.push(inList('type', f.type)); params.push(...f.type); }
  if (f.quad?.length) { where.push(inList('quad', f.quad)); params.push(...f.quad); }
  if (f.factuality?.length) { where.push(inList('factuality', f.factuality)); params.push(...f.factuality); }
  if (f.minSources) { where.push('sources >= ?'); params.push(f.minSources); }
  if (f.review?.length) { where.push(inList('status', f.review)); params.push(...f.review); }
  else where.push("status <> 'rejected'");
  if (f.actor) { where.push('id IN (SELECT event FROM event_actors WHERE entity = ?)'); params.push(f.actor); }
  if (f.outlet) { where.push('id IN (SELECT event FROM event_outlets WHERE outlet = ?)'); params.push(f.outlet); }
  if (f.dyad) {
    const m = /^([A-Z]{3})([->])([A-Z]{3})$/.exec(f.dyad)!;
    if (m[2] === '>') { where.push('actor_country = ? AND recipient_country = ?'); params.push(m[1], m[3]); }
    else { where.push('((actor_country = ? AND recipient_country = ?) OR (actor_country = ? AND recipient_country = ?))'); params.push(m[1], m[3], m[3], m[1]); }
  }
  if (f.q !== undefined) {
    const c = ftsCondition(db, 'mention', 'mid', f.q);
    if (!c) return { where, params, empty: true };
    where.push(`id IN (SELECT event FROM mentions WHERE ${c.sql})`);
    params.push(...c.params);
  }
  return { where, params, empty: false };
}

/** The day `n` days before an ISO day (YYYY-MM-DD). */
function daysBefore(day: string, n: number): string {
  return new Date(Date.parse(day) - n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Merged events in date order (undated last), filtered and paged. With a `from` date the list
 * is read per span class: events spanning at most a month can only overlap the window if they
 * start at most a month before it, those spanning at most a year at most a year before, so
 * each class is read from the sort-key index from that point on (an interval-overlap filter
 * on its own would read every earlier event); the few longer ones are read whole. The three
 * sorted pages are merged.
 */
export async function listEvents(db: Driver, f: EventFilter): Promise<Page<MergedEvent>> {
  const { where, params, empty } = eventWhere(db, f);
  if (empty) return { items: [], next: null };
  const cursor = f.cursor ? decode(f.cursor, isString) : null;
  const select = (w: string[], p: unknown[]) => db.all<{ sort_key: string; data: string }>(
    `SELECT sort_key, data FROM events ${w.length ? `WHERE ${w.join(' AND ')}` : ''} ORDER BY sort_key LIMIT ?`, [...p, f.limit + 1]);
  let rows: Array<{ sort_key: string; data: string }>;
  if (f.from) {
    const from = dayBounds(f.from, f.from)[0]!;
    // One lower bound per class (the later of the cursor and the class's reach), so the index
    // range starts there.
    const bound = (k: 0 | 1): [string, string] => {
      const reach = daysBefore(from, SPAN_DAYS[k]);
      return cursor !== null && cursor >= reach ? ['sort_key > ?', cursor] : ['sort_key >= ?', reach];
    };
    const [b0, b1] = [bound(0), bound(1)];
    const parts = await Promise.all([
      select([...where, 'span_class = 0', b0[0]], [...params, b0[1]]),
      select([...where, 'span_class = 1', b1[0]], [...params, b1[1]]),
      select([...where, 'span_class = 2', ...(cursor !== null ? ['sort_key > ?'] : [])], [...params, ...(cursor !== null ? [cursor] : [])]),
    ]);
    rows = parts.flat().sort((a, b) => (a.sort_key < b.sort_key ? -1 : a.sort_key > b.sort_key ? 1 : 0)).slice(0, f.limit + 1);
  } else {
    rows = cursor !== null ? await select([...where, 'sort_key > ?'], [...params, cursor]) : await select(where, params);
  }
  const items = rows.slice(0, f.limit).map((r) => JSON.parse(r.data) as MergedEvent);
  return { items, next: rows.length > f.limit ? encode(rows[f.limit - 1]!.sort_key) : null };
}

/** Every event matching a filter, page by page (exports). */
export async function* eachEvent(db: Driver, f: Omit<EventFilter, 'limit' | 'cursor'>): AsyncGenerator<MergedEvent> {
  let cursor: string | undefined;
  for (;;) {
    const page = await listEvents(db, { ...f, limit: 1000, cursor });
    yield* page.items;
    if (!page.next) return;
    cursor = page.next;
  }
}

export interface MentionDetail extends EventRecord {
  /** The mention's own id (the article's event id is kept as `articleEventId`). */
  mid: string;
  articleEventId: string;
  article: string;
  source: string;
  outlet: string | null;
  title: string | null;
  published: string | null;
  duplicateOf: string | null;
}

export async function getEvent(db: Driver, id: string): Promise<{ event: MergedEvent; mentions: MentionDetail[]; history: ReviewRecord[] } | null> {
  const rows = await db.all<{ data: string }>('SELECT data FROM events WHERE id = ?', [id]);
  if (!rows[0]) return null;
  const ms = await db.all<{ mid: string; data: string; article: string; source: string; outlet: string | null; title: string | null; published: string | null; duplicate_of: string | null }>(
    `SELECT m.mid, m.data, a.key AS article, a.source, a.outlet, a.title, a.published, a.duplicate_of
     FROM mentions m JOIN articles a ON a.key = m.article WHERE m.event = ? ORDER BY a.seq, m.ord`, [id]);
  const history = await reviewsOf(db, id);
  return {
    event: JSON.parse(rows[0].data) as MergedEvent,
    history,
    mentions: ms.map((m) => {
      const e = JSON.parse(m.data) as EventRecord;
      return { ...e, mid: m.mid, articleEventId: e.id, article: m.article, source: m.source, outlet: m.outlet, title: m.title, published: m.published, duplicateOf: m.duplicate_of };
    }),
  };
}

export interface EntitySummary { id: string; name: string; kind: string; country: string | null; sector: string | null; articles: number; mentions: number }

export async function listEntities(db: Driver, f: { limit: number; q?: string; country?: string; kind?: string }): Promise<EntitySummary[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.country) { where.push('country = ?'); params.push(f.country); }
  if (f.kind) { where.push('kind = ?'); params.push(f.kind); }
  if (f.q) { where.push('(LOWER(name) LIKE ? OR LOWER(entity) LIKE ?)'); params.push(`%${f.q.toLowerCase()}%`, `%${f.q.toLowerCase()}%`); }
  const rows = await db.all<{ entity: string; name: string; kind: string; country: string | null; sector: string | null; articles: number; mentions: number }>(
    `SELECT entity, MIN(name) AS name, MIN(kind) AS kind, MIN(country) AS country, MIN(sector) AS sector, COUNT(*) AS articles, SUM(mentions) AS mentions
     FROM article_entities ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY entity ORDER BY COUNT(*) DESC, entity LIMIT ?`, [...params, f.limit]);
  return rows.map((r) => ({ id: r.entity, name: r.name, kind: r.kind, country: r.country, sector: r.sector, articles: Number(r.articles), mentions: Number(r.mentions) }));
}

export async function getEntity(db: Driver, id: string): Promise<EntitySummary | null> {
  const rows = await db.all<{ entity: string; name: string; kind: string; country: string | null; sector: string | null; articles: number; mentions: number }>(
    `SELECT entity, MIN(name) AS name, MIN(kind) AS kind, MIN(country) AS country, MIN(sector) AS sector, COUNT(*) AS articles, SUM(mentions) AS mentions
     FROM article_entities WHERE entity = ? GROUP BY entity`, [id]);
  const r = rows[0];
  return r ? { id: r.entity, name: r.name, kind: r.kind, country: r.country, sector: r.sector, articles: Number(r.articles), mentions: Number(r.mentions) } : null;
}

export async function listClaims(db: Driver, f: { limit: number; cursor?: string; measure?: string; article?: string }): Promise<Page<ClaimMention & { figure: string | null }>> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.measure) { where.push('c.measure = ?'); params.push(f.measure); }
  if (f.article) { where.push('(a.key = ? OR a.id = ?)'); params.push(f.article, f.article); }
  if (f.cursor) { where.push('c.cid > ?'); params.push(decode(f.cursor, isString)); }
  const rows = await db.all<{ cid: string; article: string; duplicate_of: string | null; outlet: string | null; data: string; figure: string | null }>(
    `SELECT c.cid, a.key AS article, a.duplicate_of, a.outlet, c.data, c.figure FROM claims c JOIN articles a ON a.key = c.article
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.cid LIMIT ?`, [...params, f.limit + 1]);
  const items = rows.slice(0, f.limit).map((r) => {
    const c = claimMention(JSON.parse(r.data) as Claim, { id: r.cid, article: r.article, cluster: r.duplicate_of ?? r.article, outlet: r.outlet });
    return { ...c, figure: r.figure };
  });
  return { items, next: rows.length > f.limit ? encode(items[items.length - 1]!.id) : null };
}

export async function listFigures(db: Driver, f: { measure?: string; place?: string; agreement?: string }): Promise<FigureGroup[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.measure) { where.push('measure = ?'); params.push(f.measure); }
  if (f.place) { where.push('place = ?'); params.push(f.place); }
  if (f.agreement) { where.push('agreement = ?'); params.push(f.agreement); }
  const rows = await db.all<{ data: string }>(`SELECT data FROM figures ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY measure, id`, params);
  return rows.map((r) => JSON.parse(r.data) as FigureGroup);
}

export async function dyadIndex(db: Driver, dyad: [string, string], from?: string, to?: string): Promise<IndexSeries> {
  const [a, b] = dyad;
  const rows = await db.all<{ data: string }>(
    "SELECT data FROM events WHERE ((actor_country = ? AND recipient_country = ?) OR (actor_country = ? AND recipient_country = ?)) AND status <> 'rejected' ORDER BY sort_key", [a, b, b, a]);
  return indexSeries(rows.map((r) => JSON.parse(r.data) as MergedEvent), { dyad, from, to });
}

/** The actor network over the events matching a filter; node labels from the entities' names. */
export async function actorNetwork(db: Driver, f: Omit<EventFilter, 'limit' | 'cursor'> & { minWeight?: number }): Promise<Network> {
  const events: MergedEvent[] = [];
  for await (const e of eachEvent(db, f)) events.push(e);
  const names = new Map((await db.all<{ entity: string; name: string }>('SELECT entity, MIN(name) AS name FROM article_entities GROUP BY entity')).map((r) => [r.entity, r.name] as const));
  return buildNetwork(events, { names, minWeight: f.minWeight });
}

/** Outlets of the stored articles, most articles first, then by name. */
export async function listOutlets(db: Driver): Promise<Array<{ outlet: string; articles: number }>> {
  const rows = await db.all<{ outlet: string; articles: number }>('SELECT outlet, COUNT(*) AS articles FROM articles WHERE outlet IS NOT NULL GROUP BY outlet');
  // Sorted here: PostgreSQL would order names by the database's collation, SQLite by code unit.
  return rows.map((r) => ({ outlet: r.outlet, articles: Number(r.articles) }))
    .sort((a, b) => b.articles - a.articles || (a.outlet < b.outlet ? -1 : a.outlet > b.outlet ? 1 : 0));
}
