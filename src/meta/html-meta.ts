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

function metaContent(doc: Document, names: string[]): string | null {
  for (const name of names) {
    const el = doc.querySelector(`meta[property="${name}" i], meta[name="${name}" i], meta[itemprop="${name}" i]`);
    const v = el?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return null;
}

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

  const pageUrl = url ?? metaContent(doc, ['og:url']) ?? doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const docTitle = clean(doc.querySelector('title')?.textContent);
  const split = docTitle ? splitTitle(docTitle) : null;
  const h1 = clean(doc.querySelector('h1')?.textContent);
  const title = clean(metaContent(doc, ['og:title', 'twitter:title'])) ??
    clean(typeof art?.['headline'] === 'string' ? (art['headline'] as string) : null) ?? h1 ?? split?.title ?? null;

  let outlet = clean(metaContent(doc, ['og:site_name', 'application-name', 'publisher', 'al:android:app_name']));
  if (!outlet && art) outlet = clean(names(art['publisher'])[0]);
  if (!outlet && pageUrl) outlet = outletForUrl(pageUrl);
  if (!outlet && split?.site) outlet = split.site;
  if (outlet) outlet = knownOutlet(outlet) ?? outlet;

  let authors = art ? names(art['author']) : [];
  if (!authors.length) {
    const a = metaContent(doc, ['author', 'article:author', 'byl', 'parsely-author', 'sailthru.author', 'dc.creator']);
    if (a && !/^https?:/i.test(a)) authors = a.split(/\s*(?:,|;|\band\b|&)\s*/).filter(Boolean);
  }
  if (!authors.length) {
    for (const el of Array.from(doc.querySelectorAll('[rel="author"], [itemprop="author"], .byline, .author, .author-name')).slice(0, 4)) {
      const t = clean(el.textContent)?.replace(/^(by|por)\s+/i, '');
      if (t && t.split(' ').length <= 6 && /^\p{Lu}/u.test(t)) authors.push(t);
    }
  }
  authors = [...new Set(authors.map((a) => a.replace(/^(by|por)\s+/i, '').trim()).filter((a) => a && a.length < 80))];

  let published: DateValue | null = null;
  const candidates = [
    metaContent(doc, ['article:published_time', 'og:published_time', 'datePublished', 'pubdate', 'publishdate',
      'publish-date', 'date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'parsely-pub-date', 'sailthru.date',
      'article.published', 'published_time', 'cXenseParse:recs:publishtime']),
    typeof art?.['datePublished'] === 'string' ? (art['datePublished'] as string) : null,
    doc.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime') ?? doc.querySelector('[itemprop="datePublished"]')?.getAttribute('content') ?? null,
    doc.querySelector('article time[datetime], header time[datetime], time[pubdate], time[datetime]')?.getAttribute('datetime') ?? null,
    clean(doc.querySelector('article time, header time, time')?.textContent),
  ];
  for (const c of candidates) {
    if (!c) continue;
    const d = parseDateText(c);
    if (d) { published = d; break; }
  }
  const lang = clean(doc.documentElement?.getAttribute('lang'))?.toLowerCase().split(/[-_]/)[0] ?? null;
  return { title, docTitle, outlet, authors, published, lang, url: pageUrl };
}
