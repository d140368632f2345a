// Acceptance: kill -9 during an ingest of ≥ 1,000 articles at 10 random points. After each kill
// the database opens (read-only, recovering the WAL the killed writer left), passes PRAGMA
// integrity_check and foreign_key_check, and holds no half-stored article; each next run resumes
// the same database, and a last run finishes with exact final counts and the very same record as
// an uninterrupted ingest of the same corpus.
//
// The kill points follow a plan drawn from a seeded PRNG (the seed is in the test name; set
// CRONICA_KILL_SEED to replay a plan — the timing of the runs themselves still varies):
//   1. a random delay of 0.3–2.5 s after spawn: Node start-up, creating/migrating the database;
//   2. a random delay of 2.5–7 s after spawn: worker start-up (loading the NLP model), the first
//      extractions and commits;
//   3–8. six random progress targets, one in each sixth of the corpus: the run is watched (a
//      read-only connection counts the stored articles every 20 ms) and, once it has stored its
//      target, killed either after a further random 0–300 ms or — chosen at random — the instant
//      a write transaction is seen open (a probe connection's BEGIN IMMEDIATE gets SQLITE_BUSY),
//      i.e. while an article is being stored;
//   9. the final rebuild while it writes: the run is watched until all 1,000 articles are stored,
//      meta.dirty is '1' and the writer lock is held (the rebuild transaction is open — the CLI
//      reports no progress without a terminal, so this is how the phase is detected), then
//      killed once the WAL file has grown by a random 64 KiB–3 MiB, i.e. once the rebuild has
//      spilled uncommitted pages into the WAL (counted after the kill by reading the WAL);
//   10. the final rebuild again (the killed one left the store dirty), a random 0–1.2 s into it.
// Plain time-based delays for every kill (e.g. 0.3–4 s) would not do on this machine: an ingest
// process needs ~5–6 s before it stores its first article (the workers load the NLP model), so
// such kills would all land in start-up.
//
// Every kill is reported as a test diagnostic (time, plan, articles stored before → after,
// meta.dirty, what the WAL held, phase). The whole test takes ~2.5 min on a busy 2-core machine;
// the comparison with an uninterrupted ingest adds ~35–45 s and is left out when the test has
// already run for more than 135 s (CRONICA_KILL_REFERENCE=1 forces it, =0 skips it).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { decodeBytes } from '../src/ingest/decode.js';
import { mulberry32 } from '../src/util/prng.js';
import { CORPUS, ROOT } from './helpers.js';

const BIN = path.join(ROOT, 'bin', 'cronica.js');
const ARTICLES = 1000;
const SEED = process.env.CRONICA_KILL_SEED ? Number(process.env.CRONICA_KILL_SEED) >>> 0 : (Math.random() * 2 ** 32) >>> 0;

/** A seeded PRNG, so a failing plan of kill points can be replayed. */
const prng = mulberry32;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * 1,000 distinct JSONL articles from the 17 samples: copy n of a sample has its first year
 * moved back by n % 3 and, after its first body paragraph, an "Update n" line of its own.
 */
