// The reading view of stored articles (cleaned paragraphs, marks mapped from raw offsets,
// removed blocks in place) and its routes, on SQLite.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeHTML } from 'entities';
import type { FastifyInstance } from 'fastify';
import { readingView, SpanMapper, type ReadingBlock, type ReadingView } from '../src/api/reading.js';
import { ingest } from '../src/pipeline/ingest.js';
import { getArticle, listArticles, type ArticleDetail } from '../src/store/queries.js';
import { CORPUS } from './helpers.js';
import { serveOnLoopback, SQLITE } from './store-backends.js';

type Para = Extract<ReadingBlock, { kind: 'paragraph' }>;
type Removed = Extract<ReadingBlock, { kind: 'removed' }>;

const FILES = ['03-beltran-leyva-cuernavaca.html', '04-chapo-guzman-convicted.txt', '05-cienfuegos-case.html', '08-dea-unit-disbanded.txt', '13-xss-sample.html'];
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const paragraphs = (v: ReadingView) => v.blocks.filter((b): b is Para => b.kind === 'paragraph');
const removedBlocks = (v: ReadingView) => v.blocks.filter((b): b is Removed => b.kind === 'removed');
/** The marked text of every mark of one kind and ref, in paragraph order. */
const marked = (v: ReadingView, kind: string, ref: string) =>
  paragraphs(v).flatMap((p) => p.marks.filter((m) => m.kind === kind && m.ref === ref).map((m) => ({ p, m, text: p.text.slice(m.from, m.to) })));

