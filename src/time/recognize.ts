// Temporal expressions in English and Spanish news text, found by the project's own rules.
// chrono-node parses absolute dates well but, measured on news phrasing, sends "last October"
// into the future, splits ranges, ignores bare years and decades and knows nothing of
// narrative or event anchors; and it costs more than tokenising the same text. So the
// recogniser here is a small rule set over the vocabulary in domain/time/*.json; chrono is
// kept as a fallback for absolute dates in formats these rules do not cover (resolve.ts).
import { alt, timeLexicon, type TimeLexicon } from './lexicon.js';
import { scanLetterRuns } from '../util/word-hash.js';

export type Unit = 'day' | 'week' | 'month' | 'year' | 'decade' | 'hour';

export interface Cand {
  start: number;
  end: number;
  kind:
    | 'date' | 'month' | 'year' | 'weekday' | 'decade' | 'part' | 'season' | 'quarter' | 'range'
    | 'since' | 'relunit' | 'deictic' | 'ago' | 'later' | 'anchored' | 'within' | 'past' | 'duration';
  y?: number; m?: number; d?: number; wd?: number;
  /** Range end (for ranges) as another candidate. */
  from?: Cand; to?: Cand;
  part?: 'early' | 'mid' | 'late';
  months?: [number, number];
  decade?: number;
  rel?: 'last' | 'next' | 'this';
  unit?: Unit;
  n?: number;
  /** For anchored expressions: the event noun key (call, arrest…) and its surface forms. */
  noun?: string;
  dir?: 1 | -1;
  /** "last October", "el pasado 15 de octubre": strictly before the reference. */
  strictPast?: boolean;
  future?: boolean;
}

/** A pattern, and a cheap test a text must pass before the pattern is worth running. */
type Need = RegExp | ((words: Set<string>) => boolean);
interface Rule { re: RegExp; build: (m: RegExpExecArray) => Cand | null; need?: Need }

interface Rules {
  lex: TimeLexicon;
  atomic: Rule[];
  relative: Rule[];
  monthOf: (s: string) => number | undefined;
  numberOf: (s: string) => number | undefined;
  unitOf: (s: string) => Unit | undefined;
  nounOf: (s: string) => string | undefined;
  combine: Record<'joinRe' | 'startRe' | 'ownStartRe' | 'sinceRe' | 'partRe' | 'seasonRe' | 'quarterRe' | 'pastRe', RegExp>;
  /** Any word a temporal expression could hold (besides digits): windows without one are skipped. */
  trigger: Set<string>;
  /** Every word a pre-test or the trigger list asks about: the only words of a window worth collecting. */
  relevant: Set<string>;
  /** Length × 65536 + first code unit of each relevant word. */
  shapes: Set<number>;
}

const cache = new Map<string, Rules>();

function ordinalDay(s: string): number { return parseInt(s, 10); }

