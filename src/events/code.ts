// First-pass event coder: trigger lexicon matches in each sentence, actors and recipients
// from the nearest pack entities (voice-aware), factuality from cue words, the date from
// the time stage. Precision first: a trigger with no actor or recipient is not an event.
import type { Mention } from '../actors/match.js';
import type { TimeDoc } from '../time/index.js';
import type { EventDate } from '../time/types.js';
import { readDomainJson } from '../util/data.js';
import { analyze, type Token } from '../nlp/analyze.js';
import { attribution } from './attribution.js';

interface TriggerRow {
  lemma: string; pos: string; type: string; mode: string | null; contexts?: string[]; forms: string[];
  weak?: boolean; speech?: boolean;
}
interface PloverData { types: Record<string, { quad: string; score: number; cameo?: string | null; modes: Record<string, { score: number; cameo?: string | null }> }> }
interface CueData { en: Record<string, string[]>; es: Record<string, string[]>; reporting: Record<string, string[]> }
interface SectorData { nouns: Record<string, Record<string, string>>; titles?: Record<string, Record<string, string>> }

interface Form { text: string; row: TriggerRow }

interface Lexicon { byFirst: Map<string, Form[]>; plover: PloverData; cues: CueData; sectorNouns: Map<string, string> }

const cache = new Map<string, Lexicon>();

