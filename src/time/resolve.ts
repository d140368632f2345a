import { forLowerCase } from '../util/regex.js';
import { scanLetterRuns } from '../util/word-hash.js';
import {
  addDays, addMonths, bounds, compare, fmtDay, fmtMonth, lastDay, parseYmd, validDay, weekday, type Ymd,
} from './calendar.js';
import { alt, timeLexicon } from './lexicon.js';
import { recognize, type Cand, type Unit } from './recognize.js';
import { clauseAround, splitSentences, type Sentence } from './sentences.js';
import { UNKNOWN, type Basis, type EventDate, type Timex, type TimeValue } from './types.js';

export interface TimeOptions {
  /** Publication date "YYYY", "YYYY-MM" or "YYYY-MM-DD" (the reference), or null. */
  published: string | null;
  lang: 'en' | 'es';
}

interface Point { y: number; m?: number; d?: number; value: TimeValue; basis: Basis; text: string }

interface Cues {
  future: RegExp; embed: RegExp; coarsen: RegExp; nouns: Map<string, RegExp>;
  /** The event-noun patterns for lower-cased text (a fast test, util/regex.ts). */
  nounsLower: Map<string, RegExp>;
  /** Per event noun, the first word of each of its forms: a sentence without one cannot match. */
  nounFirstWords: Map<string, string[]>;
}
const cueCache = new Map<string, Cues>();

/** The runs of \p{L} of a text, as a set (read with a scanner: util/chars.ts). */
function letterWords(t: string): Set<string> {
  const out = new Set<string>();
  scanLetterRuns(t, (start, end) => { out.add(t.slice(start, end)); });
  return out;
}

/** Cue patterns of a language, compiled once (documents share them; their lastIndex is reset before use). */
function cuesFor(lang: 'en' | 'es'): Cues {
  let c = cueCache.get(lang);
  if (!c) {
    const lex = timeLexicon(lang);
    const nouns = new Map<string, RegExp>();
    const nounsLower = new Map<string, RegExp>();
    const nounFirstWords = new Map<string, string[]>();
    for (const [key, forms] of Object.entries(lex.eventNouns)) {
      nounFirstWords.set(key, forms.map((f) => f.toLowerCase().match(/\p{L}+/u)?.[0] ?? ''));
      const src = `(?<![\\p{L}])(?:${alt(forms)})(?![\\p{L}])`;
      nouns.set(key, new RegExp(src, 'giu'));
      nounsLower.set(key, new RegExp(forLowerCase(src), 'u'));
    }
    c = {
      future: new RegExp(`(?<![\\p{L}])(?:${alt(lex.futureCues)})(?![\\p{L}])`, 'iu'),
      embed: new RegExp(`(?<![\\p{L}])(?:${alt(lex.embeddingCues)})(?![\\p{L}])`, 'giu'),
      coarsen: new RegExp(`(?:${alt(lex.coarsenCues)})`, 'iu'),
      nouns,
      nounsLower,
      nounFirstWords,
    };
    cueCache.set(lang, c);
  }
  return c;
}

const year = (y: number) => String(y);
const pointValue = (p: { y: number; m?: number; d?: number }): TimeValue =>
  p.d !== undefined ? { start: fmtDay(p as Ymd), end: fmtDay(p as Ymd), precision: 'day' }
    : p.m !== undefined ? { start: fmtMonth(p.y, p.m), end: fmtMonth(p.y, p.m), precision: 'month' }
      : { start: year(p.y), end: year(p.y), precision: 'year' };

/**
 * The time analysis of one text: its sentences, its temporal expressions resolved against
 * the publication date, the narrative and event anchors, and a way to date any position.
 */