function build(lang: 'en' | 'es'): Rules {
  const lex = timeLexicon(lang);
  const lower = (s: string) => s.toLowerCase().replace(/\.$/, '').replace(/\s+/g, ' ');
  const monthOf = (s: string) => lex.months[lower(s)];
  const numberOf = (s: string) => (/^\d+$/.test(s) ? parseInt(s, 10) : lex.numbers[lower(s)]);
  const unitOf = (s: string) => lex.units[lower(s)] as Unit | undefined;
  const nounForms = new Map<string, string>();
  for (const [key, forms] of Object.entries(lex.eventNouns)) for (const f of forms) nounForms.set(f.toLowerCase(), key);
  const nounOf = (s: string) => nounForms.get(lower(s));

  const MON = `(?:${alt(Object.keys(lex.months))})\\.?`;
  const WD = `(?:${alt(Object.keys(lex.weekdays))})`;
  const YEAR = '(1[89]\\d\\d|20\\d\\d)';
  const DAY = '([0-3]?\\d)(?:st|nd|rd|th|º|°)?';
  const NUM = `(\\d+|${alt(Object.keys(lex.numbers))})`;
  const UNIT = `(${alt(Object.keys(lex.units))})`;
  const NOUN = `(${alt(nounForms.keys())})`;
  const B = '(?<![\\p{L}\\p{N}])';
  // Word-set pre-tests: a sentence's lower-cased words are looked up once, far cheaper than
  // running alternation regexes with look-behinds over every sentence.
  const relevant = new Set<string>();
  const monthWords = new Set(Object.keys(lex.months));
  const weekdayWords = new Set(Object.keys(lex.weekdays));
  for (const w of [...monthWords, ...weekdayWords]) relevant.add(w);
  const HAS_MONTH = (w: Set<string>) => { for (const x of w) if (monthWords.has(x)) return true; return false; };
  const HAS_WEEKDAY = (w: Set<string>) => { for (const x of w) if (weekdayWords.has(x)) return true; return false; };
  const HAS_DIGIT = /\d/;
  const any = (list: Iterable<string>) => {
    const set = new Set([...list].flatMap((x) => x.toLowerCase().split(/\s+/)));
    for (const w of set) relevant.add(w);
    return (w: Set<string>) => { for (const x of w) if (set.has(x)) return true; return false; };
  };
  const HAS_UNIT = any(Object.keys(lex.units).concat(['morning', 'night', 'evening']));
  const HAS_NOUN = any([...nounForms.keys()]);
  const both = (a: (w: Set<string>) => boolean, b: (w: Set<string>) => boolean) => (w: Set<string>) => a(w) && b(w);
  const E = '(?![\\p{L}\\p{N}])';
  const re = (src: string) => new RegExp(src, 'giu');
  const Y = (s: string | undefined) => (s ? parseInt(s, 10) : undefined);

  const atomic: Rules['atomic'] = [
    // 2022-05-26
    { need: HAS_DIGIT, re: re(`${B}(\\d{4})-(\\d{2})-(\\d{2})${E}`), build: (m) => ({ start: 0, end: 0, kind: 'date', y: +m[1]!, m: +m[2]!, d: +m[3]! }) },
    // 10/15/2020 (en) or 15/10/2020 (es)
    {
      need: HAS_DIGIT,
      re: re(`${B}(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})${E}`),
      build: (m) => {
        const a = +m[1]!, b = +m[2]!;
        const y = m[3]!.length === 2 ? 2000 + +m[3]! : +m[3]!;
        const [mo, d] = lang === 'es' || a > 12 ? [b, a] : [a, b];
        return { start: 0, end: 0, kind: 'date', y, m: mo, d };
      },
    },
  ];
  if (lang === 'en') {
    atomic.push(
      // Thursday, May 26, 2022 · Oct. 15, 2020 · October 15th
      {
        need: HAS_MONTH,
        re: re(`${B}(?:${WD},?\\s+)?(${MON})\\s+${DAY}${E}(?:,?\\s+${YEAR}${E})?`),
        build: (m) => ({ start: 0, end: 0, kind: 'date', m: monthOf(m[1]!), d: ordinalDay(m[2]!), y: Y(m[3]) }),
      },
      // 7 February 2017 · the 15th of October
      {
        need: HAS_MONTH,
        re: re(`${B}(?:${WD},?\\s+)?(?:the\\s+)?${DAY}(?:\\s+of)?\\s+(${MON})${E}(?:,?\\s+${YEAR}${E})?`),
        build: (m) => ({ start: 0, end: 0, kind: 'date', d: ordinalDay(m[1]!), m: monthOf(m[2]!), y: Y(m[3]) }),
      },
      // from 5 to 8 January 2023 · between 5 and 8 January
      {
        need: HAS_MONTH,
        re: re(`${B}(?:from|between)\\s+${DAY}\\s+(?:to|and|until|through)\\s+${DAY}\\s+(${MON})${E}(?:,?\\s+${YEAR}${E})?`),
        build: (m) => {
          const mo = monthOf(m[3]!);
          const y = Y(m[4]);
          return { start: 0, end: 0, kind: 'range', from: { start: 0, end: 0, kind: 'date', d: ordinalDay(m[1]!), m: mo, y }, to: { start: 0, end: 0, kind: 'date', d: ordinalDay(m[2]!), m: mo, y } };
        },
      },
      // February 2017 · March of 2017
      { need: HAS_MONTH, re: re(`${B}(${MON})(?:\\s+of)?,?\\s+${YEAR}${E}`), build: (m) => ({ start: 0, end: 0, kind: 'month', m: monthOf(m[1]!), y: +m[2]! }) },
      // in April · last October · next March (bare months need a cue: "may" is also a verb)
      {
        need: HAS_MONTH,
        re: re(`${B}(in|since|until|by|during|last|next|this|early|mid-?|late|before|after|of|from|between)\\s+(${MON})${E}(?![.\\s,]*\\d)`),
        build: (m) => {
          if (!/^\p{Lu}/u.test(m[2]!)) return null;
          const cue = m[1]!.toLowerCase().replace(/-$/, '');
          const mo = monthOf(m[2]!);
          if (cue === 'early' || cue === 'mid' || cue === 'late') return { start: 0, end: 0, kind: 'part', part: cue, m: mo, months: [mo!, mo!] };
          if (cue === 'since') return { start: 0, end: 0, kind: 'since', from: { start: 0, end: 0, kind: 'month', m: mo } };
          return { start: 0, end: 0, kind: 'month', m: mo, rel: cue === 'last' ? 'last' : cue === 'next' ? 'next' : cue === 'this' ? 'this' : undefined, strictPast: cue === 'last' };
        },
      },
      // on Wednesday · last Tuesday · next Monday
      {
        need: HAS_WEEKDAY,
        re: re(`${B}(?:(on|last|next|this|since|by|until)\\s+)?(${alt(Object.keys(lex.weekdays).filter((w) => w.length > 4))})${E}`),
        build: (m) => {
          if (!/^\p{Lu}/u.test(m[2]!)) return null;
          const cue = (m[1] ?? '').toLowerCase();
          return { start: 0, end: 0, kind: 'weekday', wd: lex.weekdays[m[2]!.toLowerCase()], rel: cue === 'last' ? 'last' : cue === 'next' ? 'next' : undefined, strictPast: cue === 'last' };
        },
      },
      // the 1980s · the '90s · the Nineteen Eighties · the eighties
      { re: re(`${B}(?:the\\s+)?(1[89]\\d0|20\\d0)['’]?s${E}`), build: (m) => ({ start: 0, end: 0, kind: 'decade', decade: +m[1]! }) },
      { re: re(`${B}(?:the\\s+)?['’](\\d0)s${E}`), build: (m) => ({ start: 0, end: 0, kind: 'decade', decade: (+m[1]! >= 30 ? 1900 : 2000) + +m[1]! }) },
      {
        need: any(Object.keys(lex.decades)),
        re: re(`${B}(?:the\\s+)?(?:(${alt(Object.keys(lex.centuryWords))})[\\s-]+)?(${alt(Object.keys(lex.decades))})${E}`),
        build: (m) => {
          const century = m[1] ? lex.centuryWords[m[1].toLowerCase()] : 1900;
          // "the twenties" alone is too vague to be a date unless a century word says which.
          if (!m[1] && !/^the\s/i.test(m[0])) return null;
          return { start: 0, end: 0, kind: 'decade', decade: (century ?? 1900) + lex.decades[m[2]!.toLowerCase()]! };
        },
      },
    );
  } else {
    atomic.push(
      // el jueves 26 de mayo de 2022 · 15 de octubre · 15 de octubre del 2020
      {
        need: HAS_MONTH,
        re: re(`${B}(?:${WD},?\\s+)?${DAY}\\s+de\\s+(${MON})${E}(?:\\s+(?:de|del)\\s+${YEAR}${E})?`),
        build: (m) => ({ start: 0, end: 0, kind: 'date', d: ordinalDay(m[1]!), m: monthOf(m[2]!), y: Y(m[3]) }),
      },
      // octubre de 2020
      { need: HAS_MONTH, re: re(`${B}(${MON})\\s+(?:de|del)\\s+${YEAR}${E}`), build: (m) => ({ start: 0, end: 0, kind: 'month', m: monthOf(m[1]!), y: +m[2]! }) },
      // del 5 al 8 de enero de 2023 · entre el 5 y el 8 de enero
      {
        need: HAS_MONTH,
        re: re(`${B}(?:del|entre\\s+el)\\s+${DAY}\\s+(?:al|y\\s+el)\\s+${DAY}\\s+de\\s+(${MON})${E}(?:\\s+(?:de|del)\\s+${YEAR}${E})?`),
        build: (m) => {
          const mo = monthOf(m[3]!);
          const y = Y(m[4]);
          return { start: 0, end: 0, kind: 'range', from: { start: 0, end: 0, kind: 'date', d: ordinalDay(m[1]!), m: mo, y }, to: { start: 0, end: 0, kind: 'date', d: ordinalDay(m[2]!), m: mo, y } };
        },
      },
      // en abril · el pasado octubre · en octubre pasado · a finales de octubre · entre enero y …
      {
        need: HAS_MONTH,
        re: re(`${B}(a\\s+principios\\s+de|a\\s+mediados\\s+de|a\\s+finales\\s+de|a\\s+fines\\s+de|principios\\s+de|mediados\\s+de|finales\\s+de|fines\\s+de|en|desde|hasta|durante|el pasado|el próximo|el proximo|de|este|entre)\\s+(?:mes\\s+de\\s+)?(${MON})(?:\\s+(pasado|próximo|proximo))?${E}(?!\\s+(?:de|del)\\s+\\d)`),
        build: (m) => {
          const cue = `${m[1]} ${m[3] ?? ''}`.toLowerCase().replace(/\\s+/g, ' ');
          const mo = monthOf(m[2]!);
          if (m[2]!.length <= 3 && !/\\.$/.test(m[2]!)) return null;
          const part = /principios/.test(cue) ? 'early' : /mediados/.test(cue) ? 'mid' : /finales|fines/.test(cue) ? 'late' : null;
          if (part) return { start: 0, end: 0, kind: 'part', part, m: mo, months: [mo!, mo!] };
          if (/^desde/.test(cue)) return { start: 0, end: 0, kind: 'since', from: { start: 0, end: 0, kind: 'month', m: mo } };
          const last = /pasado/.test(cue);
          const next = /próximo|proximo/.test(cue);
          return { start: 0, end: 0, kind: 'month', m: mo, rel: last ? 'last' : next ? 'next' : undefined, strictPast: last };
        },
      },
      // el lunes · el pasado martes · el martes pasado · el próximo lunes
      {
        need: HAS_WEEKDAY,
        re: re(`${B}(?:(?:el|este)\\s+)?(pasado|próximo|proximo)?\\s*(${WD})(?:\\s+(pasado|próximo|proximo))?${E}`),
        build: (m) => {
          if (!/^(el|este)\s/i.test(m[0]) && !m[1]) return null;
          const cue = `${m[1] ?? ''} ${m[3] ?? ''}`.toLowerCase();
          const last = /pasado/.test(cue);
          const next = /próximo|proximo/.test(cue);
          return { start: 0, end: 0, kind: 'weekday', wd: lex.weekdays[m[2]!.toLowerCase()], rel: last ? 'last' : next ? 'next' : undefined, strictPast: last };
        },
      },
      // los años ochenta · la década de 1990 · los noventa · los 80
      { re: re(`${B}(?:la\\s+)?década\\s+de\\s+(?:los\\s+)?(1[89]\\d0|20\\d0)${E}`), build: (m) => ({ start: 0, end: 0, kind: 'decade', decade: +m[1]! }) },
      {
        re: re(`${B}(?:(?:los\\s+)?años|los)\\s+(${alt(Object.keys(lex.decades))}|\\d0)${E}`),
        build: (m) => {
          const v = /^\d/.test(m[1]!) ? +m[1]! : lex.decades[m[1]!.toLowerCase()];
          return v === undefined ? null : { start: 0, end: 0, kind: 'decade', decade: (v >= 30 ? 1900 : 2000) + v };
        },
      },
      { re: re(`${B}(?:los\\s+)?(?:años\\s+)?(1[89]\\d0|20\\d0)s?${E}(?=\\s*(?:y|,|\\.|$))`), build: () => null },
    );
  }
  // Bare years, guarded against counts ("2000 troops"), money and codes.
  atomic.push({
    need: HAS_DIGIT,
    re: re(`(?<![\\p{L}\\p{N}$€£#.,/])${YEAR}(?![\\p{N}.,]\\d)(?!\\s*(?:%|percent|por ciento))(?![\\p{L}\\p{N}])`),
    build: (m) => ({ start: 0, end: 0, kind: 'year', y: +m[1]! }),
  });

  const L = (k: keyof TimeLexicon) => alt(lex[k] as string[]);
  const relative: Rules['relative'] = [];
  // yesterday / today / tomorrow
  relative.push({
    re: re(`${B}(${L('yesterday')}|${L('today')}|${L('tomorrow')})${E}`),
    build: (m) => {
      const w = m[1]!.toLowerCase();
      if (lang === 'es' && w === 'mañana') return null; // usually "la mañana" (morning)
      const n = lex.yesterday.includes(w) ? -1 : lex.tomorrow.includes(w) ? 1 : 0;
      return { start: 0, end: 0, kind: 'deictic', n };
    },
  });
  if (lang === 'en') {
    relative.push(
      // last year · this month · next week · the past year
      {
        need: any(['week', 'month', 'year']),
        re: re(`${B}(last|this|next|past|the\\s+past|the\\s+previous|the\\s+coming|the\\s+current)\\s+(week|month|year)${E}`),
        build: (m) => {
          const c = m[1]!.toLowerCase().replace(/^the\s+/, '');
          return { start: 0, end: 0, kind: 'relunit', unit: m[2]!.toLowerCase() as Unit, rel: c === 'this' || c === 'current' ? 'this' : c === 'next' || c === 'coming' ? 'next' : 'last' };
        },
      },
      // two years ago · a week or so ago
      {
        need: /\bago\b/i, 
        re: re(`${B}${NUM}\\s+(?:and\\s+a\\s+half\\s+)?${UNIT}(?:\\s+or\\s+so)?\\s+ago${E}`),
        build: (m) => ({ start: 0, end: 0, kind: 'ago', n: numberOf(m[1]!), unit: unitOf(m[2]!) }),
      },
      // the following day · the next morning · the previous week
      {
        need: /\b(following|next|previous|preceding)\b/i, 
        re: re(`${B}the\\s+(following|next|previous|preceding)\\s+(day|morning|night|evening|week|month|year)${E}`),
        build: (m) => {
          const u = m[2]!.toLowerCase();
          return { start: 0, end: 0, kind: 'later', n: /following|next/i.test(m[1]!) ? 1 : -1, unit: (u === 'morning' || u === 'night' || u === 'evening' ? 'day' : u) as Unit };
        },
      },
      // the day before · the day after (no event named: relative to the narrative)
      {
        need: /\bthe\s+(day|week|month|year)\s+(before|after)\b/i, 
        re: re(`${B}the\\s+(day|week|month|year)\\s+(before|after)${E}(?!\\s+(?:the|his|her|their|its|a|an)\\b)`),
        build: (m) => ({ start: 0, end: 0, kind: 'later', n: /after/i.test(m[2]!) ? 1 : -1, unit: m[1]!.toLowerCase() as Unit }),
      },
      // two days after the introductory call · a year and a half after the conspiracy · the day after his arrest
      {
        need: both(any(['after', 'following', 'before']), HAS_NOUN), 
        re: re(`${B}(?:(the)\\s+(day|week)|${NUM}\\s+(?:(and\\s+a\\s+half)\\s+)?${UNIT}(?:\\s+(and\\s+a\\s+half))?(?:\\s+or\\s+so)?)\\s+(after|following|before)\\s+((?:[\\p{L}'’.-]+\\s+){0,5}?)${NOUN}${E}`),
        build: (m) => {
          const half = m[4] || m[6] ? 0.5 : 0;
          const n = m[1] ? 1 : (numberOf(m[3]!) ?? NaN) + half;
          const unit = (m[1] ? m[2]!.toLowerCase() : unitOf(m[5]!)) as Unit;
          return { start: 0, end: 0, kind: 'anchored', n, unit, dir: /before/i.test(m[7]!) ? -1 : 1, noun: nounOf(m[9]!) };
        },
      },
      // two days later · a week later · three months earlier
      {
        need: both(any(['later', 'afterwards', 'afterward', 'earlier', 'before']), HAS_UNIT), 
        re: re(`${B}${NUM}\\s+(?:(and\\s+a\\s+half)\\s+)?${UNIT}(?:\\s+or\\s+so)?\\s+(later|afterwards?|earlier|before)${E}(?!\\s+(?:the|his|her|their|its|a)\\b)`),
        build: (m) => ({ start: 0, end: 0, kind: 'later', n: ((numberOf(m[1]!) ?? NaN) + (m[2] ? 0.5 : 0)) * (/earlier|before/i.test(m[4]!) ? -1 : 1), unit: unitOf(m[3]!) }),
      },
      // within hours of Cienfuegos' arrest
      {
        need: /\bwithin\b/i, 
        re: re(`${B}within\\s+(hours|days|a\\s+day|a\\s+week|weeks)\\s+of\\s+((?:[\\p{L}'’.-]+\\s+){0,4}?)${NOUN}${E}`),
        build: (m) => ({ start: 0, end: 0, kind: 'within', unit: /week/i.test(m[1]!) ? 'week' : /day/i.test(m[1]!) ? 'day' : 'hour', noun: nounOf(m[3]!) }),
      },
      // over the past 25 years · in the last decade
      {
        need: both(any(['past', 'last', 'previous']), HAS_UNIT), 
        re: re(`${B}(?:over|in|during|for)\\s+the\\s+(?:past|last|previous)\\s+(?:${NUM}\\s+)?${UNIT}${E}`),
        build: (m) => ({ start: 0, end: 0, kind: 'past', n: m[1] ? numberOf(m[1]) : 1, unit: unitOf(m[2]!) }),
      },
      // durations are not dates: for 25 years, a 20-year sentence, 24 days on the job
      { need: /\bfor\b/i, re: re(`${B}for\\s+(?:nearly\\s+|almost\\s+|about\\s+|more\\s+than\\s+|over\\s+)?${NUM}\\s+(?:more\\s+)?${UNIT}${E}`), build: () => ({ start: 0, end: 0, kind: 'duration' }) },
    );
  } else {
    relative.push(
      // el año pasado · el mes pasado · la semana pasada · este año · el próximo año
      {
        re: re(`${B}(?:(el|la|este|esta)\\s+)?(?:(próximo|próxima|proximo|proxima)\\s+)?(semana|mes|año)(?:\\s+(pasado|pasada|anterior|próximo|próxima|proximo|proxima|entrante|que\\s+viene))?${E}`),
        build: (m) => {
          const det = (m[1] ?? '').toLowerCase();
          const after = (m[4] ?? '').toLowerCase();
          const unit = ({ semana: 'week', mes: 'month', año: 'year' } as const)[m[3]!.toLowerCase() as 'semana' | 'mes' | 'año'];
          if (/pasad|anterior/.test(after)) return { start: 0, end: 0, kind: 'relunit', unit, rel: 'last' };
          if (m[2] || /próxim|proxim|entrante|viene/.test(after)) return { start: 0, end: 0, kind: 'relunit', unit, rel: 'next' };
          if (det === 'este' || det === 'esta') return { start: 0, end: 0, kind: 'relunit', unit, rel: 'this' };
          return null;
        },
      },
      // hace dos años · hace una semana
      { need: /\bhace\b/i, re: re(`${B}hace\\s+${NUM}\\s+${UNIT}${E}`), build: (m) => ({ start: 0, end: 0, kind: 'ago', n: numberOf(m[1]!), unit: unitOf(m[2]!) }) },
      // al día siguiente · el día anterior
      {
        re: re(`${B}(?:al|el)\\s+(día|dia)\\s+(siguiente|anterior)${E}`),
        build: (m) => ({ start: 0, end: 0, kind: 'later', n: /siguiente/i.test(m[2]!) ? 1 : -1, unit: 'day' }),
      },
      // dos días después de la llamada · un año y medio después de la conspiración · tras su detención
      {
        need: both(any(['después', 'despues', 'tras', 'antes']), HAS_NOUN), 
        re: re(`${B}(?:(al\\s+día|el\\s+día)|${NUM}\\s+${UNIT}(?:\\s+(y\\s+medio|y\\s+media))?)\\s+(después\\s+de|despues\\s+de|tras|antes\\s+de)\\s+((?:[\\p{L}'’.-]+\\s+){0,5}?)${NOUN}${E}`),
        build: (m) => {
          const n = m[1] ? 1 : (numberOf(m[2]!) ?? NaN) + (m[4] ? 0.5 : 0);
          const unit = (m[1] ? 'day' : unitOf(m[3]!)) as Unit;
          return { start: 0, end: 0, kind: 'anchored', n, unit, dir: /antes/i.test(m[5]!) ? -1 : 1, noun: nounOf(m[7]!) };
        },
      },
      // dos días después · una semana más tarde
      {
        need: both(any(['después', 'despues', 'tarde', 'antes']), HAS_UNIT), 
        re: re(`${B}${NUM}\\s+${UNIT}\\s+(después|despues|más\\s+tarde|mas\\s+tarde|antes)${E}(?!\\s+de\\b)`),
        build: (m) => ({ start: 0, end: 0, kind: 'later', n: (numberOf(m[1]!) ?? NaN) * (/antes/i.test(m[3]!) ? -1 : 1), unit: unitOf(m[2]!) }),
      },
      // en los últimos 25 años
      {
        need: both(any(['últimos', 'últimas', 'ultimos', 'ultimas', 'pasados', 'pasadas']), HAS_UNIT), 
        re: re(`${B}(?:en|durante)\\s+(?:los|las)\\s+(?:últimos|últimas|ultimos|ultimas|pasados|pasadas)\\s+${NUM}\\s+${UNIT}${E}`),
        build: (m) => ({ start: 0, end: 0, kind: 'past', n: numberOf(m[1]!), unit: unitOf(m[2]!) }),
      },
      // durante 25 años · por tres meses
      { need: /\b(durante|por)\b/i, re: re(`${B}(?:durante|por)\\s+(?:casi\\s+|más\\s+de\\s+|unos\\s+)?${NUM}\\s+${UNIT}${E}`), build: () => ({ start: 0, end: 0, kind: 'duration' }) },
    );
  }
  const combine: Rules['combine'] = {
    joinRe: new RegExp(`^\\s*(?:${alt(lex.rangeJoin)})\\s*$`, 'iu'),
    startRe: new RegExp(`(?:^|[\\s(])(${alt(lex.rangeStart)})\\s+$`, 'iu'),
    ownStartRe: new RegExp(`^(?:${alt(lex.rangeStart)})\\s`, 'iu'),
    sinceRe: new RegExp(`(?:^|[\\s(])(${alt(lex.since)})\\s+$`, 'iu'),
    partRe: new RegExp(`(?:^|[\\s(])(?:a\\s+|in\\s+|at\\s+)?(${alt(Object.keys(lex.parts))})(?:[\\s-]+|-)$`, 'iu'),
    seasonRe: new RegExp(`(?:^|[\\s(])(?:the\\s+|el\\s+|en\\s+el\\s+)?(${alt(Object.keys(lex.seasons))})(?:\\s+(?:of|de|del))?\\s+$`, 'iu'),
    quarterRe: new RegExp(`(?:^|[\\s(])(?:the\\s+|el\\s+|la\\s+)?(${alt(Object.keys(lex.quarters))})\\s+(?:of|de|del)\\s+$`, 'iu'),
    pastRe: lang === 'es' ? /(?:^|\s)(el\s+pasado|pasado)\s+$/i : /(?:^|\s)(last|this\s+past)\s+$/i,
  };
  // Every expression holds a digit or one of these words ("last"/"this"/"ago" always come
  // with a month, weekday or unit, so they need not be triggers themselves).
  const triggerWords = [
    ...Object.keys(lex.months), ...Object.keys(lex.weekdays), ...Object.keys(lex.decades), ...Object.keys(lex.seasons),
    ...Object.keys(lex.centuryWords), ...lex.yesterday, ...lex.today, ...lex.tomorrow, ...Object.keys(lex.units),
  ];
  const trigger = new Set(triggerWords.map((w) => w.toLowerCase()).filter((w) => !/\s/.test(w)));
  for (const w of trigger) relevant.add(w);
  const shapes = new Set([...relevant].map((w) => w.length * 0x10000 + w.charCodeAt(0)));
  const rules: Rules = { lex, atomic, relative, monthOf, numberOf, unitOf, nounOf, combine, trigger, relevant, shapes };
  return rules;
}

