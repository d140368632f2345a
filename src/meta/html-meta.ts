import type { DateValue } from './dates.js';
import { parseDateText } from './dates.js';
import { knownOutlet, outletForUrl } from './outlets.js';

export interface HtmlMeta {
  title: string | null;
  /** The <title> text before the site suffix was split off. */
  docTitle: string | null;
  outlet: string | null;
  authors: string[];
  published: DateValue | null;
  lang: string | null;
  url: string | null;
}

// ASCII lower case: how selectors compare attribute values under the `i` flag.
const asciiLower = (s: string | null) => (s === null ? null : s.replace(/[A-Z]+/g, (c) => c.toLowerCase()));

interface MetaTag { keys: Array<string | null>; content: string | null }

/** The page's <meta> elements in document order, read once (a selector query per name cost ~0.5 ms each). */
function metaTags(doc: Document): MetaTag[] {
  return Array.from(doc.getElementsByTagName('meta'), (el) => ({
    keys: [asciiLower(el.getAttribute('property')), asciiLower(el.getAttribute('name')), asciiLower(el.getAttribute('itemprop'))],
    content: el.getAttribute('content'),
  }));
}

/**
 * For each name in turn, the first <meta> whose property, name or itemprop is that name
 * (ASCII case-insensitive), as `meta[property="N" i], meta[name="N" i], meta[itemprop="N" i]`
 * would find it; its trimmed content if not empty, else on to the next name.
 */
function metaContent(tags: MetaTag[], names: string[]): string | null {
  for (const name of names) {
    const key = asciiLower(name);
    const el = tags.find((t) => t.keys.includes(key));
    const v = el?.content?.trim();
    if (v) return v;
  }
  return null;
}

/**
 * The elements of the document in tree order that pass `test`, at most `limit` of them: the
 * selector queries this module needs, written out so they work alike on every DOM the cleaner
 * uses (the small tree of clean/html-tree.ts answers only tag-name selectors).
 */
function findElements(doc: Document, test: (el: Element) => boolean, limit = Infinity): Element[] {
  const out: Element[] = [];
  let el: Element | null = doc.documentElement;
  while (el && out.length < limit) {
    if (test(el)) out.push(el);
    let next: Element | null = el.firstElementChild;
    while (!next && el) {
      next = el.nextElementSibling;
      if (!next) el = el.parentElement;
    }
    el = next;
  }
  return out;
}

const first = (doc: Document, test: (el: Element) => boolean): Element | null => findElements(doc, test, 1)[0] ?? null;
const named = (name: string) => (el: Element) => el.localName.toLowerCase() === name;
/** `[name="value"]`; `rel` compares ASCII case-insensitively in HTML, as selector engines do. */
const attrIs = (el: Element, name: string, value: string) => {
  const v = el.getAttribute(name);
  return v !== null && (name === 'rel' ? v.toLowerCase() === value : v === value);
};
const hasClass = (el: Element, token: string) => (el.getAttribute('class') ?? '').split(/\s+/).includes(token);

type Json = null | string | number | boolean | Json[] | { [k: string]: Json };

/** JSON-LD blocks straight from the raw page (their script bodies are blanked in the DOM). */
export function rawJsonLd(raw: string): string[] {
  const out: string[] = [];
  const re = /<script\b[^>]*type\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw)) !== null && out.length < 20) out.push(m[1]!);
  return out;
}

function parseJsonLd(texts: string[]): Array<Record<string, Json>> {
  const out: Array<Record<string, Json>> = [];
  for (const text of texts) {
    let v: Json;
    try { v = JSON.parse(text) as Json; } catch { continue; }
    const stack: Json[] = [v];
    while (stack.length && out.length < 200) {
      const x = stack.pop()!;
      if (Array.isArray(x)) stack.push(...x);
      else if (x && typeof x === 'object') {
        out.push(x);
        if (x['@graph']) stack.push(x['@graph']);
      }
    }
  }
  return out;
}

const ARTICLE_TYPES = /Article|Posting|Report|BlogPosting|NewsArticle|WebPage/i;

function names(v: Json | undefined): string[] {
  if (!v) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(names);
  if (typeof v === 'object' && typeof v['name'] === 'string') return [v['name']];
  return [];
}

function clean(s: string | null | undefined): string | null {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
}