export class TimeDoc {
  readonly sentences: Sentence[];
  readonly timexes: Timex[] = [];
  readonly warnings: string[] = [];
  private readonly ref: Ymd | null;
  private readonly refPrecision: 'day' | 'month' | 'year' | null;
  /** Narrative time in force at the start of each sentence. */
  private readonly narrativeAt: Array<Point | null> = [];
  private readonly futureRe: RegExp;
  private readonly embedRe: RegExp;
  private readonly coarsenRe: RegExp;
  private readonly nounRes: Map<string, RegExp>;
  private readonly nounsLower: Map<string, RegExp>;
  private readonly nounFirstWords: Map<string, string[]>;
  /** Event-noun mentions with a bound date, by noun; set up once every expression is resolved. */
  private bound: Map<string, Array<{ at: number; t: Timex }>> | null = null;
  /** Per sentence, once every expression is resolved: its expressions, its coarsening cue, its bound event date. */
  private readonly perSentence = new Map<number, { timexes: Timex[]; coarsen: boolean; bound?: EventDate | null }>();

  constructor(readonly text: string, readonly opts: TimeOptions) {
    const cues = cuesFor(opts.lang);
    this.futureRe = cues.future;
    this.embedRe = cues.embed;
    this.coarsenRe = cues.coarsen;
    this.nounRes = cues.nouns;
    this.nounsLower = cues.nounsLower;
    this.nounFirstWords = cues.nounFirstWords;
    const b = opts.published ? bounds(opts.published) : null;
    this.ref = opts.published && /^\d{4}-\d{2}-\d{2}$/.test(opts.published) ? parseYmd(opts.published) : b ? b.last : null;
    this.refPrecision = !opts.published ? null : opts.published.length === 10 ? 'day' : opts.published.length === 7 ? 'month' : 'year';
    this.sentences = splitSentences(text);
    this.resolveAll(recognize(text, opts.lang, this.sentences));
    this.bound = new Map();
  }

  private sentenceOf(pos: number): number {
    let lo = 0;
    let hi = this.sentences.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.sentences[mid]!.start <= pos) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  private resolveAll(cands: Cand[]): void {
    let narrative: Point | null = null;
    let narrativeSentence = -1;
    let si = 0;
    let warnedRef = false;
    for (const c of cands) {
      const s = this.sentenceOf(c.start);
      while (si <= s && si < this.sentences.length) { this.narrativeAt[si] = narrative; si++; }
      const sent = this.sentences[s] ?? { start: 0, end: this.text.length };
      const clause = clauseAround(this.text, sent, c.start);
      const leadStart = Math.max(sent.start, c.start - 80);
      const embedded = this.isEmbedded(leadStart, this.text.slice(leadStart, c.start), clause.start);
      const lead = this.text.slice(sent.start, c.start);
      const future = c.rel === 'next' || this.futureRe.test(lead) || (this.opts.lang === 'es' && SPANISH_FUTURE.test(lead));
      const r = this.resolveOne(c, narrative, future);
      if (r.basis === 'none' && needsRef(c) && !this.ref && !warnedRef) {
        this.warnings.push('no publication date: relative time expressions ("last year", "on Tuesday") are left unresolved');
        warnedRef = true;
      }
      // "in October." at a sentence end: the full stop is the sentence's, not an abbreviation's.
      let end = c.end;
      if (this.text[end - 1] === '.' && /[\p{L}]{5,}\.$|\b(?:may|june|july|mayo|junio|julio)\.$/iu.test(this.text.slice(c.start, end)) && /^(\s|$)/.test(this.text.slice(end, end + 1))) end--;
      const t: Timex = {
        start: c.start, end, text: this.text.slice(c.start, end), value: r.value,
        basis: r.basis, kind: c.kind, embedded, sentence: s,
      };
      this.timexes.push(t);
      const keepSentenceMain = narrative && narrativeSentence === s && narrative.basis === 'explicit' && r.basis !== 'explicit';
      if (!embedded && r.value.precision !== 'unknown' && setsNarrative(c) && !keepSentenceMain) {
        const p = bounds(r.value.start!);
        narrativeSentence = s;
        if (p) {
          narrative = {
            y: p.first.y,
            m: r.value.precision === 'year' ? undefined : p.first.m,
            d: r.value.precision === 'day' ? p.first.d : undefined,
            value: r.value, basis: r.basis, text: t.text,
          };
        }
      }
    }
    while (si < this.sentences.length) { this.narrativeAt[si] = narrative; si++; }
  }