export function rules(lang: 'en' | 'es'): Rules {
  let r = cache.get(lang);
  if (!r) { r = build(lang); cache.set(lang, r); }
  return r;
}

/**
 * The lower-cased words (runs of \p{L}) of a window that some pre-test asks about. The
 * pre-tests only ask whether a word of their own is present, so the others need not be
 * collected; the runs are read with a scanner (util/chars.ts) rather than /\p{L}+/gu.
 */
function relevantWords(lower: string, r: Rules): Set<string> {
  const out = new Set<string>();
  scanLetterRuns(lower, (start, end) => {
    if (!r.shapes.has((end - start) * 0x10000 + lower.charCodeAt(start))) return;
    const w = lower.slice(start, end);
    if (r.relevant.has(w)) out.add(w);
  });
  return out;
}

function scan(text: string, words: Set<string>, list: Rule[], out: Cand[]): void {
  for (const { re, build: make, need } of list) {
    if (need && !(typeof need === 'function' ? need(words) : need.test(text))) continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const c = make(m);
      if (c) {
        c.start = m.index;
        c.end = m.index + m[0].length;
        out.push(c);
      }
      if (m[0].length === 0) re.lastIndex++;
    }
  }
}

const PLURAL_COUNT = /^\s+(?!(?:was|has|this|thus|plus|its|unless|across|whereas|tras|más|mas|pues|antes|después|entonces|mientras|les|los|las|sus|dos|tres|seis)\b)(?:[a-z]{2,}s|people|personas|soldados|agentes|elementos|kilos?|kilogramos|toneladas|dólares|pesos|millones)\b/;

