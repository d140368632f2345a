// Dictionary matching of the domain pack in a text: institutions, criminal groups and their
// factions, people, countries and places. Matching is accent-insensitive and case-aware: a
// form written with capitals only matches capitalised text (so a generic or spun "navy"
// never becomes the Mexican Navy), acronyms match exactly, and the longest match wins
// ("New Mexico" is not Mexico). A small matcher of our own: the pack is a few thousand
// phrases and the text is already in memory, so a first-word index is all it needs.
import { isLetter, isLetterOrDigit, isUpper, width } from '../util/chars.js';
import { FNV_START, fnv, WordHashSet } from '../util/word-hash.js';
import { loadPack, type Pack } from './pack.js';

export type EntityKind = 'person' | 'organization' | 'group' | 'place';

export interface EntityRef {
  id: string;
  name: string;
  kind: EntityKind;
  country: string | null;
  sector: string | null;
  /** Countries and places: what the mention is (country name, demonym, capital as government, place). */
  role?: 'country' | 'demonym' | 'metonym' | 'place';
}

export interface Mention {
  start: number; end: number; text: string; ref: EntityRef;
  /** Matched by a form of one language only ("EU" for Estados Unidos in Spanish): its reading in other languages may differ. */
  lang?: string;
}

interface Form { words: string[]; folded: string; caseRule: 'exact' | 'capital' | 'any'; ref: EntityRef; generic?: boolean; original: string; lang?: string }

/** Lower-case and strip accents, one output character per input character. */
export function fold(s: string): string {
  // The gazetteer and the figures coder fold the same article text: the last one is remembered.
  if (s === lastFolded[0]) return lastFolded[1];
  // ASCII text only needs lower-casing; other characters are folded once and remembered. ASCII
  // letters are lower-cased in one pass after the others are replaced (a folded character is
  // already lower-case).
  const out = /^[\x00-\x7f]*$/.test(s) ? s.toLowerCase() : lowerAscii(s.replace(NON_ASCII, foldChar));
  if (s.length > 200) lastFolded = [s, out];
  return out;
}
let lastFolded: [string, string] = ['', ''];
const NON_ASCII = /[^\x00-\x7f]/gu;
const foldCache = new Map<string, string>();
function foldChar(ch: string): string {
  let c = foldCache.get(ch);
  if (c === undefined) {
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
    const l = (base || ch).toLowerCase();
    c = l.length === ch.length ? l : ch.toLowerCase().slice(0, ch.length).padEnd(ch.length, ' ');
    foldCache.set(ch, c);
  }
  return c;
}
/** Lower-case the ASCII capitals only. */
function lowerAscii(s: string): string {
  return /[A-Z]/.test(s) ? s.replace(/[A-Z]+/g, (w) => w.toLowerCase()) : s;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.&-]*/gu;

/**
 * The end of the key of the word s[start, end): without its possessive ending and trailing dots,
 * apostrophes or hyphens ("mexico's" → "mexico", "u.s." → "u.s").
 */
function keyEnd(s: string, start: number, end: number): number {
  if (end - start > 2 && s.charCodeAt(end - 1) === 115 /* s */ && (s.charCodeAt(end - 2) === 39 || s.charCodeAt(end - 2) === 0x2019)) end -= 2;
  while (end > start && isTrailer(s.charCodeAt(end - 1))) end--;
  return end;
}

/** . ' ’ - */
const isTrailer = (c: number): boolean => c === 46 || c === 39 || c === 0x2019 || c === 45;

function trimWord(w: string): string {
  const end = keyEnd(w, 0, w.length);
  return end === w.length ? w : w.slice(0, end);
}

