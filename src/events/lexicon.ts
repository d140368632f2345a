// The event coder's vocabulary, loaded once per language from domain/events/ and the pack's
// sector nouns: trigger entries indexed by surface form, cue lists for factuality, the PLOVER
// codebook table and the governors of infinitive complements.
import { readDomainJson } from '../util/data.js';
import { WordHashSet } from '../util/word-hash.js';

export type Lang = 'en' | 'es';

export interface TriggerRow {
  lemma: string;
  pos: 'verb' | 'noun' | 'phrase';
  type: string;
  mode: string | null;
  contexts?: string[];
  forms: string[];
  weak?: boolean;
  speech?: boolean;
  needsTarget?: boolean;
  recipientVia?: string[];
  argPattern?: string;
  subjectRole?: 'recipient';
  objects?: string[];
  excludeObjects?: string[];
  modeByObject?: Record<string, string>;
  modeByActorSector?: Record<string, string>;
  ifConflict?: string;
  altTypes?: string[];
  exclude?: string[];
  lowercaseOnly?: boolean;
  cameo?: string;
  futureForms?: string[];
  conditionalForms?: string[];
}

export interface PloverType { quad: string; score: number; cameo?: string | null; modes: Record<string, { score: number; cameo?: string | null }> }

export interface Governor {
  /** What the governor does to the event in its complement. */
  role: 'future' | 'considered' | 'negated' | 'drop' | 'keep' | 'hypothetical' | 'alleged' | 'denied' | 'wrap';
  /** For role wrap: the event type the governor itself codes (AGREE for "willing to"). */
  type?: string;
  ifConflict?: string;
}

export interface Lexicon {
  lang: Lang;
  /** Surface form → the trigger entries with that form (several when told apart by objects). */
  forms: Map<string, TriggerRow[]>;
  /** First word of a form → forms starting with it, longest first. */
  byFirst: Map<string, string[]>;
  plover: Record<string, PloverType>;
  cues: Record<string, string[]>;
  reporting: string[];
  complementModes: Record<string, Record<string, string[]>>;
  contextCues: Record<string, string[]>;
  sectorNouns: Map<string, string>;
  /** The first words of the sector nouns (a quick test before looking at two-word nouns). */
  sectorFirst: Set<string>;
  /** sectorFirst as a hash set (util/word-hash.ts), for the scan of a text's words. */
  sectorFirstHashes: WordHashSet;
  governors: Map<string, Governor>;
  /** Light verbs whose object noun is the event ("launched an attack", "held talks"). */
  lightVerbs: Set<string>;
  /** Journalistic sourcing: objects that make a speech verb sourcing, not an event ("told NPR"). */
  sourcing: string[];
  /** Phrases that stand for the article's two countries ("the two governments"). */
  pairs: string[];
  /** Verbs whose subject undergoes the event noun they govern ("serving a sentence"). */
  patientVerbs: Set<string>;
  /** Participles that after "be" are a stance, not a passive ("is opposed to"). */
  statives: Set<string>;
  /** Verbs of saying and of setting out another's acts (lemmas; Spanish surface forms). */
  reportingLemmas: Set<string>;
  describeLemmas: Set<string>;
}

interface TriggerFile {
  triggers: TriggerRow[];
  complementModes?: Record<string, Record<string, string[]>>;
  contextCues?: Record<string, string[]>;
}
interface CueFile { en: Record<string, string[]>; es: Record<string, string[]>; reporting: Record<Lang, string[]> }
interface SectorFile { nouns: Record<string, Record<string, string>>; titles?: Record<string, Record<string, string>> }
interface GovernorFile { [lang: string]: { governors: Record<string, Governor>; lightVerbs: string[]; sourcing: string[]; pairs: string[]; patientVerbs: string[]; statives: string[]; reportingLemmas: string[]; describeLemmas: string[] } }

const cache = new Map<Lang, Lexicon>();

export function lexicon(lang: Lang): Lexicon {
  const hit = cache.get(lang);
  if (hit) return hit;
  const file = readDomainJson<TriggerFile>(`events/triggers-${lang}.json`);
  const forms = new Map<string, TriggerRow[]>();
  const byFirst = new Map<string, string[]>();
  for (const row of file.triggers) {
    for (const f of new Set(row.forms.map((x) => x.toLowerCase()))) {
      const rows = forms.get(f) ?? [];
      rows.push(row);
      forms.set(f, rows);
      // Keyed by the first word, and by its part before a hyphen as well: wink-nlp reads
      // "test-fired" as three tokens, so the token that starts such a form is "test".
      const first = f.split(/\s+/)[0]!;
      for (const key of new Set([first, first.split('-')[0]!])) {
        if (!key) continue;
        const list = byFirst.get(key) ?? [];
        if (!list.includes(f)) list.push(f);
        byFirst.set(key, list);
      }
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  // Entries told apart by their objects are tried first.
  for (const rows of forms.values()) rows.sort((a, b) => Number(!a.objects) - Number(!b.objects));
  const cues = readDomainJson<CueFile>('events/cues.json');
  const sectors = readDomainJson<SectorFile>('us-mx/sectors.json');
  const gov = readDomainJson<GovernorFile>('events/governors.json')[lang]!;
  const plover = readDomainJson<{ types: Record<string, PloverType> }>('events/plover.json').types;
  const sectorNouns = new Map(Object.entries({ ...(sectors.titles?.[lang] ?? {}), ...(sectors.nouns[lang] ?? {}) }).map(([k, v]) => [k.toLowerCase(), v]));
  const sectorFirst = new Set([...sectorNouns.keys()].map((k) => k.split(/\s+/)[0]!));
  const lex: Lexicon = {
    lang,
    forms,
    byFirst,
    plover,
    cues: cues[lang],
    reporting: cues.reporting[lang],
    complementModes: file.complementModes ?? {},
    contextCues: file.contextCues ?? {},
    sectorNouns,
    sectorFirst,
    sectorFirstHashes: new WordHashSet(sectorFirst),
    governors: new Map(Object.entries(gov.governors)),
    lightVerbs: new Set(gov.lightVerbs),
    sourcing: gov.sourcing,
    pairs: gov.pairs,
    patientVerbs: new Set(gov.patientVerbs),
    statives: new Set(gov.statives),
    reportingLemmas: new Set(gov.reportingLemmas),
    describeLemmas: new Set(gov.describeLemmas),
  };
  cache.set(lang, lex);
  return lex;
}
