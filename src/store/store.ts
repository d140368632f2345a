// The repository: one interface over SQLite and PostgreSQL. Articles go in one transaction
// each (with their event mentions, claims and entities); the derived record (near-duplicate
// clusters, merged events, figure groups) is rebuilt from the stored mentions in one
// transaction, so a killed run leaves either the old derived record or the new one, and
// rebuilding again gives the same result.
import type { ArticleRecord, Claim, EventRecord } from '../contract.js';
import { dayBounds } from '../merge/dates.js';
import { mergeEvents } from '../merge/events.js';
import { applyReview, applyReviews, type PloverTable } from '../merge/review.js';
import { readDomainJson } from '../util/data.js';
import { claimMention, groupFigures } from '../merge/figures.js';
import { clusterDuplicates, signatureFromBuffer, signatureToBuffer } from '../merge/minhash.js';
import type { ArticleSummary, ClaimMention, EventMention, FigureGroup, MergedEvent, ReviewChanges, ReviewRecord } from '../record/types.js';
import type { Driver } from './driver.js';
import { reviewsOf } from './reviews.js';
import { migrate } from './schema.js';

export interface NewArticle {
  /** sha256 of the raw input: the idempotency key. */
  key: string;
  /** The input as decoded: every offset of the record points into it. */
  raw: string;
  format: 'html' | 'text';
  record: ArticleRecord;
  /** MinHash signature of the analysis text (cleaned, spin restored). */
  signature: Uint32Array;
}

export interface Counts {
  articles: number;
  duplicates: number;
  mentions: number;
  events: number;
  claims: number;
  figures: number;
  entities: number;
}

interface ArticleRow {
  key: string; id: string; seq: number; source: string; title: string | null; outlet: string | null;
  published: string | null; published_precision: string; language: string | null; spun: number | boolean;
  duplicate_of: string | null; similarity: number | null; event_count: number; claim_count: number; ingested_at: string;
}

export const ARTICLE_COLUMNS = 'key, id, seq, source, title, outlet, published, published_precision, language, spun, duplicate_of, similarity, event_count, claim_count, ingested_at';

export function articleSummary(r: ArticleRow): ArticleSummary {
  return {
    key: r.key, id: r.id, seq: Number(r.seq), source: r.source, title: r.title, outlet: r.outlet,
    published: r.published, publishedPrecision: r.published_precision, language: r.language,
    duplicateOf: r.duplicate_of, similarity: r.similarity === null ? null : Number(r.similarity),
    spun: r.spun === true || r.spun === 1, events: Number(r.event_count), claims: Number(r.claim_count), ingestedAt: r.ingested_at,
  };
}


/** Longest date span, in days, of each span class (class 2 is unbounded: decades, long ranges, undated). */
export const SPAN_DAYS = [31, 366] as const;

/** Span class of an event's days: 0 up to a month, 1 up to a year, 2 longer or undated. */
export function spanClass(from: string | null, to: string | null): number {
  if (!from || !to) return 2;
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  return days <= SPAN_DAYS[0] ? 0 : days <= SPAN_DAYS[1] ? 1 : 2;
}

let ploverTable: PloverTable | null = null;
/** PLOVER types with their quad class, scores and modes (domain/events/plover.json). */
const plover = (): PloverTable => (ploverTable ??= readDomainJson<{ types: PloverTable }>('events/plover.json').types);

export class Store {
  private constructor(readonly db: Driver) {}

  /** Open a store over a driver, migrating its schema. */
  static async open(db: Driver): Promise<Store> {
    await migrate(db);
    return new Store(db);
  }

  get dialect() { return this.db.dialect; }
  get location() { return this.db.location; }

  async hasArticle(key: string): Promise<boolean> {
    return (await this.db.all('SELECT 1 AS x FROM articles WHERE key = ?', [key])).length > 0;
  }

