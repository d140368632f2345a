import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertLettersMapToRaw, extractText } from './helpers.js';

// A blog-style scrape written for these tests: tagline, dateline, headline, handle byline,
// body with a caption, a junk line, link debris and glued words, then a comment thread.
const BLOG = [
  'Reporting on organized crime',
  'along the border since 2009',
  '',
  'Tuesday, March 4, 2025',
  '',
  'Marines Seize Fentanyl Lab in the Sierra of Sinaloa',
  '',
  '"Coyote Azul" for Frontera Notes',
  '',
  'Mexican Navy marines dismantled a clandestine laboratory in the mountains of Cosalá, Sinaloa, on Sunday, seizing precursor chemicals that the Secretariat of the Navy said could have produced hundreds of kilograms of fentanyl, [according to a statement](https://example.org/semar) released on Monday.',
  '',
  'The raid came a week after U.S. officials pressed Mexico to act against the labs in 2025.Officials in Culiacán said no arrests were made. [](#)',
  '',
  'Marines guard drums of precursor chemicals at the lab in Cosalá (SEMAR)',
  '',
  'thnk i saw thsi yestrday smwhere',
  '',
  'The Navy said the site was the third lab dismantled in the municipality this year and that the investigation had been handed to the federal Attorney General\'s Office, which will decide whether to open a case against the owners of the land.',
  '',
  '12 comments:',
  '',
  '  1. Great work by the marines, they should do this every week.',
  '',
  '    ReplyDelete',
  '    Replies',
  '        1. @9:12 they will build another one tomorrow, same as always.',
  '',
  '        Delete',
  '  2. Anonymous said...',
  '  Puro show para la foto, nada más.',
  '',
  '    ReplyDelete',
  '',
  'Comments are moderated, refer to policy for more information.',
].join('\n');

test('blog scrape: taglines, dateline and handle byline removed; headline kept first', () => {
  const { record } = extractText(BLOG);
  const a = record.article;
  assert.ok(a.text.startsWith('Marines Seize Fentanyl Lab in the Sierra of Sinaloa'));
  assert.equal(a.title, 'Marines Seize Fentanyl Lab in the Sierra of Sinaloa');
  assert.equal(a.outlet, 'Frontera Notes');
  assert.deepEqual(a.authors, ['Coyote Azul']);
  assert.deepEqual(a.published, { date: '2025-03-04', precision: 'day', text: 'Tuesday, March 4, 2025' });
  const kinds = a.removed.map((r) => r.kind);
  assert.ok(kinds.includes('navigation') && kinds.includes('byline'));
});

test('comment thread removed whole, from its heading to the moderation footer', () => {
  const { record } = extractText(BLOG);
  const a = record.article;
  assert.ok(a.text.endsWith('against the owners of the land.'), a.text.slice(-80));
  assert.ok(!a.text.includes('Great work by the marines'));
  assert.ok(!a.text.includes('Puro show'));
  const comments = a.removed.find((r) => r.kind === 'comments');
  assert.ok(comments);
  assert.ok(BLOG.slice(comments.start, comments.end).startsWith('12 comments:'));
  assert.ok(BLOG.slice(comments.start, comments.end).endsWith('for more information.'));
});

test('link debris reduced to its text, empty links dropped as markup, glued sentences split', () => {
  const { record } = extractText(BLOG);
  const a = record.article;
  assert.ok(a.text.includes('fentanyl, according to a statement released on Monday.'));
  assert.ok(!a.text.includes('](') && !a.text.includes('[]'));
  assert.ok(a.text.includes('in 2025. Officials in Culiacán said'));
  assert.ok(a.removed.filter((r) => r.kind === 'markup').length >= 2);
});

test('a caption describing the story stays; a garbled stray line goes as "other"', () => {
  const { record } = extractText(BLOG);
  const a = record.article;
  assert.ok(a.text.includes('Marines guard drums of precursor chemicals at the lab in Cosalá (SEMAR)'));
  assert.ok(!a.text.includes('thnk i saw'));
  const junk = a.removed.find((r) => r.kind === 'other');
  assert.ok(junk && BLOG.slice(junk.start, junk.end) === 'thnk i saw thsi yestrday smwhere');
});

test('every character of the cleaned text maps back to the same character of the raw text', () => {
  const { record, clean } = extractText(BLOG);
  assertLettersMapToRaw(BLOG, record.article.text, clean.offsets);
});

// A radio-style page: outlet line, headline, standfirst, body, then unrelated teasers.
const RADIO = [
  'Southwest Public Radio',
  '',
  'Mexico hands 26 cartel suspects to U.S. prosecutors in second mass transfer',
  '',
  'The move follows months of pressure from Washington over fentanyl',
  '',
  'Mexico sent 26 prisoners wanted in the United States north on Tuesday, the Attorney General\'s Office said, in the second such transfer this year. The group included men accused of running drug routes for the Jalisco cartel, officials said.',
  '',
  'Security officials said the transfer was a sovereign decision and not a response to U.S. demands, though it came days after tariff talks resumed between the two governments in Washington.',
  '',
  'Read more',
  '',
  'City council delays vote on downtown parking plan',
  '',
  'The council will revisit the proposal next month after residents packed a hearing to complain about the loss of free evening parking near the river.',
  '',
  'Storm knocks out power to thousands',
  '',
  'Crews worked through the night to restore electricity after high winds brought down lines across the county.',
].join('\n');

