// The event coder: trigger-lexicon matches in each sentence (verbs, nominalisations, phrases),
// gated by part of speech; actor and recipient from the clause structure (voice, by-agents,
// coordination, relative clauses, controlled infinitives, possessors of event nouns, pronouns);
// speech acts and their complements; factuality from the cues in scope; attribution, date,
// place, contexts, PLOVER mode, score, quad class and a confidence. Offsets are in the text given.
import { gazetteer, type Mention } from '../actors/match.js';
import type { TimeDoc } from '../time/index.js';
import type { EventDate } from '../time/types.js';
import { analyze, type Token } from '../nlp/analyze.js';
import { isLetterOrDigit } from '../util/chars.js';
import { attribution } from './attribution.js';
import { Clause, type Tok, type VerbGroup } from './clause.js';
import { factualityOf } from './factuality.js';
import { lexicon, type Lang, type Lexicon, type TriggerRow } from './lexicon.js';
import { PaddedIndex } from './padded-index.js';
import { findParticipants, type Participant } from './participants.js';
import { spanishTokens } from './spanish.js';

export type { Participant } from './participants.js';

export interface Place { text: string; country: string | null; admin1: string | null; lat: number | null; lon: number | null; start: number; end: number }

export interface CodedEvent {
  type: string;
  mode: string | null;
  contexts: string[];
  score: number;
  quad: string;
  cameo: string | null;
  actor: Participant[];
  recipient: Participant[];
  date: EventDate;
  location: Place | null;
  factuality: string;
  attribution: { text: string; entity: string | null } | null;
  trigger: { start: number; end: number };
  evidence: { start: number; end: number };
  confidence: number;
  /** Part of speech and lemma of the trigger entry (a noun re-mention of an event is dropped). */
  triggerPos: 'verb' | 'noun' | 'phrase';
  triggerLemma: string;
  /** The trigger sits in a time clause ("after X was arrested"), which refers to an event rather than reporting it. */
  temporalClause?: boolean;
  /** A time expression right at the trigger ("their request in November"): the mention has its own date. */
  ownDate?: boolean;
}

/** Types whose agentless passive or noun is a state act, with the sector of the implicit actor. */
const IMPLICIT: Record<string, string> = { COERCE: 'COP', SANCTION: 'GOV', ACCUSE: 'JUD', RETREAT: 'GOV', CONCEDE: 'JUD' };

/** Aspectual verbs that say an event took place ("talks opened", "were held", "took place"). */
const OCCURRENCE = new Set(['open', 'reopen', 'begin', 'start', 'resume', 'continue', 'end', 'conclude', 'close', 'hold', 'take', 'proceed', 'wrap',
  'abrir', 'iniciar', 'comenzar', 'empezar', 'reanudar', 'continuar', 'concluir', 'terminar', 'celebrar']);