  /** A date in a subordinate phrase opened by "following", "after", "according to"… in the same clause. */
  private isEmbedded(leadStart: number, lead: string, clauseStart: number): boolean {
    this.embedRe.lastIndex = 0;
    let m: RegExpExecArray | null;
    let last = -1;
    while ((m = this.embedRe.exec(lead)) !== null) last = m.index;
    return last >= 0 && leadStart + last >= clauseStart;
  }

  // ---- resolution of one expression ----------------------------------------------------

  private resolveOne(c: Cand, narrative: Point | null, future: boolean): { value: TimeValue; basis: Basis } {
    const none = { value: { ...UNKNOWN }, basis: 'none' as Basis };
    const ref = this.ref;
    switch (c.kind) {
      case 'date': {
        if (c.m === undefined || c.d === undefined) return none;
        if (c.y !== undefined) return validDay(c.y, c.m, c.d) ? { value: pointValue({ y: c.y, m: c.m, d: c.d }), basis: 'explicit' } : none;
        const y = this.yearFor(c.m, c.d, narrative, future, c.strictPast);
        if (y === null) return none;
        return validDay(y.y, c.m, c.d) ? { value: pointValue({ y: y.y, m: c.m, d: c.d }), basis: y.basis } : none;
      }
      case 'month': {
        if (c.m === undefined) return none;
        if (c.y !== undefined) return { value: pointValue({ y: c.y, m: c.m }), basis: 'explicit' };
        if (c.rel === 'this' && ref) return { value: pointValue({ y: ref.y, m: c.m }), basis: 'relative' };
        const y = this.yearFor(c.m, undefined, narrative, future, c.strictPast);
        return y ? { value: pointValue({ y: y.y, m: c.m }), basis: y.basis } : none;
      }
      case 'year':
        return c.y !== undefined ? { value: pointValue({ y: c.y }), basis: 'explicit' } : none;
      case 'weekday': {
        if (!ref || this.refPrecision !== 'day' || c.wd === undefined) return none;
        const back = (weekday(ref) - c.wd + 7) % 7;
        let day: Ymd;
        if (future) day = addDays(ref, ((c.wd - weekday(ref) + 7) % 7) || (c.rel === 'next' ? 7 : 0));
        else day = addDays(ref, -(c.strictPast && back === 0 ? 7 : back));
        return { value: pointValue(day), basis: 'relative' };
      }
      case 'decade':
        return { value: { start: year(c.decade!), end: year(c.decade! + 9), precision: 'decade' }, basis: 'explicit' };
      case 'part': {
        const p = c.part!;
        if (c.months && c.m !== undefined) {
          const y = c.y ?? this.yearFor(c.m, undefined, narrative, future, c.strictPast)?.y;
          if (y === undefined) return none;
          const [a, b] = p === 'early' ? [1, 10] : p === 'mid' ? [11, 20] : [21, lastDay(y, c.m)];
          return { value: { start: fmtDay({ y, m: c.m, d: a }), end: fmtDay({ y, m: c.m, d: b }), precision: 'range' }, basis: c.y ? 'explicit' : 'relative' };
        }
        if (c.y === undefined) return none;
        const [a, b] = p === 'early' ? [1, 4] : p === 'mid' ? [5, 8] : [9, 12];
        return { value: { start: fmtMonth(c.y, a), end: fmtMonth(c.y, b), precision: 'range' }, basis: 'explicit' };
      }
      case 'season':
      case 'quarter': {
        const [a, b] = c.months!;
        const y = c.y!;
        const endY = b < a ? y + 1 : y;
        return { value: { start: fmtMonth(y, a), end: fmtMonth(endY, b), precision: 'range' }, basis: 'explicit' };
      }
      case 'range': {
        const a = this.resolveOne(c.from!, narrative, future);
        const b = this.resolveOne(c.to!, narrative, future);
        if (!a.value.start || !b.value.end) return none;
        return { value: { start: a.value.start, end: b.value.end, precision: 'range' }, basis: a.basis === 'explicit' && b.basis === 'explicit' ? 'explicit' : 'relative' };
      }
      case 'since': {
        const a = this.resolveOne(c.from!, narrative, future);
        if (!a.value.start) return none;
        return { value: { start: a.value.start, end: ref && this.refPrecision === 'day' ? fmtDay(ref) : null, precision: 'range' }, basis: a.basis };
      }
      case 'relunit': return ref ? this.relUnit(ref, c.unit!, c.rel!) : none;
      case 'deictic':
        return ref && this.refPrecision === 'day' ? { value: pointValue(addDays(ref, c.n!)), basis: 'relative' } : none;
      case 'ago': {
        if (!ref || c.n === undefined || !Number.isFinite(c.n)) return none;
        return { value: shift({ y: ref.y, m: ref.m, d: ref.d }, -c.n, c.unit!, 'day'), basis: 'relative' };
      }
      case 'later': {
        if (!narrative || c.n === undefined || !Number.isFinite(c.n)) return none;
        return { value: shift(narrative, c.n, c.unit!, narrative.d !== undefined ? 'day' : narrative.m !== undefined ? 'month' : 'year'), basis: 'relative' };
      }
      case 'anchored': {
        const anchor = this.anchorDate(c);
        if (!anchor || c.n === undefined || !Number.isFinite(c.n)) return none;
        return { value: shift(anchor, (c.dir ?? 1) * c.n, c.unit!, anchor.d !== undefined ? 'day' : anchor.m !== undefined ? 'month' : 'year'), basis: 'anchored' };
      }
      case 'within': {
        const anchor = this.anchorDate(c);
        if (!anchor || anchor.d === undefined) return none;
        const first: Ymd = { y: anchor.y, m: anchor.m!, d: anchor.d };
        const span = c.unit === 'week' ? 7 : c.unit === 'day' ? 1 : 1;
        return { value: { start: fmtDay(first), end: fmtDay(addDays(first, span)), precision: 'range' }, basis: 'anchored' };
      }
      case 'past': {
        if (c.n === undefined) return none;
        if (!ref) {
          // Without a publication date, "over the past 25 years" in a passage the narrative
          // dates (a quoted editorial of March 2017) counts back from that narrative time.
          if (!narrative || (c.unit !== 'year' && c.unit !== 'decade')) return none;
          const n = c.unit === 'decade' ? c.n * 10 : c.n;
          return { value: { start: year(narrative.y - n), end: year(narrative.y), precision: 'range' }, basis: 'anchored' };
        }
        const unit = c.unit!;
        if ((unit === 'year' || unit === 'decade') && this.refPrecision !== 'day') {
          const n = unit === 'decade' ? c.n * 10 : c.n;
          return { value: { start: year(ref.y - n), end: year(ref.y), precision: 'range' }, basis: 'relative' };
        }
        const back = unit === 'year' || unit === 'decade'
          ? pointValue({ y: ref.y - (unit === 'decade' ? 10 : 1) * c.n, m: ref.m, d: Math.min(ref.d, lastDay(ref.y - (unit === 'decade' ? 10 : 1) * c.n, ref.m)) })
          : shift({ y: ref.y, m: ref.m, d: ref.d }, -c.n, unit, 'day');
        return { value: { start: back.start, end: fmtDay(ref), precision: 'range' }, basis: 'relative' };
      }
      default:
        return none;
    }
  }

