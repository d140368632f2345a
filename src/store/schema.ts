// Schema migrations, numbered; each runs once, in its own transaction, and is recorded in
// `meta.schema_version`. Written for SQLite; the PostgreSQL form swaps the few types and the
// full-text search (FTS5 tables there, GIN indexes over tsvector expressions here).
import type { Driver } from './driver.js';

interface Migration { version: number; sqlite: string; postgres: string }

const CORE = `
CREATE TABLE articles (
  key TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  seq INTEGER NOT NULL UNIQUE,
  source TEXT NOT NULL,
  title TEXT,
  outlet TEXT,
  published TEXT,
  published_precision TEXT NOT NULL,
  language TEXT,
  spun INTEGER NOT NULL,
  format TEXT NOT NULL,
  raw TEXT NOT NULL,
  text TEXT NOT NULL,
  record TEXT NOT NULL,
  signature BLOB NOT NULL,
  event_count INTEGER NOT NULL,
  claim_count INTEGER NOT NULL,
  duplicate_of TEXT,
  similarity REAL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX articles_id ON articles (id);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE TABLE mentions (
  mid TEXT PRIMARY KEY,
  article TEXT NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  type TEXT NOT NULL,
  factuality TEXT NOT NULL,
  evidence TEXT NOT NULL,
  data TEXT NOT NULL,
  event TEXT
);
CREATE INDEX mentions_article ON mentions (article, ord);
CREATE INDEX mentions_event ON mentions (event);
CREATE TABLE claims (
  cid TEXT PRIMARY KEY,
  article TEXT NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  measure TEXT NOT NULL,
  data TEXT NOT NULL,
  figure TEXT
);
CREATE INDEX claims_article ON claims (article, ord);
CREATE INDEX claims_figure ON claims (figure);
CREATE TABLE article_entities (
  article TEXT NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  country TEXT,
  sector TEXT,
  mentions INTEGER NOT NULL,
  PRIMARY KEY (article, entity)
);
CREATE INDEX article_entities_entity ON article_entities (entity);
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  sort_key TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  mode TEXT,
  quad TEXT NOT NULL,
  score REAL NOT NULL,
  day_from TEXT,
  day_to TEXT,
  actor_country TEXT,
  recipient_country TEXT,
  factuality TEXT NOT NULL,
  sources INTEGER NOT NULL,
  mention_count INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX events_days ON events (day_from, day_to);
CREATE INDEX events_dyad ON events (actor_country, recipient_country);
CREATE INDEX events_type ON events (type);
CREATE TABLE event_actors (
  event TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (event, entity, role)
);
CREATE INDEX event_actors_entity ON event_actors (entity);
CREATE TABLE event_outlets (
  event TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  outlet TEXT NOT NULL,
  PRIMARY KEY (event, outlet)
);
CREATE INDEX event_outlets_outlet ON event_outlets (outlet);
CREATE TABLE figures (
  id TEXT PRIMARY KEY,
  measure TEXT NOT NULL,
  place TEXT,
  agreement TEXT NOT NULL,
  sources INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX figures_measure ON figures (measure);
`;

const REVIEWS = `
ALTER TABLE events ADD COLUMN status TEXT NOT NULL DEFAULT 'machine';
CREATE INDEX events_status ON events (status);
CREATE TABLE reviews (
  id $SERIAL_KEY,
  event TEXT NOT NULL,
  mentions TEXT NOT NULL,
  action TEXT NOT NULL,
  changes TEXT,
  note TEXT,
  author TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX reviews_event ON reviews (event);
`;

const SPAN_CLASS = `
ALTER TABLE events ADD COLUMN span_class INTEGER NOT NULL DEFAULT 2;
CREATE INDEX events_span_sort ON events (span_class, sort_key, day_to, day_from);
INSERT INTO meta (key, value) VALUES ('dirty', '1') ON CONFLICT (key) DO UPDATE SET value = '1';
`;

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    sqlite: `${CORE}
CREATE VIRTUAL TABLE article_fts USING fts5 (key UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE mention_fts USING fts5 (mid UNINDEXED, evidence, tokenize = 'unicode61 remove_diacritics 2');
`,
    postgres: `${CORE.replace(/\bBLOB\b/g, 'BYTEA').replace(/\bREAL\b/g, 'DOUBLE PRECISION')}
CREATE INDEX articles_fts ON articles USING GIN (to_tsvector('simple', coalesce(title, '') || ' ' || text));
CREATE INDEX mentions_fts ON mentions USING GIN (to_tsvector('simple', evidence));
`,
  },
  {
    // Reviews of merged events (who changed what, when), re-applied after every rebuild.
    version: 2,
    sqlite: REVIEWS.replace('$SERIAL_KEY', 'INTEGER PRIMARY KEY AUTOINCREMENT'),
    postgres: REVIEWS.replace('$SERIAL_KEY', 'BIGSERIAL PRIMARY KEY'),
  },
  {
    // Date-filtered event lists: events are split by how many days their date spans, so that
    // a window [from, to] is read from the sort-key index starting at most that many days
    // before `from` (see listEvents); the index carries the days, so rows outside the window
    // are skipped without reading them. Filled by the next rebuild.
    version: 3,
    sqlite: SPAN_CLASS,
    postgres: SPAN_CLASS,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Bring the database up to the current schema; refuses a database made by a newer Cronica. */
export async function migrate(db: Driver): Promise<void> {
  await db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const current = async () => {
    const rows = await db.all<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'");
    return rows.length ? Number(rows[0]!.value) : 0;
  };
  const have = await current();
  if (have > SCHEMA_VERSION) {
    throw new Error(`${db.location} has schema version ${have}, newer than this Cronica understands (${SCHEMA_VERSION}); upgrade Cronica`);
  }
  for (const m of MIGRATIONS) {
    if (m.version <= have) continue;
    await db.transaction(async () => {
      // Another process may have migrated meanwhile.
      if ((await current()) >= m.version) return;
      await db.exec(db.dialect === 'sqlite' ? m.sqlite : m.postgres);
      await db.run("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [String(m.version)]);
    });
  }
}