function words(s: string): string[] {
  return (fold(s).match(WORD) ?? []).map((w) => w.replace(/[.'’-]+$/, ''));
}

/**
 * The forms that share a first word, longest first, bucketed by the first word plus the next
 * three characters of the form ("u.s. na" for "U.S. Navy"), so that a word shared by a hundred
 * forms ("U.S.", "the", "fiscalía") is tried only against the forms that can start there.
 * Forms shorter than that come after every bucketed form, as in the longest-first order.
 */
class FormList {
  private buckets = new Map<string, Form[]>();
  private short: Form[] = [];
  private readonly width: number;

  constructor(key: string, forms: Form[]) {
    this.width = key.length + 3;
    for (const f of forms.sort((a, b) => b.folded.length - a.folded.length)) {
      if (f.folded.length < this.width) { this.short.push(f); continue; }
      const k = f.folded.slice(0, this.width);
      const b = this.buckets.get(k);
      if (b) b.push(f);
      else this.buckets.set(k, [f]);
    }
  }

  /** Forms that may start at `at` in the folded text, longest first. */
  at(folded: string, at: number): Form[] {
    const b = this.buckets.get(folded.slice(at, at + this.width));
    if (!b) return this.short;
    return this.short.length === 0 ? b : [...b, ...this.short];
  }
}

export class Gazetteer {
  private byFirst = new Map<string, FormList>();
  /** The keys of byFirst as a hash set (util/word-hash.ts). */
  private firstWords = new WordHashSet([]);
  readonly surnames = new Map<string, EntityRef>();
  private readonly initials = new Map<string, EntityRef>();

  /**
   * A mention read in a text of another language than its form's: "EU" in English is the
   * European Union, not Estados Unidos. Null when that language gives the letters no reading.
   */
  reread(m: Mention, lang: string): Mention | null {
    if (!m.lang || m.lang === lang) return m;
    const ref = this.initials.get(m.text.replace(/[.\s]/g, '').toUpperCase());
    return ref ? { start: m.start, end: m.end, text: m.text, ref } : null;
  }

  constructor(readonly pack: Pack = loadPack()) {
    const lists = new Map<string, Form[]>();
    const add = (form: string, ref: EntityRef, caseRule?: Form['caseRule'], generic?: boolean, lang?: string) => {
      const f = form.trim();
      if (f.length < 2) return;
      const w = words(f);
      if (w.length === 0) return;
      // Acronyms (all capitals, short) match exactly; capitalised forms only match capitalised text.
      const rule = caseRule ?? (/^[\p{Lu}\p{N}.&-]{2,8}$/u.test(f) ? 'exact' : /\p{Lu}/u.test(f) ? 'capital' : 'any');
      const key = w[0]!;
      const list = lists.get(key) ?? [];
      list.push({ words: w, folded: fold(f), caseRule: rule, ref, generic, original: f, ...(lang && rule === 'exact' ? { lang } : {}) });
      lists.set(key, list);
    };
    for (const c of pack.countries) {
      const ref: EntityRef = { id: `country-${c.iso3.toLowerCase()}`, name: c.names.en?.[0] ?? c.iso3, kind: 'place', country: c.iso3, sector: null, role: 'country' };
      // An acronym of one language only ("EU", Estados Unidos) is marked with it: in another
      // language the same letters may name something else (the European Union).
      const names = Object.entries(c.names);
      for (const [lang, ns] of names) for (const n of ns) add(n, ref, undefined, undefined, names.some(([l, o]) => l !== lang && o.includes(n)) ? undefined : lang);
      for (const d of Object.values(c.demonyms ?? {}).flat()) add(d, { ...ref, role: 'demonym' }, /\p{Lu}/u.test(d) ? 'capital' : 'any');
      for (const m of c.metonyms ?? []) add(m, { ...ref, role: 'metonym' });
      // Capitals not used for the government are places of the country ("a curfew in Algiers").
      const metonyms = new Set((c.metonyms ?? []).map((m) => m.toLowerCase()));
      for (const cap of c.capitals ?? []) {
        if (!metonyms.has(cap.toLowerCase())) add(cap, { id: `capital-${c.iso3.toLowerCase()}`, name: cap, kind: 'place', country: c.iso3, sector: null, role: 'place' }, 'capital');
      }
    }
    for (const p of pack.places) {
      if (p.ambiguous) continue;
      const ref: EntityRef = { id: p.id, name: p.name, kind: 'place', country: p.country, sector: null, role: 'place' };
      for (const n of [p.name, ...p.aliases]) add(n, ref);
    }
    for (const i of pack.institutions) {
      const ref: EntityRef = { id: i.id, name: i.name, kind: 'organization', country: i.country, sector: i.sector };
      const rule = i.generic ? 'capital' : undefined;
      // Short aliases of generic bodies ("the Navy", "State") are generic mentions.
      for (const n of [i.name, ...i.aliases, ...i.es]) add(n, ref, rule, i.generic && words(n).filter((w) => !/^(the|la|el)$/.test(w)).length === 1);
      for (const a of i.acronyms) add(a, ref, 'exact');
    }
    for (const g of pack.groups) {
      const ref: EntityRef = { id: g.id, name: g.name, kind: 'group', country: g.country, sector: g.sector };
      for (const n of [g.name, ...g.aliases]) add(n, ref, g.generic ? 'capital' : undefined);
      for (const f of g.factions) {
        const fr: EntityRef = { id: f.id, name: f.name, kind: 'group', country: g.country, sector: g.sector };
        for (const n of [f.name, ...f.aliases]) add(n, fr, 'capital');
      }
    }
    for (const p of pack.people) {
      const ref: EntityRef = { id: p.id, name: p.name, kind: 'person', country: p.country, sector: p.sector };
      for (const n of [p.name, ...p.aliases]) add(n, ref, 'capital');
      for (const s of p.surnames) this.surnames.set(fold(s), ref);
    }
    for (const [key, list] of lists) this.byFirst.set(key, new FormList(key, list));
    this.firstWords = new WordHashSet(this.byFirst.keys());
    // International bodies by the initials of their English names ("European Union" → EU), for
    // the English reading of an acronym the pack gives another language.
    const seen = new Map<string, EntityRef | null>();
    for (const i of pack.institutions) {
      if (i.country !== null) continue;
      const caps = i.name.split(/\s+/).filter((w) => !/^(of|the|for|and|on)$/.test(w));
      if (caps.length < 2 || !caps.every((w) => /^\p{Lu}/u.test(w))) continue;
      const key = caps.map((w) => w[0]).join('');
      seen.set(key, seen.has(key) ? null : { id: i.id, name: i.name, kind: 'organization', country: i.country, sector: i.sector });
    }
    for (const [k, ref] of seen) if (ref) this.initials.set(k, ref);
  }

  /** All pack mentions in a text, longest first where they overlap, then surnames and later mentions of people. */
  find(text: string): Mention[] {
    const folded = fold(text);
    const out: Mention[] = [];
    // The words of WORD (/[\p{L}\p{N}][\p{L}\p{N}'’.&-]*/u), read by a scanner: a word that
    // starts a form is tried, and the scan goes on after the form it matched or after the word.
    let i = 0;
    while (i < folded.length) {
      const cp = folded.codePointAt(i)!;
      if (!isLetterOrDigit(cp)) { i += width(cp); continue; }
      const start = i;
      let wordEnd = i + width(cp);
      while (wordEnd < folded.length) {
        const c = folded.codePointAt(wordEnd)!;
        if (!isWordPart(c)) break;
        wordEnd += width(c);
      }
      // Only a word whose key (see keyEnd; or its part before a hyphen) hashes
      // into the first words' hash set can start a form: the rest need no slice and lookup.
      const kEnd = keyEnd(folded, start, wordEnd);
      let h = FNV_START;
      let hHyphen = -1;
      for (let k = start; k < kEnd; k++) {
        const c = folded.charCodeAt(k);
        if (c === 45 && hHyphen === -1) hHyphen = h;
        h = fnv(h, c);
      }
      const end = this.firstWords.has(h) || (hHyphen !== -1 && this.firstWords.has(hHyphen)) ? this.formAt(text, folded, start, wordEnd, out) : null;
      i = end ?? wordEnd;
    }
    return this.addSurnames(text, folded, out);
  }

  /** The longest form starting with the word [start, wordEnd) that the text holds there: its mention is added to `out`, and its end returned. */
  private formAt(text: string, folded: string, start: number, wordEnd: number, out: Mention[]): number | null {
    const word = folded.slice(start, wordEnd);
    // "Mexico's army": the possessive ending is not part of the name.
    const key = trimWord(word);
    // "Vietnamese-led", "U.S.-backed": the first part of a hyphenated compound can be a name.
    const entry = this.byFirst.get(key) ?? (key.includes('-') ? this.byFirst.get(key.slice(0, key.indexOf('-'))) : undefined);
    if (!entry) return null;
    const list = entry.at(folded, start);
    // "la Fiscalía General del Estado": a form that starts with an article yields to a longer
    // one starting at the next word.
    if (/^(the|la|el|los|las)$/.test(key)) {
      const longest = list.filter((f) => folded.startsWith(f.folded, start)).reduce((a, f) => Math.max(a, start + f.folded.length), -1);
      if (longest > 0) {
        const next = /\s+([\p{L}\p{N}][\p{L}\p{N}'’.&-]*)/u.exec(folded.slice(wordEnd, wordEnd + 60));
        const at = next ? wordEnd + next.index + next[0].length - next[1]!.length : -1;
        const longer = next ? this.byFirst.get(trimWord(next[1]!))?.at(folded, at) : undefined;
        if (longer && longer.some((f) => folded.startsWith(f.folded, at) && at + f.folded.length > longest && !/[\p{L}\p{N}]/u.test(folded[at + f.folded.length] ?? ''))) return null;
      }
    }
    for (const f of list) {
      const end = start + f.folded.length;
      if (!folded.startsWith(f.folded, start)) continue;
      if (end < folded.length && /[\p{L}\p{N}]/u.test(folded[end]!)) continue;
      const surface = text.slice(start, end);
      if (f.caseRule === 'exact' && surface !== surface.toUpperCase()) continue;
      if (f.caseRule === 'exact' && !sameLetters(surface, f)) continue;
      if (f.caseRule === 'capital' && !capitalisedLike(surface, f.original)) continue;
      let ref = f.ref;
      if (f.generic) {
        // "State police", "Navy Third Fleet": part of a longer name, not the body itself.
        if (/^\s+(\p{Lu}|police|attorney|prosecutor|government|governor|legislature|officials?)/u.test(text.slice(end, end + 16))) continue;
        // "West Darfur State", "Sinaloa State": the last word of a longer name.
        if (/\p{Lu}[\p{L}.'’-]*\s+$/u.test(text.slice(Math.max(0, start - 24), start)) && !/^(the|la|el)\s/i.test(f.folded)) continue;
        // "the Navy" after "the Mexican Navy": the body named before with the same head word.
        const head = f.folded.split(/\s+/).pop()!;
        let prior: Mention | undefined;
        for (let k = out.length - 1; k >= 0 && !prior; k--) {
          const x = out[k]!;
          if (x.ref.id !== ref.id && (foldedWords(x).includes(head) || foldedWords(x.ref).includes(head))) prior = x;
        }
        if (prior) ref = prior.ref;
      }
      out.push(f.lang ? { start, end, text: surface, ref, lang: f.lang } : { start, end, text: surface, ref });
      return end;
    }
    return null;
  }

  /** Bare surnames of people named in full earlier (or distinctive ones listed in the pack). */
  private addSurnames(text: string, folded: string, found: Mention[]): Mention[] {
    const named = new Map<string, EntityRef>();
    for (const x of found) {
      if (x.ref.kind !== 'person') continue;
      const parts = x.ref.name.split(/\s+/);
      for (const p of parts.slice(1)) if (p.length > 3) named.set(fold(p), x.ref);
    }
    const taken = (a: number, b: number) => found.some((x) => x.start < b && x.end > a);
    const extra: Mention[] = [];
    // Capitalised words as /\p{Lu}[\p{L}'’-]+/u finds them (a capital, then one or more letters,
    // apostrophes or hyphens), read by a scanner.
    let i = 0;
    while (i < text.length) {
      const cp = text.codePointAt(i)!;
      if (!isUpper(cp)) { i += width(cp); continue; }
      let j = i + width(cp);
      while (j < text.length) {
        const c = text.codePointAt(j)!;
        if (!(isLetter(c) || c === 39 /* ' */ || c === 0x2019 /* ’ */ || c === 45 /* - */)) break;
        j += width(c);
      }
      if (j === i + width(cp)) { i = j; continue; }
      const at = i;
      i = j;
      const key = folded.slice(at, j).replace(/['’]s$/, '');
      const ref = this.surnames.get(key) ?? named.get(key);
      if (!ref) continue;
      const end = at + key.length;
      if (taken(at, end)) continue;
      extra.push({ start: at, end, text: text.slice(at, end), ref });
    }
    return [...found, ...extra].sort((a, b) => a.start - b.start);
  }
}

/** The folded words of a mention's text or of an entity's name, computed once per object. */
const wordsMemo = new WeakMap<Mention | EntityRef, string[]>();
function foldedWords(x: Mention | EntityRef): string[] {
  let w = wordsMemo.get(x);
  if (!w) {
    w = fold('text' in x ? x.text : x.name).split(/\s+/);
    wordsMemo.set(x, w);
  }
  return w;
}

/** A character that continues a word of WORD: a letter, a digit, or one of ' ’ . & -. */
function isWordPart(cp: number): boolean {
  return cp === 39 || cp === 0x2019 || cp === 46 || cp === 38 || cp === 45 || isLetterOrDigit(cp);
}

/** The surface keeps the capitals of the form: each form word written with a capital is capitalised ("UN refugee agency", "al-Qaeda"). */
function capitalisedLike(surface: string, form: string): boolean {
  const a = surface.split(/\s+/);
  const b = form.split(/\s+/);
  if (a.length !== b.length) return capitalised(surface);
  return b.every((w, i) => !/^\P{Lu}*\p{Lu}/u.test(w) || /^\p{Lu}/u.test(a[i]!) || !/^\p{L}/u.test(a[i]!) || /^\p{Ll}+-\p{Lu}/u.test(w) && /\p{Lu}/u.test(a[i]!));
}

function capitalised(s: string): boolean {
  // Every significant word of the form starts with a capital (particles may stay lower-case).
  return s.split(/\s+/).every((w) => !/^\p{L}/u.test(w) || /^\p{Lu}/u.test(w) || /^(de|del|la|las|los|el|y|of|the|and|for|on|in|e|da|van|von|al|a)$/i.test(w));
}

function sameLetters(surface: string, f: Form): boolean {
  return fold(surface) === f.folded;
}

let shared: Gazetteer | null = null;

export function gazetteer(): Gazetteer {
  shared ??= new Gazetteer();
  return shared;
}

export interface EntityRecord {
  id: string;
  name: string;
  kind: EntityKind;
  country: string | null;
  sector: string | null;
  mentions: Array<{ text: string; start: number; end: number }>;
}

/** Group mentions into the contract's entities (mentions keep the offsets they were given). */
export function entitiesOf(mentions: Mention[]): EntityRecord[] {
  const by = new Map<string, EntityRecord>();
  for (const m of mentions) {
    let e = by.get(m.ref.id);
    if (!e) {
      e = { id: m.ref.id, name: m.ref.name, kind: m.ref.kind, country: m.ref.country, sector: m.ref.sector, mentions: [] };
      by.set(m.ref.id, e);
    }
    e.mentions.push({ text: m.text, start: m.start, end: m.end });
  }
  return [...by.values()];
}