  /**
   * The year of a month (and day) given without one: the narrative year when the story is
   * told in the past (or there is no publication date), else the news past-bias — the most
   * recent such month at or before publication, or the next one when the tense is future.
   */
  private yearFor(m: number, d: number | undefined, narrative: Point | null, future: boolean, strictPast?: boolean): { y: number; basis: Basis } | null {
    const ref = this.ref;
    const narrativeOld = narrative && (!ref || compare({ y: narrative.y, m: narrative.m ?? 12, d: narrative.d ?? 28 }, addDays(ref, -365)) < 0);
    if (narrative && (narrativeOld || !ref) && !strictPast) {
      // Carry the narrative year; a month well before the narrative month rolls forward a year
      // only when the story has clearly moved on (kept simple: same year).
      return { y: narrative.y, basis: 'explicit' };
    }
    if (!ref) return null;
    const day = d ?? 1;
    const cand: Ymd = { y: ref.y, m, d: Math.min(day, lastDay(ref.y, m)) };
    const cmpMonth = m - ref.m;
    if (future) {
      if (cmpMonth > 0 || (cmpMonth === 0 && (d === undefined || day >= ref.d))) return { y: ref.y, basis: 'relative' };
      return { y: ref.y + 1, basis: 'relative' };
    }
    if (strictPast) {
      if (d === undefined) return { y: cmpMonth < 0 ? ref.y : ref.y - 1, basis: 'relative' };
      return { y: compare(cand, ref) <= 0 ? ref.y : ref.y - 1, basis: 'relative' };
    }
    if (d === undefined) return { y: cmpMonth <= 0 ? ref.y : ref.y - 1, basis: 'relative' };
    return { y: compare(cand, ref) <= 0 ? ref.y : ref.y - 1, basis: 'relative' };
  }