const VERBAL = new Set(['AGREE', 'CONSULT', 'SUPPORT', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN']);
const CONFLICT = new Set(['ASSAULT', 'COERCE', 'SANCTION', 'MOBILIZE', 'PROTEST', 'THREATEN']);

/** One trigger match in a sentence before its arguments are known. */
interface Cand {
  row: TriggerRow;
  /** All entries with this form, those told apart by their objects first (absent for synthetic events). */
  rows?: TriggerRow[];
  form: string;
  start: number;
  end: number;
  /** Token indices of the first and last token of the match. */
  t0: number;
  t1: number;
  vg: VerbGroup | null;
  actor: Participant[];
  recipient: Participant[];
  /** The text right after the trigger (its object or complement), for objects and modes. */
  complement: string;
  /** Index of the candidate that governs this one, or a governing word's role. */
  governedBy: Cand | null;
  governorRole: string | null;
  dropped: boolean;
  type: string;
  mode: string | null;
  confidence: number;
  clauseStart: number;
  implicitActor?: boolean;
}

function wordAt(lower: string, at: number, form: string): boolean {
  // Whole words only, and not the second half of a compound ("long-threatened", "U.S.-backed").
  if (!lower.startsWith(form, at)) return false;
  // (The character classes by code unit, as the regexes /[\p{L}\p{N}]/u read a lone character.)
  const after = at + form.length < lower.length ? lower.charCodeAt(at + form.length) : -1;
  if (after >= 0 && isLetterOrDigit(after)) return false;
  const before = at > 0 ? lower.charCodeAt(at - 1) : -1;
  return !(before >= 0 && (before === 45 || isLetterOrDigit(before)));
}

/** Does a phrase list item occur as whole words in the text? Longest first by the caller. */
// Normalised texts, memoised: the same paragraph is searched for every context and every event in it.
const normCache = new Map<string, string>();
function normalised(text: string): string {
  let t = normCache.get(text);
  if (t === undefined) {
    t = ` ${text.toLowerCase().replace(/[“”"(),.;:!?]/g, ' ').replace(/\s+/g, ' ')} `;
    if (normCache.size > 256) normCache.clear();
    normCache.set(text, t);
  }
  return t;
}

/** A phrase list's items lower-cased and padded with spaces (and their plural and singular), made once per list. */
interface Padded { item: string; exact: string; plural: string; singular: string | null }
const paddedLists = new WeakMap<string[], Padded[]>();
function padded(list: string[]): Padded[] {
  let p = paddedLists.get(list);
  if (!p) {
    p = list.map((o) => {
      const l = o.toLowerCase();
      return { item: o, exact: ` ${l} `, plural: ` ${l}s `, singular: l.endsWith('s') ? ` ${l.slice(0, -1)} ` : null };
    });
    paddedLists.set(list, p);
  }
  return p;
}

/** Object.keys of a lexicon object, made once (so that findPhrase's padded list is made once too). */
const keyLists = new WeakMap<object, string[]>();
function keysOf(o: object): string[] {
  let k = keyLists.get(o);
  if (!k) keyLists.set(o, (k = Object.keys(o)));
  return k;
}

/** A long phrase list indexed by first word (./padded-index.ts): the exact forms, and the plural and singular ones. */
interface Indexed { exact: PaddedIndex<number>; variants: PaddedIndex<number> }
const indexedLists = new WeakMap<string[], Indexed>();
function indexed(list: string[]): Indexed {
  let ix = indexedLists.get(list);
  if (!ix) {
    const x: Indexed = { exact: new PaddedIndex(), variants: new PaddedIndex() };
    padded(list).forEach((o, i) => {
      x.exact.add(o.exact, i);
      x.variants.add(o.plural, i);
      if (o.singular !== null) x.variants.add(o.singular, i);
    });
    indexedLists.set(list, (ix = x));
  }
  return ix;
}

function findPhrase(list: string[] | undefined, text: string, plurals = false): string | null {
  if (!list) return null;
  const t = normalised(text);
  if (list.length > 8) {
    // The same answer as the loop below: the longest item found, the first of equals.
    const ix = indexed(list);
    let best = -1;
    const consider = (i: number) => {
      if (best < 0 || list[i]!.length > list[best]!.length || (list[i]!.length === list[best]!.length && i < best)) best = i;
    };
    ix.exact.forEachIn(t, consider);
    if (plurals) ix.variants.forEachIn(t, consider);
    return best < 0 ? null : list[best]!;
  }
  let best: string | null = null;
  for (const o of padded(list)) {
    // Objects match in the singular or the plural ("force" for "forces", "settlement" for "settlements").
    const hit = t.includes(o.exact) || (plurals && (t.includes(o.plural) || (o.singular !== null && t.includes(o.singular))));
    if (hit && (!best || o.item.length > best.length)) best = o.item;
  }
  return best;
}

/** Code the events of a text (offsets in that text). */
export let trace: ((msg: string) => void) | null = null;
export function setTrace(f: ((msg: string) => void) | null): void { trace = f; }

export function codeEvents(text: string, time: TimeDoc, mentionsIn: Mention[], lang: Lang, tokensIn?: Token[]): CodedEvent[] {
  const lex = lexicon(lang);
  // A form of another language only ("EU", Estados Unidos, in English text) is read in this one.
  let mentions = mentionsIn;
  if (mentionsIn.some((m) => m.lang && m.lang !== lang)) {
    const g = gazetteer();
    mentions = mentionsIn.map((m) => g.reread(m, lang)).filter((m): m is Mention => m !== null);
  }
  const lower = text.toLowerCase();
  const tokens: Token[] = tokensIn ?? (lang === 'en' ? analyze(text).tokens : spanishTokens(text, lex));
  const parts = findParticipants(text, mentions, lex, lang === 'en' ? tokens : null, time.timexes);
  salience = new Map();
  for (const p of parts) { const k = p.entity ?? p.text.toLowerCase(); salience.set(k, (salience.get(k) ?? 0) + 1); }
  const places = mentions.filter((m) => m.ref.kind === 'place' && m.ref.role === 'place');
  const out: CodedEvent[] = [];
  let ti = 0;
  let pi = 0;
  for (const s of time.sentences) {
    while (ti < tokens.length && tokens[ti]!.start < s.start) ti++;
    // Parties are sorted by start: the sentence's are a run found by a moving pointer. A
    // sentence without one has no event (its tokens are not copied).
    while (pi < parts.length && parts[pi]!.start < s.start) pi++;
    const inS: Participant[] = [];
    for (let q = pi; q < parts.length && parts[q]!.start < s.end; q++) if (parts[q]!.end <= s.end) inS.push(parts[q]!);
    if (inS.length === 0) continue;
    const toks: Tok[] = [];
    for (let k = ti; k < tokens.length && tokens[k]!.start < s.end; k++) {
      const t = tokens[k]!;
      if (t.pos === 'SPACE') continue;
      toks.push({ text: t.text, lower: t.text.toLowerCase(), start: t.start, end: t.end, pos: t.pos, lemma: t.lemma });
    }
    if (toks.length === 0) continue;
    const clause = new Clause(toks, inS, time.timexes, lex.reportingLemmas);
    const sentence = text.slice(s.start, s.end);
    let cands = findCandidates(clause, lower, text, lex, s.start);
    // A verbless line ("Official readout of the introductory call…", a caption or a reference) names
    // an event at most in passing: its nouns are not coded.
    if (!toks.some((t) => t.pos === 'VERB' || t.pos === 'AUX') && lang === 'en') cands = cands.filter((c) => c.row.pos === 'verb');
    for (const c of cands) assignArguments(c, clause, lex, parts, text);
    if (lang === 'en') cands.push(...reportedObligations(clause, cands, parts, lex), ...describedActs(clause, cands, lex));
    govern(cands, clause, lex);
    if (trace) for (const c of cands) trace(`@${s.start} ${c.form} [${c.row.type}${c.row.pos}] vg=${c.vg ? `${c.vg.aux.join('+')}${c.vg.passive ? ' passive' : ''}${c.vg.infinitive ? ' inf' : ''}` : '-'} A=${c.actor.map((p) => p.text).join('|')} R=${c.recipient.map((p) => p.text).join('|')} gov=${c.governedBy?.form ?? c.governorRole ?? ''}${c.dropped ? ' DROPPED' : ''}`);
    for (const c of cands) {
      if (c.dropped) continue;
      const ev = finish(c, clause, lex, time, sentence, s, text, places, inS);
      if (ev) out.push(ev);
    }
  }
  return dedupe(out);
}

function findCandidates(clause: Clause, lower: string, text: string, lex: Lexicon, sStart: number): Cand[] {
  const toks = clause.toks;
  const cands: Cand[] = [];
  let lastEnd = -1;
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.start < lastEnd) continue;
    const list = lex.byFirst.get(t.lower);
    if (!list) continue;
    for (const form of list) {
      if (!wordAt(lower, t.start, form)) continue;
      const end = t.start + form.length;
      let rows = lex.forms.get(form)!;
      // "March", "May": a capitalised word inside a sentence is a name, not the trigger.
      const capital = /^\p{Lu}/u.test(text.slice(t.start, t.start + 1));
      if (capital && t.start > sStart && !/[.!?"“:]\s*$/.test(text.slice(sStart, t.start))) { rows = rows.filter(() => false); }
      if (rows.some((r) => r.lowercaseOnly) && capital) rows = rows.filter((r) => !r.lowercaseOnly);
      // Part of speech: a verb entry needs a verb, a noun entry a noun ("no signs of", "the end of").
      // (A hyphenated form spans several tokens: it is gated as a phrase is, by the verb it holds.)
      const multi = form.includes(' ') || form.includes('-');
      if (!multi && lex.lang === 'en') {
        // The tagger reads some past tenses as adjectives ("Mexico relaxed their restrictions"):
        // an -ed word between a subject and its object is a verb.
        // And the reverse: "their earlier request", "the attack" are nouns whatever the tag says.
        let b = k - 1;
        while (b >= 0 && (toks[b]!.pos === 'ADJ' || (toks[b]!.pos === 'ADV' && /er$/.test(toks[b]!.lower)))) b--;
        const determined = b >= 0 && b < k && (toks[b]!.pos === 'DET' || /^(their|his|her|its|our|my|your)$/.test(toks[b]!.lower)) && !/(ed|ing)$/.test(t.lower);
        if (determined && t.pos === 'VERB') t.pos = 'NOUN';
        // (After a plural subject the tagger may read it as a noun too: "Gunmen abducted two …".)
        const verbLike = t.pos === 'VERB' || ((t.pos === 'ADJ' || (t.pos === 'NOUN' && !determined)) && /ed$/.test(t.lower) && k > 0 && (!!clause.partAt[k - 1] || /^(PROPN|NOUN|PRON)$/.test(toks[k - 1]!.pos)) && /^(DET|PRON|PROPN|NUM)$/.test(toks[k + 1]?.pos ?? '')) ||
          // "…: arresting retired general X": an -ing form opening a clause, with an object after it.
          (t.pos === 'ADJ' && /ing$/.test(t.lower) && k > 0 && /^[,:;—–]$/.test(toks[k - 1]!.text) && (/^(DET|PROPN|NUM)$/.test(toks[k + 1]?.pos ?? '') || (toks[k + 1]?.pos === 'ADJ' && /^(NOUN|PROPN)$/.test(toks[k + 2]?.pos ?? ''))));
        if (verbLike && t.pos !== 'VERB') t.pos = 'VERB';
        rows = rows.filter((r) => r.pos === 'phrase' || (r.pos === 'verb' ? verbLike : t.pos === 'NOUN' || t.pos === 'PROPN'));
      }
      // Phrases that contain the trigger but are not events ("press release", "in charge").
      rows = rows.filter((r) => !r.exclude?.some((x) => {
        const xl = x.toLowerCase();
        const i = xl.indexOf(form);
        if (i < 0) return lower.startsWith(xl, t.start);
        return lower.startsWith(xl, t.start - i);
      }));
      if (rows.length === 0) continue;
      let t1 = k;
      while (t1 + 1 < toks.length && toks[t1 + 1]!.start < end) t1++;
      if (clause.partAt[k] && clause.partAt[k]!.kind !== 'generic') break; // inside a name ("Department of Justice")
      let head = rows[0]!.pos === 'phrase' || (multi && rows[0]!.pos === 'verb') ? firstVerb(toks, k, t1) : k;
      // A verbless predicate phrase ("are willing to", "is opposed to") heads its clause like a verb.
      if (head === null && rows[0]!.pos === 'phrase' && /^(AUX|ADJ)$/.test(toks[k]!.pos)) head = k;
      // A one-word phrase tagged otherwise is still a verb after an auxiliary ("had shuttered").
      const verbal = head !== null && (toks[head]!.pos === 'VERB' || (rows[0]!.pos === 'phrase' && (toks[head - 1]?.pos === 'AUX' || head === k && /^(AUX|ADJ)$/.test(toks[k]!.pos))));
      const vg = rows[0]!.pos !== 'noun' && head !== null && verbal ? clause.verbGroup(head, form.includes('-') ? Math.min(k, head) : head) : null;
      cands.push({
        row: rows[0]!, rows, form, start: t.start, end, t0: k, t1, vg, actor: [], recipient: [],
        complement: text.slice(end, Math.min(toks[Math.min(toks.length - 1, t1 + 12)]!.end, end + 120)),
        governedBy: null, governorRole: null, dropped: false, type: rows[0]!.type, mode: rows[0]!.mode, confidence: 0.5,
        clauseStart: sStart,
      });
      lastEnd = end;
      break;
    }
  }
  return cands;
}

function firstVerb(toks: Tok[], a: number, b: number): number | null {
  for (let k = a; k <= b; k++) if (toks[k]!.pos === 'VERB') return k;
  return toks[a - 1]?.pos === 'AUX' ? a : null;
}

/** How often each entity or name is mentioned in the article: the salience used for pronouns. */
let salience = new Map<string, number>();
const sal = (p: Participant) => salience.get(p.entity ?? p.text.toLowerCase()) ?? 0;

function resolvePronoun(word: string, at: number, parts: Participant[]): Participant | undefined {
  const w = word.toLowerCase();
  const person = /^(he|she|him|his|her)$/.test(w);
  // "his arrest": among the people named in the last sentences, the one the article is most about.
  if (person) {
    const near = parts.filter((p) => p.end <= at && at - p.end < 400 && p.kind === 'person');
    if (near.length) return near.reduce((a, b) => (sal(b) >= sal(a) ? b : a));
  }
  const it = /^(it|its)$/.test(w);
  // "its" prefers a body named recently over a country ("… from Mexico after officials rescinded its spot").
  if (it) {
    const org = [...parts].reverse().find((p) => p.end <= at && at - p.end < 400 && (p.kind === 'organization' || p.kind === 'group'));
    if (org) return org;
  }
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i]!;
    if (p.end > at) continue;
    if (at - p.end > 700) break;
    if (person && (p.kind === 'person' || (p.kind === 'generic' && !/s$/.test(p.text) && p.sector !== 'CVL'))) return p;
    if (it && (p.kind === 'organization' || p.kind === 'country' || p.kind === 'group')) return p;
    if (!person && !it && p.kind !== 'person' && !(p.kind === 'generic' && !/s$/.test(p.text))) return p;
  }
  // "their request" after two named senators: the people named last.
  if (/^(they|them|their)$/.test(w)) return [...parts].reverse().find((p) => p.end <= at && at - p.end < 700 && (p.kind === 'person' || p.kind === 'name'));
  return undefined;
}

