// How certain the text is about an event, from the cue lexicons of domain/events/cues.json with
// their scope: cues count inside the event's own clause (from its subject to its trigger), the
// verb group's auxiliaries and negation, modifiers right before a noun trigger, and the role of
// the word that governs the event ("plans to", "accused … of", "denied that").
import type { Lexicon } from './lexicon.js';

export interface FactualityInput {
  /** The sentence, and the clause text from the event's subject (or clause start) to its trigger. */
  sentence: string;
  clause: string;
  /** Auxiliaries of the verb group (lower case) and whether it is negated. */
  aux: string[];
  negated: boolean;
  /** The trigger's own surface form (Spanish future and conditional forms set factuality). */
  form: string;
  futureForm: boolean;
  conditionalForm: boolean;
  /** Role of the governing word, if any (see domain/events/governors.json). */
  governor: string | null;
}

const FORCED = ['would be forced to', 'could result in', 'would have', 'se vería obligado a', 'se verían obligados a'];
const ORDER = ['denied', 'negated', 'hypothetical', 'considered', 'future', 'disputed', 'alleged', 'asserted'];

const norm = (s: string) => ` ${s.toLowerCase().replace(/[“”"(),.;:!?]/g, ' ').replace(/’/g, "'").replace(/\s+/g, ' ').trim()} `;

// Each cue list indexed once by its cues' first words, each cue padded with spaces: a text's
// words are looked up, and only the cues starting with one of them are searched for (a
// whole-word test is then a plain substring search).
const indexed = new WeakMap<string[], Map<string, string[]>>();

function cueIndex(list: string[]): Map<string, string[]> {
  let idx = indexed.get(list);
  if (!idx) {
    idx = new Map();
    for (const c of list) {
      const padded = norm(c);
      const first = padded.slice(1, padded.indexOf(' ', 1));
      idx.set(first, [...(idx.get(first) ?? []), padded]);
    }
    indexed.set(list, idx);
  }
  return idx;
}

export function hasCue(list: string[] | undefined, text: string): boolean {
  if (!list) return false;
  const t = text.startsWith(' ') && text.endsWith(' ') ? text : norm(text);
  const idx = cueIndex(list);
  let from = 1;
  while (from < t.length) {
    const to = t.indexOf(' ', from);
    if (to < 0) break;
    const cues = idx.get(t.slice(from, to));
    if (cues) for (const c of cues) if (t.startsWith(c, from - 1)) return true;
    from = to + 1;
  }
  return false;
}

function lastWords(s: string, n: number): string {
  return s.trim().split(/\s+/).slice(-n).join(' ');
}

export function factualityOf(x: FactualityInput, lex: Lexicon): string {
  const c = lex.cues;
  const found = new Set<string>();
  // Normalised once: every cue list is searched in the same few strings.
  const clauseN = norm(x.clause);
  const near = norm(lastWords(x.clause, 5));
  const last3 = norm(lastWords(x.clause, 3));
  const conditional = lex.lang === 'en'
    ? /\b(if|unless|in case|in the event|provided that|as long as|on condition that|only if|even if)\b/i.test(x.sentence)
    : /\b(si|en caso de|a menos que|salvo que|siempre que|siempre y cuando|solo si)\b/i.test(x.sentence);
  if (x.governor && ORDER.includes(x.governor)) found.add(x.governor);
  if (hasCue(c.denied, near)) found.add('denied');
  if (x.negated || hasCue(c.negated, last3)) found.add('negated');
  const modal = x.aux.some((a) => /^(would|could|might|'d)$/.test(a)) || x.conditionalForm;
  if (modal && conditional) found.add('hypothetical');
  if (hasCue(FORCED, clauseN)) found.add('hypothetical');
  if (hasCue(c.considered, clauseN)) found.add('considered');
  if (x.aux.some((a) => /^(will|'ll|shall|wo)$/.test(a)) || x.futureForm || hasCue(c.future, near)) found.add(conditional ? 'hypothetical' : 'future');
  // "said it would allow": reported future when no condition is stated.
  if (!conditional && x.aux.includes('would') && lex.lang === 'en') found.add('future');
  if (hasCue(c.disputed, clauseN) || /["“][^"”]{0,40}$/.test(x.clause)) found.add('disputed');
  if (hasCue(c.alleged, clauseN) || hasCue(c.hedge, clauseN)) found.add('alleged');
  for (const v of ORDER) if (found.has(v)) return v;
  return 'asserted';
}
