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

/** Random article-like pages (seeded): nested blocks and inline markup with the class names, styles and attributes Readability weighs. */
function randomPages(seed: number, count: number): string[] {
  let s = seed;
  const rnd = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)]!;
  const WORDS = 'the of and to in a is that for it as was with be by on not this are from at which but have an they were there been one all has would when if so no said about into than them can only other new some could time two may then first any now such like over even most made after also did many before must through back years where much way well down because each just those people how state good very make world still own see men work long get here between both life being under never day same another know while last might great old year off come since against go came right used take three'.split(' ');
  const sentence = () => Array.from({ length: 4 + Math.floor(rnd() * 30) }, () => pick(WORDS) + (rnd() < 0.1 ? ',' : '')).join(' ') + pick(['.', '.', '?', ':', '']);
  const CLASSES = ['content', 'article', 'story', 'comment', 'sidebar', 'share', 'related', 'byline', 'author', 'caption', 'menu', 'footer', 'ad', 'promo', 'hidden', 'sr-only', 'entry-content', 'main', 'x  y  x', ' lazy ', 'page', 'banner'];
  const attrs = () => (rnd() < 0.4 ? ` class="${pick(CLASSES)}${rnd() < 0.3 ? ' ' + pick(CLASSES) : ''}"` : '') +
    (rnd() < 0.15 ? ` id="${pick(CLASSES).trim().replace(/ /g, '-')}"` : '') +
    (rnd() < 0.05 ? ` style="${pick(['display:none', 'visibility: hidden', 'color:red', 'DISPLAY:none'])}"` : '') +
    (rnd() < 0.03 ? ' hidden' : '') + (rnd() < 0.03 ? ` role="${pick(['navigation', 'dialog', 'main'])}"` : '') +
    (rnd() < 0.03 ? ' itemprop="author"' : '') + (rnd() < 0.03 ? ' rel="author"' : '');
  const inline = (d: number): string => {
    if (d > 6 || rnd() < 0.5) return sentence() + ' ';
    const tag = pick(['a', 'span', 'b', 'em', 'font', 'a', 'br', 'img', 'time', 'del']);
    if (tag === 'br') return rnd() < 0.3 ? '<br><br>' : '<br>';
    if (tag === 'img') return `<img${pick([' src="a.jpg"', ' data-src="b.png"', '', ' alt="x"'])}${attrs()}>`;
    const href = tag === 'a' ? ` href="${pick(['/x', '#top', 'javascript:void(0)', 'https://e.org/a?b=1&c=2'])}"` : '';
    return `<${tag}${href}${attrs()}>${Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => inline(d + 1)).join('')}</${tag}>`;
  };
  const block = (d: number): string => {
    if (d > 7 || rnd() < 0.35) return `<p${attrs()}>${Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => inline(d)).join('')}</p>`;
    const tag = pick(['div', 'div', 'section', 'article', 'aside', 'nav', 'header', 'footer', 'ul', 'table', 'figure', 'h1', 'h2', 'blockquote', 'pre', 'noscript', 'iframe', 'form', 'svg']);
    const many = (n: number, f: () => string) => Array.from({ length: 1 + Math.floor(rnd() * n) }, f).join('');
    switch (tag) {
      case 'ul': return `<ul${attrs()}>${many(6, () => `<li${attrs()}>${inline(d + 1)}</li>`)}</ul>`;
      case 'table': return `<table${attrs()}>${rnd() < 0.2 ? '<caption>cap</caption>' : ''}${many(3, () => `<tr>${many(3, () => `<td>${rnd() < 0.5 ? inline(d + 1) : block(d + 1)}</td>`)}</tr>`)}</table>`;
      case 'h1': case 'h2': return `<${tag}${attrs()}>${sentence()}</${tag}>`;
      case 'figure': return `<figure${attrs()}><img data-src="p.jpg"><figcaption>${sentence()}</figcaption></figure>`;
      case 'noscript': return '<noscript><img src="n.jpg"></noscript>';
      case 'iframe': return `<iframe src="${pick(['https://www.youtube.com/embed/x', 'https://ads.example/x'])}"></iframe>`;
      case 'svg': return '<svg class="icon" style="x"><path d="M0"/></svg>';
      case 'pre': return `<pre>${sentence()}\n  ${sentence()}</pre>`;
      default: return `<${tag}${attrs()}>${many(5, () => (rnd() < 0.2 ? inline(d + 1) : block(d + 1)) + (rnd() < 0.5 ? '\n' : ''))}</${tag}>`;
    }
  };
  return Array.from({ length: count }, () => {
    const title = sentence();
    const head = `<title>${title}${rnd() < 0.5 ? ' | Site Name' : ''}</title>${rnd() < 0.5 ? `<meta property="og:title" content="${sentence()}">` : ''}` +
      `${rnd() < 0.3 ? '<meta name="author" content="Jane Roe">' : ''}${rnd() < 0.3 ? '<link rel="Canonical" href="https://e.org/c">' : ''}`;
    const body = Array.from({ length: 2 + Math.floor(rnd() * 10) }, () => block(0)).join('\n');
    return `<!doctype html><html lang="en"><head>${head}</head><body${attrs()}>${rnd() < 0.5 ? `<h1>${title}</h1>` : ''}${body}</body></html>`;
  });
}