function assignArguments(c: Cand, clause: Clause, lex: Lexicon, all: Participant[], text: string): void {
  const rows = c.rows ?? [c.row];
  const toks = clause.toks;
  const subjectParts = (vg: VerbGroup): Participant[] => {
    const s = clause.subject(vg);
    if (s.kind === 'parts') {
      c.clauseStart = Math.min(...s.parts.map((p) => p.start));
      return s.parts;
    }
    if (s.kind === 'pronoun') {
      c.clauseStart = toks[s.token]!.start;
      // "We're willing to share …, a senior DEA official said": the first person is the quoted speaker.
      if (/^(we|i)$/i.test(toks[s.token]!.text)) {
        const say = toks.findIndex((t, i) => i > s.token && t.pos === 'VERB' && lex.reportingLemmas.has(t.lemma));
        const speaker = say >= 0 ? clause.subject(clause.verbGroup(say)) : null;
        if (speaker?.kind === 'parts') return speaker.parts;
        // Else the body or person most recently named before the quote (its speaker, usually).
        const at = toks[s.token]!.start;
        const prev = [...all].reverse().find((p) => p.end <= at && at - p.end < 700 && !p.members && p.sector !== 'MED' && (p.kind === 'organization' || p.kind === 'person'));
        return prev ? [prev] : [];
      }
      const p = resolvePronoun(toks[s.token]!.text, toks[s.token]!.start, all);
      return p ? [p] : [];
    }
    c.clauseStart = toks[Math.max(0, vg.first - 3)]!.start;
    return [];
  };
  // The object or complement decides between entries that share a form.
  const pickRow = (objectText: string): TriggerRow | null => {
    for (const r of rows) {
      if (!r.objects) return r;
      if (findPhrase(r.objects, objectText, true)) return r;
    }
    return null;
  };
  if (c.vg) {
    const vg = c.vg;
    const subj = subjectParts(vg);
    const after = clause.after(c.t1);
    // "Israel is opposed to…", "is committed to": a stative participle of a verbal type is not passive.
    if (vg.passive && lex.statives.has(toks[vg.head]!.lower)) vg.passive = false;
    if (vg.passive) {
      const row = pickRow(subj.map((p) => p.text).join(' ') + ' ' + text.slice(c.clauseStart, c.start));
      if (!row) { c.dropped = true; return; }
      c.row = row;
      c.recipient = subj;
      const by = after.find((a) => a.role === 'by' || a.role === 'por');
      if (by) c.actor = clause.coordinatedAfter(by.part, toks.length);
      // "15 people were killed in confrontations with the Navy": the other side of the fight acts.
      else if (/^(ASSAULT|COERCE)$/.test(row.type)) {
        const w = after.find((a) => (a.role === 'with' || a.role === 'con') && /\b(clash|clashes|confrontations?|fighting|battles?|gunfights?|shootouts?|firefights?|enfrentamientos?|combates?)\b/i.test(text.slice(c.end, a.part.start)));
        if (w) c.actor = [w.part];
      }
    } else {
      // "Russian warships moved into …", "Nigerian troops pulled out of …": with a motion verb
      // the moving thing is the subject; an entry's objects are looked for there too.
      // (Only with no direct object: a phrase ending in its preposition, or a preposition, punctuation
      // or the end right after the verb.)
      const intransitive = () => { const n = toks[c.t1 + 1]; return toks[c.t1]!.pos === 'ADP' || !n || n.pos === 'ADP' || n.pos === 'PUNCT' || n.pos === 'ADV'; };
      const row = pickRow(c.complement) ?? (subj.length && intransitive() ? pickRow(subj.map((p) => text.slice(p.start, p.end)).join(' ') + ' ' + text.slice(c.clauseStart, c.start)) : null);
      if (!row) { c.dropped = true; return; }
      c.row = row;
      c.actor = subj;
      const via = [...(row.recipientVia ?? ['obj', 'with', 'to', 'against', 'on', 'of', 'from', 'at', 'into'])];
      // A phrase that ends in its preposition ("working for", "in league with") takes its object.
      if (/\s(with|for|of|to|against|on|into|con|contra|de|a)$/.test(c.form)) via.push('obj');
      // The recipient roles in the entry's order of preference ("provide … to Macedonia" before its object).
      const ok = (a: { role: string }, role: string) => a.role === role || (role === 'obj' && a.role === 'poss');
      // "against" marks the target of any conflictual act.
      if (CONFLICT.has(row.type) || /^(ACCUSE|REJECT|REQUEST)$/.test(row.type)) via.push('against');
      // A named party in any accepted role beats a generic noun ("withdraw … workers from Iraq").
      let rec: (typeof after)[number] | undefined;
      let fallback: (typeof after)[number] | undefined;
      for (const role of via) {
        const hits = after.filter((a) => ok(a, role));
        rec = hits.find((a) => a.part.kind !== 'generic' || a.part.country);
        fallback ??= hits[0];
        if (rec) break;
      }
      rec ??= fallback;
      // ("demanded on Monday that …": over a time expression.)
      let th = c.t1 + 1;
      while (th < toks.length && th - c.t1 < 6 && (clause.timeAt[th] && !clause.partAt[th] || (toks[th]!.pos === 'ADP' && /^(on|in|at|during)$/.test(toks[th]!.lower) && clause.timeAt[th + 1]))) th++;
      const thatClause = toks[th]?.lower === 'that' && (row.speech || VERBAL.has(row.type));
      if (rec) c.recipient = clause.coordinatedAfter(rec.part, toks.length);
      else if (thatClause) {
        // "demanded that the Turkish government provide…": the complement's subject is addressed.
        const inner = clause.after(th, 8)[0];
        if (inner) c.recipient = clause.coordinatedAfter(inner.part, toks.length);
      } else {
        // "rescinded its parking spot", "arrested him": a pronoun object stands for someone named before.
        let j = c.t1 + 1;
        while (j < toks.length && toks[j]!.pos === 'DET') j++;
        const pr = toks[j];
        if (pr && /^(its|his|her|their|him|them)$/.test(pr.lower)) {
          const p = resolvePronoun(pr.text, pr.start, all);
          if (p) c.recipient = [p];
        }
      }
      if (row.subjectRole === 'recipient') [c.actor, c.recipient] = [c.recipient, c.actor];
    }
  } else {
    // Nouns and verbless phrases: possessor or modifier, "by" phrase, light verb's subject;
    // recipient through "of/against/with/on/to". A noun's object may come before it ("their
    // forces completed their withdrawal"), so its clause is searched.
    const row = pickRow(c.row.pos === 'noun' ? text.slice(toks[0]!.start, toks[toks.length - 1]!.end) : c.complement);
    if (!row) { c.dropped = true; return; }
    // "information about ongoing U.S. investigations", "an expert on security cooperation": a topic, not an event.
    let np = c.t0 - 1;
    while (np >= 0 && (/^(DET|ADJ|NUM|NOUN|PROPN|PART|CCONJ)$/.test(toks[np]!.pos) || toks[np]!.text === '-' || clause.partAt[np])) np--;
    if (np >= 0 && /^(about|regarding|concerning|on|over)$/.test(toks[np]!.lower) && toks[np]!.pos === 'ADP') { c.dropped = true; return; }
    c.row = row;
    const head = c.t0;
    const after = clause.after(c.t1, 8);
    // "the arrest by U.S. agents": a by-agent right after the noun, not one in a later clause.
    const by = after.find((a) => (a.role === 'by' || a.role === 'por') && !toks.slice(c.t1 + 1, a.at).some((t) => t.pos === 'VERB' || t.pos === 'AUX'));
    const pat = row.argPattern ?? '';
    // "his arrest" (no "of" phrase): the possessor undergoes it; "Mexico's arrest of X": the possessor acts.
    const ofPhrase = after.some((a) => a.role === 'of');
    const possIsRecipient = /\bR['’]s\b/.test(pat) && (!/\bA['’]s\b/.test(pat) || !ofPhrase);
    // "the extradition of T to R": the "of" phrase is the theme (the person extradited), not the recipient.
    const themeOf = /\bof T\b/.test(pat);
    let poss: Participant | undefined = clause.possessorOf(head);
    if (!poss) {
      const pp = clause.possessivePronoun(head);
      if (pp !== null) poss = resolvePronoun(toks[pp]!.text, toks[pp]!.start, all);
    }
    const via = row.recipientVia ?? ['of', 'against', 'with', 'on', 'to', 'from', 'between', 'for', 'de', 'contra', 'con', 'a'];
    const rec = after.find((a) => a.part !== by?.part && via.includes(a.role) && !(themeOf && a.role === 'of'));
    const theme = themeOf ? after.find((a) => a.role === 'of') : undefined;
    if (by) c.actor = [by.part];
    // "pressure from Mexico", "demands from the rebels": a phrase ending in "from"/"by" names who acts.
    if (/\s(from|by|de|por)$/.test(c.form) && c.actor.length === 0) {
      const agent = after.find((a) => a.role === 'obj');
      if (agent) c.actor = [agent.part];
      // "Under pressure from Mexico, Barr backpedaled": the one under pressure is the main clause's subject.
      if (/^under\s/.test(c.form)) {
        const comma = toks.findIndex((t, i) => i > c.t1 && t.text === ',');
        const subj = comma >= 0 ? clause.after(comma, 6).find((a) => a.role === 'obj' && a.part !== agent?.part) : undefined;
        if (subj) c.recipient = [subj.part];
      }
    }
    if (poss) {
      if (possIsRecipient && !rec) c.recipient = [poss];
      else if (!by) c.actor = [poss];
    }
    // The theme's own state hands it over when no one else is named ("the extradition of El Chapo").
    if (theme && c.actor.length === 0 && theme.part.country && theme.part.kind !== 'country') {
      c.actor = [{ text: '', entity: null, country: theme.part.country, sector: 'GOV', start: c.start, end: c.start, kind: 'generic', implicit: true }];
    }
    if (rec && c.recipient.length === 0) {
      const side = clause.coordinatedAfter(rec.part, toks.length, rec.role === 'between');
      // "a phone call between Presidents Trump and Peña Nieto": the first party acts, the other receives.
      // A fight between two sides is mutual: both act ("the battle between traffickers and the Navy").
      if (rec.role === 'between' && side.length > 1 && c.actor.length === 0 && row.type === 'ASSAULT') { c.actor = side; c.recipient = []; }
      else if (rec.role === 'between' && side.length > 1 && c.actor.length === 0) {
        // "X launched a mediation effort between A and B": the light verb's subject acts on both.
        const v = clause.governingVerb(head);
        const mediator = v !== null && lex.lightVerbs.has(toks[v]!.lemma) ? subjectParts(clause.verbGroup(v)).filter((p) => !side.includes(p)) : [];
        if (mediator.length) { c.actor = mediator; c.recipient = side; }
        else { c.actor = [side[0]!]; c.recipient = side.slice(1); }
      }
      else c.recipient = side;
    }
    if (c.actor.length === 0) {
      // "launched an attack on", "held talks with": the light verb's subject acts; "is serving a
      // sentence", "faces charges": the subject undergoes it.
      const v = clause.governingVerb(head);
      if (v !== null && lex.lightVerbs.has(toks[v]!.lemma)) c.actor = subjectParts(clause.verbGroup(v));
      else if (v !== null && lex.patientVerbs.has(toks[v]!.lemma) && c.recipient.length === 0) c.recipient = subjectParts(clause.verbGroup(v));
    }
    if (c.clauseStart === 0 || c.clauseStart < toks[0]!.start) c.clauseStart = toks[Math.max(0, c.t0 - 4)]!.start;
    // "Such cooperation … has suffered", "New funding could help": an abstract relational noun that
    // is the subject of its clause describes a state of affairs, not an event.
    if (/^(COOPERATE|AID|SUPPORT|CONSULT)$/.test(row.type) && clause.governingVerb(head) === null && clause.inSubjectPosition(c.t0)) {
      let j = c.t1 + 1;
      while (j < toks.length && j - c.t1 < 12 && /^(ADP|DET|ADJ|NOUN|PROPN|CCONJ|NUM|PART)$/.test(toks[j]!.pos)) j++;
      // ("Talks between X and Y opened on Monday", "were held": the verb says the event took place.)
      let v = j;
      while (v < toks.length && v - j < 4 && (toks[v]!.pos === 'AUX' || toks[v]!.pos === 'ADV' || toks[v]!.pos === 'PART')) v++;
      const happened = toks[v]?.pos === 'VERB' && OCCURRENCE.has(toks[v]!.lemma);
      if (toks[j] && (toks[j]!.pos === 'AUX' || toks[j]!.pos === 'VERB') && !happened) { c.dropped = true; return; }
    }
  }
  // Still no recipient: the first party with a country later in the clause, whatever links it
  // ("denounced as a crime Serbia's suppression of …", "rejected calls by Belarus's rulers").
  // (Not for entries that need a recipient to be events at all: the fallback only completes events.)
  if (c.recipient.length === 0 && c.row.type !== 'CONSULT' && !c.row.needsTarget && !c.row.weak) {
    const any = clause.after(c.t1, 14).find((a) => a.part.country && !c.actor.includes(a.part) && a.role !== 'by' && !/^(in|into|at|near|from|inside|across|throughout|before)$/.test(a.role) &&
      !toks.slice(c.t1 + 1, a.at).some((t) => t.text === ',' || /^(following|after|before|since|despite|amid|because|while|during)$/.test(t.lower)) &&
      // "… any intelligence the U.S. provides": a party followed by its own verb is another clause's subject.
      !/^(VERB|AUX)$/.test(toks[clause.tokenAt(a.part.end - 1) + 1]?.pos ?? ''));
    if (any) c.recipient = clause.coordinatedAfter(any.part, toks.length);
  }
  c.type = c.row.type;
  c.mode = c.row.mode;
  // Same person or body on both sides: not an interaction.
  const same = (a: Participant, b: Participant) => a === b || (!!a.entity && a.entity === b.entity);
  c.recipient = c.recipient.filter((r) => !c.actor.some((a) => same(a, r)));
}

