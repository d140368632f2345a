import { readDomainJson } from '../util/data.js';

/** The time vocabulary of one language (domain/time/LANG.json). */
export interface TimeLexicon {
  months: Record<string, number>;
  weekdays: Record<string, number>;
  numbers: Record<string, number>;
  units: Record<string, 'day' | 'week' | 'month' | 'year' | 'decade' | 'hour'>;
  halves: string[];
  last: string[];
  next: string[];
  this: string[];
  ago: string[];
  later: string[];
  after: string[];
  before: string[];
  within: string[];
  yesterday: string[];
  today: string[];
  tomorrow: string[];
  parts: Record<string, 'early' | 'mid' | 'late'>;
  seasons: Record<string, [number, number]>;
  quarters: Record<string, [number, number]>;
  decades: Record<string, number>;
  centuryWords: Record<string, number>;
  rangeStart: string[];
  rangeJoin: string[];
  since: string[];
  durationPrepositions: string[];
  futureCues: string[];
  embeddingCues: string[];
  eventNouns: Record<string, string[]>;
  coarsenCues: string[];
}

const cache = new Map<string, TimeLexicon>();

export function timeLexicon(lang: 'en' | 'es'): TimeLexicon {
  let lex = cache.get(lang);
  if (!lex) {
    lex = readDomainJson<TimeLexicon>(`time/${lang}.json`);
    cache.set(lang, lex);
  }
  return lex;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');

/** A regex alternation of words, longest first (so "sept" is tried before "sep"). */
export function alt(words: Iterable<string>): string {
  return [...new Set(words)].sort((a, b) => b.length - a.length).map(escape).join('|');
}
