// The HTML engines of src/clean/html-dom.ts — parse5 into the small tree of html-tree.ts (the
// default), parse5's tree copied onto linkedom, and the shared jsdom window — must give the
// cleaner what a JSDOM of its own per page gives (same metadata, blocks, source offsets and
// Readability choice), and keep hostile pages inert.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { decodeBytes } from '../src/ingest/decode.js';
import { internals, parseHtml, type HtmlEngine, type ParsedHtml } from '../src/clean/html-dom.js';
import { htmlBlocks, markArticle } from '../src/clean/html-blocks.js';
import { htmlMeta } from '../src/meta/html-meta.js';
import { CORPUS } from './helpers.js';

/** Everything the cleaner reads from a parsed page. */
function readPage(page: ParsedHtml, raw: string): unknown {
  const meta = htmlMeta(page.document, raw, null);
  const hb = htmlBlocks(page, raw);
  const blocks = (markArticle(page, hb) ?? hb.blocks).map((b) => ({ ...b, offsets: Array.from(b.offsets) }));
  page.close();
  return { meta, blocks };
}

const HOSTILE = `<html><head><noscript><p>unclosed noscript
<script>globalThis.__cronicaRan = 1</script><iframe src="javascript:globalThis.__cronicaRan=2"></iframe>
<img src=x onerror="globalThis.__cronicaRan=3"><body onload="globalThis.__cronicaRan=4">
<div><p>Mexican authorities on Friday handed over two suspects to U.S. marshals at the Laredo bridge, officials said.</p></div>
<table><tr><td>cell<p>para in cell</table><p>After &amp; before &#8217; &nbsp; done</p></body></html>`;

test('HTML parse: jsdom internals are found (the shared-window path is in use)', () => {
  assert.ok(internals(), 'jsdom moved its internal modules: html-dom.ts falls back to one JSDOM per page (slow)');
});

test('HTML parse: the small tree, linkedom and the shared jsdom window read pages as a JSDOM of its own does (corpus pages and hostile markup)', () => {
  const pages = readdirSync(CORPUS).filter((f) => /\.html?$/.test(f))
    .map((f) => decodeBytes(readFileSync(path.join(CORPUS, f)), { html: true }).text);
  pages.push(HOSTILE, `<html><body>${'<div>'.repeat(500)}<p>deep text here, deep text here.</p>${'</div>'.repeat(500)}</body></html>`);
  pages.push('<p>Misnested <b>bold <i>both</b> italic</i> text, and a table:<table><tr>stray text<td>cell one<td>cell two</table> after <a href="#">link <p>in p</a> done.');
  for (const raw of pages) {
    const own = readPage(parseHtml(raw, 'https://example.org/story', { engine: 'jsdom-own-window' }), raw);
    for (const engine of ['tree', 'linkedom', 'jsdom'] as HtmlEngine[]) {
      assert.deepEqual(readPage(parseHtml(raw, 'https://example.org/story', { engine }), raw), own, engine);
    }
  }
});

test('HTML parse: nothing in a page runs, on any engine', async () => {
  for (const engine of ['tree', 'linkedom', 'jsdom', 'jsdom-own-window'] as HtmlEngine[]) {
    const page = parseHtml(HOSTILE, undefined, { engine });
    if (engine === 'jsdom') assert.equal(page.document.defaultView, null);
    htmlBlocks(page, HOSTILE);
    markArticle(page, htmlBlocks(page, HOSTILE));
    await new Promise((r) => setTimeout(r, 20));
    page.close();
  }
  assert.equal((globalThis as Record<string, unknown>).__cronicaRan, undefined);
});