const DESCRIBE: TriggerRow = { lemma: 'describe how', pos: 'phrase', type: 'ACCUSE', mode: 'allege', forms: ['described how'], speech: true };

/**
 * "Federal prosecutors described how Cienfuegos worked with traffickers": an official body setting
 * out what another party did is an accusation (ACCUSE allege) against that party, and the act it
 * describes is alleged.
 */
function describedActs(clause: Clause, cands: Cand[], lex: Lexicon): Cand[] {
  const toks = clause.toks;
  const out: Cand[] = [];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.pos !== 'VERB' || !lex.describeLemmas.has(t.lemma)) continue;
    const speaker = clause.subject(clause.verbGroup(k));
    if (speaker.kind !== 'parts' || !speaker.parts.some((p) => /^(JUD|COP|GOV|LEG|SPY)$/.test(p.sector ?? ''))) continue;
    const inner = cands.filter((c) => c.t0 > k && !c.dropped && c.actor.length && !c.actor.some((a) => speaker.parts.includes(a)));
    if (inner.length === 0) continue;
    for (const c of inner) c.governorRole = 'alleged';
    out.push({
      row: DESCRIBE, form: t.lower, start: t.start, end: t.end, t0: k, t1: k, vg: null,
      actor: speaker.parts, recipient: inner[0]!.actor, complement: '', governedBy: null, governorRole: null,
      dropped: false, type: 'ACCUSE', mode: 'allege', confidence: 0.6, clauseStart: speaker.parts[0]!.start,
    });
  }
  return out;
}

const OBLIGATION: TriggerRow = { lemma: 'must', pos: 'phrase', type: 'REQUEST', mode: null, forms: ['must'], speech: true };

/**
 * "Russia said Sudan must return the helicopter": a speaker saying that someone else must or
 * should act is a demand (REQUEST) from the speaker to that party; the act is its content.
 */
function reportedObligations(clause: Clause, cands: Cand[], all: Participant[], lex: Lexicon): Cand[] {
  const toks = clause.toks;
  const out: Cand[] = [];
  for (let k = 1; k < toks.length - 1; k++) {
    const t = toks[k]!;
    if (!(t.pos === 'AUX' && /^(must|should)$/.test(t.lower))) continue;
    let v = k + 1;
    while (v < toks.length && (toks[v]!.pos === 'ADV' || toks[v]!.pos === 'AUX' || toks[v]!.pos === 'PART')) v++;
    if (toks[v]?.pos !== 'VERB') continue;
    const subj = clause.subject(clause.verbGroup(v));
    const addressee = subj.kind === 'parts' ? subj.parts : subj.kind === 'pronoun' ? [resolvePronoun(toks[subj.token]!.text, toks[subj.token]!.start, all)].filter((p): p is Participant => !!p) : [];
    if (addressee.length === 0) continue;
    const say = toks.slice(0, k).map((x, i) => ({ x, i })).reverse().find(({ x }) => x.pos === 'VERB' && lex.reportingLemmas.has(x.lemma));
    if (!say) continue;
    const speaker = clause.subject(clause.verbGroup(say.i));
    if (speaker.kind !== 'parts' || speaker.parts.some((p) => addressee.includes(p))) continue;
    for (const c of cands) if (c.t0 > k && !c.dropped) c.dropped = true;
    out.push({
      row: OBLIGATION, form: t.lower, start: t.start, end: t.end, t0: k, t1: k, vg: null,
      actor: speaker.parts, recipient: addressee, complement: toks.slice(v, v + 12).map((x) => x.text).join(' '),
      governedBy: null, governorRole: null, dropped: false, type: 'REQUEST', mode: null, confidence: 0.55,
      clauseStart: speaker.parts[0]!.start,
    });
  }
  return out;
}