describe('reading view', () => {
  let ctx: Awaited<ReturnType<typeof SQLITE.fresh>>;
  let app: FastifyInstance;
  let base = '';
  const details = new Map<string, ArticleDetail>();
  const detail = (file: string) => structuredClone(details.get(file)!);

  before(async () => {
    ctx = await SQLITE.fresh();
    await ingest(ctx.store, FILES.map((f) => path.join(CORPUS, f)), { jobs: 2, timeoutMs: 60_000, maxBytes: 1 << 24, allowPrivate: false, inputFormat: 'auto' });
    for (const a of (await listArticles(ctx.store.db, { limit: 100 })).items) details.set(path.basename(a.source), (await getArticle(ctx.store.db, a.key))!);
    assert.equal(details.size, FILES.length);
    ({ app, base } = await serveOnLoopback(ctx.store));
  });
  after(async () => {
    await app?.close();
    await ctx?.dispose();
  });

  test('paragraphs are the cleaned text in order, with raw ranges around their letters', () => {
    for (const file of FILES) {
      const d = detail(file);
      const v = readingView(d);
      assert.equal(v.warning, null, file);
      assert.equal(v.article, d.article.key);
      const text = d.record.article.text;
      const ps = paragraphs(v);
      assert.ok(ps.length > 0, file);
      // One paragraph per line of the cleaned text (blank lines dropped).
      assert.deepEqual(ps.map((p) => p.text), text.split('\n').filter((l) => /\S/.test(l)), file);
      for (const p of ps) {
        assert.ok(p.start < p.end, file);
        // First and last letters come from the raw text at those offsets.
        const first = p.text.match(/\p{L}/u)![0];
        assert.ok(d.raw.slice(p.start, p.end).includes(first), file);
        for (const m of p.marks) assert.ok(m.from >= 0 && m.from < m.to && m.to <= p.text.length, `${file}: ${JSON.stringify(m)}`);
      }
    }
  });

  test('text article: evidence marks quote each event\'s evidence and triggers lie inside them', () => {
    const d = detail('08-dea-unit-disbanded.txt');
    const v = readingView(d);
    assert.ok(d.record.events.length > 3);
    d.record.events.forEach((e, k) => {
      const ev = marked(v, 'evidence', e.id);
      assert.ok(ev.length >= 1, e.id);
      assert.equal(norm(ev.map((x) => x.text).join(' ')), norm(e.evidence.text), e.id);
      for (const x of ev) assert.equal(x.m.event, d.eventOf[k]);
      const tr = marked(v, 'trigger', e.id);
      assert.equal(tr.length, 1, e.id);
      assert.equal(norm(tr[0]!.text), norm(e.trigger.text));
      assert.ok(ev.some((x) => x.p === tr[0]!.p && x.m.from <= tr[0]!.m.from && tr[0]!.m.to <= x.m.to), `${e.id}: trigger inside evidence`);
    });
    // Entities and claims are marked too, with their ids.
    const ents = paragraphs(v).flatMap((p) => p.marks.filter((m) => m.kind === 'entity'));
    assert.equal(ents.length, d.record.entities.reduce((n, e) => n + e.mentions.length, 0));
    for (const e of d.record.entities) for (const x of marked(v, 'entity', e.id)) assert.ok(e.mentions.some((m) => norm(m.text) === norm(x.text)), x.text);
    d.record.claims.forEach((c, k) => {
      const cl = marked(v, 'claim', c.id);
      assert.equal(norm(cl.map((x) => x.text).join(' ')), norm(c.evidence.text));
      if (c.figure) assert.equal(norm(marked(v, 'figure', c.id).map((x) => x.text).join(' ')), norm(c.figure.text));
      for (const x of cl) assert.equal(x.m.figure, d.figureOf[k]);
    });
  });

  test('HTML article: evidence marks are the cleaned form of the raw evidence', () => {
    const d = detail('05-cienfuegos-case.html');
    const v = readingView(d);
    const text = norm(d.record.article.text);
    assert.ok(d.record.events.length > 5);
    for (const e of d.record.events) {
      const ev = marked(v, 'evidence', e.id);
      assert.ok(ev.length >= 1, `${e.id} has its evidence mapped`);
      const rawWords = new Set(decodeHTML(e.evidence.text.replace(/<[^>]*>/g, ' ')).match(/[\p{L}\p{N}]+/gu));
      for (const x of ev) {
        assert.ok(text.includes(norm(x.text)), x.text);
        for (const w of x.text.match(/[\p{L}\p{N}]+/gu) ?? []) assert.ok(rawWords.has(w), `${e.id}: "${w}"`);
      }
      const tr = marked(v, 'trigger', e.id);
      assert.equal(tr.length, 1);
      assert.equal(norm(tr[0]!.text), norm(decodeHTML(e.trigger.text.replace(/<[^>]*>/g, ' '))));
    }
  });

  test('XSS sample: escaped code reads as its characters, attribute markup never appears', () => {
    const v = readingView(detail('13-xss-sample.html'));
    const ps = paragraphs(v);
    assert.ok(ps.some((p) => p.text.includes('<script>alert("inline")</script>')));
    for (const p of ps) {
      assert.doesNotMatch(p.text, /onerror=|onclick=|onmouseover=|javascript:/i);
      for (const r of p.removedInside) assert.doesNotMatch(r.text, /onerror=|javascript:/i);
    }
    assert.ok(removedBlocks(v).length > 0);
    for (const r of removedBlocks(v)) assert.doesNotMatch(r.text, /onerror=|javascript:/i);
  });

  test('removed blocks stand between the paragraphs around them, in raw order; inline debris goes inside', () => {
    for (const file of ['03-beltran-leyva-cuernavaca.html', '04-chapo-guzman-convicted.txt', '05-cienfuegos-case.html']) {
      const d = detail(file);
      const v = readingView(d);
      const rem = removedBlocks(v);
      assert.ok(rem.length > 0, file);
      // Every removed span of the record is shown once, as a block or inside its paragraph.
      const inside = paragraphs(v).reduce((n, p) => n + p.removedInside.length, 0);
      assert.equal(rem.length + inside, d.record.article.removed.length, file);
      let last = -1;
      v.blocks.forEach((b, i) => {
        assert.ok(b.start >= last, `${file}: block ${i} in raw order`);
        last = b.start;
        if (b.kind !== 'removed') return;
        assert.equal(b.chars, b.text.length);
        assert.ok(d.record.article.removed.some((r) => r.start === b.start && r.end === b.end && r.kind === b.removed), file);
        const before = v.blocks.slice(0, i).reverse().find((x): x is Para => x.kind === 'paragraph');
        const after = v.blocks.slice(i + 1).find((x): x is Para => x.kind === 'paragraph');
        if (before) assert.ok(before.end <= b.start, `${file}: ${b.removed} after the paragraph before it`);
        if (after) assert.ok(b.end <= after.start, `${file}: ${b.removed} before the paragraph after it`);
      });
    }
    assert.ok(removedBlocks(readingView(detail('03-beltran-leyva-cuernavaca.html'))).some((r) => r.removed === 'comments'));
    // Markdown link residue inside a sentence stays with its paragraph.
    const md = readingView(detail('04-chapo-guzman-convicted.txt'));
    const withDebris = paragraphs(md).filter((p) => p.removedInside.length);
    assert.ok(withDebris.length > 0);
    for (const p of withDebris) for (const r of p.removedInside) assert.equal(r.kind, 'markup');
    assert.ok(withDebris.some((p) => p.removedInside.some((r) => r.text.startsWith(']('))));
  });

  test('a span across paragraphs gives one mark per paragraph; odd spans give none', () => {
    const d = detail('05-cienfuegos-case.html');
    const [p1, p2] = paragraphs(readingView(d)).slice(2, 4) as [Para, Para];
    d.record.entities = [
      { id: 'across', name: 'x', kind: 'place', country: null, sector: null, mentions: [{ text: '', start: p1.start, end: p2.end }] },
      { id: 'odd', name: 'y', kind: 'place', country: null, sector: null, mentions: [
        { text: '', start: -50, end: -10 }, { text: '', start: d.raw.length + 5, end: d.raw.length + 50 }, { text: '', start: 40, end: 20 },
        { text: '', start: Number.NaN, end: 10 }, { text: '', start: 0, end: 1 },
      ] },
    ];
    const v = readingView(d);
    const across = marked(v, 'entity', 'across');
    assert.equal(across.length, 2);
    assert.equal(across[0]!.text, p1.text);
    assert.equal(across[1]!.text, p2.text);
    assert.equal(marked(v, 'entity', 'odd').length, 0);
  });

  test('a stored text the cleaner no longer gives: paragraphs without marks, and a warning', () => {
    const d = detail('08-dea-unit-disbanded.txt');
    d.record.article.text = 'First paragraph.\n\nSecond\nparagraph.\n\n\nThird.';
    const v = readingView(d);
    assert.match(v.warning ?? '', /no longer/);
    assert.deepEqual(v.blocks.map((b) => b.kind === 'paragraph' ? [b.text, b.marks.length] : null), [['First paragraph.', 0], ['Second', 0], ['paragraph.', 0], ['Third.', 0]]);
    const empty = detail('08-dea-unit-disbanded.txt');
    empty.raw = '';
    empty.record.article.text = '';
    empty.record.article.removed = [];
    assert.deepEqual(readingView(empty).blocks, []);
  });

  test('span mapping does not assume increasing offsets', () => {
    // Text "ab\n\ncd": the second paragraph comes from before the first in the raw input.
    const offsets = Int32Array.from([10, 11, 0, 0, 0, 1, 2]);
    const paraOf = Int32Array.from([0, 0, -1, -1, 1, 1]);
    const m = new SpanMapper(offsets, 6, paraOf);
    assert.deepEqual(m.map(0, 2), [{ para: 1, from: 4, to: 6 }]);
    assert.deepEqual(m.map(1, 12), [{ para: 1, from: 5, to: 6 }, { para: 0, from: 0, to: 2 }]);
    assert.deepEqual(m.map(3, 9), []);
  });

  test('GET /articles/:id/reading and GET /outlets', async () => {
    const d = detail('05-cienfuegos-case.html');
    for (const id of [d.article.key, d.article.id]) {
      const r = await fetch(`${base}/articles/${id}/reading`);
      assert.equal(r.status, 200);
      const body = await r.json() as ReadingView;
      assert.equal(body.article, d.article.key);
      assert.ok(body.blocks.some((b) => b.kind === 'paragraph' && b.marks.some((m) => m.kind === 'evidence')));
      assert.ok(body.blocks.some((b) => b.kind === 'removed'));
      assert.equal(body.warning, null);
    }
    const missing = await fetch(`${base}/articles/no-such-article/reading`);
    assert.equal(missing.status, 404);
    assert.match(((await missing.json()) as { message: string }).message, /no-such-article/);

    const o = await fetch(`${base}/outlets`);
    assert.equal(o.status, 200);
    const items = ((await o.json()) as { items: Array<{ outlet: string; articles: number }> }).items;
    const want = new Map<string, number>();
    for (const a of details.values()) if (a.article.outlet) want.set(a.article.outlet, (want.get(a.article.outlet) ?? 0) + 1);
    assert.ok(items.length > 0);
    assert.deepEqual(new Map(items.map((i) => [i.outlet, i.articles])), want);
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1]!, items[i]!];
      assert.ok(a.articles > b.articles || (a.articles === b.articles && a.outlet < b.outlet), 'most articles first, then by name');
    }
    const bad = await fetch(`${base}/outlets?bogus=1`);
    assert.equal(bad.status, 400);
    const err = await bad.json() as { field: string };
    assert.equal(err.field, 'bogus');
    const doc = await (await fetch(`${base}/openapi.json`)).json() as { paths: Record<string, Record<string, { tags: string[] }>> };
    assert.deepEqual(doc.paths['/articles/{id}/reading']!.get!.tags, ['articles']);
    assert.deepEqual(doc.paths['/outlets']!.get!.tags, ['articles']);
  });
});
