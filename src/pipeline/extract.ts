import { createHash } from 'node:crypto';
import { SCHEMA_ID, type ArticleRecord, type Claim, type Factuality, type Published, type Quad } from '../contract.js';
import { cleanHtml, cleanText, type Cleaned } from '../clean/index.js';
import type { RawArticle } from '../ingest/types.js';
import { parseDateText } from '../meta/dates.js';
import { detectLanguage } from '../meta/language.js';
import { knownOutlet, outletForUrl } from '../meta/outlets.js';
import { parseByline, parseDateline, type Dateline } from '../meta/text-meta.js';
import { spin } from '../spin/spin.js';
import { TimeDoc } from '../time/index.js';
import { entitiesOf, gazetteer } from '../actors/match.js';
import { codeEvents } from '../events/code.js';
import { analyze } from '../nlp/analyze.js';
import { codeClaims } from '../claims/code.js';
import type { TextMap } from '../util/offsets.js';

/** Everything extraction knows about one article; `record` is what the contract prints. */
export interface Extracted {
  record: ArticleRecord;
  /** Cleaned text → raw offsets. */
  clean: TextMap;
  /** Analysis text (spin-restored when spun) → raw offsets; what later stages read. */
  analysis: TextMap;
  /** Kept image captions as [start, end) ranges of the cleaned text. */
  captions: Array<[number, number]>;
  /** Time analysis of the analysis text (expressions, event dating). */
  time: TimeDoc;
}

const UNKNOWN: Published = { date: null, precision: 'unknown', text: null };

function published(c: Cleaned, given: string | undefined, dl: Dateline | null, warnings: string[]): Published {
  if (given) {
    const d = parseDateText(given);
    if (d) return { date: d.date, precision: d.precision, text: given };
    warnings.push(`given publication date "${given}" is not a date; ignored`);
  }
  if (c.html?.published) return { ...c.html.published };
  if (c.header.date) return { date: c.header.date.date, precision: c.header.date.precision, text: c.header.date.text };
  if (dl?.date) return { date: dl.date.date, precision: dl.date.precision, text: dl.date.text };
  if (/\d+\s*(minutes?|hours?|days?|weeks?|months?|years?)\s+ago(?!\p{L})|\bhace\s+\d+\s+(minutos?|horas?|días?|semanas?|meses?|años?)\b/iu.test(
    c.removed.map((r) => r.text ?? '').join('\n'))) {
    warnings.push('the page dates itself only relatively ("… ago"); publication date unknown');
  }
  return { ...UNKNOWN };
}

/** An article after cleaning, metadata, spin and language: what the coders read. */
export interface Prepared {
  item: RawArticle;
  cleaned: Cleaned;
  warnings: string[];
  title: string | null;
  outlet: string | null;
  authors: string[];
  pub: Published;
  spun: ReturnType<typeof spin>;
  language: ReturnType<typeof detectLanguage>;
  /** Analysis text (spin-restored when spun) → raw offsets. */
  analysis: TextMap;
}

/** Clean one decoded article and build its contract record. */
export function extractArticle(item: RawArticle): Extracted {
  return codeArticle(prepareArticle(item));
}

/** The first half of extraction: cleaning, metadata, spin restoration and language. */
export function prepareArticle(item: RawArticle): Prepared {
  const warnings = [...item.warnings];
  const c = item.format === 'html' ? cleanHtml(item.raw, item.meta.url) : cleanText(item.raw);
  warnings.push(...c.warnings);
  const text = c.clean.text;
  if (!text.trim()) warnings.push('no main text found');

  const bylines = c.header.bylines.map(parseByline);
  let authors = c.html?.authors.length ? c.html.authors : bylines.flatMap((b) => b.authors);
  authors = [...new Set(authors)];
  const dateline = parseDateline(text.split(/\n\n/, 3).find((p) => p.length > 40) ?? '');
  const outlet = item.meta.outlet ??
    c.html?.outlet ??
    c.header.outlet ??
    bylines.find((b) => b.outlet)?.outlet ??
    (item.meta.url ? outletForUrl(item.meta.url) : null) ??
    (dateline?.agency ? knownOutlet(dateline.agency) ?? dateline.agency : null);

  const title = item.meta.title ?? c.html?.title ?? c.header.title ?? null;
  const spun = spin(text);
  const language = detectLanguage(text, c.lang);

  const pub = published(c, item.meta.published, dateline, warnings);
  const analysis = c.clean.compose(spun.analysis);
  return { item, cleaned: c, warnings, title, outlet, authors, pub, spun, language, analysis };
}