/** Speech acts and governing words decide what happens to the events in their complements. */
function govern(cands: Cand[], clause: Clause, lex: Lexicon): void {
  const toks = clause.toks;
  for (const c of cands) {
    if (c.dropped || c.row.pos !== 'noun') continue;
    // "lifted the sanctions", "cancelled restrictions": a noun that is the object of a trigger verb is its theme.
    const v = clause.governingVerb(c.t0);
    const g = v === null ? undefined : cands.find((g) => g !== c && !g.dropped && g.row.pos !== 'noun' && g.t0 <= v && v <= g.t1 && !lex.lightVerbs.has(toks[v]!.lemma));
    if (g) {
      c.dropped = true;
      // "to provide about 70 million dollars of aid for Romania": the noun's recipient is the verb's.
      if (g.recipient.length === 0 && c.recipient.length) g.recipient = c.recipient.filter((r) => !g.actor.includes(r));
    }
  }
  for (const c of cands) {
    if (c.dropped) continue;
    // The word that governs this trigger: before "to" for infinitives, or a trigger earlier in the
    // clause whose complement holds this one ("called for the dismissal of", "accused X of working").
    let govTok: number | null = null;
    if (c.vg?.infinitive) {
      let g = clause.skipTimeBack(c.vg.first - 2);
      const obj = g >= 0 ? clause.partAt[g] : undefined;
      if (obj) g = clause.tokenAt(obj.start) - 1;
      while (g >= 0 && (toks[g]!.pos === 'ADV' || toks[g]!.pos === 'PART' && toks[g]!.lower !== 'to')) g--;
      govTok = g >= 0 ? g : null;
    }
    // (A trigger dropped as the content of another still governs its own complement: in "rejected
    // calls for his resignation" the resignation is the content of the calls, not an event.)
    const gov = cands.find((g) => g !== c && (!g.dropped || (g.governedBy !== null && g.governedBy.type !== 'ACCUSE' && !g.governorRole)) && g.t1 < c.t0 && (
      (govTok !== null && g.t0 <= govTok && govTok <= g.t1) ||
      // "demanded an admission by Moscow that Soviet forces murdered…": a that-clause in the object of a speech act is its content.
      (c.t0 - g.t1 <= 20 && (VERBAL.has(g.row.type) || g.row.speech) && (() => {
        const mid = toks.slice(g.t1 + 1, c.t0);
        const th = mid.findIndex((t) => t.lower === 'that');
        return th >= 0 && !mid.slice(0, th).some((t) => t.pos === 'VERB' || t.pos === 'AUX' || t.text === ',' || t.text === ';');
      })()) ||
      (c.t0 - g.t1 <= 12 && VERBAL.has(g.row.type) && !toks.slice(g.t1 + 1, c.t0 + 1).some((t, i) => clause.isBoundary(g.t1 + 1 + i) ||
        (t.pos === 'CCONJ' && /^(VERB|AUX)$/.test(toks[g.t1 + 2 + i]?.pos ?? '')) || t.text === ',' ||
        (t.pos === 'VERB' && !/ing$/.test(t.lower) && toks[g.t1 + i]!.lower !== 'to' && g.t1 + 1 + i !== c.t0)))
    ));
    if (gov?.dropped) {
      c.dropped = true;
      c.governedBy = gov;
      continue;
    }
    if (gov) {
      c.governedBy = gov;
      if (gov.row.type === 'ACCUSE' || gov.row.lemma === 'charge') {
        c.governorRole = 'alleged';
        if (gov.recipient.length === 0 && c.actor.length) gov.recipient = c.actor;
        // The accused act is done by the accused (not for an indictment inside a charge: that is the accuser's).
        if (c.actor.length === 0 && gov.recipient.length && c.row.type !== 'ACCUSE') c.actor = gov.recipient;
      } else if (/^(deny|denial|negar)$/.test(gov.row.lemma)) {
        c.governorRole = 'denied';
      } else if (gov.row.type === 'CONSULT') {
        // "discussed military action against cartels": what is discussed is considered, and it is
        // not the partner of the discussion.
        c.governorRole = 'considered';
        // (The ones weighing an action are the ones who would take it.)
        if (c.actor.length === 0) c.actor = gov.actor;
      } else if (lex.governors.get(gov.row.lemma)?.role === 'keep') {
        // "ordered patrols", "ordered the arrest of": what was ordered is the event; the order is how.
        gov.dropped = true;
        if (gov.actor.length) c.actor = gov.actor;
      } else if (VERBAL.has(gov.row.type) || gov.row.speech) {
        // The content of a request, threat, promise or refusal is not a second event.
        c.dropped = true;
        if (gov.recipient.length === 0 && c.recipient.length) gov.recipient = c.recipient.filter((r) => !gov.actor.includes(r));
        if (gov.row.ifConflict && CONFLICT.has(c.row.type)) gov.type = gov.row.ifConflict;
        const modes = lex.complementModes[gov.type];
        if (modes && !gov.mode) {
          for (const [mode, words] of Object.entries(modes)) if (findPhrase(words, c.form + ' ' + c.complement)) { gov.mode = mode; break; }
        }
      }
      continue;
    }
    if (govTok !== null) {
      const g = toks[govTok]!;
      const rule = lex.governors.get(g.lemma) ?? lex.governors.get(g.lower);
      if (!rule) continue;
      if (rule.role === 'drop') { c.dropped = true; continue; }
      if (rule.role === 'wrap') {
        // "willing to share": the willingness is the event (AGREE), its content sets nothing else.
        c.type = CONFLICT.has(c.row.type) && rule.ifConflict ? rule.ifConflict : rule.type ?? 'AGREE';
        c.mode = null;
        c.confidence += 0.1;
        continue;
      }
      if (rule.role !== 'keep') c.governorRole = rule.role;
    }
  }
}

