// The API over a real server on loopback, on SQLite and on PostgreSQL: every endpoint, bad
// queries (400 naming the field), unknown ids (404), and write access (401 / 403 / 200).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ingest } from '../src/pipeline/ingest.js';
import type { MergedEvent } from '../src/record/types.js';
import { CORPUS } from './helpers.js';
import { pgSkip, POSTGRES, serveOnLoopback, SQLITE, type Backend } from './store-backends.js';

const TOKEN = 'test-token-0123456789';

function suite(backend: Backend, skip: () => Promise<string | false>) {
  describe(`API on ${backend.name}`, () => {
    let skipReason: string | false = false;
    let ctx: Awaited<ReturnType<Backend['fresh']>> | null = null;
    let app: FastifyInstance | null = null;
    let base = '';
    before(async () => {
      skipReason = await skip();
      if (skipReason) return;
      ctx = await backend.fresh();
      await ingest(ctx.store, [path.join(CORPUS, '05-cienfuegos-case.html'), path.join(CORPUS, '06-cienfuegos-case-spun.txt'), path.join(CORPUS, '08-dea-unit-disbanded.txt'), path.join(CORPUS, '15-cartel-fto-designation.html')],
        { jobs: 2, timeoutMs: 60_000, maxBytes: 1 << 24, allowPrivate: false, inputFormat: 'auto' });
      ({ app, base } = await serveOnLoopback(ctx.store, { tokens: new Map([['tester', TOKEN]]), jobs: 1 }));
    });
    after(async () => {
      await app?.close();
      await ctx?.dispose();
    });
    const t = (name: string, fn: () => Promise<void>) => test(name, async (tc) => {
      if (skipReason) { tc.skip(skipReason); return; }
      await fn();
    });
    const get = async (url: string) => {
      const r = await fetch(base + url);
      return { status: r.status, body: await r.json() as any, headers: r.headers };
    };

    t('health and the OpenAPI document list every route', async () => {
      const h = await get('/health');
      assert.equal(h.status, 200);
      assert.equal(h.body.status, 'ok');
      assert.equal(h.body.store, backend.name);
      assert.equal(h.body.counts.articles, 4);
      assert.equal(h.headers.get('x-content-type-options'), 'nosniff');
      const doc = (await get('/openapi.json')).body;
      assert.equal(doc.openapi, '3.1.0');
      for (const p of ['/health', '/articles', '/articles/{id}', '/articles/{id}/reading', '/outlets', '/events', '/events/{id}', '/events/{id}/review', '/entities', '/entities/{id}', '/claims', '/figures', '/index', '/network', '/ingest', '/openapi.json']) {
        assert.ok(doc.paths[p], p);
      }
      const params = doc.paths['/events'].get.parameters.map((p: { name: string }) => p.name);
      for (const n of ['from', 'to', 'type', 'quad', 'actor', 'dyad', 'factuality', 'outlet', 'q', 'cursor', 'limit']) assert.ok(params.includes(n), n);
      assert.deepEqual(doc.paths['/ingest'].post.security, [{ bearer: [] }]);
    });

    t('events: filters, cursor pages, detail with mentions and evidence offsets', async () => {
      const all: MergedEvent[] = [];
      let next: string | null = null;
      do {
        const r = await get(`/events?limit=5${next ? `&cursor=${encodeURIComponent(next)}` : ''}`);
        assert.equal(r.status, 200);
        all.push(...r.body.items);
        next = r.body.next;
      } while (next);
      assert.equal(all.length, (await get('/health')).body.counts.events);
      const coerce = (await get('/events?type=COERCE,ASSAULT&limit=500')).body.items as MergedEvent[];
      assert.deepEqual(coerce.map((e) => e.id).sort(), all.filter((e) => e.type === 'COERCE' || e.type === 'ASSAULT').map((e) => e.id).sort());
      const dated = (await get('/events?from=2020-10&to=2020-10&dyad=USA-MEX&limit=500')).body.items as MergedEvent[];
      assert.ok(dated.length > 0);
      const arrest = all.find((e) => e.type === 'COERCE' && e.mode === 'arrest' && e.date.start === '2020-10-15')!;
      assert.ok(arrest, 'the Cienfuegos arrest');
      assert.ok(arrest.sources >= 2, 'the spun copy adds nothing, the DEA article does');
      const d = await get(`/events/${arrest.id}`);
      assert.equal(d.status, 200);
      assert.ok(d.body.mentions.length >= 3);
      const m = d.body.mentions[0];
      const art = (await get(`/articles/${m.article}`)).body;
      assert.equal(art.raw.slice(m.evidence.start, m.evidence.end), m.evidence.text);
      const q = (await get('/events?q=Cienfuegos&limit=500')).body.items as MergedEvent[];
      assert.ok(q.some((e) => e.id === arrest.id));
      const actor = (await get('/events?actor=mex-cienfuegos&limit=500')).body.items as MergedEvent[];
      assert.ok(actor.some((e) => e.id === arrest.id));
      const fact = (await get('/events?factuality=considered,alleged&limit=500')).body.items as MergedEvent[];
      for (const e of fact) assert.ok(e.factuality === 'considered' || e.factuality === 'alleged');
    });

    t('articles, entities, claims, figures, index and network answer', async () => {
      const arts = (await get('/articles?limit=2')).body;
      assert.equal(arts.items.length, 2);
      const rest = (await get(`/articles?limit=10&cursor=${encodeURIComponent(arts.next)}`)).body;
      assert.equal(rest.items.length, 2);
      const copy = (await get('/articles?duplicates=true')).body.items;
      assert.equal(copy.length, 1);
      assert.match(copy[0].source, /06-cienfuegos-case-spun/);
      const detail = (await get(`/articles/${copy[0].id}`)).body;
      assert.equal(detail.original.key, copy[0].duplicateOf);
      assert.equal(detail.record.article.spin.detected, true);
      const ents = (await get('/entities?country=MEX&limit=5')).body.items;
      assert.ok(ents.length > 0);
      for (const e of ents) assert.equal(e.country, 'MEX');
      const one = await get(`/entities/${ents[0].id}`);
      assert.equal(one.body.id, ents[0].id);
      const claims = (await get('/claims?limit=3')).body;
      assert.equal(claims.items.length, 3);
      const figs = (await get('/figures')).body.items;
      assert.ok(figs.length > 0);
      const idx = (await get('/index?dyad=USA-MEX')).body;
      assert.deepEqual(idx.dyad, ['USA', 'MEX']);
      assert.ok(idx.points.some((p: { direction: string }) => p.direction === 'USA>MEX'));
      const net = (await get('/network')).body;
      assert.ok(net.nodes.length > 2 && net.edges.length > 1);
      const ids = new Set(net.nodes.map((n: { id: string }) => n.id));
      for (const e of net.edges) assert.ok(ids.has(e.source) && ids.has(e.target) && e.weight >= 1);
    });

    t('bad queries are 400 naming the field; unknown ids are 404', async () => {
      const cases: Array<[string, string]> = [
        ['/events?limit=0', 'limit'], ['/events?limit=abc', 'limit'], ['/events?limit=501', 'limit'],
        ['/events?from=last%20week', 'from'], ['/events?type=COERCE,FLY', 'type'], ['/events?quad=neutral', 'quad'],
        ['/events?dyad=US-MX', 'dyad'], ['/events?factuality=maybe', 'factuality'], ['/events?cursor=not-a-cursor', 'cursor'],
        ['/events?colour=red', 'colour'], ['/articles?duplicates=yes', 'duplicates'], ['/entities?country=mexico', 'country'],
        ['/figures?agreement=some', 'agreement'], ['/index?dyad=USA', 'dyad'], ['/network?minWeight=-1', 'minWeight'],
      ];
      for (const [url, field] of cases) {
        const r = await get(url);
        assert.equal(r.status, 400, url);
        assert.equal(r.body.field, field, url);
        assert.match(r.body.message, new RegExp(`^${field}: `), url);
      }
      for (const url of ['/events/ev-0000000000000000', '/articles/nope', '/entities/nobody']) {
        const r = await get(url);
        assert.equal(r.status, 404, url);
        assert.equal(r.body.error, 'not found');
      }
      assert.equal((await get('/no/such/route')).status, 404);
    });

    t('reviews need a token, are kept with author and time, and survive a rebuild', async () => {
      const events = (await get('/events?limit=500')).body.items as MergedEvent[];
      const target = events.find((e) => e.type === 'ACCUSE') ?? events[0]!;
      const other = events.find((e) => e.id !== target.id)!;
      const review = (id: string, body: unknown, token: string | null = TOKEN) => fetch(`${base}/events/${id}/review`, {
        method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body),
      });
      assert.equal((await review(target.id, { action: 'confirm' }, null)).status, 401);
      assert.equal((await review(target.id, { action: 'confirm' }, 'not-the-token-123')).status, 403);
      let r = await review(target.id, { action: 'edit', changes: { type: 'FLY' } });
      assert.equal(r.status, 400);
      assert.equal(((await r.json()) as { field: string }).field, 'changes');
      assert.equal((await review(target.id, { action: 'edit' })).status, 400);
      assert.equal((await review('ev-0000000000000000', { action: 'confirm' })).status, 404);
      r = await review(target.id, { action: 'edit', changes: { type: 'SANCTION', factuality: 'alleged', date: { start: '2020-11', precision: 'month' } }, note: 'checked against the indictment' });
      assert.equal(r.status, 200);
      const edited = (await r.json()) as { event: MergedEvent; history: Array<{ author: string; action: string; at: string }> };
      assert.deepEqual([edited.event.type, edited.event.quad, edited.event.factuality, edited.event.date.start, edited.event.review?.status, edited.event.review?.by], ['SANCTION', 'material-conflict', 'alleged', '2020-11', 'edited', 'tester']);
      assert.equal(edited.event.machine?.type, target.type);
      assert.equal(edited.history.length, 1);
      assert.ok(!Number.isNaN(Date.parse(edited.history[0]!.at)));
      assert.equal((await review(other.id, { action: 'reject', note: 'not an event' })).status, 200);
      // Rejected events leave lists and the index unless asked for.
      assert.ok(!((await get('/events?limit=500')).body.items as MergedEvent[]).some((e) => e.id === other.id));
      assert.ok(((await get('/events?limit=500&review=rejected')).body.items as MergedEvent[]).some((e) => e.id === other.id));
      // A rebuild (as after any ingest) re-applies both.
      await ctx!.store.rebuild();
      const again = (await get(`/events/${target.id}`)).body;
      assert.deepEqual([again.event.type, again.event.factuality, again.event.review.status], ['SANCTION', 'alleged', 'edited']);
      assert.equal(again.history[0].author, 'tester');
      assert.equal((await get(`/events/${other.id}`)).body.event.review.status, 'rejected');
      assert.ok(((await get('/events?type=SANCTION&limit=500')).body.items as MergedEvent[]).some((e) => e.id === target.id));
    });

    t('ingest needs a valid bearer token; with one it stores and rebuilds', async () => {
      const text = readFileSync(path.join(CORPUS, '10-ovidio-guzman-extradited.txt'), 'utf8');
      const body = JSON.stringify({ articles: [{ text, outlet: 'Test Wire' }] });
      const post = (headers: Record<string, string>, b = body) => fetch(`${base}/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: b });
      let r = await post({});
      assert.equal(r.status, 401);
      assert.equal(r.headers.get('www-authenticate'), 'Bearer');
      r = await post({ authorization: 'Bearer wrong-token-000000' });
      assert.equal(r.status, 403);
      r = await post({ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` });
      assert.equal(r.status, 401);
      r = await post({ authorization: `Bearer ${TOKEN}` }, JSON.stringify({ articles: [] }));
      assert.equal(r.status, 400);
      assert.equal(((await r.json()) as { field: string }).field, 'articles');
      const before = (await get('/health')).body.counts;
      r = await post({ authorization: `Bearer ${TOKEN}` });
      assert.equal(r.status, 200);
      const res = await r.json() as { added: number; by: string; rebuilt: boolean };
      assert.deepEqual([res.added, res.by, res.rebuilt], [1, 'tester', true]);
      const afterCounts = (await get('/health')).body.counts;
      assert.equal(afterCounts.articles, before.articles + 1);
      assert.ok(afterCounts.events > before.events);
      // The same article again is not stored twice.
      r = await post({ authorization: `Bearer ${TOKEN}` });
      assert.equal(((await r.json()) as { skipped: number }).skipped, 1);
      assert.equal((await get('/health')).body.counts.articles, before.articles + 1);
    });
  });
}

suite(SQLITE, async () => false);
suite(POSTGRES, pgSkip);
