// The store on SQLite and on PostgreSQL: idempotent ingest, near-duplicate clusters that add
// no corroboration, cross-article event merge, atomic article writes, and the queries.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ArticleRecord } from '../src/contract.js';
import { ingest, type IngestOptions } from '../src/pipeline/ingest.js';
import { JSDOM } from 'jsdom';
import { exportEvents } from '../src/export/index.js';
import { parseCsv } from '../src/export/csv.js';
import { actorNetwork, dyadIndex, getArticle, getEvent, listArticles, listClaims, listEvents, listFigures, type EventFilter } from '../src/store/queries.js';
import { dayBounds } from '../src/merge/dates.js';
import type { Counts, Store } from '../src/store/store.js';
import type { MergedEvent } from '../src/record/types.js';
import { CORPUS, HAS_SHARED, SHARED } from './helpers.js';
import { pgSkip, POSTGRES, SQLITE, type Backend } from './store-backends.js';

const OPTS: IngestOptions = { jobs: 2, timeoutMs: 60_000, maxBytes: 20 * 1024 * 1024, allowPrivate: false, inputFormat: 'auto' };
const SEED = (n: string) => path.join(SHARED, 'seeds', n);
const sample = (f: string) => path.join(CORPUS, f);

async function allEvents(store: Store, f: Omit<EventFilter, 'limit'> = {}): Promise<MergedEvent[]> {
  const out: MergedEvent[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listEvents(store.db, { ...f, limit: 7, cursor });
    out.push(...page.items);
    if (!page.next) return out;
    cursor = page.next;
  }
}

async function keyOf(store: Store, file: string): Promise<string> {
  const rows = await store.db.all<{ key: string }>('SELECT key FROM articles WHERE source = ?', [file]);
  assert.equal(rows.length, 1, `${file} stored once`);
  return rows[0]!.key;
}

