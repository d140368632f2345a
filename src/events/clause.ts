// Shallow clause structure over part-of-speech tags, enough to find who did what to whom:
// verb groups (auxiliaries, negation, passive voice, infinitive and gerund complements), the
// subject of a verb (skipping appositions and relative clauses, following coordinated verbs,
// controlled infinitives and relative pronouns back to their antecedent) and the participants
// after it with the preposition that introduces each. No library parses English here: wink-nlp
// tags but does not parse, and compromise is too slow and weak on organisations (see README).
import type { Participant } from './participants.js';

export interface Tok { text: string; lower: string; start: number; end: number; pos: string; lemma: string }

export interface VerbGroup {
  /** First token of the group (auxiliaries and adverbs included). */
  first: number;
  head: number;
  aux: string[];
  passive: boolean;
  negated: boolean;
  infinitive: boolean;
  /** "-ing" form after a preposition ("of working", "by protecting"): the preposition. */
  gerundPrep: string | null;
}

const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', "'s", "'re", 'get', 'got', 'gets', 'getting', 'gotten',
  // Spanish "ser" (the passive auxiliary)
  'fue', 'fueron', 'es', 'son', 'sido', 'era', 'eran', 'será', 'serán', 'sería', 'serían', 'sea', 'sean']);


const NEG = new Set(['not', "n't", 'never', 'no']);
const REL = new Set(['who', 'which', 'that', 'whom', 'quien', 'quienes', 'que']);
const BOUNDARY_SCONJ = new Set(['because', 'although', 'though', 'while', 'whereas', 'if', 'unless', 'since', 'after', 'before', 'when', 'as', 'until', 'once', 'so', 'that', 'whether', 'where']);
export const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'him', 'her', 'them', 'his', 'its', 'their', 'our']);

export class Clause {
  /** Token index → participant covering it. */
  readonly partAt: Array<Participant | undefined>;

  /** Tokens inside a time expression ("on Tuesday", "last month"), skipped when looking for a subject. */
  readonly timeAt: boolean[];

  /** `reporting`: lemmas of verbs of saying (domain/events/governors.json). */
  constructor(readonly toks: Tok[], readonly parts: Participant[], times: Array<{ start: number; end: number }> = [], readonly reporting: Set<string> = new Set()) {
    this.partAt = toks.map((t) => parts.find((p) => p.start <= t.start && t.start < p.end));
    const first = toks[0]?.start ?? 0;
    const last = toks[toks.length - 1]?.end ?? 0;
    const here = times.filter((x) => x.end > first && x.start < last);
    this.timeAt = toks.map((t) => here.some((x) => x.start <= t.start && t.start < x.end) || /^(today|yesterday|tonight|now|here|there)$/.test(t.lower));
  }

  /** The token before a time expression ending at k ("… on Monday"), or k when there is none. */
  skipTimeBack(k: number): number {
    if (k < 0 || !this.timeAt[k] || this.partAt[k]) return k;
    let g = k;
    while (g >= 0 && this.timeAt[g] && !this.partAt[g]) g--;
    if (g >= 0 && this.toks[g]!.pos === 'ADP' && /^(on|in|at|during|since|by|until)$/.test(this.toks[g]!.lower)) g--;
    return g;
  }

  /** The sentence text between two offsets, rebuilt from the tokens. */
  text(a: number, b: number): string {
    let out = '';
    let at = a;
    for (const t of this.toks) {
      if (t.end <= a || t.start >= b) continue;
      out += ' '.repeat(Math.max(0, t.start - at)) + t.text;
      at = t.end;
    }
    return out + ' '.repeat(Math.max(0, b - at));
  }

