import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { assertLettersMapToRaw, CORPUS, extractFile, extractHtml } from './helpers.js';

const PAGE = `<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Navy captures cartel accountant in Mazatlán | Pacific Wire</title>
<meta property="og:site_name" content="Pacific Wire">
<meta property="og:title" content="Navy captures cartel accountant in Mazatlán">
<meta property="article:published_time" content="2024-03-14T08:15:00-06:00">
<meta name="author" content="Iván Castañeda">
<style>.x{width:calc(($a - $b) / 2)}</style>
<script>document.write('tracking')</script>
</head><body>
<header class="site-header"><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/mexico">Mexico</a></li><li><a href="/border">Border</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<div class="newsletter-signup"><p>Sign up for our newsletter and get the day's border news in your inbox.</p></div>
<main><article class="story">
<h1>Navy captures cartel accountant in Mazatlán</h1>
<p class="byline">By Iván Castañeda</p>
<p>Mexican Navy marines on Wednesday arrested a man that federal prosecutors describe as a senior accountant for the Sinaloa cartel, in a raid on a beachfront apartment in Mazatlán, the Secretariat of the Navy said in a statement released late in the evening.</p>
<figure><img src="raid.jpg" alt=""><figcaption>Marines outside the apartment building in Mazatlán where the suspect was detained on Wednesday.</figcaption></figure>
<p>The man, whose name was not released, is wanted in the United States on money laundering charges, according to two officials familiar with the case who spoke on condition of anonymity because they were not authorised to discuss it.</p>
<p>The arrest is the latest in a series of operations against the cartel's financial network since January, when the U.S. Treasury Department sanctioned a dozen companies it said were fronts for the organisation &amp; its leaders.</p>
<p>Officials said the suspect would be presented before a federal judge in Mexico City, where prosecutors will ask that he be held while an extradition request is prepared.</p>
</article>
<aside class="related-stories"><h3>Related stories</h3><ul><li><a href="/a">Treasury sanctions Sinaloa money launderers</a></li><li><a href="/b">Mazatlán tourism recovers after violence</a></li></ul></aside>
<section id="comments"><h3>4 comments</h3><div class="comment"><p>pacific_joe · 2 hours ago</p><p>Another one arrested, another one takes his place next week.</p></div></section>
</main>
<footer><p>© 2024 Pacific Wire. All rights reserved.</p></footer>
</body></html>`;

test('HTML: article body kept, navigation, newsletter, related box, comments and footer removed', () => {
  const { record } = extractHtml(PAGE);
  const a = record.article;
  assert.ok(a.text.startsWith('Navy captures cartel accountant in Mazatlán'), a.text.slice(0, 80));
  assert.ok(a.text.includes('Mexican Navy marines on Wednesday arrested'));
  assert.ok(a.text.includes('its leaders.'), 'entities decoded (&amp;)');
  assert.ok(a.text.endsWith('an extradition request is prepared.'));
  for (const junk of ['Home', 'Sign up', 'Treasury sanctions Sinaloa money launderers', 'takes his place', 'All rights reserved', 'tracking']) {
    assert.ok(!a.text.includes(junk), `"${junk}" should be removed`);
  }
  const kinds = new Set(a.removed.map((r) => r.kind));
  for (const k of ['navigation', 'advert', 'teaser', 'comments', 'byline']) assert.ok(kinds.has(k as never), `removed kinds include ${k}`);
});

test('HTML: a caption describing the story stays in the main text, marked as a caption', () => {
  const { record } = extractHtml(PAGE);
  assert.ok(record.article.text.includes('Marines outside the apartment building in Mazatlán'));
  const caps = record.article.captions ?? [];
  assert.equal(caps.length, 1);
  assert.ok(PAGE.slice(caps[0]!.start, caps[0]!.end).startsWith('Marines outside the apartment'));
});

test('HTML: metadata from meta tags (title, outlet, author, published at day precision, language)', () => {
  const a = extractHtml(PAGE).record.article;
  assert.equal(a.title, 'Navy captures cartel accountant in Mazatlán');
  assert.equal(a.outlet, 'Pacific Wire');
  assert.deepEqual(a.authors, ['Iván Castañeda']);
  assert.equal(a.published.date, '2024-03-14');
  assert.equal(a.published.precision, 'day');
  assert.equal(a.language, 'en');
});

test('HTML: offsets of the cleaned text point at the same characters in the raw page', () => {
  const { record, clean } = extractHtml(PAGE);
  const text = record.article.text;
  assertLettersMapToRaw(PAGE, text, clean.offsets);
  // The "&amp;" maps onto the entity in the raw page.
  const amp = text.indexOf('&');
  assert.equal(PAGE.slice(clean.offsets[amp]!, clean.offsets[amp]! + 5), '&amp;');
  // Removed spans are real ranges of the raw page.
  for (const r of record.article.removed) assert.ok(r.start >= 0 && r.end <= PAGE.length && r.start < r.end);
});

test('HTML: hostile markup renders inert — scripts, handlers and javascript: links never reach the text', () => {
  const { record } = extractFile(path.join(CORPUS, '13-xss-sample.html'));
  const a = record.article;
  assert.ok(a.text.includes('<script>alert("inline")</script>'), 'escaped markup in the story is kept as plain text');
  assert.ok(!/onerror|onload|javascript:|document\.cookie/i.test(a.text));
  assert.ok(a.text.includes('according to the charging documents.'), 'link text kept, target dropped');
});

test('HTML: 10,000 levels of nesting are processed without a crash', () => {
  const depth = 10000;
  const html = `<html><body>${'<div>'.repeat(depth)}<p>Federal police detained two suspects in Reynosa on Friday after a shootout that closed the international bridge for several hours, state officials said.</p>${'</div>'.repeat(depth)}</body></html>`;
  const { record } = extractHtml(html);
  assert.ok(record.article.text.includes('Federal police detained two suspects in Reynosa'));
});
