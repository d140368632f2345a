// Store benchmark (run by scripts/bench.ts: `npm run bench`, or `npm run bench -- --store` alone):
//
// 1. Ingest throughput into SQLite and PostgreSQL: N articles generated from the sample corpus
//    as the extraction benchmark generates them, through `ingestItems` with one worker
//    (extraction + storage + the final rebuild, end to end), and the storage part alone
//    (`addArticle` for records extracted beforehand, then `rebuild`).
// 2. Latency of the events query with a date filter over ≥ 200,000 stored events: the merged
//    events of the ingest above serve as templates for generated variants (unique ids, dates
//    over 2006–2025 at the template's precision, mostly U.S.–Mexico dyads), written with
//    `insertEvents`; then `listEvents` with random 1-month to 1-year windows, alone, with
//    `dyad: 'USA-MEX'` and as a second page (cursor), 500 times each after 20 warm-ups.
//
// PostgreSQL runs in throw-away schemas (`?schema=cronica_bench_<random>`), dropped afterwards;
// when the server cannot be reached that part is reported as skipped.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RawArticle } from '../src/ingest/types.js';
import { signature } from '../src/merge/minhash.js';
import { extractArticle } from '../src/pipeline/extract.js';
import { contentKey, ingestItems } from '../src/pipeline/ingest.js';
import type { MergedEvent } from '../src/record/types.js';
import type { Driver } from '../src/store/driver.js';
import { openStore } from '../src/store/open.js';
import type { PostgresDriver } from '../src/store/postgres.js';
import { listEvents, type EventFilter } from '../src/store/queries.js';
import { dayBounds } from '../src/merge/dates.js';
import type { Counts, NewArticle, Store } from '../src/store/store.js';
import { mulberry32 } from '../src/util/prng.js';
import { corpus } from './corpus.js';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface StoreOptions { articles: number; events: number; pgUrl: string | null }