function finish(c: Cand, clause: Clause, lex: Lexicon, time: TimeDoc, sentence: string, s: { start: number; end: number }, text: string, places: Mention[], inS: Participant[]): CodedEvent | null {
  const row = c.row;
  // Journalists' sourcing ("told NPR", "spoke to reporters") is not an event.
  if (findPhrase(row.excludeObjects, c.complement.split(/[,.;]/)[0] ?? '') ) return null;
  if ((row.speech || row.type === 'CONSULT') && c.recipient.some((r) => findPhrase(lex.sourcing, r.text))) return null;
  if (row.speech || row.type === 'CONSULT') {
    const next = c.complement.trim().split(/[,.;]/)[0]!.toLowerCase();
    if (lex.sourcing.some((x) => next === x || next.startsWith(x + ' '))) return null;
  }
  // With no one named on the receiving end, a material act (or a promise or threat of one) is
  // directed at the country where it takes place ("evacuate settlements in the Gaza Strip", "refused
  // to deploy peacekeepers in Iraq"), as PLOVER codes it. Meetings and accusations are not.
  // (Only a group noun — "refugees", "workers" — takes the place's country; a title like "General" does not.)
  const genericRecipient = c.recipient.length === 1 && c.recipient[0]!.kind === 'generic' && !c.recipient[0]!.country && /[a-z]s$/.test(c.recipient[0]!.text);
  if ((c.recipient.length === 0 || genericRecipient) && !/^(CONSULT|ACCUSE|SUPPORT)$/.test(c.type)) {
    // (Within the act's own clause: not "… came days before Biden arrived in Mexico City".)
    const sameClause = (at: number) => !clause.toks.some((t, i) => t.start >= c.end && t.end <= at &&
      (t.pos === 'AUX' || (t.pos === 'VERB' && !/(ing|ed)$/.test(t.lower) && clause.toks[i - 1]?.lower !== 'to')));
    const place = clause.after(c.t1, 16).find((a) => /^(in|into|inside|to|at|across|near|throughout|on)$/.test(a.role) && a.part.kind === 'country' && sameClause(a.part.start));
    // A place after a preposition, or the direct object of a conflictual act ("blockade Paris").
    const pl = place ? null : places.find((m) => m.start >= c.end && m.end <= s.end && m.ref.country && sameClause(m.start) &&
      (/\b(in|into|inside|to|at|near|across)\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,2}$/iu.test(text.slice(Math.max(s.start, m.start - 30), m.start)) ||
        (CONFLICT.has(c.type) && /^\s*(?:the\s+)?$/i.test(text.slice(c.end, m.start)))));
    const country = place?.part.country ?? pl?.ref.country ?? null;
    if (country && genericRecipient) {
      // "food aid to refugees fleeing the war in Liberia": the generic recipient is of that country.
      c.recipient = [{ ...c.recipient[0]!, country }];
    } else if (country && !c.actor.some((a) => a.country === country && c.type !== 'COERCE' && c.type !== 'THREATEN')) {
      c.recipient = [{ text: place?.part.text ?? pl!.text, entity: null, country, sector: null, start: place?.part.start ?? pl!.start, end: place?.part.end ?? pl!.end, kind: 'country' }];
    }
  }
  // "agents of the DEA", "agentes de la DEA": a generic party takes the country of the body it belongs to.
  const refine = (p: Participant): Participant => {
    if (p.country || p.sector === 'IGO' || p.sector === 'NGO') return p;
    // "Andrew Meldrum, an American correspondent", "X, the United Nations relief coordinator": a
    // name the pack does not know takes the country (or international body) of its apposition.
    if (p.kind === 'name' || p.kind === 'person') {
      const ap = /^(,\s+)(?:an?|the)\s+/i.exec(text.slice(p.end, p.end + 8));
      const q = ap ? inS.find((x) => x.start === p.end + ap[0].length || x.start === p.end + ap[1]!.length) : undefined;
      if (q?.country) return { ...p, country: q.country };
      if (q && (q.sector === 'IGO' || q.sector === 'NGO') && !q.country) return { ...p, sector: q.sector };
      return p;
    }
    if (p.kind !== 'generic') return p;
    const owner = inS.find((q) => q.start > p.end && q.country && /^\s+(?:of|from|de|del|de la|de los|de las)\s+(?:the\s+)?$/i.test(text.slice(p.end, q.start)));
    return owner ? { ...p, country: owner.country } : p;
  };
  c.actor = c.actor.map(refine);
  c.recipient = c.recipient.map(refine);
  // A domestic act of coercion, concession or protest with no one else named is aimed at the
  // actor's own country (PLOVER codes the state as target): "Turkish police prevented the demonstration".
  if (c.recipient.length === 0 && /^(COERCE|CONCEDE|PROTEST)$/.test(c.type) && c.actor.length === 1 && c.actor[0]!.country && !c.actor[0]!.implicit) {
    c.recipient = [{ text: '', entity: null, country: c.actor[0]!.country, sector: null, start: c.start, end: c.start, kind: 'country', implicit: true }];
  }
  // A name the pack does not know ("Azadliq", "Bouteflicka") acts from the country the sentence
  // places the event in, or the only other country it names.
  if (c.actor.length === 1 && c.actor[0]!.kind === 'name' && !c.actor[0]!.country && c.actor[0]!.sector !== 'IGO' && c.actor[0]!.sector !== 'NGO') {
    const others = new Set([...inS.filter((p) => p.kind === 'country' && p.country).map((p) => p.country!), ...places.filter((m) => m.start >= s.start && m.end <= s.end && m.ref.country).map((m) => m.ref.country!)]);
    for (const r of c.recipient) if (r.country && r.kind !== 'country') others.delete(r.country);
    const here = locationOf(c, s, text, places, inS);
    // (With no other country in sight, the party it acts on is a fellow national: "El Sindicato
    // began pressuring Defense Secretary Sandoval".)
    const fellow = others.size === 0 ? c.recipient.find((r) => r.country && (r.kind === 'person' || r.kind === 'organization'))?.country ?? null : null;
    const country = here?.country ?? (others.size === 1 ? [...others][0]! : fellow);
    if (country) c.actor = [{ ...c.actor[0]!, country }];
  }
  // "Students marched in Rangoon", "troops in Baghdad", "Opposition leader X rejected the results
  // of Kenya's election": an actor with no country of its own (a sector noun, a titled person the
  // pack does not know) is of the only country the sentence names, when the event takes place there
  // or, for a domestic political actor, when that country is the state or place acted on.
  if (c.actor.length > 0 && c.actor.every((a) => !a.country && a.kind !== 'name' && a.sector !== 'IGO' && a.sector !== 'NGO' && !a.members && !a.implicit)) {
    const one = soleCountry(s, inS, places);
    if (one) {
      const here = locationOf(c, s, text, places, inS)?.country === one;
      const state = !here && c.actor.every((a) => DOMESTIC.has(a.sector ?? '')) && c.recipient.some((r) => r.country === one && (r.kind === 'country' && (r.sector === 'GOV' || r.sector === null) && !/s$/.test(r.text) || r.implicit));
      if (here || state) c.actor = c.actor.map((a) => ({ ...a, country: one }));
    }
  }
  // "Kenyan police arrested protesters", "Armenian opposition parties called for the resignation of
  // President Kocharian": a recipient with no country of its own (a sector noun, a name the pack
  // does not know) is of the actor's country when the sentence names no other country.
  // (Not a body the pack knows to have no country: "al-Qaeda" stays without one.)
  const stateless = (r: Participant) => !r.country && !r.entity && r.sector !== 'IGO' && r.sector !== 'NGO' && !r.members;
  if (c.recipient.some(stateless)) {
    const own = domesticCountry(c, s, inS, places);
    if (own) c.recipient = c.recipient.map((r) => (stateless(r) ? { ...r, country: own } : r));
  }
  // "The two governments" stands for both countries.
  if (c.actor.some((p) => p.members)) c.actor = c.actor.flatMap((p) => p.members ?? [p]);
  if (c.recipient.some((p) => p.members)) c.recipient = c.recipient.flatMap((p) => p.members ?? [p]);
  const loc = locationOf(c, s, text, places, inS);
  // "He was fired", "his arrest at Los Angeles airport": a state act with no agent named is done by
  // the authorities of the place where it happened, else of the recipient's own country.
  if (c.actor.length === 0 && c.recipient.some((r) => r.country && r.kind !== 'generic') && IMPLICIT[row.type] && (c.vg?.passive || row.pos === 'noun')) {
    const country = loc?.country ?? c.recipient.find((r) => r.country)!.country;
    c.actor = [{ text: '', entity: null, country, sector: IMPLICIT[row.type]!, start: c.start, end: c.start, kind: 'generic', implicit: true }];
    c.confidence -= 0.15;
  }
  // A violent act against no one and nowhere ("sabotaged his own employment") is a figure of speech.
  if (row.type === 'ASSAULT' && row.pos === 'verb' && c.recipient.length === 0 && !(loc && loc.start > c.start)) return null;
  // No one named acts: coded only for a violent or coercive act on a named recipient ("three
  // civilians were killed in a car bombing"), with lower confidence; otherwise not an event.
  if (c.actor.length === 0) {
    if (row.weak || !/^(ASSAULT|COERCE)$/.test(row.type) || !c.recipient.some((r) => r.country || r.kind === 'person')) return null;
    c.confidence -= 0.2;
  }
  // "The two governments negotiated": parties of two countries act on each other (reciprocal).
  const reciprocal = new Set(c.actor.map((a) => a.country).filter(Boolean)).size > 1;
  if (row.needsTarget && c.recipient.length === 0 && !reciprocal) return null;
  const named = (p: Participant) => !!p.country || p.kind === 'person' || p.kind === 'organization' || p.kind === 'group' || p.kind === 'name';
  // Ambiguous triggers need a named actor and a recipient, or an object that confirms them.
  const refusal = !!c.vg?.negated && !!c.vg.aux.some((a) => /^(will|would|'ll|wo)$/.test(a));
  if (row.weak && !refusal && !(c.actor.some(named) && (c.recipient.length > 0 || row.objects))) return null;
  // A generic actor with no country and no recipient is rarely an interaction worth coding.
  if (!c.actor.some(named) && !c.recipient.some(named)) return null;
  if (c.actor.length === 0 && c.recipient.length === 0) return null;
  // "The Sudanese government said it would release all political detainees": an act with no
  // party named on the receiving end, in a sentence that names only the actor's country, is
  // aimed at that country (PLOVER codes the state as target). Meetings need a partner named.
  if (c.recipient.length === 0 && c.type !== 'CONSULT' && c.actor.length && !c.actor.some((a) => a.implicit)) {
    const own = domesticCountry(c, s, inS, places);
    if (own) c.recipient = [{ text: '', entity: null, country: own, sector: null, start: c.start, end: c.start, kind: 'country', implicit: true }];
  }

  // (The clause before the trigger, at most 240 characters: cues further back are out of scope anyway.)
  const before = text.slice(Math.max(Math.min(c.clauseStart, c.start), c.start - 240), c.start);
  const factuality = factualityOf({
    sentence, clause: before, aux: c.vg?.aux ?? [], negated: c.vg?.negated ?? false, form: c.form,
    futureForm: !!row.futureForms?.includes(c.form), conditionalForm: !!row.conditionalForms?.includes(c.form),
    governor: c.governorRole,
  }, lex);
  let type = c.type;
  let mode = c.mode;
  // PLOVER: a future cooperative act is a promise (AGREE); a future retreat a concession;
  // a conflictual act announced under a condition ("unless…") is a threat.
  // PLOVER: an actor's commitment to a future cooperative act (or to one under a condition) is a
  // promise, AGREE; a future violent, coercive or protest act is a threat, THREATEN. Announced
  // sanctions stay SANCTION.
  const committed = (factuality === 'future' || factuality === 'hypothetical') && !c.vg?.passive && c.actor.length > 0 && !c.actor.some((a) => a.implicit);
  if (committed && /^(CONSULT|SUPPORT|COOPERATE|AID|CONCEDE|RETREAT)$/.test(type) && (factuality === 'future' || c.vg?.aux.some((a) => /^(will|would|'ll)$/.test(a)))) { type = 'AGREE'; mode = null; }
  if (committed && /^(ASSAULT|COERCE|PROTEST)$/.test(type) && c.vg?.aux.some((a) => /^(will|would|'ll)$/.test(a))) { type = 'THREATEN'; mode = null; }
  if (committed && type === 'SANCTION' && /\b(unless|if)\b/i.test(sentence) && c.vg?.aux.some((a) => /^(will|would|'ll)$/.test(a))) { type = 'THREATEN'; mode = null; }
  // "will withdraw its force unless…": an act announced under an "unless" condition is a threat.
  if (committed && type === 'AGREE' && c.type !== 'AGREE' && /\bunless\b/i.test(sentence.slice(c.end - s.start))) { type = 'THREATEN'; mode = null; }
  // "will not accept", "won't extradite": refusing a cooperative act is REJECT (asserted).
  let fact = factuality;
  // "failed to reach agreement": a failed cooperative act is a rejection (PLOVER REJECT), asserted.
  if (c.governorRole === 'negated' && c.vg?.infinitive && clause.toks[c.vg.first - 2]?.lemma === 'fail' && /^(AGREE|CONSULT|SUPPORT|COOPERATE|AID|CONCEDE|RETREAT)$/.test(type)) { type = 'REJECT'; mode = null; fact = 'asserted'; }
  // War games or exercises held by forces of two countries are joint: military cooperation.
  if (type === 'MOBILIZE' && new Set(c.actor.map((a) => a.country).filter(Boolean)).size > 1) { type = 'COOPERATE'; mode = 'military'; }
  if (c.vg?.negated && c.vg.aux.some((a) => /^(will|would|'ll|wo)$/.test(a)) && /^(AGREE|CONSULT|SUPPORT|COOPERATE|AID|CONCEDE|RETREAT)$/.test(c.row.type) && c.actor.length) { type = 'REJECT'; mode = null; fact = 'asserted'; }
  // Government "protests" are ACCUSE disapprove (codebook rule, altTypes); a blockade or
  // obstruction by the state is coercion, not a protest.
  const state = c.actor.some((a) => /^(GOV|LEG|JUD|MIL|COP)$/.test(a.sector ?? '') || (a.kind === 'country' && !a.sector));
  if (type === 'PROTEST' && row.altTypes?.includes('ACCUSE') && c.actor.some((a) => /^(GOV|LEG|JUD)$/.test(a.sector ?? ''))) { type = 'ACCUSE'; mode = 'disapprove'; }
  else if (type === 'PROTEST' && row.altTypes?.includes('COERCE') && state) { type = 'COERCE'; mode = null; }
  const t = lex.plover[type];
  if (!t) return null;
  if (row.modeByObject && type === row.type) {
    const m = findPhrase(keysOf(row.modeByObject), c.complement);
    if (m) mode = row.modeByObject[m]!;
  }
  if (row.modeByActorSector && type === row.type) {
    const m = c.actor.map((a) => row.modeByActorSector![a.sector ?? '']).find(Boolean);
    if (m) mode = m;
  }
  if (mode && !t.modes[mode]) mode = null;
  const contexts = new Set([...(row.contexts ?? []), ...paragraphContexts(text, s.start, s.end, lex)]);
  let confidence = c.confidence;
  // An event in an "if"/"unless" condition ("… unless the president agrees to step down") is hypothetical and secondary.
  const lead = text.slice(Math.max(s.start, Math.min(c.clauseStart, c.start) - 14), Math.min(c.clauseStart, c.start));
  if (/\b(if|unless)\s+(the\s+|a\s+)?$/i.test(lead)) {
    // "… if Cienfuegos was not released": a negated condition is no event at all.
    if (fact === 'negated') return null;
    fact = fact === 'asserted' || fact === 'future' ? 'hypothetical' : fact;
    confidence -= 0.2;
  }
  if (c.actor.some((a) => a.country) && c.recipient.some((r) => r.country)) confidence += 0.2;
  if (row.pos === 'verb') confidence += 0.1;
  if (row.weak) confidence -= 0.15;
  if (c.governedBy) confidence -= 0.15;
  // "… ordered patrols after violent protests", "… following the shooting deaths": the background
  // of the reported act is secondary to it.
  if (/\b(after|following|amid|despite|before|since|in the wake of|in response to|in retaliation for)\s+(?:[\p{L}'’-]+\s+){0,5}$/iu.test(text.slice(Math.max(s.start, c.start - 50), c.start)) && c.row.pos !== 'verb') confidence -= 0.15;
  // "… blockade Paris to demand an end …", "… joining demonstrators in demanding …": an act stated
  // as the purpose or manner of another is secondary to it.
  const prevTok = clause.toks[(c.vg?.first ?? c.t0) - 1];
  if (prevTok && ((prevTok.lower === 'to' && c.vg?.infinitive && !/^(VERB|ADJ|AUX)$/.test(clause.toks[(c.vg.first) - 2]?.pos ?? '')) || (c.vg?.gerundPrep && /^(in|by|while)$/.test(c.vg.gerundPrep)))) confidence -= 0.2;
  if (row.pos === 'noun' && /^(show|express|voice)$/.test(clause.toks[clause.governingVerb(c.t0) ?? -1]?.lemma ?? '') && clause.toks.slice(0, c.t0).some((t) => t.lower === 'to')) confidence -= 0.2;
  if (factuality !== 'asserted') confidence -= 0.05;
  return {
    type, mode, contexts: [...contexts], score: mode ? t.modes[mode]!.score : t.score, quad: t.quad,
    cameo: (mode ? t.modes[mode]!.cameo : t.cameo) ?? (type === row.type ? row.cameo ?? null : null) ?? null,
    actor: c.actor, recipient: c.recipient,
    date: time.dateAt(c.start),
    location: loc,
    factuality: fact,
    attribution: attribution(sentence, s.start, inS),
    trigger: { start: c.start, end: c.end },
    evidence: { start: s.start, end: s.end },
    confidence: Math.max(0.05, Math.min(0.95, Math.round(confidence * 100) / 100)),
    triggerPos: row.pos,
    triggerLemma: row.lemma,
    ownDate: time.timexes.some((x) => x.start >= Math.max(s.start, c.start - 30) && x.start <= c.end + 40 && x.end <= s.end),
    temporalClause: /\b(after|before|since|until|following|when|once)\s+(?:[\p{L}'’.-]+\s+){0,4}$/iu.test(text.slice(Math.max(s.start, c.start - 40), c.start)),
  };
}

// The contexts a paragraph's words imply, computed once per paragraph.
const contextCache = new Map<string, string[]>();
function paragraphContexts(text: string, a: number, b: number, lex: Lexicon): string[] {
  const para = paragraphOf(text, a, b);
  let hit = contextCache.get(para);
  if (!hit) {
    hit = contextsIn(normalised(para), lex);
    if (contextCache.size > 256) contextCache.clear();
    contextCache.set(para, hit);
  }
  return hit;
}

/**
 * The contexts whose cue words occur in a normalised text (as findPhrase finds them: padded
 * with spaces), in the lexicon's order. The cues are indexed by their first word and the text
 * read word by word, instead of searching the text once for each of the hundreds of cues.
 */
const contextIndexes = new WeakMap<Lexicon, PaddedIndex<string>>();
function contextsIn(t: string, lex: Lexicon): string[] {
  let ix = contextIndexes.get(lex);
  if (!ix) {
    ix = new PaddedIndex();
    for (const [ctx, words] of Object.entries(lex.contextCues)) for (const w of words) ix.add(` ${w.toLowerCase()} `, ctx);
    contextIndexes.set(lex, ix);
  }
  const found = new Set<string>();
  ix.forEachIn(t, (ctx) => found.add(ctx));
  return Object.keys(lex.contextCues).filter((c) => found.has(c));
}

function paragraphOf(text: string, a: number, b: number): string {
  const start = text.lastIndexOf('\n\n', a);
  const end = text.indexOf('\n\n', b);
  return text.slice(start < 0 ? 0 : start, end < 0 ? text.length : end);
}

/** The place of the event: a gazetteer place in the sentence after "in/at/near/en", nearest the trigger. */
function locationOf(c: Cand, s: { start: number; end: number }, text: string, places: Mention[], inS: Participant[]): Place | null {
  // Gazetteer places, and countries named as a place ("serving a sentence in the U.S.").
  const here: Mention[] = places.filter((p) => p.start >= s.start && p.end <= s.end);
  for (const p of inS) {
    if (p.kind === 'country' && p.country && p.end - p.start <= 30 && !p.members && !c.actor.includes(p) && !c.recipient.includes(p)) {
      here.push({ start: p.start, end: p.end, text: p.text, ref: { id: `country-${p.country.toLowerCase()}`, name: p.text, kind: 'place', country: p.country, sector: null, role: 'place' } });
    }
  }
  let best: Mention | null = null;
  for (const p of here) {
    const prep = /(?:\b(?:in|at|near|outside|from|into|en|cerca de|desde)\s+(?:the\s+|el\s+|la\s+)?(?:[\p{L}-]+\s+){0,3})$/iu.test(text.slice(Math.max(s.start, p.start - 40), p.start));
    if (!prep) continue;
    if (!best || Math.abs(p.start - c.start) < Math.abs(best.start - c.start)) best = p;
  }
  if (!best) return null;
  const place = placeById().get(best.ref.id);
  return { text: best.text, country: best.ref.country, admin1: place?.admin1 ?? null, lat: place?.lat ?? null, lon: place?.lon ?? null, start: best.start, end: best.end };
}

let places: Map<string, { admin1: string | null; lat: number | null; lon: number | null }> | null = null;
function placeById() {
  places ??= new Map(gazetteer().pack.places.map((p) => [p.id, { admin1: p.admin1 ?? null, lat: p.lat ?? null, lon: p.lon ?? null }]));
  return places;
}

/** Could two dates be the same day (one unknown, or one within the other's span)? */
function sameTime(a: EventDate, b: EventDate): boolean {
  if (!a.start || !b.start) return true;
  const n = Math.min(a.start.length, b.start.length);
  return a.start.slice(0, n) === b.start.slice(0, n);
}

/** One event per type and actor/recipient countries in a sentence; a noun mention of an event already coded is the same event. */
function dedupe(events: CodedEvent[]): CodedEvent[] {
  const out: CodedEvent[] = [];
  // The same parties (by entity or name, not only by country): "a phone call between Trump and Peña
  // Nieto" and "a meeting with Videgaray" in one sentence are two consultations.
  const id = (p: Participant) => p.entity ?? (p.kind === 'country' ? p.country : p.text.toLowerCase());
  const key = (e: CodedEvent) => `${e.evidence.start}|${e.type}|${e.actor.map(id).sort().join(',')}|${e.recipient.map(id).sort().join(',')}`;
  const seen = new Map<string, CodedEvent>();
  for (const e of events) {
    const k = key(e);
    const prev = seen.get(k);
    if (prev) { if (e.confidence > prev.confidence) out[out.indexOf(prev)] = e, seen.set(k, e); continue; }
    seen.set(k, e);
    out.push(e);
  }
  // A noun mention of an event already coded ("the Cienfuegos arrest" after "arrested
  // Cienfuegos") is the same event reported again: it is coded once.
  const who = (p?: Participant) => p ? p.entity ?? p.text.toLowerCase() : '';
  // "the arrest", "news of the arrest": a noun with no named person of its own after an event of that type.
  const remention = (e: CodedEvent, i: number) => e.triggerPos === 'noun' && out.slice(0, i).some((f) => f.type === e.type && f.evidence.start !== e.evidence.start &&
    (f.triggerLemma === e.triggerLemma || f.triggerLemma.startsWith(e.triggerLemma) || e.triggerLemma.startsWith(f.triggerLemma)) &&
    (e.recipient.length === 0 || e.recipient[0]!.kind !== 'person' || who(f.recipient[0]) === who(e.recipient[0])) && (!e.ownDate || sameTime(f.date, e.date)));
  // In one sentence, an event with no recipient beside one of the same type and actor with a recipient is the same event.
  const partial = (e: CodedEvent) => e.recipient.every((r) => r.implicit) && out.some((f) => f !== e && f.evidence.start === e.evidence.start && f.type === e.type &&
    f.recipient.some((r) => !r.implicit) && f.actor.map((a) => a.country).join() === e.actor.map((a) => a.country).join());
  // "the house in which El H2 and the others were killed": the same act on the same named party,
  // told again later, is the event already coded.
  const named = (p?: Participant) => (p && (p.entity || p.kind === 'person' || p.kind === 'generic') ? who(p) : null);
  const retold = (e: CodedEvent, i: number) => !!named(e.recipient[0]) && out.slice(0, i).some((f) => f.type === e.type && f.evidence.start !== e.evidence.start &&
    f.triggerLemma === e.triggerLemma && named(f.recipient[0]) === named(e.recipient[0]) &&
    // "a week after Cienfuegos was arrested": a time clause refers back to the event whatever its own date.
    (sameTime(f.date, e.date) || (e.temporalClause ?? false)));
  // "Rebels blew up a police jeep …, killing 11 policemen", "Baghdad rejected … refusing to …": in
  // one sentence, an event of the same type by the same side(s) on the same country, or on no one
  // named, told again with another verb is the same event; the more confident telling is kept.
  const bySentence = new Map<number, CodedEvent[]>();
  for (const e of out) { const l = bySentence.get(e.evidence.start); if (l) l.push(e); else bySentence.set(e.evidence.start, [e]); }
  const cset = (xs: Participant[]) => [...new Set(xs.filter((p) => !p.implicit).map((p) => p.country).filter(Boolean))].sort().join();
  const repeat = (e: CodedEvent) => {
    const same = bySentence.get(e.evidence.start)!;
    if (same.length < 2) return false;
    const ea = cset(e.actor), er = cset(e.recipient);
    return same.some((f) => f !== e && f.type === e.type && (f.confidence > e.confidence || (f.confidence === e.confidence && f.trigger.start < e.trigger.start)) &&
      ea !== '' && cset(f.actor) === ea &&
      // (Two modes of one type are two acts: "raided … to arrest".)
      (!e.mode || !f.mode || e.mode === f.mode) &&
      (e.recipient.every((r) => r.implicit) || (er !== '' && er === cset(f.recipient))));
  };
  return out.filter((e, i) => !remention(e, i) && !partial(e) && !retold(e, i) && !repeat(e));
}

/** The actor's one country when the sentence names no other (its parties and places), else null. */
function domesticCountry(c: Cand, s: { start: number; end: number }, inS: Participant[], places: Mention[]): string | null {
  let own: string | null = null;
  for (const a of c.actor) {
    if (!a.country) continue;
    if (own && a.country !== own) return null;
    own = a.country;
  }
  if (!own) return null;
  for (const p of inS) {
    if (p.country && p.country !== own) return null;
    if (p.members?.some((m) => m.country && m.country !== own)) return null;
  }
  for (const m of placesIn(s, places)) if (m.ref.country && m.ref.country !== own) return null;
  return own;
}

/** Sectors of a country's own political life: their members act at home. */
const DOMESTIC = new Set(['GOV', 'OPP', 'LEG', 'JUD', 'COP', 'EDU', 'LAB', 'CVL', 'MED', 'PTY']);

/** The one country the sentence names (its parties and places), else null. */
function soleCountry(s: { start: number; end: number }, inS: Participant[], places: Mention[]): string | null {
  let one: string | null = null;
  const see = (c: string | null | undefined) => {
    if (!c) return true;
    if (one && c !== one) return false;
    one = c;
    return true;
  };
  for (const p of inS) {
    if (!see(p.country)) return null;
    if (p.members) for (const m of p.members) if (!see(m.country)) return null;
  }
  for (const m of placesIn(s, places)) if (!see(m.ref.country)) return null;
  return one;
}

/** The places of one sentence, kept for the events of that sentence (the article's list is read once per sentence). */
let placeMemo: { s: { start: number; end: number } | null; all: Mention[] | null; list: Mention[] } = { s: null, all: null, list: [] };
function placesIn(s: { start: number; end: number }, places: Mention[]): Mention[] {
  if (placeMemo.s !== s || placeMemo.all !== places) {
    // Places are in text order: a binary search finds the first in the sentence.
    let lo = 0, hi = places.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (places[mid]!.start < s.start) lo = mid + 1; else hi = mid; }
    const list: Mention[] = [];
    for (let i = lo; i < places.length && places[i]!.start < s.end; i++) if (places[i]!.end <= s.end) list.push(places[i]!);
    placeMemo = { s, all: places, list };
  }
  return placeMemo.list;
}
