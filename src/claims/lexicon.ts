// The figures coder's vocabulary, loaded once per language from domain/claims/ (measures.json,
// numbers.json, context.json), with the phrase matchers built from it. No domain word lives in
// the code: every cue, unit, number word and bound word comes from those files.
import { fold } from '../actors/match.js';
import { lowerSameOffsets } from '../util/case.js';
import { readDomainJson } from '../util/data.js';
import { PhraseMatcher } from './phrases.js';
import { WordHashSet } from '../util/word-hash.js';

export type Lang = 'en' | 'es';
type Bi<T> = { en: T; es: T };

export interface MeasureRow {
  name: string;
  unit: string;
  units?: string[];
  cues: Record<string, string[]>;
  parent?: string;
  refiners?: Record<string, string[]>;
  generic?: 'money' | 'percent' | 'change' | 'rank' | 'weight';
  skip?: boolean;
  dated?: 'event';
  population?: boolean;
}

interface UnitCue { en: string[]; es: string[]; convert?: Record<string, number> }

interface MeasureFile {
  measures: MeasureRow[];
  modifiers: {
    change_pct: { suffix: string; en: string[]; es: string[]; down: Bi<string[]> };
    increase: { suffix: string; en: string[]; es: string[] };
  };
  bounds: {
    over: Bi<string[]>; under: Bi<string[]>; about: Bi<string[]>;
    after: { over: Bi<string[]> };
    range: Bi<{ between: string[]; join: string[]; from: string[] }>;
  };
  unitCues: Record<string, UnitCue | string>;
  multipliers: Bi<Record<string, number>>;
}

interface NumberLang {
  words: Record<string, number>;
  hundred: Record<string, number>;
  scales: Record<string, number>;
  groups: Record<string, number>;
  article: string[];
  joiners: string[];
  standaloneMin: number;
  dollarSign: string;
  vague: Record<string, [number, number]>;
  vagueFollow: string[];
  ordinals: Record<string, number>;
  ordinalSuffixes: string[];
  rank: { before: string[]; after: string[]; outOf: string[]; numberWords: string[] };
  skip: { timeUnits: string[]; namesBefore: string[]; namesAfter: string[] };
}

interface ContextLang {
  others: { join: string[]; after: string[]; before: string[] };
  alias: string[];
  rates: Record<string, string[]>;
  comparison: string[];
  current: string[];
  presentPerfect: string[];
  anaphora: string[];
  adverbs: string[];
  pronouns: string[];
  peopleNouns: string[];
  notNouns?: string[];
  sources: { intro: string[]; verbs: string[]; nouns: string[]; articles: string[] };
}

/** Unit class of a number: which measures it can take. */
export type NumClass = 'plain' | 'money' | 'weight' | 'volume' | 'percent' | 'rate' | 'rank';


/** Lower case, one output character per input character, accents kept (Spanish verbs: "registró" is not "registro"). */
export function lowerKeep(s: string): string {
  const whole = lowerSameOffsets(s);
  if (whole !== null) return whole;
  let out = '';
  for (const ch of s) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}


/**
 * Phrases matched on folded text (lower case, no accents, same length as the text; or lower
 * case with accents for lists where accents tell words apart) on word
 * boundaries. A phrase that starts or ends with a non-letter ("$", "%", "-year") needs no
 * boundary on that side (before and after a position). Matching: ./phrases.ts.
 */
export class Phrases {
  readonly list: string[];
  private readonly matcher: PhraseMatcher;
  /** `norm` is how the phrases (and the texts given) are normalised: folded by default, or lower case with accents. */
  constructor(phrases: Iterable<string>, norm: (s: string) => string = fold) {
    this.list = [...new Set([...phrases].map((p) => norm(p.trim())).filter(Boolean))];
    this.matcher = new PhraseMatcher(this.list);
  }
  /** The phrase ending right before `pos` (spaces allowed between): its start, or null. */
  endingAt(folded: string, pos: number, window = 60): { start: number; text: string } | null {
    return this.matcher.endingAt(folded, pos, window);
  }
  /** The phrase starting right after `pos` (spaces allowed before): its end, or null. */
  startingAt(folded: string, pos: number, window = 60): { start: number; end: number; text: string } | null {
    return this.matcher.startingAt(folded, pos, window);
  }
  /** The last search and its answer: every number of a sentence asks for the same sentence's cues. */
  private last: { folded: string; from: number; to: number; out: ReadonlyArray<{ start: number; end: number; text: string }> } | null = null;