  /** Keys already stored among these (one query per call). */
  async knownKeys(keys: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < keys.length; i += 500) {
      const part = keys.slice(i, i + 500);
      const rows = await this.db.all<{ key: string }>(`SELECT key FROM articles WHERE key IN (${part.map(() => '?').join(', ')})`, part);
      for (const r of rows) out.add(r.key);
    }
    return out;
  }

  /**
   * Store one article with its mentions, claims and entities in one transaction. Returns
   * false when an article with the same key is already stored (nothing is written).
   */
  async addArticle(a: NewArticle): Promise<boolean> {
    const { record: r } = a;
    const art = r.article;
    return this.db.transaction(async () => {
      if (await this.hasArticle(a.key)) return false;
      const seqRow = await this.db.all<{ n: number | null }>('SELECT MAX(seq) AS n FROM articles');
      const seq = Number(seqRow[0]?.n ?? 0) + 1;
      const record = JSON.stringify(r);
      await this.db.insertMany('articles', ['key', 'id', 'seq', 'source', 'title', 'outlet', 'published', 'published_precision', 'language', 'spun', 'format', 'raw', 'text', 'record', 'signature', 'event_count', 'claim_count', 'duplicate_of', 'similarity', 'ingested_at'], [[
        a.key, art.id, seq, art.source, art.title, art.outlet, art.published.date, art.published.precision, art.language,
        art.spin.detected ? 1 : 0, a.format, a.raw, art.text, record, signatureToBuffer(a.signature),
        r.events.length, r.claims.length, null, null, new Date().toISOString(),
      ]]);
      const prefix = a.key.slice(0, 16);
      await this.db.insertMany('mentions', ['mid', 'article', 'ord', 'type', 'factuality', 'evidence', 'data', 'event'],
        r.events.map((e, k) => [`${prefix}-e${k + 1}`, a.key, k, e.type, e.factuality, e.evidence.text, JSON.stringify(e), null]));
      await this.db.insertMany('claims', ['cid', 'article', 'ord', 'measure', 'data', 'figure'],
        r.claims.map((c, k) => [`${prefix}-c${k + 1}`, a.key, k, c.measure, JSON.stringify(c), null]));
      await this.db.insertMany('article_entities', ['article', 'entity', 'name', 'kind', 'country', 'sector', 'mentions'],
        r.entities.map((e) => [a.key, e.id, e.name, e.kind, e.country, e.sector, e.mentions.length]));
      if (this.db.dialect === 'sqlite') {
        await this.db.insertMany('article_fts', ['key', 'title', 'text'], [[a.key, art.title ?? '', art.text]]);
        await this.db.insertMany('mention_fts', ['mid', 'evidence'], r.events.map((e, k) => [`${prefix}-e${k + 1}`, e.evidence.text]));
      }
      await this.setMeta('dirty', '1');
      return true;
    });
  }

  private async setMeta(key: string, value: string): Promise<void> {
    await this.db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  async getMeta(key: string): Promise<string | null> {
    const rows = await this.db.all<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]);
    return rows[0]?.value ?? null;
  }

  /** Articles were added since the derived record was last rebuilt (or a rebuild was cut off). */
  async isDirty(): Promise<boolean> {
    return (await this.getMeta('dirty')) === '1';
  }

  /**
   * Rebuild the derived record from the stored articles: near-duplicate clusters, merged
   * events and figure groups, in one transaction. Deterministic: the same articles give the
   * same record.
   */
  async rebuild(onStep?: (step: string) => void): Promise<{ events: number; figures: number; duplicates: number }> {
    return this.db.transaction(async () => {
      onStep?.('near-duplicates');
      const arts = await this.db.all<{ key: string; seq: number; signature: Buffer; outlet: string | null; source: string; published: string | null; duplicate_of: string | null; similarity: number | null }>(
        'SELECT key, seq, signature, outlet, source, published, duplicate_of, similarity FROM articles ORDER BY seq');
      const dups = clusterDuplicates(arts.map((r) => ({ key: r.key, order: Number(r.seq), signature: signatureFromBuffer(r.signature) })));
      const info = new Map<string, { cluster: string; outlet: string | null; source: string; published: string | null; seq: number }>();
      let duplicates = 0;
      const dupRows: unknown[][] = [];
      for (const r of arts) {
        const d = dups.get(r.key) ?? { duplicateOf: null, similarity: null };
        if (d.duplicateOf) duplicates++;
        info.set(r.key, { cluster: d.duplicateOf ?? r.key, outlet: r.outlet, source: r.source, published: r.published, seq: Number(r.seq) });
        const sim = d.similarity === null ? null : Math.round(d.similarity * 1000) / 1000;
        // Only changed rows are written (an article row is wide: raw input, text, record).
        if (d.duplicateOf !== r.duplicate_of || sim !== (r.similarity === null ? null : Number(r.similarity))) dupRows.push([d.duplicateOf, sim, r.key]);
      }
      for (const row of dupRows) await this.db.run('UPDATE articles SET duplicate_of = ?, similarity = ? WHERE key = ?', row);

      onStep?.('events');
      const rows = await this.db.all<{ mid: string; article: string; data: string }>('SELECT m.mid, m.article, m.data FROM mentions m JOIN articles a ON a.key = m.article ORDER BY a.seq, m.ord');
      const mentions: EventMention[] = rows.map((row) => {
        const e = JSON.parse(row.data) as EventRecord;
        const a = info.get(row.article)!;
        return { ...e, id: row.mid, article: row.article, outlet: a.outlet, source: a.source, published: a.published, cluster: a.cluster };
      });
      const merged = mergeEvents(mentions);
      const { eventOf } = merged;
      // People's reviews, re-applied in the order they were made (and re-pointed when an event's id moved).
      const reviews = await this.reviews();
      const { events, moved } = applyReviews(merged.events, eventOf, reviews, plover());
      for (const m of moved) await this.db.run('UPDATE reviews SET event = ? WHERE id = ?', [m.event, m.review]);
      await this.db.run('DELETE FROM event_actors');
      await this.db.run('DELETE FROM event_outlets');
      await this.db.run('DELETE FROM events');
      await this.insertEvents(events);
      await this.db.run('UPDATE mentions SET event = NULL');
      if (this.db.dialect === 'postgres') {
        const ids = [...eventOf.keys()];
        for (let i = 0; i < ids.length; i += 5000) {
          const part = ids.slice(i, i + 5000);
          await this.db.run('UPDATE mentions SET event = v.event FROM (SELECT unnest(?::text[]) AS mid, unnest(?::text[]) AS event) v WHERE mentions.mid = v.mid',
            [part, part.map((m) => eventOf.get(m)!)]);
        }
      } else {
        for (const [mid, ev] of eventOf) await this.db.run('UPDATE mentions SET event = ? WHERE mid = ?', [ev, mid]);
      }

      onStep?.('figures');
      const crow = await this.db.all<{ cid: string; article: string; data: string }>('SELECT c.cid, c.article, c.data FROM claims c JOIN articles a ON a.key = c.article ORDER BY a.seq, c.ord');
      const claims: ClaimMention[] = crow.map((row) => {
        const a = info.get(row.article)!;
        return claimMention(JSON.parse(row.data) as Claim, { id: row.cid, article: row.article, cluster: a.cluster, outlet: a.outlet });
      });
      const figures = groupFigures(claims);
      await this.db.run('DELETE FROM figures');
      await this.db.insertMany('figures', ['id', 'measure', 'place', 'agreement', 'sources', 'data'],
        figures.map((f) => [f.id, f.measure, f.place, f.agreement, f.sources, JSON.stringify(f)]));
      await this.db.run('UPDATE claims SET figure = NULL');
      for (const f of figures) {
        const ids = f.claims.map((c) => c.id);
        for (let i = 0; i < ids.length; i += 500) {
          const part = ids.slice(i, i + 500);
          await this.db.run(`UPDATE claims SET figure = ? WHERE cid IN (${part.map(() => '?').join(', ')})`, [f.id, ...part]);
        }
      }
      await this.setMeta('dirty', '0');
      await this.setMeta('rebuilt_at', new Date().toISOString());
      return { events: events.length, figures: figures.length, duplicates };
    });
  }

  /** Write merged events with their actor and outlet rows (used by rebuild and by the benchmark). */
  async insertEvents(events: MergedEvent[]): Promise<void> {
    const evRows: unknown[][] = [];
    const actorRows: unknown[][] = [];
    const outletRows: unknown[][] = [];
    for (const e of events) {
      const [from, to] = dayBounds(e.date.start, e.date.end);
      evRows.push([e.id, `${from ?? '9999-99-99'}|${e.id}`, e.type, e.mode, e.quad, e.score, from, to, e.actorCountry, e.recipientCountry, e.factuality, e.sources, e.mentions, e.review?.status ?? 'machine', spanClass(from, to), JSON.stringify(e)]);
      const seen = new Set<string>();
      for (const [role, ps] of [['actor', e.actor], ['recipient', e.recipient]] as const) {
        for (const p of ps) {
          if (!p.entity || seen.has(`${role}|${p.entity}`)) continue;
          seen.add(`${role}|${p.entity}`);
          actorRows.push([e.id, p.entity, role]);
        }
      }
      for (const o of e.outlets) outletRows.push([e.id, o]);
    }
    await this.db.insertMany('events', ['id', 'sort_key', 'type', 'mode', 'quad', 'score', 'day_from', 'day_to', 'actor_country', 'recipient_country', 'factuality', 'sources', 'mention_count', 'status', 'span_class', 'data'], evRows);
    await this.db.insertMany('event_actors', ['event', 'entity', 'role'], actorRows);
    await this.db.insertMany('event_outlets', ['event', 'outlet'], outletRows);
  }

  /** Every review, in the order made. */
  async reviews(eventId?: string): Promise<ReviewRecord[]> {
    return reviewsOf(this.db, eventId);
  }

  /**
   * Record a review of a merged event and apply it at once (one transaction). Returns null
   * when there is no such event. Throws on a change the codebook does not allow.
   */
  async addReview(eventId: string, input: { action: ReviewRecord['action']; changes?: ReviewChanges | null; note?: string | null }, author: string): Promise<{ event: MergedEvent; history: ReviewRecord[] } | null> {
    return this.db.transaction(async () => {
      const rows = await this.db.all<{ data: string }>('SELECT data FROM events WHERE id = ?', [eventId]);
      if (!rows[0]) return null;
      const event = JSON.parse(rows[0].data) as MergedEvent;
      const mentions = (await this.db.all<{ mid: string }>('SELECT mid FROM mentions WHERE event = ? ORDER BY mid', [eventId])).map((r) => r.mid);
      const at = new Date().toISOString();
      const review: ReviewRecord = { id: 0, event: eventId, mentions, action: input.action, changes: input.changes ?? null, note: input.note ?? null, author, at };
      const updated = applyReview(event, review, plover());
      await this.db.run('INSERT INTO reviews (event, mentions, action, changes, note, author, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [eventId, JSON.stringify(mentions), review.action, review.changes ? JSON.stringify(review.changes) : null, review.note, author, at]);
      await this.db.run('DELETE FROM event_actors WHERE event = ?', [eventId]);
      await this.db.run('DELETE FROM event_outlets WHERE event = ?', [eventId]);
      await this.db.run('DELETE FROM events WHERE id = ?', [eventId]);
      await this.insertEvents([updated]);
      return { event: updated, history: await this.reviews(eventId) };
    });
  }

  async counts(): Promise<Counts> {
    const one = async (sql: string) => Number((await this.db.all<{ n: number }>(sql))[0]?.n ?? 0);
    return {
      articles: await one('SELECT COUNT(*) AS n FROM articles'),
      duplicates: await one('SELECT COUNT(*) AS n FROM articles WHERE duplicate_of IS NOT NULL'),
      mentions: await one('SELECT COUNT(*) AS n FROM mentions'),
      events: await one('SELECT COUNT(*) AS n FROM events'),
      claims: await one('SELECT COUNT(*) AS n FROM claims'),
      figures: await one('SELECT COUNT(*) AS n FROM figures'),
      entities: await one('SELECT COUNT(DISTINCT entity) AS n FROM article_entities'),
    };
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

export type { ArticleSummary, FigureGroup, MergedEvent };