/**
 * The second half: time, entities, events and figures over the analysis text, and the
 * record with every span at raw offsets.
 */
export function codeArticle(p: Prepared): Extracted {
  const { item, cleaned: c, warnings, title, outlet, authors, pub, spun, language, analysis } = p;
  const text = c.clean.text;
  const time = new TimeDoc(analysis.text, { published: pub.date, lang: language === 'es' ? 'es' : 'en' });
  warnings.push(...time.warnings);
  const times = time.timexes.map((t) => {
    const r = analysis.toRaw(t.start, t.end);
    return { text: item.raw.slice(r.start, r.end), start: r.start, end: r.end, value: t.value, basis: t.basis, kind: t.kind };
  });

  // Entities of the domain pack, found in the analysis text, reported at raw offsets.
  const mentions = gazetteer().find(analysis.text);
  const entities = entitiesOf(mentions.map((m) => {
    const r = analysis.toRaw(m.start, m.end);
    return { ...m, start: r.start, end: r.end, text: item.raw.slice(r.start, r.end) };
  }));
  const span = (a: number, b: number) => {
    const r = analysis.toRaw(a, b);
    return { text: item.raw.slice(r.start, r.end), start: r.start, end: r.end };
  };
  const textId = createHash('sha256').update(text).digest('hex');
  // One part-of-speech pass (English) serves the event and the figure coders.
  const lang = language === 'es' ? 'es' : 'en';
  const tokens = lang === 'en' ? analyze(analysis.text).tokens : undefined;
  const events = codeEvents(analysis.text, time, mentions, lang, tokens).map((e, k) => ({
    id: `${textId.slice(0, 12)}-e${k + 1}`,
    type: e.type, mode: e.mode, contexts: e.contexts, score: e.score, quad: e.quad as Quad, cameo: e.cameo,
    actor: e.actor.map((p) => ({ text: p.text, entity: p.entity, country: p.country, sector: p.sector, ...(p.implicit ? { implicit: true } : {}) })),
    recipient: e.recipient.map((p) => ({ text: p.text, entity: p.entity, country: p.country, sector: p.sector, ...(p.implicit ? { implicit: true } : {}) })),
    date: { start: e.date.start, end: e.date.end, precision: e.date.precision, text: e.date.text, basis: e.date.basis },
    location: e.location ? { text: span(e.location.start, e.location.end).text, country: e.location.country, admin1: e.location.admin1, lat: e.location.lat, lon: e.location.lon } : null,
    factuality: e.factuality as Factuality,
    attribution: e.attribution,
    trigger: span(e.trigger.start, e.trigger.end),
    evidence: span(e.evidence.start, e.evidence.end),
    confidence: e.confidence,
  }));

  const claims: Claim[] = codeClaims(analysis.text, time, mentions, lang, tokens).map((c, k) => ({
    id: `${textId.slice(0, 12)}-c${k + 1}`,
    measure: c.measure, value: c.value, bound: c.bound, valueMax: c.valueMax, unit: c.unit,
    place: c.place, period: c.period, attribution: c.attribution,
    evidence: span(c.evidence.start, c.evidence.end),
    figure: span(c.figure.start, c.figure.end),
    ...(c.outOf !== undefined ? { outOf: c.outOf } : {}),
  }));

  const record: ArticleRecord = {
    schema: SCHEMA_ID,
    article: {
      id: textId,
      source: item.source,
      title,
      outlet,
      authors,
      published: pub,
      language,
      text,
      removed: c.removed,
      spin: spun.info,
      duplicateOf: null,
      captions: c.captions.map(([a, b]) => c.clean.toRaw(a, b)),
      times,
      warnings,
    },
    entities,
    events,
    claims,
  };
  return { record, clean: c.clean, analysis, captions: c.captions, time };
}