  /** Every occurrence in [from, to) (the list is shared with the next identical call: do not change it). */
  findAll(folded: string, from: number, to: number): ReadonlyArray<{ start: number; end: number; text: string }> {
    const l = this.last;
    if (l && l.from === from && l.to === to && l.folded === folded) return l.out;
    const out = this.matcher.findAll(folded, from, to);
    this.last = { folded, from, to, out };
    return out;
  }
  /** The first word of each phrase (a cheap pre-test before matching at a position). */
  firstWords(): Set<string> {
    return new Set(this.list.map((p) => p.split(/[\s-]+/)[0]!));
  }
}

export interface UnitInfo { unit: string; factor: number; cls: NumClass }

export interface Measure extends MeasureRow { classes: Set<NumClass> }

export interface ClaimLexicon {
  lang: Lang;
  measures: Measure[];
  byName: Map<string, Measure>;
  /** Cue phrase → measures, for each number class. */
  cueIndex: Map<NumClass, { phrases: Phrases; measures: Map<string, Measure[]> }>;
  /** Child measures by parent, with their refiner phrases. */
  children: Map<string, Array<{ m: Measure; refiners: Phrases }>>;
  generic: Map<string, Measure>;
  change: { suffix: string; cues: Phrases; down: Phrases };
  increase: { suffix: string; cues: Phrases };
  bounds: { before: Map<string, 'over' | 'under' | 'about'>; beforeP: Phrases; afterOver: Phrases; between: Phrases; join: Phrases; from: Phrases };
  units: Map<string, UnitInfo>;
  unitP: Phrases;
  multipliers: Map<string, number>;
  multP: Phrases;
  num: NumberLang;
  words: Map<string, number>;
  wordKind: Map<string, 'plain' | 'hundred' | 'scale' | 'group'>;
  wordP: Phrases;
  /** First words that may start a written number or a vague quantity (articles included). */
  numberStarts: Set<string>;
  /** numberStarts as a hash set (util/word-hash.ts), for the scan of a text's words. */
  numberStartHashes: WordHashSet;
  vague: Map<string, [number, number]>;
  vagueP: Phrases;
  vagueFollow: Phrases;
  ordinals: Map<string, number>;
  ordinalP: Phrases;
  rankBefore: Phrases;
  rankAfter: Phrases;
  rankOutOf: Phrases;
  rankNumberWords: Phrases;
  timeUnits: Phrases;
  namesBefore: Phrases;
  ctx: ContextLang;
  others: { join: Phrases; after: Phrases; before: Phrases };
  alias: Phrases;
  rates: Map<string, string>;
  rateP: Phrases;
  comparison: Phrases;
  current: Phrases;
  presentPerfect: Phrases;
  anaphora: Phrases;
  adverbs: Phrases;
  pronouns: Set<string>;
  peopleNouns: Phrases;
  notNouns: Set<string>;
  sourceIntro: Phrases;
  sourceVerbs: Phrases;
  sourceNouns: Phrases;
  articles: Phrases;
}

const UNIT_CLASS: Record<string, NumClass> = {
  USD: 'money', MXN: 'money', kg: 'weight', tons: 'weight', liters: 'volume', percent: 'percent', per_100k: 'rate', rank: 'rank',
};

const cache = new Map<Lang, ClaimLexicon>();