test('HTML parse: the small tree gives what linkedom gives on random article-like pages', () => {
  let handedOver = 0;
  for (const raw of randomPages(7, 120)) {
    const page = parseHtml(raw, 'https://example.org/story');
    const full = page.fullDom;
    if (full) page.fullDom = () => { handedOver++; return full(); };
    assert.deepEqual(readPage(page, raw), readPage(parseHtml(raw, 'https://example.org/story', { engine: 'linkedom' }), raw));
  }
  // Both paths are exercised: pages read on the tree, and short ones handed to linkedom.
  assert.ok(handedOver > 5 && handedOver < 100, `handed over: ${handedOver}`);
});

test('HTML parse: the small tree answers DOM calls as linkedom does where linkedom differs from a browser', () => {
  const raw = '<html><head><title>T</title></head><body><div id="a" class="  x  y x " data-k="1" style="color: red; DISPLAY: none; visibility : hidden">' +
    '<p>one</p><svg class="icon" style="fill:red"></svg><img src="i.jpg"></div></body></html>';
  const probe = (page: ParsedHtml) => {
    const doc = page.document;
    const div = doc.querySelectorAll('div')[0]!;
    const made = doc.createElement('DIV');
    const p = doc.createElement('P');
    div.appendChild(made);
    made.appendChild(p);
    made.setAttribute('class', 'b  a b');
    made.setAttribute('id', 'm');
    const svg = doc.getElementsByTagName('svg')[0]!;
    const img = doc.getElementsByTagName('img')[0]! as HTMLImageElement;
    return {
      byTag: ['div', 'DIV', 'p', 'P'].map((t) => doc.getElementsByTagName(t).length),
      bySelector: ['div', 'DIV', 'p', 'div,p'].map((t) => doc.querySelectorAll(t).length),
      tagNames: [made.tagName, made.localName, p.nodeName],
      classes: [div.className, div.getAttribute('class'), made.className, p.getAttribute('class'), p.className],
      attributes: Array.from(div.attributes, (a) => `${a.name}=${a.value}`).concat(Array.from(made.attributes, (a) => `${a.name}=${a.value}`)),
      style: [div.style.display, div.style.visibility, p.style.display],
      svg: [String(svg.className), svg.getAttribute('class'), JSON.stringify(svg.className)],
      src: [img.src, (div as unknown as { src?: string }).src, img.srcset],
      text: [div.textContent, doc.title, div.childNodes.length, div.children.length, div.firstChild?.firstChild?.childNodes.length],
    };
  };
  assert.deepEqual(probe(parseHtml(raw)), probe(parseHtml(raw, undefined, { engine: 'linkedom' })));
});