function writeCorpus(file: string): string[] {
  const samples = readdirSync(CORPUS).sort().map((f) => {
    const html = /\.html?$/i.test(f);
    return { f, html, raw: decodeBytes(readFileSync(path.join(CORPUS, f)), { html }).text };
  });
  assert.equal(samples.length, 17);
  const ids: string[] = [];
  const lines: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < ARTICLES; i++) {
    const s = samples[i % samples.length]!;
    const n = Math.floor(i / samples.length);
    let raw = s.raw.replace(/\b(20\d\d)\b/, (y) => String(Number(y) - (n % 3)));
    const spanish = /-es\.\w+$/.test(s.f);
    const line = spanish
      ? `Actualización ${n + 1}: esta nota fue revisada con información adicional.`
      : `Update ${n + 1}: this story has been revised with additional reporting.`;
    if (s.html) {
      const p = /<p[^>]*>([^<]|<(?!\/p>))+<\/p>/g;
      let m: RegExpExecArray | null;
      while ((m = p.exec(raw)) && m[0].length < 200);
      assert.ok(m, `${s.f}: no body paragraph`);
      const at = m.index + m[0].length;
      raw = `${raw.slice(0, at)}\n<p>${line}</p>${raw.slice(at)}`;
    } else {
      const p = /(^|\n)[^\n]{150,}\n/g;
      const m = p.exec(raw);
      assert.ok(m, `${s.f}: no body paragraph`);
      const at = m.index + m[0].length;
      raw = `${raw.slice(0, at)}\n${line}\n${raw.slice(at)}`;
    }
    assert.ok(!seen.has(raw), `copy ${n} of ${s.f} is not distinct`);
    seen.add(raw);
    const id = `${s.f.replace(/\.\w+$/, '')}-${String(n + 1).padStart(3, '0')}`;
    ids.push(id);
    lines.push(JSON.stringify(s.html ? { id, html: raw } : { id, text: raw }));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return ids;
}

interface Run {
  child: ChildProcess;
  t0: number;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exited: boolean;
  stdout: string;
  stderr: string;
}

const live = new Set<ChildProcess>();
let tmp: string | null = null;