export function claimLexicon(lang: Lang): ClaimLexicon {
  const hit = cache.get(lang);
  if (hit) return hit;
  const mf = readDomainJson<MeasureFile>('claims/measures.json');
  const nf = readDomainJson<Bi<NumberLang>>('claims/numbers.json');
  const cf = readDomainJson<Bi<ContextLang>>('claims/context.json');
  const num = nf[lang];
  const ctx = cf[lang];

  const measures: Measure[] = mf.measures.map((m) => ({
    ...m,
    classes: new Set([m.unit, ...(m.units ?? [])].map((u) => UNIT_CLASS[u] ?? 'plain')),
  }));
  const byName = new Map(measures.map((m) => [m.name, m]));
  const cueIndex: ClaimLexicon['cueIndex'] = new Map();
  for (const cls of ['plain', 'money', 'weight', 'volume', 'percent', 'rate', 'rank'] as NumClass[]) {
    const index = new Map<string, Measure[]>();
    for (const m of measures) {
      if (!m.classes.has(cls) || m.generic) continue;
      for (const c of m.cues[lang] ?? []) {
        const k = fold(c.trim());
        index.set(k, [...(index.get(k) ?? []), m]);
      }
    }
    cueIndex.set(cls, { phrases: new Phrases(index.keys()), measures: index });
  }
  const children = new Map<string, Array<{ m: Measure; refiners: Phrases }>>();
  for (const m of measures) {
    if (!m.parent) continue;
    children.set(m.parent, [...(children.get(m.parent) ?? []), { m, refiners: new Phrases(m.refiners?.[lang] ?? m.cues[lang] ?? []) }]);
  }
  const generic = new Map(measures.filter((m) => m.generic).map((m) => [m.generic!, m]));

  const boundMap = new Map<string, 'over' | 'under' | 'about'>();
  for (const b of ['over', 'under', 'about'] as const) for (const c of mf.bounds[b][lang]) if (!boundMap.has(fold(c))) boundMap.set(fold(c), b);

  const units = new Map<string, UnitInfo>();
  for (const [unit, cue] of Object.entries(mf.unitCues)) {
    if (typeof cue === 'string' || !cue[lang]) continue;
    for (const c of cue[lang]) {
      const k = fold(c);
      if (!units.has(k)) units.set(k, { unit, factor: cue.convert?.[c] ?? cue.convert?.[k] ?? 1, cls: UNIT_CLASS[unit] ?? 'plain' });
    }
  }
  const multipliers = new Map(Object.entries(mf.multipliers[lang]).filter(([k]) => !k.startsWith('$')).map(([k, v]) => [fold(k), v]));
  const words = new Map<string, number>();
  for (const [k, v] of Object.entries({ ...num.words, ...num.hundred, ...num.scales, ...num.groups })) words.set(fold(k), v);
  const wordKind = new Map<string, 'plain' | 'hundred' | 'scale' | 'group'>();
  for (const k of Object.keys(num.words)) wordKind.set(fold(k), 'plain');
  for (const k of Object.keys(num.hundred)) wordKind.set(fold(k), 'hundred');
  for (const k of Object.keys(num.groups)) wordKind.set(fold(k), 'group');
  for (const k of Object.keys(num.scales)) wordKind.set(fold(k), 'scale');
  const wordP = new Phrases(words.keys());
  const vagueP = new Phrases(Object.keys(num.vague));
  const numberStarts = new Set([...wordP.firstWords(), ...vagueP.firstWords(), ...num.article.map(fold)]);
  const rates = new Map<string, string>();
  for (const [rate, forms] of Object.entries(ctx.rates)) for (const f of forms) rates.set(fold(f), rate);

  const lex: ClaimLexicon = {
    lang, measures, byName, cueIndex, children, generic,
    change: { suffix: mf.modifiers.change_pct.suffix, cues: new Phrases(mf.modifiers.change_pct[lang]), down: new Phrases(mf.modifiers.change_pct.down[lang]) },
    increase: { suffix: mf.modifiers.increase.suffix, cues: new Phrases(mf.modifiers.increase[lang]) },
    bounds: {
      before: boundMap, beforeP: new Phrases(boundMap.keys()), afterOver: new Phrases(mf.bounds.after.over[lang]),
      between: new Phrases(mf.bounds.range[lang].between), join: new Phrases(mf.bounds.range[lang].join), from: new Phrases(mf.bounds.range[lang].from),
    },
    units, unitP: new Phrases(units.keys()),
    multipliers, multP: new Phrases(multipliers.keys()),
    num, words, wordKind, wordP, numberStarts, numberStartHashes: new WordHashSet(numberStarts),
    vague: new Map(Object.entries(num.vague).map(([k, v]) => [fold(k), v])), vagueP,
    vagueFollow: new Phrases(num.vagueFollow),
    ordinals: new Map(Object.entries(num.ordinals).map(([k, v]) => [fold(k), v])), ordinalP: new Phrases(Object.keys(num.ordinals)),
    rankBefore: new Phrases(num.rank.before), rankAfter: new Phrases(num.rank.after), rankOutOf: new Phrases(num.rank.outOf),
    rankNumberWords: new Phrases(num.rank.numberWords),
    timeUnits: new Phrases(num.skip.timeUnits), namesBefore: new Phrases(num.skip.namesBefore),
    ctx,
    others: { join: new Phrases(ctx.others.join), after: new Phrases(ctx.others.after), before: new Phrases(ctx.others.before) },
    alias: new Phrases(ctx.alias),
    rates, rateP: new Phrases(rates.keys()),
    comparison: new Phrases(ctx.comparison), current: new Phrases(ctx.current), presentPerfect: new Phrases(ctx.presentPerfect),
    anaphora: new Phrases(ctx.anaphora), adverbs: new Phrases(ctx.adverbs ?? []),
    pronouns: new Set(ctx.pronouns.map(fold)), peopleNouns: new Phrases(ctx.peopleNouns), notNouns: new Set((ctx.notNouns ?? []).map(fold)),
    sourceIntro: new Phrases(ctx.sources.intro), sourceVerbs: new Phrases(ctx.sources.verbs, lowerKeep), sourceNouns: new Phrases(ctx.sources.nouns),
    articles: new Phrases(ctx.sources.articles),
  };
  cache.set(lang, lex);
  return lex;
}