function lexicon(lang: 'en' | 'es'): Lexicon {
  let l = cache.get(lang);
  if (l) return l;
  const { triggers } = readDomainJson<{ triggers: TriggerRow[] }>(`events/triggers-${lang}.json`);
  const byFirst = new Map<string, Form[]>();
  for (const row of triggers) {
    for (const f of row.forms) {
      const first = f.split(/\s+/)[0]!;
      const list = byFirst.get(first) ?? [];
      list.push({ text: f, row });
      byFirst.set(first, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.text.length - a.text.length);
  const sectors = readDomainJson<SectorData>('us-mx/sectors.json');
  l = {
    byFirst,
    plover: readDomainJson<PloverData>('events/plover.json'),
    cues: readDomainJson<CueData>('events/cues.json'),
    sectorNouns: new Map(Object.entries({ ...(sectors.titles?.[lang] ?? {}), ...(sectors.nouns[lang] ?? {}) }).map(([k, v]) => [k.toLowerCase(), v])),
  };
  cache.set(lang, l);
  return l;
}

export interface Participant { text: string; entity: string | null; country: string | null; sector: string | null; start: number; end: number }

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
  factuality: string;
  attribution: { text: string; entity: string | null } | null;
  trigger: { start: number; end: number };
  evidence: { start: number; end: number };
  confidence: number;
}

/** Pack mentions become participants; a demonym or country followed by a sector noun ("U.S. agents") takes the noun's sector. */
function participants(text: string, mentions: Mention[], lex: Lexicon): Participant[] {
  const out: Participant[] = [];
  for (const m of mentions) {
    if (m.ref.kind === 'place' && m.ref.role === 'place') continue;
    let end = m.end;
    let sector = m.ref.sector;
    if (m.ref.role === 'country' || m.ref.role === 'demonym' || m.ref.role === 'metonym') {
      // "U.S. agents", "Mexican federal prosecutors": the sector noun right after, or one word later.
      const next = /^(?:'s|’s)?\s+([\p{L}-]+)(?:\s+([\p{L}]+))?/u.exec(text.slice(m.end, m.end + 40));
      let noun: string | undefined;
      if (next) {
        const w1 = next[1]!.toLowerCase();
        const w2 = next[2]?.toLowerCase();
        if (w2 && (noun = lex.sectorNouns.get(`${w1} ${w2}`))) end = m.end + next[0].length;
        else if ((noun = lex.sectorNouns.get(w1))) end = m.end + next[0].length - (next[2] ? next[2].length + 1 : 0);
        else if (w2 && (noun = lex.sectorNouns.get(w2))) end = m.end + next[0].length;
      }
      if (noun) sector = noun;
      else sector = m.ref.role === 'demonym' ? null : 'GOV';
      if (m.ref.role === 'demonym' && !noun) continue;
    }
    out.push({ text: text.slice(m.start, end), entity: m.ref.role ? null : m.ref.id, country: m.ref.country, sector, start: m.start, end });
  }
  // Demonyms coordinated before a sector noun: "Hungarian and Romanian officials".
  for (const m of mentions) {
    if (m.ref.role !== 'demonym' || out.some((p) => p.start <= m.start && m.start < p.end)) continue;
    const co = /^\s+(?:and|y|e|,)\s+/u.exec(text.slice(m.end, m.end + 8));
    if (!co) continue;
    const partner = out.find((p) => p.start === m.end + co[0].length && p.sector);
    if (partner) out.push({ text: text.slice(m.start, m.end), entity: null, country: m.ref.country, sector: partner.sector, start: m.start, end: m.end });
  }
  // Generic actors without a country: "police", "prosecutors", "rebels", "protesters".
  const generic = /(?<![\p{L}])(?:the\s+|los\s+|las\s+)?([\p{L}]+)(?![\p{L}])/gu;
  let g: RegExpExecArray | null;
  while ((g = generic.exec(text)) !== null) {
    const word = g[1]!.toLowerCase();
    const sector = lex.sectorNouns.get(word);
    if (!sector || word.length < 4) continue;
    const start = g.index + g[0].length - g[1]!.length;
    if (out.some((p) => p.start <= start && start < p.end)) continue;
    if (mentions.some((mm) => mm.start <= start && start < mm.end)) continue;
    out.push({ text: g[1]!, entity: null, country: null, sector, start, end: start + g[1]!.length });
  }
  return out.sort((a, b) => a.start - b.start);
}

function has(list: string[] | undefined, text: string): boolean {
  if (!list) return false;
  const t = ` ${text.toLowerCase()} `;
  return list.some((c) => t.includes(` ${c.toLowerCase()} `) || t.includes(` ${c.toLowerCase()},`));
}

/** How the sentence presents the event at `at` (cues before the trigger weigh most). */
function factuality(sentence: string, before: string, lang: 'en' | 'es', lex: Lexicon): string {
  const c = lex.cues[lang];
  const near = before.split(/\s+/).slice(-4).join(' ');
  if (has(c.denied, sentence)) return 'denied';
  if (has(c.negated, near)) return 'negated';
  if (has(c.considered, before)) return 'considered';
  if (has(c.hypothetical, before) && /\b(would|could|si|podría|sería)\b/i.test(sentence)) return 'hypothetical';
  if (has(c.future, near)) return 'future';
  if (has(c.disputed, sentence)) return 'disputed';
  if (has(c.alleged, sentence)) return 'alleged';
  return 'asserted';
}

/** Code the events of a text (offsets in that text). */
export function codeEvents(text: string, time: TimeDoc, mentions: Mention[], lang: 'en' | 'es'): CodedEvent[] {
  const lex = lexicon(lang);
  const parts = participants(text, mentions, lex);
  const lower = text.toLowerCase();
  // Part of speech (English model): a verb trigger must be tagged a verb, a noun trigger a noun
  // ("no signs of", "two blocks away", "the end of" are not events).
  const tokens = lang === 'en' ? analyze(text).tokens : null;
  const posAt = (at: number): string | null => {
    if (!tokens) return null;
    let lo = 0;
    let hi = tokens.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (tokens[mid]!.start <= at) lo = mid; else hi = mid - 1;
    }
    const t: Token | undefined = tokens[lo];
    return t && t.start <= at && at < t.end ? t.pos : null;
  };
  // Proper names the pack does not know (organisations, people): runs of PROPN tokens become
  // participants of unknown country, so that their events are still coded.
  if (tokens) {
    // Sentences that already hold a participant of known country keep to the pack.
    const sentenceOf = (at: number) => tokens.find((t) => t.start <= at && at < t.end)?.sentence;
    const knownSentences = new Set(parts.filter((p) => p.country).map((p) => sentenceOf(p.start)));
    let k = 0;
    while (k < tokens.length) {
      if (tokens[k]!.pos !== 'PROPN' || !/^\p{Lu}/u.test(tokens[k]!.text)) { k++; continue; }
      let j = k;
      while (j + 1 < tokens.length && (tokens[j + 1]!.pos === 'PROPN' || (/^(of|for|the|de|del|la)$/i.test(tokens[j + 1]!.text) && tokens[j + 2]?.pos === 'PROPN')) && tokens[j + 1]!.sentence === tokens[k]!.sentence) j++;
      const start = tokens[k]!.start;
      const end = tokens[j]!.end;
      if (!knownSentences.has(tokens[k]!.sentence) && !parts.some((p) => p.start < end && p.end > start) && !mentions.some((m) => m.start < end && m.end > start) && end - start > 2) {
        parts.push({ text: text.slice(start, end), entity: null, country: null, sector: null, start, end });
      }
      k = j + 1;
    }
    parts.sort((a, b) => a.start - b.start);
  }
  const out: CodedEvent[] = [];
  for (const s of time.sentences) {
    const sentence = text.slice(s.start, s.end);
    const inS = parts.filter((p) => p.start >= s.start && p.end <= s.end);
    if (inS.length === 0) continue;
    const word = /[\p{L}]+/gu;
    word.lastIndex = 0;
    let w: RegExpExecArray | null;
    const seen = new Set<string>();
    let lastEnd = -1;
    while ((w = word.exec(sentence)) !== null) {
      const at = s.start + w.index;
      if (at < lastEnd) continue; // inside a longer trigger already matched
      const list = lex.byFirst.get(w[0].toLowerCase());
      if (!list) continue;
      const form = list.find((f) => lower.startsWith(f.text, at) && !/[\p{L}]/u.test(lower[at + f.text.length] ?? ''));
      if (!form) continue;
      // "March", "May": a capitalised common word inside a sentence is a name, not the trigger.
      if (/^\p{Lu}/u.test(w[0]) && w.index > 0 && !/[.!?"“]\s*$/.test(sentence.slice(0, w.index))) continue;
      const row = form.row;
      const tEnd = at + form.text.length;
      const pos = posAt(at);
      if (pos && !form.text.includes(' ')) {
        if (row.pos === 'verb' && pos !== 'VERB') continue;
        if (row.pos === 'noun' && pos !== 'NOUN' && pos !== 'PROPN') continue;
      }
      lastEnd = tEnd;
      if (inS.some((p) => p.start <= at && at < p.end)) continue;
      const before = text.slice(s.start, at);
      // Passive: after an auxiliary, or a bare participle in a headline ("General arrested in Los Angeles").
      const headline = !/[.!?…"”]\s*$/.test(sentence) && sentence.split(/\s+/).length <= 16;
      const participle = /(ed|en|do|da|dos|das)$/.test(form.text);
      const passive = row.pos === 'verb' && participle &&
        (/\b(was|were|been|being|is|are|fue|fueron|ha sido|han sido)\s+(\p{L}+\s+)?$/iu.test(before) || headline);
      // Nearest first, but a participant with a known country beats a generic one.
      const rank = (xs: Participant[]) => [...xs.filter((p) => p.country), ...xs.filter((p) => !p.country)];
      const left = rank(inS.filter((p) => p.end <= at).sort((a, b) => b.end - a.end));
      const right = rank(inS.filter((p) => p.start >= tEnd && p.start - tEnd < 80).sort((a, b) => a.start - b.start));
      let actor: Participant[] = [];
      let recipient: Participant[] = [];
      if (passive || row.pos === 'noun') {
        const by = /^\s*(?:\p{L}+\s+){0,6}?(by|por)\s+/iu.exec(text.slice(tEnd, tEnd + 60));
        const agent = by ? right.find((p) => p.start >= tEnd + by.index + by[0].length - 1) : undefined;
        if (agent) actor = [agent];
        const patient = row.pos === 'noun' ? right.find((p) => p !== agent) ?? left[0] : left[0];
        if (patient) recipient = [patient];
        if (row.pos === 'noun' && !agent && left[0] && patient !== left[0]) actor = [left[0]];
      } else {
        if (left[0]) actor = [left[0]];
        if (right[0]) recipient = [right[0]];
      }
      if (actor.length === 0 && recipient.length === 0) continue;
      if (actor.length === 0) continue; // no one acts: not coded (precision first)
      const same = (a: Participant, b: Participant) => (a.entity && a.entity === b.entity) || a.text.toLowerCase() === b.text.toLowerCase();
      if (recipient[0] && same(actor[0]!, recipient[0])) recipient = [];
      // Ambiguous ("weak") triggers need a named actor with a country and a recipient.
      if (row.weak && !(actor[0]!.country && recipient.length)) continue;
      const key = `${row.type}|${actor[0]?.country}|${recipient[0]?.country}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // A noun mention of an event already coded ("the Cienfuegos arrest" after "arrested
      // Cienfuegos") is the same event reported again: it is coded once.
      const who = (p?: Participant) => p?.entity ?? p?.text.toLowerCase();
      if (row.pos !== 'verb' && out.some((e) => e.type === row.type && (who(e.recipient[0]) === who(recipient[0]) || who(e.recipient[0]) === who(actor[0])))) continue;
      const t = lex.plover.types[row.type];
      if (!t) continue;
      const mode = row.mode && t.modes[row.mode] ? row.mode : null;
      out.push({
        type: row.type,
        mode,
        contexts: row.contexts ?? [],
        score: mode ? t.modes[mode]!.score : t.score,
        quad: t.quad,
        cameo: (mode ? t.modes[mode]!.cameo : t.cameo) ?? null,
        actor, recipient,
        date: time.dateAt(at),
        factuality: factuality(sentence, before, lang, lex),
        attribution: attribution(sentence, s.start, inS),
        trigger: { start: at, end: tEnd },
        evidence: { start: s.start, end: s.end },
        confidence: actor.length && recipient.length ? 0.6 : 0.4,
      });
    }
  }
  return out;
}