function suite(backend: Backend, skip: () => Promise<string | false>) {
  describe(`store on ${backend.name}`, () => {
    let skipReason: string | false = false;
    let ctx: Awaited<ReturnType<Backend['fresh']>> | null = null;
    let once: Counts;
    before(async () => {
      skipReason = await skip();
      if (skipReason) return;
      ctx = await backend.fresh();
      const r = await ingest(ctx.store, [CORPUS], OPTS);
      assert.equal(r.failed, 0);
      once = await ctx.store.counts();
    });
    after(async () => { await ctx?.dispose(); });
    const t = (name: string, fn: (store: Store) => Promise<void>) => test(name, async (tc) => {
      if (skipReason) { tc.skip(skipReason); return; }
      await fn(ctx!.store);
    });

    t('ingesting the sample corpus again stores nothing new and leaves every count as it was', async (store) => {
      assert.equal(once.articles, 17);
      assert.ok(once.events > 50 && once.events < once.mentions, `${once.events} events from ${once.mentions} mentions`);
      const r = await ingest(store, [CORPUS], OPTS);
      assert.deepEqual({ added: r.added, skipped: r.skipped, failed: r.failed }, { added: 0, skipped: 17, failed: 0 });
      assert.deepEqual(await store.counts(), once);
      // A rebuild from the same articles gives the same record.
      const before = (await allEvents(store)).map((e) => `${e.id}:${e.mentions}:${e.sources}`);
      await store.rebuild();
      assert.deepEqual((await allEvents(store)).map((e) => `${e.id}:${e.mentions}:${e.sources}`), before);
      assert.deepEqual(await store.counts(), once);
    });

    t('the syndicated and the spun copies cluster with their originals and add no corroboration', async (store) => {
      const pairs = [['05-cienfuegos-case.html', '06-cienfuegos-case-spun.txt'], ['11-garcia-luna-sentenced.html', '12-garcia-luna-sentenced-syndicated.txt']];
      for (const [orig, copy] of pairs) {
        const o = await keyOf(store, sample(orig!));
        const c = await keyOf(store, sample(copy!));
        const detail = (await getArticle(store.db, c))!;
        assert.equal(detail.article.duplicateOf, o, `${copy} is a copy of ${orig}`);
        assert.ok(detail.article.similarity! >= 0.5);
        assert.ok((await getArticle(store.db, o))!.copies.some((x) => x.key === c));
        // Every event the copy reports is merged with the original's, and the pair counts once.
        const events = new Set(detail.eventOf.filter((x): x is string => !!x));
        assert.ok(events.size > 3);
        for (const id of events) {
          const { event, mentions } = (await getEvent(store.db, id))!;
          const articles = new Set(mentions.map((m) => m.article));
          const independent = new Set(mentions.map((m) => m.duplicateOf ?? m.article));
          assert.equal(event.sources, independent.size, `${id}: sources = independent articles`);
          if ([...articles].every((a) => a === o || a === c)) assert.equal(event.sources, 1, `${id}: only the pair reports it`);
        }
      }
      assert.equal(once.duplicates, 2, 'no other sample is a near-duplicate');
    });

    t('the Cienfuegos arrest reported by independent articles is one event with their sources and the reasons', async (store) => {
      const arrests = (await allEvents(store, { type: ['COERCE'], actor: 'mex-cienfuegos' })).filter((e) => e.mode === 'arrest' && e.date.start?.startsWith('2020-10'));
      assert.equal(arrests.length, 1, arrests.map((e) => e.id).join(' '));
      const { event, mentions } = (await getEvent(store.db, arrests[0]!.id))!;
      const sources = new Set(mentions.map((m) => m.source));
      for (const f of ['05-cienfuegos-case.html', '08-dea-unit-disbanded.txt']) assert.ok(sources.has(sample(f)), f);
      assert.ok(event.sources >= 2);
      assert.equal(event.why.length, event.mentions);
      assert.match(event.why.slice(1).join('\n'), /recipient mex-cienfuegos in both/);
      // Evidence offsets point into the stored raw input.
      for (const m of mentions) {
        const a = (await getArticle(store.db, m.article))!;
        assert.equal(a.raw.slice(m.evidence.start, m.evidence.end), m.evidence.text);
        assert.equal(a.raw.slice(m.trigger.start, m.trigger.end), m.trigger.text);
      }
    });

    t('events page by cursor without loss or repetition, and filters select what they say', async (store) => {
      const all = await allEvents(store);
      assert.equal(all.length, once.events);
      assert.equal(new Set(all.map((e) => e.id)).size, all.length);
      // In order of first day, undated last.
      const firstDays = all.map((e) => dayBounds(e.date.start, e.date.end)[0] ?? '9999');
      assert.deepEqual(firstDays, [...firstDays].sort());
      assert.ok(firstDays.includes('9999') && firstDays[firstDays.length - 1] === '9999');
      const dyad = await allEvents(store, { dyad: 'USA>MEX' });
      assert.ok(dyad.length > 0);
      assert.deepEqual(dyad.map((e) => e.id).sort(), all.filter((e) => e.actorCountry === 'USA' && e.recipientCountry === 'MEX').map((e) => e.id).sort());
      const both = await allEvents(store, { dyad: 'MEX-USA' });
      assert.equal(both.length, all.filter((e) => (e.actorCountry === 'USA' && e.recipientCountry === 'MEX') || (e.actorCountry === 'MEX' && e.recipientCountry === 'USA')).length);
      const y2020 = await allEvents(store, { from: '2020', to: '2020' });
      assert.ok(y2020.length > 0);
      for (const e of y2020) assert.ok(e.date.start! <= '2020-12-31' && (e.date.end ?? e.date.start)! >= '2020', `${e.id} ${e.date.start}`);
      // A month-precise event overlaps a filter on one of its days.
      const month = all.find((e) => e.date.precision === 'month')!;
      assert.ok((await allEvents(store, { from: `${month.date.start}-15`, to: `${month.date.start}-15` })).some((e) => e.id === month.id));
      // Date windows select exactly the events whose days overlap them, whatever their precision.
      for (const [from, to] of [['2020-10-15', '2020-10-15'], ['2019-07-01', '2019-07-31'], ['2006', '2012'], ['1985-06', '1985-06'], ['2024-10-16', '2025-02']]) {
        const [lo, hi] = [dayBounds(from!, from!)[0]!, dayBounds(to!, to!)[1]!];
        const want = all.filter((e) => { const [a, b] = dayBounds(e.date.start, e.date.end); return a !== null && a <= hi && b! >= lo; }).map((e) => e.id);
        assert.deepEqual((await allEvents(store, { from, to })).map((e) => e.id), want, `${from}…${to}`);
      }
      const coerce = await allEvents(store, { type: ['COERCE'], factuality: ['asserted'] });
      assert.deepEqual(coerce.map((e) => e.id).sort(), all.filter((e) => e.type === 'COERCE' && e.factuality === 'asserted').map((e) => e.id).sort());
      const found = await allEvents(store, { q: 'Cienfuegos' });
      assert.ok(found.length > 0);
      for (const e of found) {
        const { mentions } = (await getEvent(store.db, e.id))!;
        assert.ok(mentions.some((m) => /cienfuegos/i.test(m.evidence.text)), e.id);
      }
      assert.deepEqual(await allEvents(store, { q: '"* OR NEAR(' }), []);
      const outlet = all.find((e) => e.outlets.length)!.outlets[0]!;
      for (const e of await allEvents(store, { outlet })) assert.ok(e.outlets.includes(outlet));
    });

    t('articles: search, outlet, copies only; claims and figures keep every source', async (store) => {
      const hits = await listArticles(store.db, { limit: 50, q: 'García Luna' });
      assert.ok(hits.items.some((a) => a.source.endsWith('11-garcia-luna-sentenced.html')));
      assert.equal((await listArticles(store.db, { limit: 50, duplicates: true })).items.length, 2);
      const page1 = await listArticles(store.db, { limit: 10 });
      const page2 = await listArticles(store.db, { limit: 10, cursor: page1.next! });
      assert.equal(page1.items.length + page2.items.length, 17);
      assert.equal(page2.next, null);
      const claims = await listClaims(store.db, { limit: 1000 });
      assert.equal(claims.items.length, once.claims);
      const figures = await listFigures(store.db, {});
      assert.equal(figures.reduce((n, f) => n + f.claims.length, 0), once.claims);
      for (const f of figures) assert.equal(f.sources, new Set(f.claims.map((c) => c.cluster)).size);
    });

    t('the USA–MEX index accounts for every dyad event once', async (store) => {
      const all = await allEvents(store, { dyad: 'USA-MEX' });
      const idx = await dyadIndex(store.db, ['USA', 'MEX']);
      const inPoints = idx.points.reduce((n, p) => n + p.events + p.alleged + p.considered + p.future, 0);
      assert.equal(inPoints + idx.undated + idx.excluded, all.length);
      assert.equal(idx.excluded, all.filter((e) => e.factuality === 'negated' || e.factuality === 'hypothetical').length);
      for (const p of idx.points) {
        assert.equal(Object.values(p.counts).reduce((a, b) => a + b, 0), p.events);
        if (p.events) assert.equal(p.scoreMean, Math.round((p.scoreSum / p.events) * 100) / 100);
      }
    });

    t('every export format takes the stored record: CSV re-reads to one row per event, GEXF parses with the network counts', async (store) => {
      const events = await allEvents(store);
      const csv = [...exportEvents('csv', events)].join('');
      const rows = parseCsv(csv);
      assert.equal(rows.length, events.length + 1);
      assert.deepEqual(rows.slice(1).map((r) => r[0]), events.map((e) => e.id));
      for (const f of ['jsonl', 'plover'] as const) {
        const lines = [...exportEvents(f, events)].join('').split('\n').filter(Boolean);
        assert.equal(lines.length, events.length, f);
        for (const l of lines) JSON.parse(l);
      }
      const tsv = [...exportEvents('cameo-tsv', events)].join('').split('\n').filter(Boolean);
      assert.equal(tsv.length, events.length + 1);
      assert.ok(tsv.every((l) => l.split('\t').length === 26));
      const net = await actorNetwork(store.db, {});
      const xml = [...exportEvents('gexf', events, net)].join('');
      const doc = new JSDOM('').window.DOMParser;
      const parsed = new doc().parseFromString(xml, 'application/xml');
      assert.equal(parsed.getElementsByTagName('parsererror').length, 0);
      assert.equal(parsed.getElementsByTagName('node').length, net.nodes.length);
      assert.equal(parsed.getElementsByTagName('edge').length, net.edges.length);
      const tl = JSON.parse([...exportEvents('timelinejs', events)].join('')) as { events: unknown[] };
      assert.equal(tl.events.length, events.filter((e) => e.date.start).length);
    });

    t('an article is written whole or not at all', async (store) => {
      const rec = JSON.parse(JSON.stringify((await getArticle(store.db, await keyOf(store, sample('08-dea-unit-disbanded.txt'))))!.record)) as ArticleRecord;
      const key = 'f'.repeat(64);
      const db = store.db;
      const original = db.insertMany.bind(db);
      db.insertMany = async (table, cols, rows) => {
        if (table === 'claims') throw new Error('disk full (simulated)');
        return original(table, cols, rows);
      };
      try {
        await assert.rejects(store.addArticle({ key, raw: 'x', format: 'text', record: rec, signature: new Uint32Array(128) }), /disk full/);
      } finally {
        db.insertMany = original;
      }
      assert.equal(await store.hasArticle(key), false);
      for (const table of ['mentions', 'claims', 'article_entities']) {
        const rows = await db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE article = ?`, [key]);
        assert.equal(Number(rows[0]!.n), 0, table);
      }
      assert.deepEqual((await store.counts()).articles, once.articles);
    });
  });
}

suite(SQLITE, async () => false);
suite(POSTGRES, pgSkip);

describe('shared seeds', () => {
  test('the Cienfuegos arrest reported in seeds 000 and 001 is one merged event with two sources; seeds plus samples twice = once', { skip: HAS_SHARED ? false : 'needs ../shared (seeds); absent' }, async () => {
    const ctx = await SQLITE.fresh();
    try {
      const { store } = ctx;
      await ingest(store, [SEED('000_6208e501ddfd4c10.txt'), SEED('001_e47383a489849ae0.txt')], OPTS);
      const arrests = (await allEvents(store, { type: ['COERCE'], actor: 'mex-cienfuegos' })).filter((e) => e.mode === 'arrest');
      const both = arrests.filter((e) => e.sources === 2);
      assert.equal(both.length, 1, arrests.map((e) => `${e.id} ${e.date.start} ${e.sources}`).join('; '));
      const { mentions } = (await getEvent(store.db, both[0]!.id))!;
      assert.deepEqual([...new Set(mentions.map((m) => path.basename(m.source).slice(0, 3)))].sort(), ['000', '001']);
      await ingest(store, [path.join(SHARED, 'seeds'), CORPUS], OPTS);
      const first = await store.counts();
      const again = await ingest(store, [path.join(SHARED, 'seeds'), CORPUS], OPTS);
      assert.equal(again.added, 0);
      assert.deepEqual(await store.counts(), first);
    } finally {
      await ctx.dispose();
    }
  });
});