test('HTML meta: <meta> and <time> read in one pass keep the selector semantics', () => {
  const meta = (head: string, body = '') => {
    const raw = `<!doctype html><html><head>${head}</head><body>${body}<p>Text of the page.</p></body></html>`;
    const page = parseHtml(raw);
    try { return htmlMeta(page.document, raw, null); } finally { page.close(); }
  };
  // The first match of a name decides, even when its content is empty: then the next name is tried.
  let m = meta('<meta NAME="OG:Title" content="  "><meta property="og:title" content="Second"><meta name="twitter:title" content="Tw">');
  assert.equal(m.title, 'Tw');
  m = meta('<meta itemprop="og:site_name" content="Frontera Ledger"><meta property="og:title" content="Headline here">');
  assert.equal(m.title, 'Headline here');
  assert.equal(m.outlet, 'Frontera Ledger');
  // A <time datetime> anywhere wins over the text of an earlier <time>.
  m = meta('', '<time>March 3, 2021</time><article><time datetime="2020-05-01">May 1</time></article>');
  assert.equal(m.published?.date, '2020-05-01');
  // The first <time pubdate> has no datetime: the text of the first <time> is used.
  m = meta('', '<time pubdate>June 1, 2019</time><time datetime="2020-05-01">x</time>');
  assert.equal(m.published?.date, '2019-06-01');
  m = meta('<meta property="ARTICLE:PUBLISHED_TIME" content="2018-02-03T10:00:00Z">', '<time datetime="2020-05-01">x</time>');
  assert.equal(m.published?.date, '2018-02-03');
  m = meta('', '<span itemprop="datePublished" content="2017-07-08">July</span>');
  assert.equal(m.published?.date, '2017-07-08');
});

test('HTML parse: tag-list queries on the shared window list the elements jsdom lists', () => {
  const raw = decodeBytes(readFileSync(path.join(CORPUS, '01-michoacan-deployment.html')), { html: true }).text +
    '<svg><a>x</a></svg><template><p>in template</p></template><math><mi>y</mi></math>';
  const shared = parseHtml(raw, undefined, { engine: 'jsdom' });
  const own = parseHtml(raw, undefined, { engine: 'jsdom-own-window' });
  const where = (page: ParsedHtml, list: ArrayLike<Element>) => Array.from(list, (el) => page.nodeLocation(el)?.startOffset ?? -1);
  for (const sel of ['p', 'a', 'h1,h2', 'img,picture,figure', 'script,noscript', 'ul,ol', 'div', 'object,embed,iframe', 'mi', 'span,a,p']) {
    for (const scope of ['document', 'body', 'first div'] as const) {
      const root = (page: ParsedHtml) => (scope === 'document' ? page.document : scope === 'body' ? page.document.body : page.document.querySelector('div')!);
      assert.deepEqual(where(shared, root(shared).querySelectorAll(sel)), where(own, root(own).querySelectorAll(sel)), `${sel} in ${scope}`);
    }
  }
  shared.close();
  own.close();
});

test('HTML parse: the small tree gives what linkedom gives where it must hand over or mimic linkedom', () => {
  const para = (n: number) => `<p>Paragraph ${n} of the story: Mexican and U.S. officials met in Monterrey on Tuesday, the ministry said, to review the case.</p>`;
  const pages: Array<[string, boolean]> = [
    // Too little text: Readability retries on a re-parsed body, which the tree hands to linkedom.
    ['<html><head><title>Short item</title></head><body><nav><a href="/">Home</a></nav><article><p>Two suspects were handed over at the bridge, officials said.</p></article><div class="comments">First!</div></body></html>', true],
    // No body where linkedom expects one: the whole page goes to linkedom.
    ['<html><head><title>Frames</title></head><frameset><frame src="a.html"></frameset></html>', false],
    // Readability's rewrites: <br> runs, <font>, single-cell tables, javascript: links, lazy
    // images, an SVG's className, class tokens read back normalised, a header that repeats the title.
    [`<!doctype html><html lang="en"><head><title>Cartel leader extradited to Texas | The Border Ledger</title></head><body>
<div class="  story   story body "><h1 class="headline">Cartel leader extradited to Texas</h1>
<svg class="icon" style="display:none"></svg><font color="red">Breaking:</font> first line<br><br>second line<br><br>third line
<table><tr><td>${para(1)}</td></tr></table><a href="javascript:void(0)">a script link</a>
<figure class="lazy"><img data-src="photo.jpg"><figcaption>Photo caption</figcaption></figure>
${[2, 3, 4, 5, 6, 7].map(para).join('\n')}<div style="display: none">hidden text</div><div hidden>also hidden</div></div>
<aside class="related"><ul><li><a href="/a">Related one</a></li><li><a href="/b">Related two</a></li></ul></aside></body></html>`, false],
  ];
  for (const [raw, handsOver] of pages) {
    const page = parseHtml(raw, 'https://example.org/story');
    let handedOver = false;
    const full = page.fullDom;
    if (full) page.fullDom = () => { handedOver = true; return full(); };
    assert.deepEqual(readPage(page, raw), readPage(parseHtml(raw, 'https://example.org/story', { engine: 'linkedom' }), raw));
    assert.equal(handedOver, handsOver);
  }
});