/** Candidates, longest first where they overlap, then combined into ranges, parts, "since". */
export function recognize(text: string, lang: 'en' | 'es', windows?: Array<{ start: number; end: number }>): Cand[] {
  const r = rules(lang);
  const raw: Cand[] = [];
  // Sentences without a digit or a time word cannot hold an expression: skip them.
  for (const w of windows ?? [{ start: 0, end: text.length }]) {
    const part = text.slice(w.start, w.end);
    const words = relevantWords(part.toLowerCase(), r);
    let hit = /\d/.test(part);
    if (!hit) for (const x of words) if (r.trigger.has(x)) { hit = true; break; }
    if (!hit) continue;
    const found: Cand[] = [];
    scan(part, words, r.atomic, found);
    scan(part, words, r.relative, found);
    for (const c of found) { c.start += w.start; c.end += w.start; raw.push(c); }
  }
  // A bare year followed by a plural noun is a count ("2000 troops").
  const cands = raw.filter((c) => !(c.kind === 'year' && PLURAL_COUNT.test(text.slice(c.end, c.end + 20).toLowerCase())));
  // Resolve overlaps: keep the longest span; earlier rules win ties.
  cands.sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
  const kept: Cand[] = [];
  for (const c of cands) {
    const last = kept[kept.length - 1];
    if (last && c.start < last.end) {
      if (c.end - c.start > last.end - last.start) kept[kept.length - 1] = c;
      continue;
    }
    kept.push(c);
  }
  return combine(text, kept, r).filter((c) => c.kind !== 'duration');
}

