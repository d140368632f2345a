// The figures coder: every numeric statement about the situation becomes a claim with its
// measure, value, bound, unit, place, period and source, and the sentence it comes from.
// Offsets are in the text given (the analysis text), like codeEvents; extract.ts maps them
// to raw offsets.
//
// The measure is the one whose cue (domain/claims/measures.json) is nearest the number in
// its sentence, among the measures whose unit fits the number (money, weight, percent, rank,
// plain count): the head noun or verb next to the number weighs most, and crossing a clause
// boundary costs as much as three words. A percentage after a change cue ("up 15 percent",
// "jumped 23 percent") is a change of the sentence's measure (name + "_change_pct"), and a
// number after an increase cue ("growing over 25,000") an absolute change ("_increase").
import type { Mention } from '../actors/match.js';
import { fold } from '../actors/match.js';
import { attribution } from '../events/attribution.js';
import type { TimeDoc, Timex } from '../time/index.js';
import { claimLexicon, lowerKeep, type ClaimLexicon, type Lang, type Measure, type NumClass } from './lexicon.js';
import { findNumbers, type Bound, type NumExpr } from './numbers.js';
import { analyze, type Token } from '../nlp/analyze.js';

export interface ClaimPeriod { start: string | null; end: string | null; precision: string; text: string | null }

export interface CodedClaim {
  measure: string;
  value: number;
  bound: Bound;
  valueMax: number | null;
  unit: string;
  place: string | null;
  period: ClaimPeriod | null;
  attribution: { text: string; entity: string | null } | null;
  /** The sentence (analysis offsets). */
  evidence: { start: number; end: number };
  /** The figure itself: bound cue, number, unit (analysis offsets). */
  figure: { start: number; end: number };
  /** Ranks: the size of the ranking ("of 193 countries"). */
  outOf?: number;
}

interface Sent { start: number; end: number }

/** Maximum distance (words, plus three per clause boundary) from a number to its measure cue. */
const MAX_DISTANCE = 10;
/** Small written numbers ("two senators") need their cue right next to them. */
const MAX_DISTANCE_SMALL_WORD = 3;

const CLAUSE_PUNCT = /[;:()—–]|,(?!\d)/g;

/** Distance between a number and a cue: words between, plus three per clause boundary. */
function distance(f: string, a: number, b: number): number {
  if (b <= a) return 0;
  const gap = f.slice(a, b).replace(/(\d),(?=\d)/g, '$1');
  const words = gap.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  const punct = gap.match(CLAUSE_PUNCT)?.length ?? 0;
  return words + 3 * punct;
}

/** The clause around a position: bounded by , ; : ( ) and dashes (not commas inside numbers). */
function clauseOf(f: string, s: Sent, pos: number): Sent {
  let a = pos;
  while (a > s.start && !(/[;:()—–]/.test(f[a - 1]!) || (f[a - 1] === ',' && !/\d/.test(f[a] ?? '')))) a--;
  let b = pos;
  while (b < s.end && !(/[;:()—–]/.test(f[b]!) || (f[b] === ',' && !/\d/.test(f[b + 1] ?? '')))) b++;
  return { start: a, end: b };
}

interface CueHit { m: Measure; start: number; end: number; score: number; text: string }

/**
 * The nearest measure cue of a number class in a sentence. A cue inside the number's unit
 * ("pounds of fentanyl") counts as adjacent. A population head noun ("five gunmen", "35
 * soldiers") gives way to an event cue that follows it in the clause ("were killed").
 */
function nearestCue(f: string, lex: ClaimLexicon, cls: NumClass, s: Sent, n: { start: number; end: number; numStart: number; numEnd: number }, exclude: Array<{ start: number; end: number }>): CueHit | null {
  const idx = lex.cueIndex.get(cls);
  if (!idx) return null;
  const hits: CueHit[] = [];
  for (const c of idx.phrases.findAll(f, s.start, s.end)) {
    if (c.start < n.numEnd && c.end > n.numStart) continue;
    if (exclude.some((x) => c.start < x.end && c.end > x.start)) continue;
    const score = c.start >= n.numEnd && c.start < n.end ? 0 : c.start >= n.end ? distance(f, n.end, c.start) : distance(f, c.end, n.start) + 1;
    hits.push({ m: idx.measures.get(c.text)![0]!, start: c.start, end: c.end, score, text: c.text });
  }
  hits.sort((a, b) => a.score - b.score || b.text.length - a.text.length);
  const best = hits[0];
  if (!best || !best.m.population) return best ?? null;
  const between = (h: CueHit) => (h.start >= n.end ? f.slice(n.end, h.start) : f.slice(h.end, n.start));
  const event = hits.find((h) => h.m.dated === 'event' && !h.m.population && h.score <= best.score + 4 && !/[;:()—–]|,(?!\d)/.test(between(h)));
  return event ? { ...event, score: best.score } : best;
}