/** The store benchmark's options from the command line: --store-articles N, --store-events N, --pg URL, --no-pg. */
export function storeOptions(args: string[]): StoreOptions {
  const num = (flag: string, dflt: number) => {
    const i = args.indexOf(flag);
    if (i < 0) return dflt;
    const n = Number(args[i + 1]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer`);
    return n;
  };
  const pg = args.indexOf('--pg');
  return {
    articles: num('--store-articles', 500),
    events: num('--store-events', 200_000),
    pgUrl: args.includes('--no-pg') ? null : pg >= 0 ? args[pg + 1]! : DEFAULT_PG_URL,
  };
}

const turn = () => new Promise((r) => setImmediate(r));
const log = (msg: string) => process.stderr.write(`store bench: ${msg}\n`);
const rssMb = () => process.resourceUsage().maxRSS / 1024;


const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

interface Backend { name: 'SQLite' | 'PostgreSQL'; spec: () => string }

interface OpenedStore { store: Store; cleanup: () => Promise<void> }

async function open(b: Backend): Promise<OpenedStore> {
  const spec = b.spec();
  const store = await openStore(spec);
  return {
    store,
    cleanup: async () => {
      if (store.dialect === 'postgres') await (store.db as PostgresDriver).dropSchema().catch(() => undefined);
      await store.close();
      if (store.dialect === 'sqlite') for (const f of [spec, `${spec}-wal`, `${spec}-shm`]) rmSync(f, { force: true });
    },
  };
}

export interface IngestFigures {
  articles: number; added: number; skipped: number; failed: number; errors: string[]; seconds: number; perSec: number;
  /** Until the first article was stored (worker start-up, wink model, first extraction). */
  firstStoredSeconds: number;
  /** Articles/s between the first and the last stored article. */
  steadyPerSec: number;
  rebuildSeconds: number; counts: Counts;
}

export interface StorageFigures { articles: number; addSeconds: number; addPerSec: number; msPerArticle: number; rebuildSeconds: number; totalPerSec: number; counts: Counts }

export interface Latency { name: string; runs: number; p50: number; p95: number; max: number; mean: number; rows: number }

export interface QueryFigures {
  events: number; insertSeconds: number; insertPerSec: number; meanDataBytes: number; dbMb: number | null;
  latency: Latency[];
  /** Query plans of the statements listEvents issued for the first timed window (one string each). */
  plans: Record<string, string[]>;
}

export interface BackendFigures { ingest?: IngestFigures; storage?: StorageFigures; query?: QueryFigures; skipped?: string }

export interface StoreBenchResult {
  articles: number; events: number; templates: number; extractSeconds: number;
  sqlite: BackendFigures; postgres: BackendFigures & { url: string | null; version?: string };
  peakRssMb: number;
  /** Peak RSS (MB) of the process at the end of each phase (peaks only grow). */
  rssByPhase: Record<string, number>;
  loadAverage: number;
}

/** Merged events of a store, in list order (the templates of the generated events). */
async function eventsOf(store: Store): Promise<MergedEvent[]> {
  return (await store.db.all<{ data: string }>('SELECT data FROM events ORDER BY sort_key')).map((r) => JSON.parse(r.data) as MergedEvent);
}

async function measureIngest(b: Backend, items: RawArticle[], keep?: (events: MergedEvent[]) => void): Promise<IngestFigures> {
  const { store, cleanup } = await open(b);
  try {
    let first = 0;
    let last = 0;
    let rebuildAt = 0;
    const errors: string[] = [];
    const t0 = performance.now();
    const r = await ingestItems(store, items, { jobs: 1, timeoutMs: 60_000 }, {
      onDone: () => { last = performance.now(); if (!first) first = last; },
      onError: (label, message) => { if (errors.length < 5) errors.push(`${label}: ${message}`); },
      onRebuild: () => { if (!rebuildAt) rebuildAt = performance.now(); },
    });
    const t1 = performance.now();
    const seconds = (t1 - t0) / 1000;
    keep?.(await eventsOf(store));
    return {
      articles: items.length, added: r.added, skipped: r.skipped, failed: r.failed, errors, seconds, perSec: items.length / seconds,
      firstStoredSeconds: (first - t0) / 1000, steadyPerSec: (items.length - 1) / ((last - first) / 1000),
      rebuildSeconds: rebuildAt ? (t1 - rebuildAt) / 1000 : 0, counts: await store.counts(),
    };
  } finally {
    await cleanup();
  }
}

/** addArticle for every pre-extracted record, then rebuild. */
async function measureStorage(b: Backend, records: NewArticle[]): Promise<StorageFigures> {
  const { store, cleanup } = await open(b);
  try {
    const t0 = performance.now();
    for (const a of records) await store.addArticle(a);
    const t1 = performance.now();
    await store.rebuild();
    const t2 = performance.now();
    const add = (t1 - t0) / 1000;
    return {
      articles: records.length, addSeconds: add, addPerSec: records.length / add, msPerArticle: (t1 - t0) / records.length,
      rebuildSeconds: (t2 - t1) / 1000, totalPerSec: records.length / ((t2 - t0) / 1000), counts: await store.counts(),
    };
  } finally {
    await cleanup();
  }
}

const COUNTRY_PAIRS: Array<[number, string | null, string | null]> = [
  // cumulative share, actor country, recipient country
  [0.38, 'USA', 'MEX'], [0.68, 'MEX', 'USA'], [0.80, 'MEX', 'MEX'], [0.85, 'USA', 'USA'],
  [0.88, 'USA', 'COL'], [0.90, 'MEX', 'GTM'], [0.92, 'USA', 'CHN'], [0.94, 'CAN', 'MEX'],
  [0.96, 'MEX', 'VEN'], [0.98, 'MEX', null], [1.00, null, 'USA'],
];

/**
 * A variant of a template event: its own id, dyad and date, the date moved to a random day of
 * 2006–2025 at the template's own precision (day, month or year; a range keeps its length in
 * days; an undated template stays undated), so the mix of short, long and undated events is the
 * ingest's. Type, quad, score and the rest are the template's.
 */
export function variant(t: MergedEvent, n: number, rnd: () => number): MergedEvent {
  const id = `ev-${createHash('sha1').update(`bench-${n}`).digest('hex').slice(0, 16)}`;
  const y = 2006 + Math.floor(rnd() * 20);
  const m = 1 + Math.floor(rnd() * 12);
  const d = 1 + Math.floor(rnd() * daysIn(y, m));
  const [from, to] = dayBounds(t.date.start, t.date.end);
  let date: MergedEvent['date'];
  if (!from || !to) {
    date = { ...t.date, start: null, end: null };
  } else if (t.date.precision === 'day' || t.date.precision === 'month' || t.date.precision === 'year') {
    const start = t.date.precision === 'day' ? `${y}-${pad(m)}-${pad(d)}` : t.date.precision === 'month' ? `${y}-${pad(m)}` : String(y);
    date = { ...t.date, start, end: null };
  } else {
    const first = Date.UTC(y, m - 1, d);
    date = { ...t.date, start: isoDay(new Date(first)), end: isoDay(new Date(first + (Date.parse(to) - Date.parse(from)))) };
  }
  const c = rnd();
  const [, actorCountry, recipientCountry] = COUNTRY_PAIRS.find(([share]) => c < share) ?? COUNTRY_PAIRS[0]!;
  // A long merge trail (copies of one sample) is cut to five lines, the size of a well-reported event's.
  return { ...t, id, date, actorCountry, recipientCountry, why: t.why.slice(0, 5) };
}

/** Random windows of 1 month to 1 year inside 2006–2025. */
export function windows(count: number, rnd: () => number): Array<{ from: string; to: string }> {
  const lo = Date.UTC(2006, 0, 1);
  const hi = Date.UTC(2025, 11, 31);
  const out: Array<{ from: string; to: string }> = [];
  for (let i = 0; i < count; i++) {
    const days = 30 + Math.floor(rnd() * 336);
    const start = lo + Math.floor(rnd() * ((hi - lo) / 86_400_000 - days)) * 86_400_000;
    out.push({ from: isoDay(new Date(start)), to: isoDay(new Date(start + days * 86_400_000)) });
  }
  return out;
}

/** A driver that records the statements it is given (to explain the SQL listEvents issues). */
function spying(db: Driver): { db: Driver; calls: Array<{ sql: string; params: readonly unknown[] }> } {
  const calls: Array<{ sql: string; params: readonly unknown[] }> = [];
  const spy = Object.create(db) as Driver;
  spy.all = <T>(sql: string, params: readonly unknown[] = []) => { calls.push({ sql, params }); return db.all<T>(sql, params); };
  return { db: spy, calls };
}

const WARMUP = 20;
const RUNS = 500;

async function measureQueries(b: Backend, templates: MergedEvent[], total: number): Promise<QueryFigures> {
  const { store, cleanup } = await open(b);
  try {
    // Fill: the same events for every backend (seeded), 5,000 per transaction; only the
    // transactions (insertEvents: rows, JSON, indexes, commit) are timed, not making the variants.
    const rnd = mulberry32(0xc0ffee);
    let bytes = 0;
    let insertMs = 0;
    for (let i = 0; i < total; i += 5000) {
      const batch: MergedEvent[] = [];
      for (let k = i; k < Math.min(total, i + 5000); k++) batch.push(variant(templates[Math.floor(rnd() * templates.length)]!, k, rnd));
      for (const e of batch) bytes += Buffer.byteLength(JSON.stringify(e));
      const t0 = performance.now();
      await store.db.transaction(() => store.insertEvents(batch));
      insertMs += performance.now() - t0;
      if ((i / 5000) % 10 === 9) log(`${b.name}: ${i + 5000} events inserted`);
    }
    const insertSeconds = insertMs / 1000;
    // PostgreSQL's autovacuum analyses a freshly filled table within about a minute; analysing
    // now keeps the plans from depending on when that happens. (SQLite is left as Cronica
    // leaves it: it never runs ANALYZE, so SQLite plans without statistics.)
    if (store.dialect === 'postgres') await store.db.exec('ANALYZE');
    const n = Number((await store.db.all<{ n: number }>('SELECT COUNT(*) AS n FROM events'))[0]!.n);
    let dbMb: number | null = null;
    if (store.dialect === 'sqlite') {
      await store.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      dbMb = statSync(store.location).size / 1e6;
    } else {
      dbMb = Number((await store.db.all<{ n: number }>("SELECT pg_total_relation_size('events') + pg_total_relation_size('event_actors') + pg_total_relation_size('event_outlets') AS n"))[0]!.n) / 1e6;
    }

    const ws = windows(WARMUP + RUNS, mulberry32(0xbe7c4));
    const spy = spying(store.db);
    const variants: Array<{ name: string; filter: (w: { from: string; to: string }) => EventFilter }> = [
      { name: 'date filter', filter: (w) => ({ limit: 50, ...w }) },
      { name: 'date filter + dyad USA-MEX', filter: (w) => ({ limit: 50, ...w, dyad: 'USA-MEX' }) },
    ];
    // Second pages: the cursor of each window's first page, fetched beforehand (untimed).
    const cursors: string[] = [];
    for (const w of ws) cursors.push((await listEvents(store.db, { limit: 50, ...w })).next ?? '');
    variants.push({ name: 'date filter, second page (cursor)', filter: (w) => ({ limit: 50, ...w, cursor: cursors[ws.indexOf(w)] || undefined }) });

    const latency: Latency[] = [];
    const plans: Record<string, string[]> = {};
    for (const v of variants) {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < ws.length; i++) {
        const f = v.filter(ws[i]!);
        const a = performance.now();
        const page = await listEvents(spy.db, f);
        const ms = performance.now() - a;
        if (i >= WARMUP) { times.push(ms); rows += page.items.length; }
      }
      times.sort((x, y) => x - y);
      const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
      latency.push({ name: v.name, runs: times.length, p50: q(0.5), p95: q(0.95), max: times[times.length - 1]!, mean: times.reduce((s, x) => s + x, 0) / times.length, rows: rows / times.length });
      // The plans of the statements listEvents issues, for the first timed window.
      spy.calls.length = 0;
      await listEvents(spy.db, v.filter(ws[WARMUP]!));
      plans[v.name] = [];
      for (const [k, { sql, params }] of spy.calls.entries()) {
        const plan = store.dialect === 'sqlite'
          ? (await store.db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((r) => r.detail)
          : (await store.db.all<{ 'QUERY PLAN': string }>(`EXPLAIN ANALYZE ${sql}`, params)).map((r) => r['QUERY PLAN']);
        plans[v.name]!.push(`${spy.calls.length > 1 ? `[${k + 1}] ` : ''}${plan.join(' / ')}`);
      }
    }
    return { events: n, insertSeconds, insertPerSec: total / insertSeconds, meanDataBytes: bytes / total, dbMb, latency, plans };
  } finally {
    await cleanup();
  }
}

export async function benchStore(opts: StoreOptions): Promise<StoreBenchResult> {
  const items = corpus(opts.articles, { distinct: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'cronica-bench-'));
  let nth = 0;
  const sqlite: Backend = { name: 'SQLite', spec: () => path.join(tmp, `store-${++nth}.db`) };
  const pgSpec = () => {
    const u = new URL(opts.pgUrl!);
    u.searchParams.set('schema', `cronica_bench_${randomBytes(6).toString('hex')}`);
    return u.toString();
  };
  const postgres: Backend = { name: 'PostgreSQL', spec: pgSpec };
  const rss: Record<string, number> = {};
  const s: BackendFigures = {};
  const p: StoreBenchResult['postgres'] = { url: opts.pgUrl };
  // A PostgreSQL step that fails (or a server that cannot be reached) ends the PostgreSQL part with the reason.
  const pg = async <T>(what: string, fn: () => Promise<T>): Promise<T | undefined> => {
    if (p.skipped) return undefined;
    try {
      return await fn();
    } catch (e) {
      p.skipped = `${what}: ${(e as Error).message.split('\n')[0]}`;
      return undefined;
    }
  };
  try {
    if (!opts.pgUrl) p.skipped = 'disabled by --no-pg';
    await pg('cannot connect', async () => {
      const probe = await open(postgres);
      try {
        p.version = (await probe.store.db.all<{ v: string }>("SELECT current_setting('server_version') AS v"))[0]?.v ?? '?';
      } finally {
        await probe.cleanup();
      }
    });

    // Phases ordered so that the NLP models of the ingest worker, the garbage of filling 200,000
    // events and the models of extraction in this thread are never in memory together.
    // 1. Ingest end to end; the merged events of the SQLite run are the templates.
    let templates: MergedEvent[] = [];
    log(`SQLite: ingest of ${items.length} articles (1 worker)`);
    s.ingest = await measureIngest(sqlite, items, (events) => { templates = events; });
    rss['SQLite ingest'] = rssMb();
    p.ingest = await pg('ingest failed', async () => {
      log(`PostgreSQL ${p.version}: ingest of ${items.length} articles (1 worker)`);
      return measureIngest(postgres, items);
    });
    rss['PostgreSQL ingest'] = rssMb();
    if (!templates.length) throw new Error('the ingest gave no merged events to use as templates');

    // 2. The events query over the generated events, the same for both.
    log(`SQLite: ${opts.events} events from ${templates.length} templates, then queries`);
    s.query = await measureQueries(sqlite, templates, opts.events);
    rss['SQLite events + queries'] = rssMb();
    p.query = await pg('queries failed', async () => {
      log(`PostgreSQL: ${opts.events} events, then queries`);
      return measureQueries(postgres, templates, opts.events);
    });
    rss['PostgreSQL events + queries'] = rssMb();

    // 3. Storage alone: records extracted once (in this thread), outside the storage clock.
    log(`extracting ${items.length} articles (for the storage-alone runs)`);
    const x0 = performance.now();
    let records: NewArticle[] = [];
    for (const it of items) {
      const x = extractArticle(it);
      records.push({ key: contentKey(it), raw: it.raw, format: it.format, record: x.record, signature: signature(x.analysis.text || x.record.article.text) });
      await turn();
    }
    const extractSeconds = (performance.now() - x0) / 1000;
    rss['extraction in this thread'] = rssMb();
    log('SQLite: storage alone');
    s.storage = await measureStorage(sqlite, records);
    p.storage = await pg('storage failed', async () => {
      log('PostgreSQL: storage alone');
      return measureStorage(postgres, records);
    });
    records = [];
    rss['storage alone'] = rssMb();
    return {
      articles: items.length, events: opts.events, templates: templates.length, extractSeconds,
      sqlite: s, postgres: p, peakRssMb: rssMb(), rssByPhase: rss, loadAverage: os.loadavg()[0]!,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A PostgreSQL EXPLAIN ANALYZE on one line: nodes with their time and rows, conditions, rows filtered out, execution time. */
function compactPlan(plan: string): string {
  return plan.split(' / ').map((l) => l.trim())
    .filter((l) => !/^(Planning|Sort Method|Heap Blocks|Buffers)/.test(l))
    .map((l) => l.replace(/^->\s*/, '→ ').replace(/\s*\(cost=[^)]*\)/, '').replace(/\(actual time=[\d.]+\.\.([\d.]+) rows=(\d+) loops=\d+\)/, '[$1 ms, $2 rows]').replace(/\(never executed\)/, '[never executed]'))
    .join('; ');
}

/** The store benchmark's rows, in the extraction benchmark's human format. */
export function printStore(r: StoreBenchResult): void {
  const f = (x: number, d = 1, w = 7) => x.toFixed(d).padStart(w);
  const backends = [['SQLite', r.sqlite], ['PostgreSQL', r.postgres]] as const;
  console.log(`store benchmark: ${r.articles} articles generated from examples/corpus (as above; byte-identical repeats made distinct by trailing newlines), ${r.events.toLocaleString('en-US')} generated events (load average ${r.loadAverage.toFixed(1)} at the end)`);
  console.log(`  SQLite: better-sqlite3, WAL, synchronous=NORMAL, temp dir; PostgreSQL: ${r.postgres.skipped ? `skipped (${r.postgres.skipped})` : `${r.postgres.version} at ${r.postgres.url}, throw-away schema`}`);
  console.log('  ingest, end to end (ingestItems, 1 worker: extraction + storage + final rebuild):');
  for (const [name, b] of backends) {
    const g = b.ingest;
    if (!g) continue;
    console.log(`    ${name.padEnd(11)} ${String(g.added).padStart(5)} articles  ${f(g.seconds, 2)} s  ${f(g.perSec)} articles/s  (first stored after ${g.firstStoredSeconds.toFixed(1)} s, then ${g.steadyPerSec.toFixed(1)} articles/s; rebuild ${g.rebuildSeconds.toFixed(2)} s)  ${g.counts.mentions} mentions → ${g.counts.events} events, ${g.counts.duplicates} near-duplicates${g.skipped || g.failed ? `; ${g.skipped} skipped, ${g.failed} failed` : ''}`);
    for (const e of g.errors) console.log(`      failed: ${e}`);
  }
  console.log(`  storage alone (records extracted beforehand, ${r.extractSeconds.toFixed(1)} s; addArticle, one transaction each, then rebuild):`);
  for (const [name, b] of backends) {
    const g = b.storage;
    if (!g) continue;
    console.log(`    ${name.padEnd(11)} ${String(g.articles).padStart(5)} articles  addArticle ${f(g.addSeconds, 2)} s  ${f(g.addPerSec, 0)} articles/s (${g.msPerArticle.toFixed(2)} ms each)  rebuild ${f(g.rebuildSeconds, 2)} s  together ${f(g.totalPerSec, 0)} articles/s  → ${g.counts.events} events`);
  }
  console.log(`  events query (listEvents, limit 50, random 1-month–1-year windows in 2006–2025; ${RUNS} runs each after ${WARMUP} warm-ups), ms:`);
  for (const [name, b] of backends) {
    const q = b.query;
    if (!q) continue;
    console.log(`    ${name}: ${q.events.toLocaleString('en-US')} events (${r.templates} templates, ~${Math.round(q.meanDataBytes)} B of JSON each) inserted in ${q.insertSeconds.toFixed(1)} s (${Math.round(q.insertPerSec).toLocaleString('en-US')} events/s); ${q.dbMb?.toFixed(0)} MB on disk`);
    for (const l of q.latency) console.log(`      ${l.name.padEnd(36)} p50 ${f(l.p50, 2)}  p95 ${f(l.p95, 2)}  max ${f(l.max, 2)}  mean ${f(l.mean, 2)}  (${l.rows.toFixed(0)} rows)`);
    for (const [k, plans] of Object.entries(q.plans)) {
      console.log(`      plan, ${k}:`);
      for (const plan of plans) console.log(`        ${name === 'SQLite' ? plan : compactPlan(plan)}`);
    }
  }
  if (r.postgres.skipped) console.log(`  postgres: skipped (${r.postgres.skipped})`);
  console.log(`  peak memory (RSS) of the store benchmark process (main thread + ingest worker): ${r.peakRssMb.toFixed(0)} MB; peak after each phase: ${Object.entries(r.rssByPhase).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')} MB`);
}