test('outlet line becomes the outlet; "Read more" teasers for other stories are removed', () => {
  const { record } = extractText(RADIO);
  const a = record.article;
  assert.equal(a.outlet, 'Southwest Public Radio');
  assert.equal(a.title, 'Mexico hands 26 cartel suspects to U.S. prosecutors in second mass transfer');
  assert.ok(a.text.includes('The move follows months of pressure'), 'standfirst stays');
  assert.ok(!a.text.includes('parking') && !a.text.includes('Storm'));
  const teaser = a.removed.find((r) => r.kind === 'teaser');
  assert.ok(teaser && RADIO.slice(teaser.start, teaser.end).startsWith('Read more'));
  assert.equal(a.published.date, null, 'no date on the page: none invented');
  assert.equal(a.published.precision, 'unknown');
});

test('a page dated only "1 week ago" has an unknown publication date and says why', () => {
  const raw = `FeaturedUSA1 week ago2 Views\n\n${RADIO.split('\n').slice(2).join('\n')}`;
  const a = extractText(raw).record.article;
  assert.equal(a.published.date, null);
  assert.ok(a.removed.some((r) => r.kind === 'navigation' && raw.slice(r.start, r.end).startsWith('FeaturedUSA1')));
  assert.ok(a.warnings.some((w) => /relatively/.test(w)));
});

test('repeated bylines and subscription adverts are removed wherever they appear', () => {
  const raw = [
    'By Elena Ruiz-Cortés',
    '',
    'Judge sentences former security chief to 38 years',
    '',
    'A federal judge in Brooklyn on Wednesday sentenced Mexico\'s former public security secretary to more than 38 years in prison for taking bribes from the Sinaloa cartel while he led the fight against it.',
    '',
    'Support independent journalism. Subscribe for $1 a week and get unlimited access to our reporting.',
    '',
    'Prosecutors said the bribes totalled millions of dollars over more than a decade, and the defence said it would appeal the verdict and the sentence.',
    '',
    'By Elena Ruiz-Cortés',
  ].join('\n');
  const a = extractText(raw).record.article;
  assert.ok(!a.text.includes('Subscribe'));
  assert.ok(!a.text.includes('Elena'));
  assert.deepEqual(a.authors, ['Elena Ruiz-Cortés']);
  assert.deepEqual(a.removed.map((r) => r.kind).sort(), ['advert', 'byline', 'byline']);
});

test('a body sentence with "published by" in it is not a byline', () => {
  const raw = [
    'Mexico violence report',
    '',
    'Mexico City, May 3 — Homicides fell in 2023, officials said on Tuesday, citing a new registry of deaths.',
    '',
    'An index published by a Geneva research group ranks Mexico among the worst countries for organized crime.',
    '',
    'Originally published by The Border Post',
  ].join('\n');
  const x = extractText(raw);
  assert.ok(x.record.article.text.includes('An index published by'));
  assert.ok(!x.record.article.text.includes('Originally published by'));
});

test('furniture patterns compiled for lower-cased lines match exactly as the case-insensitive originals', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  const path = await import('node:path');
  const { forLowerCase } = await import('../src/util/regex.js');
  const { readDomainJson, PACKAGE_ROOT } = await import('../src/util/data.js');
  const raw = readDomainJson<Record<string, string[] | string>>('clean/boilerplate.json');
  const dir = path.join(PACKAGE_ROOT, 'examples', 'corpus');
  // Every line of the sample corpus and this file's blog, plus lines in mixed and odd cases.
  const lines = [...BLOG, ...readdirSync(dir).flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n'))]
    .map((l) => l.trim()).filter(Boolean);
  lines.push('SUBSCRIBE TO OUR NEWSLETTER for daily updates', 'Photo: GETTY IMAGES', 'ÍNDICE Y MÁS', 'By MARÍA LÓPEZ, Staff Writer', 'İstanbul, 3 comments');
  let compared = 0;
  let matched = 0;
  for (const [key, list] of Object.entries(raw)) {
    if (!Array.isArray(list) || key === 'outletSuffix') continue;
    for (const src of list) {
      const orig = new RegExp(src, 'iu');
      const fast = new RegExp(forLowerCase(src), 'u');
      for (const l of lines) {
        const want = orig.test(l);
        assert.equal(fast.test(l.toLowerCase()), want, `${key}: /${src}/ on "${l}"`);
        compared++;
        if (want) matched++;
      }
    }
  }
  assert.ok(compared > 10000 && matched > 20, `compared ${compared}, matched ${matched}`);
});