const absolute = (c: Cand) => c.kind === 'date' || c.kind === 'month' || c.kind === 'year';

/** Join neighbouring candidates into ranges ("between X and Y"), "since X", parts and seasons. */
function combine(text: string, cands: Cand[], r: Rules): Cand[] {
  const out: Cand[] = [];
  const lex = r.lex;
  const { joinRe, startRe, ownStartRe, sinceRe, partRe, seasonRe, quarterRe, pastRe } = r.combine;
  for (let i = 0; i < cands.length; i++) {
    const c = cands[i]!;
    const before = text.slice(Math.max(0, c.start - 40), c.start);
    const next = cands[i + 1];
    // X–Y, between X and Y, from X to Y, entre X y Y, de X a Y
    if (absolute(c) && next && absolute(next) && joinRe.test(text.slice(c.end, next.start))) {
      const between = text.slice(c.end, next.start).trim();
      const ownStart = ownStartRe.test(text.slice(c.start, c.end));
      const opener = startRe.exec(before) ?? (ownStart ? ({ index: before.length } as RegExpExecArray) : null);
      const dash = /^[-–—]$/.test(between);
      if (opener || dash || /^(to|until|through|hasta|al)$/i.test(between)) {
        // "2006-12" style (month) is an ISO month, not a range.
        const from = { ...c };
        const to = { ...next };
        if (to.kind === 'year' && to.y! < 100) to.y = Math.floor(from.y! / 100) * 100 + to.y!;
        if (from.kind === 'date' && from.y === undefined) from.y = to.y;
        if (from.kind === 'month' && from.y === undefined) from.y = to.y;
        const start = opener ? c.start - (before.length - opener.index - (before[opener.index] === ' ' || before[opener.index] === '(' ? 1 : 0)) : c.start;
        out.push({ start, end: next.end, kind: 'range', from, to });
        i++;
        continue;
      }
    }
    if (absolute(c)) {
      const since = sinceRe.exec(before);
      if (since) {
        out.push({ start: c.start - (before.length - since.index - (/[\s(]/.test(before[since.index] ?? '') ? 1 : 0)), end: c.end, kind: 'since', from: c });
        continue;
      }
      const part = partRe.exec(before);
      if (part && (c.kind === 'year' || c.kind === 'month')) {
        const p = lex.parts[part[1]!.toLowerCase().replace(/\s+/g, ' ')]!;
        const at = c.start - (before.length - part.index - (/[\s(]/.test(before[part.index] ?? '') ? 1 : 0));
        out.push({ ...c, start: at, kind: 'part', part: p, months: c.kind === 'month' ? [c.m!, c.m!] : undefined });
        continue;
      }
      const season = seasonRe.exec(before);
      if (season && c.kind === 'year') {
        const at = c.start - (before.length - season.index - (/[\s(]/.test(before[season.index] ?? '') ? 1 : 0));
        out.push({ ...c, start: at, kind: 'season', months: lex.seasons[season[1]!.toLowerCase()]! });
        continue;
      }
      const quarter = quarterRe.exec(before);
      if (quarter && c.kind === 'year') {
        const at = c.start - (before.length - quarter.index - (/[\s(]/.test(before[quarter.index] ?? '') ? 1 : 0));
        out.push({ ...c, start: at, kind: 'quarter', months: lex.quarters[quarter[1]!.toLowerCase().replace(/\s+/g, ' ')]! });
        continue;
      }
    }
    // "el pasado 15 de octubre", "last October 15"
    if (c.kind === 'date' && c.y === undefined) {
      const p = pastRe.exec(before);
      if (p) { out.push({ ...c, start: c.start - (before.length - p.index - (/\s/.test(before[p.index] ?? '') ? 1 : 0)), strictPast: true }); continue; }
    }
    // A season or a part of a month with no year: "late October", "a finales de octubre".
    if (c.kind === 'month' && c.y === undefined) {
      const part = partRe.exec(before);
      if (part) {
        const at = c.start - (before.length - part.index - (/[\s(]/.test(before[part.index] ?? '') ? 1 : 0));
        out.push({ ...c, start: at, kind: 'part', part: lex.parts[part[1]!.toLowerCase().replace(/\s+/g, ' ')]!, months: [c.m!, c.m!] });
        continue;
      }
    }
    out.push(c);
  }
  return out;
}