  private relUnit(ref: Ymd, unit: Unit, rel: 'last' | 'next' | 'this'): { value: TimeValue; basis: Basis } {
    const k = rel === 'last' ? -1 : rel === 'next' ? 1 : 0;
    if (unit === 'year') return { value: pointValue({ y: ref.y + k }), basis: 'relative' };
    if (unit === 'month') {
      const t = addMonths(ref.y, ref.m, k);
      return { value: pointValue({ y: t.y, m: t.m }), basis: 'relative' };
    }
    if (unit === 'week' && this.refPrecision === 'day') {
      const monday = addDays(ref, -((weekday(ref) + 6) % 7) + 7 * k);
      return { value: { start: fmtDay(monday), end: fmtDay(addDays(monday, 6)), precision: 'range' }, basis: 'relative' };
    }
    return { value: { ...UNKNOWN }, basis: 'none' };
  }

  /**
   * The date of the event an anchored expression points to ("the introductory call"): the
   * latest earlier mention of that event that has a date close by in its sentence, else the
   * narrative date of the latest mention.
   */
  private anchorDate(c: Cand): Point | null {
    if (!c.noun) return null;
    const re = this.nounRes.get(c.noun);
    if (!re) return null;
    re.lastIndex = 0;
    const mentions: number[] = [];
    let m: RegExpExecArray | null;
    while ((m = re.exec(this.text)) !== null) {
      if (m.index >= c.start) break;
      const at = m.index;
      // A mention inside another time expression ("a week after he was arrested") is not the event.
      if (this.timexes.some((t) => t.start <= at && at < t.end)) continue;
      mentions.push(at);
    }
    if (mentions.length === 0) return null;
    const toPoint = (d: EventDate): Point | null => {
      if (d.precision === 'unknown' || !d.start || d.precision === 'range' || d.precision === 'decade') return null;
      const p = bounds(d.start)!;
      return {
        y: p.first.y, m: d.precision === 'year' ? undefined : p.first.m, d: d.precision === 'day' ? p.first.d : undefined,
        value: d, basis: d.basis, text: d.text ?? '',
      };
    };
    for (let k = mentions.length - 1; k >= 0; k--) {
      const at = mentions[k]!;
      const s = this.sentenceOf(at);
      const near = this.timexes.filter((t) => t.sentence === s && t.basis !== 'anchored' && t.value.precision !== 'unknown' &&
        Math.min(Math.abs(t.start - at), Math.abs(t.end - at)) <= 120 && !this.modifiesOther(t, re));
      if (near.length) {
        near.sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at));
        const t = near[0]!;
        return toPoint({ ...t.value, text: t.text, basis: t.basis });
      }
    }
    return toPoint(this.dateAt(mentions[mentions.length - 1]!, { anchored: false, publication: false }));
  }

  /**
   * A sentence with no date of its own that names an event dated elsewhere in the text
   * ("In a letter to the DEA chief, …" and later "a letter dated May 23"): the date bound
   * tightly to a mention of the same event.
   */
  private boundEventDate(sent: Sentence): EventDate | null {
    const slice = this.text.slice(sent.start, sent.end);
    const lower = slice.toLowerCase();
    const quick = lower.length === slice.length ? this.nounsLower : null;
    const words = quick ? letterWords(lower) : null;
    for (const [key, re] of this.nounRes) {
      if (words && !this.nounFirstWords.get(key)!.some((w) => w === '' || words.has(w))) continue;
      if (quick && !quick.get(key)!.test(lower)) continue;
      re.lastIndex = 0;
      if (!re.test(slice)) continue;
      for (const b of this.boundMentions(key, re)) {
        if (b.at >= sent.start && b.at < sent.end) continue;
        return { ...b.t.value, text: b.t.text, basis: 'anchored' };
      }
    }
    return null;
  }

  /**
   * Every mention of an event noun in the text that has a date bound to it ("a letter dated
   * May 23"), in text order. Scanning the whole text once per sentence asked about made event
   * dating quadratic in the length of the article; once the expressions are all resolved the
   * list is kept (during resolution it is recomputed, as the expressions are still coming).
   */
  private boundMentions(key: string, re: RegExp): Array<{ at: number; t: Timex }> {
    const cached = this.bound?.get(key);
    if (cached) return cached;
    const out: Array<{ at: number; t: Timex }> = [];
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(this.text)) !== null) {
      const at = m.index;
      const endAt = at + m[0].length;
      const t = this.timexes.find((x) => x.start >= endAt && x.start - endAt <= 20 &&
        /^\s*(dated|of|del|de|on|el)?\s*$/i.test(this.text.slice(endAt, x.start)) && x.value.precision !== 'unknown');
      if (t) out.push({ at, t });
    }
    this.bound?.set(key, out);
    return out;
  }

  /** "the 2009 coup": a year used as a modifier dates its own noun, not a nearby event. */
  private modifiesOther(t: Timex, eventRe: RegExp): boolean {
    if (t.kind !== 'year') return false;
    const before = this.text.slice(Math.max(0, t.start - 12), t.start);
    const after = this.text.slice(t.end, t.end + 40);
    if (!/(?:^|\s)(the|a|an|its|his|her|their|el|la|los|las)\s+$/i.test(before) || !/^\s+\p{Ll}/u.test(after)) return false;
    eventRe.lastIndex = 0;
    const m = eventRe.exec(after);
    return !(m && m.index <= 25);
  }

  // ---- dating an event at a position ----------------------------------------------------

  /**
   * The date of an event mentioned at `pos`: an expression in the same clause, else one in
   * the same sentence (not a subordinate one), else the narrative time carried from the
   * previous sentences, else the publication date (as an upper bound: the event happened by
   * then; no day is made up).
   */
  dateAt(pos: number, opts: { anchored?: boolean; publication?: boolean } = {}): EventDate {
    const s = this.sentenceOf(pos);
    const sent = this.sentences[s] ?? { start: 0, end: this.text.length };
    // Events are dated many to a sentence: what depends on the sentence alone is worked out once
    // (after resolution; during it the expressions are still coming).
    let known = this.bound ? this.perSentence.get(s) : undefined;
    if (!known) {
      known = { timexes: this.timexes.filter((t) => t.sentence === s), coarsen: this.coarsenRe.test(this.text.slice(sent.start, sent.end)) };
      if (this.bound) this.perSentence.set(s, known);
    }
    const inSentence = opts.anchored !== false ? known.timexes : known.timexes.filter((t) => t.basis !== 'anchored');
    const clause = clauseAround(this.text, sent, pos);
    const dist = (t: Timex) => (pos < t.start ? t.start - pos : pos >= t.end ? pos - t.end + 1 : 0);
    const coarsen = known.coarsen;
    const pick = (t: Timex): EventDate => coarse({ ...t.value, text: t.text, basis: t.basis }, coarsen);
    const inClause = inSentence.filter((t) => t.end > clause.start && t.start < clause.end);
    if (inClause.length) return pick(inClause.sort((a, b) => dist(a) - dist(b))[0]!);
    const main = inSentence.filter((t) => !t.embedded);
    if (main.length) {
      const explicit = main.filter((t) => t.basis === 'explicit' && t.value.precision !== 'unknown');
      return pick((explicit.length ? explicit : main).sort((a, b) => dist(a) - dist(b))[0]!);
    }
    if (known.bound === undefined) known.bound = this.boundEventDate(sent);
    const bound = known.bound;
    if (bound) return coarse(bound, coarsen);
    if (inSentence.length) return pick([...inSentence].sort((a, b) => dist(a) - dist(b))[0]!);
    const n = this.narrativeAt[s];
    if (n) return coarse({ ...n.value, text: n.text, basis: n.basis }, coarsen);
    if (opts.publication !== false && this.opts.published) {
      return { start: null, end: this.opts.published, precision: 'unknown', text: null, basis: 'publication' };
    }
    return { start: null, end: null, precision: 'unknown', text: null, basis: 'none' };
  }
}