/** A child measure named in the clause ("overdose deaths … from fentanyl", "tons of cocaine"): the refiner nearest the number. */
function refine(f: string, lex: ClaimLexicon, m: Measure, clause: Sent, at: number): Measure {
  const kids = lex.children.get(m.name);
  if (!kids) return m;
  let best: { m: Measure; d: number } | null = null;
  for (const k of kids) {
    for (const h of k.refiners.findAll(f, clause.start, clause.end)) {
      const d = h.start >= at ? h.start - at : (at - h.end) + 1000; // after the number first
      if (!best || d < best.d) best = { m: k.m, d };
    }
  }
  return best?.m ?? m;
}

/** Words before a position, up to `n` of them (start offset). */
function wordsBefore(f: string, pos: number, n: number): number {
  let at = pos;
  for (let k = 0; k < n; k++) {
    const m = /[\p{L}\p{N}'’.-]+\s*$/u.exec(f.slice(Math.max(0, at - 40), at));
    if (!m) break;
    at -= m[0].length;
  }
  return at;
}

/**
 * Whether the number counts a noun that is not people nor a measure cue ("two blocks", "three
 * states", "29 lawsuits"). English uses wink's tags (adjectives and participles before the
 * noun are skipped); Spanish, with no tagger here, takes a lower-case word ending in -s that
 * is not listed as a function word.
 */
function otherHead(text: string, f: string, lex: ClaimLexicon, n: NumExpr, posAt: (at: number) => Token | null): boolean {
  let at = n.end;
  for (let k = 0; k < 3; k++) {
    const w = /^\s+([\p{L}][\p{L}'’-]*)/u.exec(f.slice(at, at + 40));
    if (!w) return false;
    const start = at + w[0].length - w[1]!.length;
    if (lex.peopleNouns.startingAt(f, start, 30)?.start === start) return false;
    for (const idx of lex.cueIndex.values()) if (idx.phrases.startingAt(f, start, 40)?.start === start) return false;
    if (lex.lang === 'es') {
      const word = w[1]!;
      return /^\p{Ll}/u.test(text.slice(start, start + 1)) && /s$/.test(word) && !lex.notNouns.has(word) && !lex.timeUnits.startingAt(f, start, 20);
    }
    const t = posAt(start);
    if (!t) return false;
    if (t.pos === 'ADJ' || t.pos === 'NUM' || (t.pos === 'VERB' && /ed$/.test(t.text))) { at = start + w[1]!.length; continue; }
    return t.pos === 'NOUN' || (t.pos === 'PROPN' && /^\p{Ll}/u.test(t.text));
  }
  return false;
}

const GEO_ROLES = new Set(['country', 'demonym', 'metonym', 'place']);

/** The country a figure is about: a demonym right after the number, else the nearest place, else the nearest actor's country. */
function placeIn(f: string, mentions: Mention[], s: Sent, n: { start: number; end: number }): string | null {
  const inS = mentions.filter((m) => m.start >= s.start && m.end <= s.end && m.ref.country);
  if (!inS.length) return null;
  const head = inS.find((m) => m.ref.role === 'demonym' && m.start >= n.end && distance(f, n.end, m.start) <= 1);
  if (head) return head.ref.country;
  const dist = (m: Mention) => (m.start >= n.end ? distance(f, n.end, m.start) : distance(f, m.end, n.start));
  const geo = inS.filter((m) => m.ref.role && GEO_ROLES.has(m.ref.role)).sort((a, b) => dist(a) - dist(b));
  if (geo.length) return geo[0]!.ref.country;
  return inS.sort((a, b) => dist(a) - dist(b))[0]!.ref.country;
}

/** The country most of the article is about, when one clearly dominates. */
function focusOf(mentions: Mention[]): string | null {
  const counts = new Map<string, number>();
  let total = 0;
  for (const m of mentions) {
    if (!m.ref.country || !m.ref.role || !GEO_ROLES.has(m.ref.role)) continue;
    counts.set(m.ref.country, (counts.get(m.ref.country) ?? 0) + 1);
    total++;
  }
  const top = [...counts].sort((a, b) => b[1] - a[1])[0];
  return top && total >= 3 && top[1] / total >= 0.6 ? top[0] : null;
}

function periodOf(t: Timex): ClaimPeriod | null {
  if (t.value.precision === 'unknown' || !t.value.start) return null;
  return { start: t.value.start, end: t.value.end, precision: t.value.precision, text: t.text };
}

/** Code the numeric claims of a text (offsets in that text). */
export function codeClaims(text: string, time: TimeDoc, mentions: Mention[], lang: Lang, tokensIn?: Token[]): CodedClaim[] {
  const lex = claimLexicon(lang);
  const f = fold(text);
  const lower = lowerKeep(text);
  // English part of speech (wink), computed only when a plain count needs its head noun checked.
  let tokens: Token[] | null = tokensIn ?? null;
  const posAt = (at: number): Token | null => {
    if (lang !== 'en') return null;
    tokens ??= analyze(text).tokens;
    let lo = 0;
    let hi = tokens.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (tokens[mid]!.start <= at) lo = mid; else hi = mid - 1;
    }
    const t = tokens[lo];
    return t && t.start <= at && at < t.end ? t : null;
  };
  const nums = findNumbers(text, f, lex, time.timexes);
  const sentences = time.sentences;
  const focus = focusOf(mentions);
  const parts = mentions.map((m) => ({ start: m.start, end: m.end, entity: m.ref.id }));
  const out: CodedClaim[] = [];
  const bySentence = new Map<number, CodedClaim[]>();
  let si = 0;
  for (const n0 of nums) {
    while (si < sentences.length - 1 && sentences[si]!.end <= n0.numStart) si++;
    const s = sentences[si];
    if (!s || n0.numStart < s.start) continue;
    const n = { ...n0 };
    others(f, text, lex, mentions, s, n);
    const clause = clauseOf(f, s, n.numStart);
    const exclude = nums.filter((x) => x !== n0).map((x) => ({ start: x.numStart, end: x.numEnd }));

    // Change and increase cues.
    let change = false;
    let down = false;
    let increase = false;
    if (n.cls === 'percent') {
      const from = wordsBefore(f, n.start, 3);
      const before = [...lex.change.cues.findAll(f, from, n.start), ...lex.change.down.findAll(f, from, n.start)].sort((a, b) => a.start - b.start);
      const after = lex.change.cues.startingAt(f, n.end, 30) ?? lex.change.down.startingAt(f, n.end, 30);
      const hit = before.length ? before[before.length - 1]! : after && distance(f, n.end, after.start) === 0 ? after : null;
      if (hit) {
        change = true;
        down = lex.change.down.findAll(f, hit.start, hit.end).length > 0 || lex.change.down.findAll(f, from, n.start).length > 0;
      }
    } else if (n.cls === 'plain' || n.cls === 'money' || n.cls === 'weight') {
      const inc = lex.increase.cues.endingAt(f, n.start, 30);
      if (inc) increase = true;
    }

    let measure: Measure | null = null;
    let name: string | null = null;
    let unit = n.unit;
    if (change || increase) {
      let base: CueHit | null = null;
      for (const cls of (change ? ['plain', 'money', 'weight'] : [n.cls]) as NumClass[]) {
        const h = nearestCue(f, lex, cls, s, n, exclude);
        if (h && (!base || h.score < base.score)) base = h;
      }
      if (base) {
        measure = refine(f, lex, base.m, clauseOf(f, s, base.start), n.end);
        name = measure.name + (change ? lex.change.suffix : lex.increase.suffix);
        if (change) unit = 'percent';
      } else if (change) {
        measure = lex.generic.get('change') ?? null;
        name = measure?.name ?? null;
      }
    }
    if (!name) {
      const hit = nearestCue(f, lex, n.cls, s, n, exclude);
      let limit = n.written && n.valueMax === null && n.value < 100 && n.cls !== 'rank' ? MAX_DISTANCE_SMALL_WORD : MAX_DISTANCE;
      // A count of something else ("two blocks away", "three states"): only a cue right next to it.
      const restricted = n.cls === 'plain' && otherHead(text, f, lex, n, posAt);
      if (restricted) limit = hit && hit.start < n.start ? 1 : Math.min(limit, 2);
      if (hit && hit.score <= limit) {
        measure = refine(f, lex, hit.m, clause, n.end);
      } else {
        const g = n.cls === 'money' ? 'money' : n.cls === 'percent' ? 'percent' : n.cls === 'weight' ? 'weight' : n.cls === 'rank' ? 'rank' : null;
        measure = g ? lex.generic.get(g) ?? null : null;
      }
      if (measure?.skip) continue;
      name = measure?.name ?? null;
    }
    if (!measure || !name) continue;
    if (!unit) unit = measure.unit;
    if (n.rate) unit = `${unit} ${n.rate}`;

    const prev = bySentence.get(si - 1) ?? [];
    const samePara = si > 0 && !text.slice(sentences[si - 1]!.end, s.start).includes('\n');
    // Place: this sentence, else the figures it continues, else the sentence before, else the article's focus.
    const place = placeIn(f, mentions, s, n) ??
      (samePara ? prev.find((c) => c.place)?.place : null) ??
      (si > 0 ? placeIn(f, mentions, sentences[si - 1]!, { start: sentences[si - 1]!.end, end: sentences[si - 1]!.end }) : null) ??
      focus;

    const ana = lex.anaphora.startingAt(f, s.start, 40);
    const anaphora = !!ana && ana.start - s.start <= 1;
    const period = periodFor(f, lex, time, s, si, n, clause, change || increase, measure, anaphora ? prev : []);
    let source = sourceIn(text, f, lower, lex, time, s, n, parts, mentions);
    if (!source && samePara && prev.some((c) => c.attribution)) {
      // The source of the figures just before holds on while the sentence names no one before the figure.
      const named = mentions.some((m) => m.start >= s.start && m.end <= n.start);
      if (anaphora || !named) source = prev.find((c) => c.attribution)!.attribution;
    }
    const claim: CodedClaim = {
      measure: name,
      // A fall is negative; a falling range keeps value <= valueMax ("fell 10 to 15 percent": -15 … -10).
      value: down ? -(n.valueMax ?? n.value) : n.value,
      bound: n.bound,
      valueMax: down && n.valueMax !== null ? -n.value : n.valueMax,
      unit,
      place,
      period,
      attribution: source,
      evidence: { start: s.start, end: s.end },
      figure: { start: n.start, end: n.end },
    };
    if (n.outOf !== undefined) claim.outOf = n.outOf;
    out.push(claim);
    bySentence.set(si, [...(bySentence.get(si) ?? []), claim]);
  }
  return out;
}

/**
 * "<named person> and N others" counts the person too: N + 1, and the figure starts at the
 * name (back to an alias: "X, aka Y, and at least 11 others"). Spanish: "X y otros N",
 * "X y N personas más".
 */
function others(f: string, text: string, lex: ClaimLexicon, mentions: Mention[], s: Sent, n: NumExpr): void {
  if (n.cls !== 'plain' || n.valueMax !== null) return;
  let at = n.start;
  let end = n.end;
  const after = lex.others.after.startingAt(f, n.end, 30);
  const before = lex.others.before.endingAt(f, n.start, 30);
  if (before) at = before.start;
  else if (after && /^\s+$/.test(f.slice(n.end, after.start))) end = after.end;
  else return;
  const join = lex.others.join.endingAt(f, at, 30);
  if (!join) return;
  // The name right before the joiner: a pack person, or capitalised words.
  const lead = text.slice(s.start, join.start).replace(/[\s,]+$/, '');
  const leadEnd = s.start + lead.length;
  let nameStart: number | null = null;
  const person = mentions.find((m) => m.ref.kind === 'person' && m.end === leadEnd);
  // "El Mencho, de 58 años, y otros 11", "X, 45, and two others": the name before an appositive.
  const appositive = !person && !/\p{Lu}[\p{L}\p{N}'’.-]*$/u.test(lead) ? /^(.*\p{Lu}[\p{L}\p{N}'’.-]*)\s*,[^,]{1,40}$/u.exec(lead) : null;
  if (appositive) {
    const aEnd = s.start + appositive[1]!.length;
    const p2 = mentions.find((m) => m.ref.kind === 'person' && m.end === aEnd);
    const cap = /(?:\p{Lu}[\p{L}\p{N}'’.-]*\s+)*\p{Lu}[\p{L}\p{N}'’.-]*$/u.exec(appositive[1]!);
    nameStart = p2 ? p2.start : cap && cap.index > 0 ? s.start + cap.index : null;
  } else if (person) nameStart = person.start;
  else {
    const cap = /(?:\p{Lu}[\p{L}\p{N}'’.-]*\s+)*\p{Lu}[\p{L}\p{N}'’.-]*$/u.exec(lead);
    const known = cap && mentions.find((m) => m.start <= s.start + cap.index && m.end >= leadEnd && m.ref.kind !== 'person');
    if (cap && !known && s.start + cap.index > s.start) nameStart = s.start + cap.index;
  }
  if (nameStart === null) return;
  // "X, aka Y": the figure starts at the first name.
  const alias = lex.alias.endingAt(f, nameStart, 30);
  if (alias) {
    const lead2 = text.slice(s.start, alias.start).replace(/[\s,]+$/, '');
    const first = mentions.find((m) => m.ref.kind === 'person' && m.end === s.start + lead2.length);
    const cap2 = /(?:\p{Lu}[\p{L}\p{N}'’.-]*\s+)*\p{Lu}[\p{L}\p{N}'’.-]*$/u.exec(lead2);
    if (first) nameStart = first.start;
    else if (cap2) nameStart = s.start + cap2.index;
  }
  n.value += 1;
  n.start = nameStart;
  n.end = Math.max(n.end, end);
}

/**
 * The period a figure covers: a time expression in its clause; else "now" if the clause says
 * so ("just revised", "has reached") — the publication month; else one in its sentence; else
 * a present perfect in the clause (publication month); else the period of the figures it
 * continues ("Of this total, …"); else, for event counts (killed,
 * arrested, seized), the event date of the time stage's narrative; else none.
 */
function periodFor(f: string, lex: ClaimLexicon, time: TimeDoc, s: Sent, si: number, n: NumExpr, clause: Sent, isChange: boolean, m: Measure, prev: CodedClaim[]): ClaimPeriod | null {
  // "from 2020", "over the previous year": the expression starts with, or follows, a comparison word.
  const isBase = (t: Timex) => !!lex.comparison.endingAt(f, t.start, 30) || lex.comparison.startingAt(f, t.start, 30)?.start === t.start;
  const usable = (t: Timex) => {
    if (t.sentence !== si || t.value.precision === 'unknown') return false;
    // The base of a comparison ("up 15 percent from 2020") is not the period.
    if (isChange && isBase(t)) return false;
    return true;
  };
  const inSentence = time.timexes.filter((t) => t.sentence === si);
  const dist = (t: Timex) => (n.numStart < t.start ? t.start - n.end : n.start - t.end);
  const inClause = inSentence.filter((t) => t.start < clause.end && t.end > clause.start);
  // An unresolvable expression in the clause ("last year" with no publication date): no period.
  if (inClause.some((t) => t.value.precision === 'unknown' && !isBase(t))) return null;
  const clauseOk = inClause.filter(usable).sort((a, b) => dist(a) - dist(b));
  if (clauseOk.length) return periodOf(clauseOk[0]!);
  if (isCurrent(f, lex, clause, n, false)) return publication(time);
  const main = inSentence.filter((t) => usable(t) && !t.embedded).sort((a, b) => dist(a) - dist(b));
  if (main.length) return periodOf(main[0]!);
  if (isCurrent(f, lex, clause, n, true)) return publication(time);
  if (prev.length && prev[0]!.period) return prev[0]!.period;
  if (m.dated === 'event') {
    // The narrative date of the time stage, as for events (never the publication date).
    const d = time.dateAt(n.numStart, { publication: false });
    if (d.basis !== 'publication' && d.basis !== 'none' && d.start) return { start: d.start, end: d.end, precision: d.precision, text: d.text };
  }
  return null;
}

/** The clause states a figure as of now: a "current" word ("just", "actualmente"), or (`perfect`) a present perfect ("has revised", "ha desplegado"). */
function isCurrent(f: string, lex: ClaimLexicon, clause: Sent, n: NumExpr, perfect: boolean): boolean {
  const text = f.slice(clause.start, n.start);
  if (!perfect) return lex.current.findAll(text, 0, text.length).length > 0;
  for (const aux of lex.presentPerfect.findAll(text, 0, text.length)) {
    if (/^\s+(?:\p{L}+\s+)?\p{L}+(?:ed|en|do|to|cho)(?!\p{L})/u.test(text.slice(aux.end))) return true;
  }
  return false;
}

function publication(time: TimeDoc): ClaimPeriod | null {
  const p = time.opts.published;
  if (!p) return null;
  const month = p.slice(0, 7);
  return { start: month, end: month, precision: p.length >= 7 ? 'month' : 'year', text: null };
}

/** Where a source phrase ends: at a clause mark or a full stop (not the dots of "U.S." or "Dr."). */
function sourceEnd(rest: string): number {
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (/[,;:()—–\n]/.test(c)) return i;
    if (c === '.' && !/(?:^|[\s.])\p{Lu}$/u.test(rest.slice(Math.max(0, i - 3), i)) && !/^\p{Lu}\./u.test(rest.slice(i + 1, i + 3))) return i;
  }
  return rest.length;
}

const FUNCTION_WORD = /^(?:of|and|for|the|on|in|at|to|de|del|la|las|los|el|y|para|en|a)$/i;

/**
 * A plausible source: a name (mostly capitalised words, or a pack mention), or a short noun
 * phrase with a source noun ("U.S. officials", "official figures"); not a pronoun, not
 * a clause ("seeking damages that it").
 */
function goodSource(src: string, lex: ClaimLexicon, hasMention: boolean): boolean {
  const words = src.split(/\s+/).filter(Boolean);
  if (!words.length || /\d/.test(src) || words.length > 12) return false;
  if (words.length === 1 && lex.pronouns.has(fold(words[0]!))) return false;
  const content = words.filter((w) => !FUNCTION_WORD.test(w));
  const caps = content.filter((w) => /^[\p{Lu}(“"]/u.test(w)).length;
  if (content.length && caps / content.length >= 0.6 && !lex.pronouns.has(fold(content[0]!))) return true;
  // A short phrase headed by a source noun: "U.S. officials", "official figures", "la fiscalía estatal".
  const nouns = lex.sourceNouns.findAll(fold(src), 0, src.length);
  if (nouns.length && words.length <= 5 && !lex.pronouns.has(fold(words[0]!))) return true;
  // Headed by a source noun, with a complement: "Officials in the northern state of Sonora".
  const head = src.search(/\S+(?:\s+\S+)?/) >= 0 ? src.split(/\s+/).slice(0, 2).join(' ').length : 0;
  if (nouns.some((x) => x.end <= head) && words.length <= 10) return true;
  // A pack mention at the head of a short phrase ("the DEA", "Sedena's count").
  return hasMention && words.length <= 5 && (/^\p{Lu}/u.test(words[0]!) || lex.articles.startingAt(fold(src), 0, 10)?.start === 0);
}

/**
 * Who the figure comes from: a source introduced by a phrase ("according to X", "a report by
 * X", "data from X"), else the events' attribution ("X said", "said X"), else the subject of a
 * reporting verb before the figure ("The CDC announced … that", "U.S. officials say").
 */
function sourceIn(text: string, f: string, lower: string, lex: ClaimLexicon, time: TimeDoc, s: Sent, n: NumExpr, parts: Array<{ start: number; end: number; entity: string | null }>, mentions: Mention[]): { text: string; entity: string | null } | null {
  const sentence = text.slice(s.start, s.end);
  const inside = (start: number, end: number) => mentions.filter((m) => m.start >= start && m.end <= end);
  const entityIn = (start: number, end: number) => {
    const ms = inside(start, end);
    return (ms.find((m) => m.ref.kind !== 'place') ?? ms[0])?.ref.id ?? null;
  };
  for (const intro of lex.sourceIntro.findAll(f, s.start, s.end)) {

    const rest = text.slice(intro.end, s.end);
    let src = rest.slice(0, sourceEnd(rest));
    const cut = src.search(/\s(?:that|que|for example|por ejemplo|to|a)\s/u);
    if (cut > 0 && fold(intro.text) !== 'according to') src = src.slice(0, cut);
    const verb = lex.sourceVerbs.findAll(lowerKeep(src), 0, src.length)[0];
    if (verb && fold(intro.text) !== 'according to' && verb.start > 0) src = src.slice(0, verb.start);
    src = src.trim();
    const start = intro.end + rest.indexOf(src);
    // "according to provisional data from the CDC": the inner introducer names the source.
    if (lex.sourceIntro.findAll(f, start, start + src.length).length) continue;
    if (src && goodSource(src, lex, inside(start, start + src.length).length > 0)) return { text: src, entity: entityIn(start, start + src.length) };
  }
  const a = attribution(sentence, s.start, parts);
  if (a) {
    const at = s.start + sentence.indexOf(a.text);
    if (goodSource(a.text, lex, inside(at, at + a.text.length).length > 0)) return a;
  }
  // A reporting verb after the figure, its subject after it: ", informó la Fiscalía", ", said the CDC".
  for (const v of lex.sourceVerbs.findAll(lower, n.end, s.end)) {
    if (!/,\s*$/.test(text.slice(Math.max(s.start, v.start - 3), v.start))) continue;
    const rest = text.slice(v.end, s.end);
    const src = rest.slice(0, sourceEnd(rest)).trim();
    const start = v.end + rest.indexOf(src);
    if (src && goodSource(src, lex, inside(start, start + src.length).length > 0)) return { text: src, entity: entityIn(start, start + src.length) };
  }
  // A source and its verb closing the sentence after the figure: "…, the GAO found."
  for (const v of lex.sourceVerbs.findAll(lower, n.end, s.end)) {
    if (!/^[\s"”'’)]*[.!?]?[\s"”'’)]*$/u.test(text.slice(v.end, s.end))) continue;
    const lead = text.slice(n.end, v.start);
    const comma = lead.lastIndexOf(',');
    if (comma < 0) continue;
    const src = lead.slice(comma + 1).trim();
    const start = n.end + comma + 1 + lead.slice(comma + 1).indexOf(src);
    if (src && goodSource(src, lex, inside(start, start + src.length).length > 0)) return { text: src, entity: entityIn(start, start + src.length) };
  }
  for (const v of lex.sourceVerbs.findAll(lower, s.start, n.start)) {
    if (lex.articles.endingAt(f, v.start, 10)) continue; // "an estimated"
    let from = s.start;
    const lead = f.slice(s.start, v.start);
    const cut = Math.max(lead.lastIndexOf(','), lead.lastIndexOf(';'), lead.lastIndexOf(':'), lead.lastIndexOf('—'), lead.lastIndexOf('–'));
    if (cut >= 0 && !/\)\s*$/.test(lead)) from = s.start + cut + 1;
    let end = v.start;
    for (let k = 0; k < 4; k++) {
      // Adverbs, auxiliaries and time expressions between the source and its verb.
      const adv = lex.adverbs.endingAt(f, end, 30);
      const tx = time.timexes.find((t) => t.end <= end && /^\s*$/.test(f.slice(t.end, end)) && t.start > from);
      if (adv && adv.start > from) end = adv.start;
      else if (tx) end = tx.start;
      else break;
    }
    const raw = text.slice(from, end);
    // "…, seeking damages that Mexican officials have said": the subject follows the last "that".
    const rel = /.*\s(?:that|que|which|who|quien|quienes|cuando|when)\s+/isu.exec(raw);
    const subject = (rel ? raw.slice(rel[0].length) : raw).trim().replace(/^(?:that|que)\s+/i, '');
    if (!subject) continue;
    const start = from + raw.lastIndexOf(subject);
    if (!goodSource(subject, lex, inside(start, start + subject.length).length > 0)) continue;
    return { text: subject, entity: entityIn(start, start + subject.length) };
  }
  return null;
}