  /** Index of the token starting at or containing a character offset. */
  tokenAt(at: number): number {
    let lo = 0, hi = this.toks.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (this.toks[mid]!.start <= at) lo = mid; else hi = mid - 1; }
    return lo;
  }

  /** The participant whose last token is `k` (or that covers it). */
  partEndingAt(k: number): Participant | undefined {
    return this.partAt[k];
  }

  /** The verb group of the verb at `head`; `from` is where the verb's word starts when it spans tokens ("test-fired"). */
  verbGroup(head: number, from = head): VerbGroup {
    const aux: string[] = [];
    let negated = false;
    let k = from - 1;
    while (k >= 0) {
      const t = this.toks[k]!;
      if (t.pos === 'AUX' || (t.pos === 'PART' && NEG.has(t.lower)) || (t.pos === 'ADV' && t.lower.length > 1 && !/^(then|also|later|now|so)$/.test(t.lower) && k > 0 && (this.toks[k - 1]!.pos === 'AUX' || NEG.has(this.toks[k - 1]!.lower)))) {
        if (NEG.has(t.lower)) negated = true;
        if (t.pos === 'AUX') aux.push(t.lower);
        k--;
        continue;
      }
      if (t.pos === 'ADV' && /ly$/.test(t.lower)) { k--; continue; }
      break;
    }
    const first = k + 1;
    const h = this.toks[head]!;
    // Past participle: its form differs from the lemma, or an irregular one ("put", "set", "hit") after "be".
    const participle = !/ing$/.test(h.lower) && (h.lower !== h.lemma || (!!aux[0] && BE.has(aux[0]) && aux[0] !== "'s") || /(ado|ido|ada|ida|ados|idos|adas|idas|cho|cha|sto|sta)$/.test(h.lower));
    // Passive: a participle after a form of "be" ("was arrested", "has been indicted"), or a bare
    // participle in a headline. "has killed" is active.
    const lastAux = aux[0];
    const passive = participle && !!lastAux && BE.has(lastAux) && lastAux !== "'s" || (participle && aux.length === 0 && this.headlineParticiple(head));
    const before = this.toks[first - 1];
    // "may have been lured … and then executed": a bare participle coordinated with a passive is passive.
    let coordinatedPassive = false;
    if (participle && aux.length === 0) {
      let c = first - 1;
      while (c > 0 && this.toks[c]!.pos === 'ADV') c--;
      if (this.toks[c]?.pos === 'CCONJ') {
        const prev = this.previousVerb(c);
        if (prev !== null && prev !== head) coordinatedPassive = this.verbGroup(prev).passive;
      }
    }
    const infinitive = !!before && before.lower === 'to' && before.pos === 'PART';
    const gerundPrep = /ing$/.test(h.lower) && before && before.pos === 'ADP' ? before.lower : null;
    return { first, head, aux: aux.reverse(), passive: passive || coordinatedPassive, negated, infinitive, gerundPrep };
  }

  /** "General arrested in Los Angeles": a bare participle right after the first noun phrase of a short verbless line. */
  private headlineParticiple(head: number): boolean {
    if (this.toks.length > 16) return false;
    const last = this.toks[this.toks.length - 1]!;
    if (/[.!?…"”]/.test(last.text)) return false;
    return !this.toks.slice(0, head).some((t) => t.pos === 'VERB' || t.pos === 'AUX');
  }

  isBoundary(k: number): boolean {
    const t = this.toks[k]!;
    if (t.pos === 'PUNCT' && /^[;:—–()]$/.test(t.text)) return true;
    if (t.pos === 'SCONJ' && BOUNDARY_SCONJ.has(t.lower)) return true;
    return false;
  }

  /** Skip back over a parenthetical ", …," / "(…)" / "— … —" ending at token k; returns the index before it, or k. */
  private skipParenthetical(k: number, floor: number): number {
    const t = this.toks[k]!;
    const open = t.text === ',' ? ',' : t.text === ')' ? '(' : t.text === '—' || t.text === '–' ? t.text : null;
    if (!open) return k;
    for (let j = k - 1; j > floor; j--) {
      if (this.toks[j]!.text === open) return j - 1;
      if (this.toks[j]!.text === ';' || this.toks[j]!.text === ':') return k;
    }
    return k;
  }

  /** Coordinated participants ending at token k: "Mexico and the United States", "Hungarian and Romanian officials". */
  coordinatedBefore(head: Participant): Participant[] {
    const out = [head];
    let j = this.tokenAt(head.start) - 1;
    let and = false;
    while (j >= 1) {
      const t = this.toks[j]!;
      // "X, Y and Z": a comma links only inside a list that ends with "and" ("In Sin Embargo, Deare met" is no list).
      if (t.text === ',' ? !and : !(t.lower === 'and' || t.lower === 'y' || t.lower === 'e')) break;
      if (t.text !== ',') and = true;
      let m = j - 1;
      if (this.toks[m]?.text === ',' ) m--;
      const p = this.partAt[m];
      if (!p || out.includes(p)) break;
      out.unshift(p);
      j = this.tokenAt(p.start) - 1;
    }
    return out;
  }

  /** Coordinated participants starting at participant p going right: "X and Y". */
  coordinatedAfter(p: Participant, limit: number, between = false): Participant[] {
    const out = [p];
    let j = this.tokenAt(p.end - 1) + 1;
    let lastAnd = 1;
    while (j < limit) {
      const t = this.toks[j]!;
      if (!(t.lower === 'and' || t.text === ',' || t.lower === 'y' || t.lower === 'e')) break;
      if (t.text !== ',' || this.toks[j + 1]?.lower === 'and') lastAnd = out.length + 1;
      let m = j + 1;
      if (this.toks[m]?.lower === 'and') m++;
      while (m < limit && this.toks[m]!.pos === 'DET') m++;
      const q = this.partAt[m];
      if (!q || out.includes(q) || q.start !== this.toks[m]!.start) break;
      // "…, and officials said": a party with its own verb starts a new clause.
      // (Not after "between": "talks between X and Y opened" need both.)
      if (!between && /^(VERB|AUX)$/.test(this.toks[this.tokenAt(q.end - 1) + 1]?.pos ?? '')) break;
      out.push(q);
      j = this.tokenAt(q.end - 1) + 1;
    }
    // A comma-linked tail with no closing "and" is not a list.
    return out.slice(0, lastAnd);
  }

  /**
   * The subject of the verb group: the nearest noun phrase to the left in the same clause.
   * Returns participants, 'generic' when the subject is a noun phrase holding no participant,
   * a pronoun token, or null when none is found.
   */
  subject(vg: VerbGroup, depth = 0): Subject {
    if (depth > 4) return { kind: 'none' };
    const toks = this.toks;
    let k = vg.first - 1;
    if (k < 0) return { kind: 'none' };
    // Relative clause: "…, who was arrested" / "the unit that was shut down".
    if (REL.has(toks[k]!.lower) && (toks[k]!.pos === 'PRON' || toks[k]!.pos === 'DET' || toks[k]!.pos === 'SCONJ')) {
      let a = k - 1;
      if (toks[a]?.text === ',') a--;
      const p = a >= 0 ? this.partAt[a] : undefined;
      if (p) return { kind: 'parts', parts: this.coordinatedBefore(p), via: 'relative' };
      return { kind: 'generic' };
    }
    // Coordinated verb: "called for … and threatened to …" shares the subject of the first verb.
    let c = k;
    while (c > 0 && toks[c]!.pos === 'ADV') c--;
    if (toks[c]!.pos === 'CCONJ' && !vg.infinitive) {
      const prev = this.previousVerb(c);
      if (prev !== null) return this.subject(this.verbGroup(prev), depth + 1);
      return { kind: 'none' };
    }
    if (vg.infinitive) {
      // "urged the agency to answer": object control; "agreed to provide": subject control.
      // (Over a time expression: "pledged on Tuesday to release", "raided … on Monday to arrest".)
      let g = this.skipTimeBack(vg.first - 2);
      const obj = g >= 0 ? this.partAt[g] : undefined;
      if (obj) {
        const before = this.tokenAt(obj.start) - 1;
        const bt = toks[before];
        if (bt && (bt.pos === 'VERB' || (bt.pos === 'ADP' && /^(on|for|upon)$/.test(bt.lower)))) return { kind: 'parts', parts: this.coordinatedBefore(obj), via: 'control' };
      }
      while (g >= 0 && (toks[g]!.pos === 'ADV' || toks[g]!.pos === 'PART')) g--;
      if (g < 0) return { kind: 'none' };
      if (toks[g]!.pos === 'NOUN') {
        // "Mexico's decision to extradite", "plans to", "efforts to": the possessor, else the verb's subject.
        const poss = this.possessorOf(g);
        if (poss) return { kind: 'parts', parts: [poss], via: 'possessor' };
        const v = this.governingVerb(g);
        if (v !== null) return this.subject(this.verbGroup(v), depth + 1);
        // A purpose clause ("…converged on Lagos to protest…") shares the main subject.
        const pv = this.previousVerb(g);
        if (pv !== null) return this.subject(this.verbGroup(pv), depth + 1);
        return { kind: 'generic' };
      }
      if (toks[g]!.pos === 'VERB' || toks[g]!.pos === 'ADJ' || toks[g]!.pos === 'AUX') {
        let h = g;
        if (toks[g]!.pos === 'ADJ') {
          // "willing to", "ready to": the subject of the copula before it.
          while (h >= 0 && toks[h]!.pos !== 'AUX' && toks[h]!.pos !== 'VERB') h--;
          if (h < 0) return { kind: 'none' };
        }
        return this.subject(this.verbGroup(h), depth + 1);
      }
      return { kind: 'none' };
    }
    if (vg.gerundPrep) {
      // "accused Cienfuegos of working": the object before "of"; "by protecting": the main subject.
      const a = vg.first - 2;
      const p = a >= 0 ? this.partAt[a] : undefined;
      if (p && vg.gerundPrep === 'of') return { kind: 'parts', parts: [p], via: 'object' };
      const prev = this.previousVerb(vg.first - 1);
      if (prev !== null) return this.subject(this.verbGroup(prev), depth + 1);
      return { kind: 'none' };
    }
    // "began pressuring", "continued targeting": a verb right after another shares its subject.
    if (k >= 0 && toks[k]!.pos === 'VERB' && /ing$/.test(toks[vg.head]!.lower) && vg.aux.length === 0) return this.subject(this.verbGroup(k), depth + 1);
    // "Barr backpedaled, dropping all charges": a participle clause after a comma shares the main subject.
    if (/ing$/.test(toks[vg.head]!.lower) && vg.aux.length === 0 && k >= 0 && /^[,:—–]$/.test(toks[k]!.text)) {
      const v = this.previousVerb(k);
      if (v !== null) return this.subject(this.verbGroup(v), depth + 1);
    }
    // "a declaration demanding that…", "troops guarding the border": a participle right after a noun.
    if (/ing$/.test(toks[vg.head]!.lower) && vg.aux.length === 0 && k >= 0 && toks[k]!.pos === 'NOUN' && !this.partAt[k]) {
      const v = this.governingVerb(k);
      if (v !== null) return this.subject(this.verbGroup(v), depth + 1);
    }
    // Plain finite verb: walk left over adverbs, auxiliaries, time expressions ("The UN on
    // Tuesday imposed…") and parentheticals to the subject's last word.
    while (k >= 0) {
      const t = toks[k]!;
      if (t.pos === 'ADV' || t.pos === 'AUX' || t.pos === 'PART' && NEG.has(t.lower)) { k--; continue; }
      // An opening quotation mark before the verb belongs to the quote, not to the subject.
      if (/^["“‘']$/.test(t.text) && k > 0 && this.toks[k + 1] && k + 1 < vg.first + 1) { k--; continue; }
      if (this.timeAt[k] && !this.partAt[k]) {
        k--;
        while (k >= 0 && this.timeAt[k] && !this.partAt[k]) k--;
        if (k >= 0 && toks[k]!.pos === 'ADP' && /^(on|in|at|last|this|during|since|by)$/.test(toks[k]!.lower)) k--;
        continue;
      }
      if (t.text === ',' || t.text === ')' || t.text === '—' || t.text === '–') {
        const j = this.skipParenthetical(k, -1);
        if (j !== k) { k = j; continue; }
        return { kind: 'none' };
      }
      break;
    }
    if (k < 0) return { kind: 'none' };
    const t = toks[k]!;
    let p = this.partAt[k];
    if (p) {
      // "Palestinian police in Jericho confiscated…", "officials in Mexico said…": the head of the
      // noun phrase acts; a head without a country takes the one its place phrase names.
      const pi = this.tokenAt(p.start);
      const prep = toks[pi - 1];
      // ("The Red Cross operating in Iraq said…": over a participle too.)
      let hi = pi - 2;
      if (hi >= 0 && toks[hi]!.pos === 'VERB' && /(ing|ed)$/.test(toks[hi]!.lower)) hi--;
      const head = pi >= 2 && hi >= 0 && prep && prep.pos === 'ADP' && /^(in|at|from|of|near|inside|within|on|based)$/.test(prep.lower) ? this.partAt[hi] : undefined;
      if (head && head !== p) {
        if (!head.country && p.country && head.kind === 'generic') head.country = p.country;
        p = head;
        return { kind: 'parts', parts: this.coordinatedBefore(p), via: 'np' };
      }
      // "European Community foreign ministers", "DEA agents": a generic head takes the body named right before it.
      const hp = p;
      if (hp.kind === 'generic' && !hp.country) {
        const mod = this.parts.find((q) => q !== hp && q.end <= hp.start && q.kind !== 'generic' && /^(?:['’]s)?(?:\s+[a-z][\p{L}-]*){0,2}\s*$/u.test(this.text(q.end, hp.start)));
        if (mod) return { kind: 'parts', parts: [mod], via: 'np' };
      }
      return { kind: 'parts', parts: this.coordinatedBefore(p), via: 'np' };
    }
    if (t.pos === 'PRON' && PRONOUNS.has(t.lower)) {
      // "Iraq said it would allow…", "Annan announced that he will withdraw…": the speaker.
      let r = k - 1;
      if (this.toks[r]?.lower === 'that') r--;
      while (r >= 0 && this.timeAt[r]) r--;
      if (r >= 0 && this.toks[r]!.pos === 'ADP' && /^(on|in|at)$/.test(this.toks[r]!.lower)) r--;
      const rv = this.toks[r];
      if (rv && rv.pos === 'VERB' && this.reporting.has(rv.lemma) && depth < 4) {
        const speaker = this.subject(this.verbGroup(r), depth + 1);
        if (speaker.kind === 'parts') return speaker;
      }
      return { kind: 'pronoun', token: k };
    }
    if (t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'NUM' || t.pos === 'ADJ') {
      // A noun phrase whose head is not a participant: look inside it ("Israeli helicopters and tanks",
      // "the government of Sindh") for one with a country, within the phrase.
      for (let j = k; j >= 0 && k - j < 10; j--) {
        const u = toks[j]!;
        // "The Asia-Pacific Economic Cooperation (APEC) forum": over a parenthesis inside the phrase.
        if (u.text === ')') { const o = toks.slice(0, j).map((x) => x.text).lastIndexOf('('); if (o >= 0) { j = o; continue; } }
        if (this.isBoundary(j) || u.pos === 'VERB' && !/(ing|ed)$/.test(u.lower) || u.pos === 'AUX' || u.text === ',') break;
        const q = this.partAt[j];
        if (q && (q.country || q.kind !== 'generic')) return { kind: 'parts', parts: [q], via: 'inside' };
      }
      return { kind: 'generic' };
    }
    return { kind: 'none' };
  }

  /** "Mexico's decision", "the government's plan", "U.S. arrest": a participant right before a noun (possessive or modifier). */
  possessorOf(noun: number): Participant | undefined {
    let j = noun - 1;
    while (j >= 0 && (this.toks[j]!.pos === 'ADJ' || (this.toks[j]!.pos === 'NOUN' && !this.partAt[j]))) j--;
    if (j < 0) return undefined;
    if (this.toks[j]!.lower === "'s" || this.toks[j]!.lower === '’s' || this.toks[j]!.lower === "'") j--;
    return j >= 0 ? this.partAt[j] : undefined;
  }

  /** A possessive pronoun right before a noun phrase ("his arrest", "their request"). */
  possessivePronoun(noun: number): number | null {
    let j = noun - 1;
    while (j >= 0 && (this.toks[j]!.pos === 'ADJ' || this.toks[j]!.pos === 'NOUN' || this.toks[j]!.pos === 'ADV')) j--;
    return j >= 0 && /^(his|her|its|their|our)$/.test(this.toks[j]!.lower) ? j : null;
  }

  /** The verb whose object is the noun phrase ending at `noun` ("launched an attack", "held talks"). */
  governingVerb(noun: number): number | null {
    let j = noun - 1;
    // Over the phrase's determiners, modifiers, possessive pronouns and measure phrases ("10 days of").
    while (j >= 0 && (/^(DET|ADJ|NUM|NOUN|PROPN|PART|ADV)$/.test(this.toks[j]!.pos) || /^(his|her|its|their|our|of|-)$/.test(this.toks[j]!.lower) || (this.toks[j]!.pos === 'VERB' && this.toks[j - 1]?.text === '-')) && !this.isBoundary(j)) j--;
    return j >= 0 && this.toks[j]!.pos === 'VERB' ? j : null;
  }

  /** Is the noun phrase around token k the subject of its clause (nothing but its modifiers before it)? */
  inSubjectPosition(k: number): boolean {
    let j = k - 1;
    while (j >= 0 && (/^(DET|ADJ|NUM|NOUN|PROPN|PART|ADV)$/.test(this.toks[j]!.pos) || /^(his|her|its|their|our|-)$/.test(this.toks[j]!.lower) || this.partAt[j] || (this.toks[j]!.pos === 'VERB' && this.toks[j - 1]?.text === '-'))) j--;
    return j < 0 || this.toks[j]!.text === ',' || this.toks[j]!.pos === 'SCONJ' || this.toks[j]!.pos === 'CCONJ';
  }

  /** The nearest finite verb before token k in the same sentence. */
  previousVerb(k: number): number | null {
    for (let j = k - 1; j >= 0; j--) {
      const t = this.toks[j]!;
      // "the detained mayor": a participle used as an adjective is not a verb of the clause.
      if (t.pos === 'VERB' && !/^(DET|ADJ)$/.test(this.toks[j - 1]?.pos ?? '')) return j;
    }
    return null;
  }

  /** The preposition introducing the noun phrase that starts at token k ('obj' for none). */
  roleOf(k: number, floor: number): string {
    let j = k - 1;
    // Over the phrase's own modifiers: "then-Defense Secretary Cienfuegos", "the H2 trafficking network".
    // Quantifiers too: "more than 100 Palestinians", "at least 12 people", "up to 13,000 refugees".
    const quantifier = (i: number) => /^(than|least|at|up|to|about|nearly|some|over|almost|around|roughly|approximately|more|fewer|less)$/.test(this.toks[i]!.lower) && this.toks.slice(i + 1, k).some((u) => u.pos === 'NUM');
    // And over coordinated parties: in "in the U.S. and Mexico", Mexico is also "in".
    // A possessive determiner too: "with his Saudi counterpart".
    while (j > floor && ((/^(DET|ADJ|NUM|PROPN|NOUN)$/.test(this.toks[j]!.pos) || /^[-"“”‘’']$/.test(this.toks[j]!.text) || this.toks[j]!.lower === 'then' || quantifier(j) || POSS_DET.has(this.toks[j]!.lower)) && !(this.partAt[j] && this.partAt[j]!.kind !== 'generic') ||
      (this.toks[j]!.pos === 'CCONJ' && this.partAt[j - 1]) || (this.partAt[j] && this.toks[j + 1]?.pos === 'CCONJ' && this.partAt[j] !== this.partAt[k]))) j--;
    if (j <= floor) return 'obj';
    const t = this.toks[j]!;
    // A direct object follows its verb with nothing but its own modifiers between: a noun phrase
    // further on, after a preposition or another verb, is not the object ("called for sanctions
    // … in the wake of the execution of X": X is not what was called for).
    const directObject = () => !this.toks.slice(floor + 1, k).some((u) => u.pos === 'ADP' || u.pos === 'VERB' || u.pos === 'SCONJ' || u.text === ',');
    // "defended the right of Russian troops", "rejected the proposal of X": the genitive of the direct object.
    if (t.lower === 'of' && j - 1 > floor && this.toks.slice(floor + 1, j).every((u) => /^(DET|ADJ|NOUN|NUM)$/.test(u.pos)) && this.toks[j - 1]!.pos === 'NOUN') return 'poss';
    if (t.pos === 'ADP' || (t.pos === 'PART' && t.lower === 'to') || t.lower === 'against') {
      // "for one of Mexico's cartels", "with some of the agencies": the preposition before the quantifier.
      const q = this.toks[j - 1];
      if (t.lower === 'of' && q && (q.pos === 'NUM' || /^(some|many|most|all|several|each|any|none|part|members|leaders|head|chief)$/.test(q.lower))) return this.roleOf(j - 1, floor);
      return t.lower;
    }
    if (t.lower === "'s" || t.lower === '’s') return directObject() ? 'poss' : 'embedded';
    return directObject() ? 'obj' : 'embedded';
  }

  /** ", a state-owned newspaper said", ", officials told reporters": an attribution clause from token k to the next comma or the end. */
  reportingClauseAt(k: number): boolean {
    for (let j = k; j < this.toks.length && j < k + 10; j++) {
      const t = this.toks[j]!;
      if (t.text === ',' || t.text === ';') return false;
      if ((t.pos === 'VERB' && this.reporting.has(t.lemma)) || (t.pos === 'ADP' && /^(according|según)$/.test(t.lower))) return true;
    }
    return false;
  }

  /** Participants after token k in the same clause, with the preposition that introduces each. */
  after(k: number, maxTokens = 14): Array<{ part: Participant; role: string; at: number }> {
    const out: Array<{ part: Participant; role: string; at: number }> = [];
    const seen = new Set<Participant>();
    const limit = Math.min(this.toks.length, k + 1 + maxTokens);
    for (let j = k + 1; j < limit; j++) {
      if (this.isBoundary(j)) break;
      const t = this.toks[j]!;
      if (t.text === ',' && REL.has(this.toks[j + 1]?.lower ?? '')) break;
      if (t.text === ',' && this.reportingClauseAt(j + 1)) break;
      // "… and threatened", "… and it was reported": a new clause.
      if (t.pos === 'CCONJ' && this.toks[j + 1] && /^(VERB|AUX|PRON|ADV)$/.test(this.toks[j + 1]!.pos)) break;
      const p = this.partAt[j];
      if (!p || seen.has(p)) continue;
      seen.add(p);
      out.push({ part: p, role: this.roleOf(this.tokenAt(p.start), k), at: j });
    }
    return out;
  }
}

const POSS_DET = new Set(['his', 'her', 'its', 'their', 'our', 'my', 'your']);

export type Subject =
  | { kind: 'parts'; parts: Participant[]; via: string }
  | { kind: 'pronoun'; token: number }
  | { kind: 'generic' }
  | { kind: 'none' };