after(async () => {
  for (const c of live) c.kill('SIGKILL');
  await Promise.all([...live].map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('exit', r)))));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function ingest(corpus: string, db: string, extra: string[] = []): Run {
  const child = spawn(process.execPath, [BIN, 'ingest', corpus, '--db', db, '--quiet', '--jobs', '2', ...extra], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  const run: Run = { child, t0: performance.now(), exit: null!, exited: false, stdout: '', stderr: '' };
  child.stdout!.on('data', (d: Buffer) => { run.stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { run.stderr += d.toString(); });
  run.exit = new Promise((resolve) => child.once('exit', (code, signal) => {
    run.exited = true;
    live.delete(child);
    resolve({ code, signal });
  }));
  return run;
}

/** Stored articles and meta.dirty as a reader sees them now, or null (no database or schema yet). */
function peek(db: string): { articles: number; dirty: string | null } | null {
  // Only once the writer has put the database in WAL mode: a reader must not hold the file
  // while the journal mode is being switched.
  if (!existsSync(db) || !existsSync(`${db}-wal`)) return null;
  let d: Database.Database | null = null;
  try {
    d = new Database(db, { readonly: true, fileMustExist: true });
    const articles = Number(d.prepare('SELECT COUNT(*) FROM articles').pluck().get());
    const dirty = (d.prepare("SELECT value FROM meta WHERE key = 'dirty'").pluck().get() as string | undefined) ?? null;
    return { articles, dirty };
  } catch {
    return null;
  } finally {
    d?.close();
  }
}

/** A write transaction is open right now (the probe cannot take the writer lock). */
function writerActive(db: string): boolean {
  let d: Database.Database | null = null;
  try {
    d = new Database(db, { fileMustExist: true, timeout: 0 });
    d.exec('BEGIN IMMEDIATE');
    d.exec('ROLLBACK');
    return false;
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    // SQLITE_BUSY: another connection holds the writer lock; BUSY_RECOVERY and the like are not that.
    if (code.startsWith('SQLITE_BUSY')) return code === 'SQLITE_BUSY';
    throw e;
  } finally {
    d?.close();
  }
}

/**
 * What a killed writer left in the WAL: valid frames (salts and checksum chain intact) and how
 * many of them come after the last commit frame, i.e. belong to a transaction that never
 * committed and that recovery must ignore. Read before any connection opens the file.
 */
function walTail(db: string): { frames: number; uncommitted: number } | null {
  let buf: Buffer;
  try { buf = readFileSync(`${db}-wal`); } catch { return null; }
  if (buf.length < 32) return { frames: 0, uncommitted: 0 };
  const magic = buf.readUInt32BE(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return null;
  const word = magic === 0x377f0683 ? (o: number) => buf.readUInt32BE(o) : (o: number) => buf.readUInt32LE(o);
  const sum = (s: [number, number], from: number, to: number): [number, number] => {
    let [s0, s1] = s;
    for (let o = from; o < to; o += 8) {
      s0 = (s0 + word(o) + s1) >>> 0;
      s1 = (s1 + word(o + 4) + s0) >>> 0;
    }
    return [s0, s1];
  };
  const pageSize = buf.readUInt32BE(8);
  const salt = [buf.readUInt32BE(16), buf.readUInt32BE(20)];
  let s = sum([0, 0], 0, 24);
  if (s[0] !== buf.readUInt32BE(24) || s[1] !== buf.readUInt32BE(28)) return { frames: 0, uncommitted: 0 };
  let frames = 0;
  let lastCommit = 0;
  for (let o = 32; o + 24 + pageSize <= buf.length; o += 24 + pageSize) {
    if (buf.readUInt32BE(o + 8) !== salt[0] || buf.readUInt32BE(o + 12) !== salt[1]) break;
    const next = sum(sum(s, o, o + 8), o + 24, o + 24 + pageSize);
    if (next[0] !== buf.readUInt32BE(o + 16) || next[1] !== buf.readUInt32BE(o + 20)) break;
    s = next;
    frames++;
    if (buf.readUInt32BE(o + 4) !== 0) lastCommit = frames;
  }
  return { frames, uncommitted: frames - lastCommit };
}

interface State { exists: boolean; schema: boolean; articles: number; dirty: string | null; mentions: number; claims: number; events: number; figures: number; duplicates: number }

const one = (d: Database.Database, sql: string) => Number(d.prepare(sql).pluck().get());

/**
 * Open the database read-only (recovering the WAL a killed writer left) and check that it is
 * sound: integrity and foreign keys, no half-stored article, stored articles a prefix of the
 * corpus, the derived record consistent. `when` names the check in messages.
 */
function check(db: string, ids: string[], when: string): State {
  const none = { mentions: 0, claims: 0, events: 0, figures: 0, duplicates: 0, dirty: null, articles: 0 };
  if (!existsSync(db)) return { exists: false, schema: false, ...none };
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    assert.equal(d.pragma('integrity_check', { simple: true }), 'ok', `${when}: integrity_check`);
    const tables = new Set(d.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    if (!tables.has('articles')) {
      // The migration runs in one transaction: killed inside it, none of its tables remain.
      for (const t of ['mentions', 'claims', 'article_entities', 'events', 'figures', 'article_fts']) assert.ok(!tables.has(t), `${when}: ${t} exists without articles`);
      if (tables.has('meta')) assert.equal(d.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get(), undefined, `${when}: schema_version without schema`);
      return { exists: true, schema: false, ...none };
    }
    assert.deepEqual(d.pragma('foreign_key_check'), [], `${when}: foreign_key_check`);
    const articles = one(d, 'SELECT COUNT(*) FROM articles');

    // No half-stored article: each has all its mentions, claims, entities and its search row.
    const rows = d.prepare(`SELECT a.source, a.event_count AS ec, a.claim_count AS cc,
        (SELECT COUNT(*) FROM mentions m WHERE m.article = a.key) AS m,
        (SELECT COUNT(*) FROM claims c WHERE c.article = a.key) AS c,
        (SELECT COUNT(*) FROM article_entities e WHERE e.article = a.key) AS e,
        json_array_length(a.record, '$.events') AS re, json_array_length(a.record, '$.claims') AS rc,
        json_array_length(a.record, '$.entities') AS ree, a.key AS key
      FROM articles a ORDER BY a.seq`).all() as Array<{ source: string; ec: number; cc: number; m: number; c: number; e: number; re: number; rc: number; ree: number; key: string }>;
    const fts = new Map<string, number>();
    for (const r of d.prepare('SELECT key, COUNT(*) AS n FROM article_fts GROUP BY key').all() as Array<{ key: string; n: number }>) fts.set(r.key, r.n);
    const half: string[] = [];
    for (const r of rows) {
      const problems: string[] = [];
      if (r.m !== r.ec) problems.push(`${r.m} mentions for event_count ${r.ec}`);
      if (r.c !== r.cc) problems.push(`${r.c} claims for claim_count ${r.cc}`);
      if (r.re !== r.ec || r.rc !== r.cc) problems.push(`record has ${r.re} events/${r.rc} claims, columns ${r.ec}/${r.cc}`);
      if (r.e !== r.ree) problems.push(`${r.e} entity rows for ${r.ree} entities in the record`);
      if (fts.get(r.key) !== 1) problems.push(`${fts.get(r.key) ?? 0} article_fts rows`);
      if (problems.length) half.push(`${r.source}: ${problems.join('; ')}`);
    }
    assert.deepEqual(half, [], `${when}: half-stored articles`);
    const orphans = {
      mentions: one(d, 'SELECT COUNT(*) FROM mentions WHERE article NOT IN (SELECT key FROM articles)'),
      claims: one(d, 'SELECT COUNT(*) FROM claims WHERE article NOT IN (SELECT key FROM articles)'),
      article_entities: one(d, 'SELECT COUNT(*) FROM article_entities WHERE article NOT IN (SELECT key FROM articles)'),
      article_fts: one(d, 'SELECT COUNT(*) FROM article_fts WHERE key NOT IN (SELECT key FROM articles)'),
      mention_fts: one(d, 'SELECT COUNT(*) FROM mention_fts WHERE mid NOT IN (SELECT mid FROM mentions)'),
      mentionsWithoutFts: one(d, 'SELECT COUNT(*) FROM mentions WHERE mid NOT IN (SELECT mid FROM mention_fts)'),
      mentionEvents: one(d, 'SELECT COUNT(*) FROM mentions WHERE event IS NOT NULL AND event NOT IN (SELECT id FROM events)'),
      claimFigures: one(d, 'SELECT COUNT(*) FROM claims WHERE figure IS NOT NULL AND figure NOT IN (SELECT id FROM figures)'),
      eventActors: one(d, 'SELECT COUNT(*) FROM event_actors WHERE event NOT IN (SELECT id FROM events)'),
      eventOutlets: one(d, 'SELECT COUNT(*) FROM event_outlets WHERE event NOT IN (SELECT id FROM events)'),
    };
    assert.deepEqual(orphans, Object.fromEntries(Object.keys(orphans).map((k) => [k, 0])), `${when}: rows without their article (or event/figure)`);

    // Articles are stored one by one in input order: the stored ones are a prefix of the corpus,
    // numbered 1..n.
    assert.deepEqual(rows.map((r) => r.source), ids.slice(0, articles), `${when}: stored articles are not a prefix of the corpus`);
    if (articles) assert.deepEqual([one(d, 'SELECT MIN(seq) FROM articles'), one(d, 'SELECT MAX(seq) FROM articles')], [1, articles], `${when}: seq`);

    const dirty = (d.prepare("SELECT value FROM meta WHERE key = 'dirty'").pluck().get() as string | undefined) ?? null;
    const state: State = {
      exists: true, schema: true, articles, dirty,
      mentions: one(d, 'SELECT COUNT(*) FROM mentions'),
      claims: one(d, 'SELECT COUNT(*) FROM claims'),
      events: one(d, 'SELECT COUNT(*) FROM events'),
      figures: one(d, 'SELECT COUNT(*) FROM figures'),
      duplicates: one(d, 'SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL'),
    };
    // Stored articles not yet covered by a committed rebuild keep the store dirty.
    if (articles > 0) assert.ok(dirty === '0' || dirty === '1', `${when}: meta.dirty is ${dirty}`);
    if (dirty === '0') {
      assert.equal(one(d, 'SELECT COUNT(*) FROM mentions WHERE event IS NULL'), 0, `${when}: clean store with mentions outside any event`);
      assert.equal(one(d, 'SELECT COUNT(*) FROM claims WHERE figure IS NULL'), 0, `${when}: clean store with claims outside any figure group`);
    }
    return state;
  } finally {
    d.close();
  }
}

/** A digest of the derived record and of what is stored per article, for comparing two stores. */
function digest(db: string): Record<string, string> {
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const queries: Record<string, string> = {
      articles: 'SELECT key, seq, source, duplicate_of, similarity, event_count, claim_count, record FROM articles ORDER BY seq',
      mentions: 'SELECT mid, article, ord, event, data FROM mentions ORDER BY mid',
      claims: 'SELECT cid, article, figure, data FROM claims ORDER BY cid',
      events: 'SELECT * FROM events ORDER BY id',
      event_actors: 'SELECT * FROM event_actors ORDER BY event, entity, role',
      event_outlets: 'SELECT * FROM event_outlets ORDER BY event, outlet',
      figures: 'SELECT * FROM figures ORDER BY id',
      article_entities: 'SELECT * FROM article_entities ORDER BY article, entity',
    };
    const out: Record<string, string> = {};
    for (const [name, sql] of Object.entries(queries)) {
      const h = createHash('sha256');
      for (const row of d.prepare(sql).raw().iterate()) h.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
      out[name] = h.digest('hex').slice(0, 16);
    }
    return out;
  } finally {
    d.close();
  }
}

const counts = (s: State) => ({ articles: s.articles, mentions: s.mentions, claims: s.claims, events: s.events, figures: s.figures, duplicates: s.duplicates });

test(`kill -9 during an ingest of ${ARTICLES} articles at 10 random points (seed ${SEED}; replay with CRONICA_KILL_SEED=${SEED})`, { timeout: 10 * 60_000 }, async (t) => {
  const began = performance.now();
  const rand = prng(SEED);
  const between = (lo: number, hi: number) => lo + (hi - lo) * rand();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'cronica-kill-'));
  const corpus = path.join(tmp, 'corpus.jsonl');
  const db = path.join(tmp, 'killed.db');
  const ids = writeCorpus(corpus);
  t.diagnostic(`seed ${SEED}; corpus ${corpus} (${ids.length} articles)`);

  // The plan (see the top of the file): 2 time kills, 6 progress kills (one per sixth of the
  // corpus), then 2 kills in the final rebuild — first while it writes (the WAL has grown past
  // its size when the rebuild was seen by a random 64 KiB–3 MiB: the transaction has spilled
  // uncommitted pages into the WAL), then at a random 0–1.2 s into it.
  type Plan =
    | { kind: 'time'; delayMs: number }
    | { kind: 'progress'; target: number; inTransaction: boolean; delayMs: number }
    | { kind: 'rebuild-writing'; walGrowth: number }
    | { kind: 'rebuild'; delayMs: number };
  const plans: Plan[] = [
    { kind: 'time', delayMs: between(300, 2500) },
    { kind: 'time', delayMs: between(2500, 7000) },
  ];
  for (let j = 0; j < 6; j++) {
    plans.push({ kind: 'progress', target: Math.floor((ARTICLES * (j + between(0.15, 0.85))) / 6), inTransaction: rand() < 0.5, delayMs: between(0, 300) });
  }
  plans.push({ kind: 'rebuild-writing', walGrowth: Math.round(between(64 << 10, 3 << 20)) });
  plans.push({ kind: 'rebuild', delayMs: between(0, 1200) });

  let prev = check(db, ids, 'before the first run');
  const phases: string[] = [];
  let rebuildUncommitted = 0;
  for (const [k, plan] of plans.entries()) {
    const before = prev.articles;
    const run = ingest(corpus, db);
    let phase = '';
    let sawWriter = false;
    let probeToKillMs = 0;
    const deadline = run.t0 + 180_000;
    const inTime = () => assert.ok(performance.now() < deadline, `kill ${k + 1}: the run did not reach its kill point in 180 s`);
    if (plan.kind === 'time') {
      await Promise.race([sleep(plan.delayMs), run.exit]);
    } else {
      // Watch the run until it has reached its point: its target stored, or (rebuild) every
      // article stored, the store dirty and the writer lock held — the rebuild transaction.
      const rebuild = plan.kind !== 'progress';
      const target = rebuild ? ARTICLES : Math.max(plan.target, before + 1);
      for (;;) {
        if (run.exited) break;
        inTime();
        const s = peek(db);
        if (s && s.articles >= target && (!rebuild || (s.dirty === '1' && writerActive(db)))) break;
        await sleep(20);
      }
      if (run.exited) {
        // Nothing to do: the run ended by itself.
      } else if (plan.kind === 'progress' && plan.inTransaction) {
        // Kill the moment an article's transaction is seen open (polled for up to 3 s).
        const until = performance.now() + 3000;
        while (!run.exited && performance.now() < until) {
          if (writerActive(db)) { sawWriter = true; probeToKillMs = performance.now(); break; }
          await sleep(1);
        }
      } else if (plan.kind === 'rebuild-writing') {
        const walSize = () => { try { return statSync(`${db}-wal`).size; } catch { return 0; } };
        const size0 = walSize();
        while (!run.exited) {
          inTime();
          if (walSize() > size0 + plan.walGrowth) break;
          await sleep(2);
        }
      } else {
        await Promise.race([sleep(plan.delayMs), run.exit]);
      }
    }
    const at = (performance.now() - run.t0) / 1000;
    if (!run.exited) run.child.kill('SIGKILL');
    if (probeToKillMs) probeToKillMs = performance.now() - probeToKillMs;
    const { code, signal } = await run.exit;
    // Read what the killed writer left in the WAL before anything opens the database.
    const wal = walTail(db);
    if (signal !== 'SIGKILL') {
      // The run finished before the kill: that must be a clean, complete ingest.
      assert.equal(code, 0, `kill ${k + 1}: the run ended by itself with code ${code}: ${run.stderr}`);
    }
    const state = check(db, ids, `after kill ${k + 1}`);
    assert.ok(state.articles >= before, `after kill ${k + 1}: ${before - state.articles} committed articles lost`);
    if (signal !== 'SIGKILL') phase = 'none: the run completed before the kill';
    else if (plan.kind === 'rebuild' || plan.kind === 'rebuild-writing') {
      if (state.dirty === '1') {
        phase = `the rebuild transaction (all ${ARTICLES} stored, dirty=1, writer lock held; ${wal?.uncommitted ? `${wal.uncommitted} uncommitted pages already in the WAL` : 'nothing written yet'})`;
        rebuildUncommitted = Math.max(rebuildUncommitted, wal?.uncommitted ?? 0);
      } else phase = 'after the rebuild committed';
    } else if (!state.exists) phase = 'start-up, before the database was created';
    else if (!state.schema) phase = 'start-up, creating the schema';
    else if (state.articles === before && before < ARTICLES) phase = 'start-up (database open, workers loading), nothing stored yet';
    else if (state.articles < ARTICLES) phase = sawWriter ? `storing articles, a write transaction seen open ${probeToKillMs.toFixed(1)} ms before the kill` : 'storing articles';
    else phase = state.dirty === '1' ? 'after storing everything, rebuild not committed' : 'after the rebuild committed';
    const planText = plan.kind === 'time' ? `random delay ${(plan.delayMs / 1000).toFixed(2)} s`
      : plan.kind === 'progress' ? `target ≥ ${plan.target} stored, then ${plan.inTransaction ? 'first open write transaction' : `+${Math.round(plan.delayMs)} ms`}`
      : plan.kind === 'rebuild-writing' ? `rebuild seen, then WAL grown by ${(plan.walGrowth / 1024).toFixed(0)} KiB`
      : `rebuild seen, then +${Math.round(plan.delayMs)} ms`;
    const walText = wal ? `; WAL left: ${wal.frames} frames, ${wal.uncommitted} uncommitted` : '';
    t.diagnostic(`kill ${String(k + 1).padStart(2)} at ${at.toFixed(2)} s (${planText}): ${before} → ${state.articles} articles stored, dirty=${state.dirty}${walText}; phase: ${phase}`);
    phases.push(phase);
    prev = state;
  }
  assert.ok(phases.some((p) => p.startsWith('storing articles')), 'no kill landed while articles were being stored');
  assert.ok(phases.some((p) => p.startsWith('the rebuild transaction')), 'no kill landed in the rebuild');
  assert.ok(rebuildUncommitted > 0, 'no kill landed while the rebuild was writing (uncommitted pages in the WAL)');

  // Resume to completion.
  const resumed = ingest(corpus, db, ['--json']);
  const done = await resumed.exit;
  assert.equal(done.code, 0, `the resumed ingest failed: ${resumed.stderr}`);
  const result = JSON.parse(resumed.stdout) as { read: number; added: number; skipped: number; failed: number; rebuilt: boolean };
  assert.deepEqual({ read: result.read, added: result.added, skipped: result.skipped, failed: result.failed, rebuilt: result.rebuilt },
    { read: ARTICLES, added: ARTICLES - prev.articles, skipped: prev.articles, failed: 0, rebuilt: prev.dirty === '1' || prev.articles < ARTICLES });
  const final = check(db, ids, 'after the resumed ingest');
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    assert.equal(final.articles, ARTICLES);
    assert.equal(final.mentions, one(d, 'SELECT SUM(event_count) FROM articles'));
    assert.equal(final.claims, one(d, 'SELECT SUM(claim_count) FROM articles'));
    assert.equal(final.dirty, '0');
    assert.ok(final.events > 0, 'no events');
    assert.equal(one(d, 'SELECT COUNT(*) FROM mentions m WHERE m.event IS NULL OR NOT EXISTS (SELECT 1 FROM events e WHERE e.id = m.event)'), 0, 'mentions without an event');
  } finally {
    d.close();
  }
  t.diagnostic(`resumed ingest: ${JSON.stringify(counts(final))}`);

  // Once more: nothing added, nothing changed.
  const before = digest(db);
  const again = ingest(corpus, db, ['--json']);
  const againExit = await again.exit;
  assert.equal(againExit.code, 0, `the repeated ingest failed: ${again.stderr}`);
  const againResult = JSON.parse(again.stdout) as { added: number; skipped: number; failed: number };
  assert.deepEqual([againResult.added, againResult.skipped, againResult.failed], [0, ARTICLES, 0]);
  assert.deepEqual(counts(check(db, ids, 'after the repeated ingest')), counts(final));
  assert.deepEqual(digest(db), before, 'the repeated ingest changed the store');

  // An uninterrupted ingest of the same corpus gives the same store. It costs about as much as
  // storing the whole corpus once (~35 s on an idle 2-core machine), so it is left out when the
  // machine is so loaded that the test has already run for more than 135 s
  // (CRONICA_KILL_REFERENCE=1 runs it regardless, =0 never).
  const elapsed = (performance.now() - began) / 1000;
  const wantRef = process.env.CRONICA_KILL_REFERENCE === '1' || (process.env.CRONICA_KILL_REFERENCE !== '0' && elapsed <= 135);
  if (!wantRef) {
    t.diagnostic(`uninterrupted ingest for comparison left out: ${elapsed.toFixed(0)} s already (busy machine?), or CRONICA_KILL_REFERENCE=0`);
    return;
  }
  const refDb = path.join(tmp, 'reference.db');
  const ref = ingest(corpus, refDb);
  const refExit = await ref.exit;
  assert.equal(refExit.code, 0, `the uninterrupted ingest failed: ${ref.stderr}`);
  const refState = check(refDb, ids, 'the uninterrupted ingest');
  assert.deepEqual(counts(final), counts(refState), 'final counts differ from an uninterrupted ingest');
  assert.deepEqual(digest(db), digest(refDb), 'the resumed store differs from an uninterrupted ingest');
  t.diagnostic(`uninterrupted ingest: same counts and same record; total ${((performance.now() - began) / 1000).toFixed(0)} s`);
});