/** Split "Headline | Outlet" / "Headline - Outlet" titles. */
function splitTitle(t: string): { title: string; site: string | null } {
  const m = /^(.{15,}?)\s+(?:[|–—»·]|-|::)\s+([^|–—»·]{2,60})$/.exec(t);
  return m ? { title: m[1]!.trim(), site: m[2]!.trim() } : { title: t, site: null };
}

/** Page metadata: meta tags, JSON-LD, <time>, <html lang>, bylines marked up as such. */
export function htmlMeta(doc: Document, raw: string, url: string | null): HtmlMeta {
  const ld = parseJsonLd(rawJsonLd(raw));
  const art = ld.find((x) => typeof x['@type'] === 'string' && ARTICLE_TYPES.test(x['@type'] as string)) ??
    ld.find((x) => Array.isArray(x['@type']) && (x['@type'] as Json[]).some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t)));

  const tags = metaTags(doc);
  const pageUrl = url ?? metaContent(tags, ['og:url']) ??
    first(doc, (el) => named('link')(el) && attrIs(el, 'rel', 'canonical'))?.getAttribute('href') ?? null;
  const docTitle = clean(first(doc, named('title'))?.textContent);
  const split = docTitle ? splitTitle(docTitle) : null;
  const h1 = clean(first(doc, named('h1'))?.textContent);
  const title = clean(metaContent(tags, ['og:title', 'twitter:title'])) ??
    clean(typeof art?.['headline'] === 'string' ? (art['headline'] as string) : null) ?? h1 ?? split?.title ?? null;

  let outlet = clean(metaContent(tags, ['og:site_name', 'application-name', 'publisher', 'al:android:app_name']));
  if (!outlet && art) outlet = clean(names(art['publisher'])[0]);
  if (!outlet && pageUrl) outlet = outletForUrl(pageUrl);
  if (!outlet && split?.site) outlet = split.site;
  if (outlet) outlet = knownOutlet(outlet) ?? outlet;

  let authors = art ? names(art['author']) : [];
  if (!authors.length) {
    const a = metaContent(tags, ['author', 'article:author', 'byl', 'parsely-author', 'sailthru.author', 'dc.creator']);
    if (a && !/^https?:/i.test(a)) authors = a.split(/\s*(?:,|;|\band\b|&)\s*/).filter(Boolean);
  }
  if (!authors.length) {
    // `[rel="author"], [itemprop="author"], .byline, .author, .author-name`
    const bylines = findElements(doc, (el) => attrIs(el, 'rel', 'author') || attrIs(el, 'itemprop', 'author') ||
      hasClass(el, 'byline') || hasClass(el, 'author') || hasClass(el, 'author-name'), 4);
    for (const el of bylines) {
      const t = clean(el.textContent)?.replace(/^(by|por)\s+/i, '');
      if (t && t.split(' ').length <= 6 && /^\p{Lu}/u.test(t)) authors.push(t);
    }
  }
  authors = [...new Set(authors.map((a) => a.replace(/^(by|por)\s+/i, '').trim()).filter((a) => a && a.length < 80))];

  let published: DateValue | null = null;
  // The sources in order of trust, each read only if the ones before give no date.
  const times = () => Array.from(doc.getElementsByTagName('time'));
  const itemDate = () => {
    const el = first(doc, (e) => attrIs(e, 'itemprop', 'datePublished'));
    return el?.getAttribute('datetime') ?? el?.getAttribute('content') ?? null;
  };
  const candidates: Array<() => string | null> = [
    () => metaContent(tags, ['article:published_time', 'og:published_time', 'datePublished', 'pubdate', 'publishdate',
      'publish-date', 'date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'parsely-pub-date', 'sailthru.date',
      'article.published', 'published_time', 'cXenseParse:recs:publishtime']),
    () => (typeof art?.['datePublished'] === 'string' ? (art['datePublished'] as string) : null),
    itemDate,
    // `article time[datetime], header time[datetime], time[pubdate], time[datetime]`: the first
    // <time> with either attribute (the last two selectors cover the first two).
    () => times().find((el) => el.hasAttribute('datetime') || el.hasAttribute('pubdate'))?.getAttribute('datetime') ?? null,
    // `article time, header time, time`: the first <time>.
    () => clean(times()[0]?.textContent),
  ];
  for (const get of candidates) {
    const c = get();
    if (!c) continue;
    const d = parseDateText(c);
    if (d) { published = d; break; }
  }
  const lang = clean(doc.documentElement?.getAttribute('lang'))?.toLowerCase().split(/[-_]/)[0] ?? null;
  return { title, docTitle, outlet, authors, published, lang, url: pageUrl };
}