// Spanish future tense is in the verb ending: "se celebrará", "viajarán".
const SPANISH_FUTURE = /\p{L}{2,}r(?:á|án|emos)(?!\p{L})/u;

function needsRef(c: Cand): boolean {
  return ['weekday', 'relunit', 'deictic', 'ago', 'past'].includes(c.kind) || ((c.kind === 'date' || c.kind === 'month') && c.y === undefined);
}

function setsNarrative(c: Cand): boolean {
  return ['date', 'month', 'year', 'weekday', 'later', 'anchored', 'deictic'].includes(c.kind) ||
    (c.kind === 'part' && c.m !== undefined);
}

/** Move a point by n units; the result keeps the finest precision the unit allows. */
function shift(p: { y: number; m?: number; d?: number }, n: number, unit: Unit, finest: 'day' | 'month' | 'year'): TimeValue {
  const whole = Math.trunc(n);
  const half = Math.abs(n - whole) >= 0.5;
  if ((unit === 'day' || unit === 'week' || unit === 'hour') && finest === 'day' && p.m !== undefined && p.d !== undefined) {
    const days = unit === 'week' ? 7 * n : unit === 'hour' ? 0 : n;
    return pointValue(addDays({ y: p.y, m: p.m, d: p.d }, Math.round(days)));
  }
  if (unit === 'month' || (unit === 'year' && half) || ((unit === 'day' || unit === 'week') && finest === 'month')) {
    const months = unit === 'year' ? whole * 12 + (half ? Math.sign(n) * 6 : 0) : unit === 'month' ? whole : 0;
    if (p.m === undefined) return pointValue({ y: p.y + Math.round(months / 12) });
    const t = addMonths(p.y, p.m, months);
    return pointValue({ y: t.y, m: t.m });
  }
  if (unit === 'year' || unit === 'decade') return pointValue({ y: p.y + (unit === 'decade' ? 10 * whole : whole) });
  return pointValue({ y: p.y, m: p.m });
}

function coarse(d: EventDate, coarsen: boolean): EventDate {
  if (!coarsen || d.precision !== 'day' || !d.start) return d;
  const m = d.start.slice(0, 7);
  return { ...d, start: m, end: m, precision: 'month' };
}
