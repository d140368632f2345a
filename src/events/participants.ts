// Who can take part in an event: pack mentions (institutions, groups, people, countries as
// governments), a country or demonym with the sector noun after it ("U.S. agents", "Mexican
// lawmakers"), generic sector nouns ("prosecutors", "sicarios"), and, in sentences where the
// pack knows no one, proper names it does not know. Places are not participants.
import type { Mention } from '../actors/match.js';
import type { Token } from '../nlp/analyze.js';
import type { Lexicon } from './lexicon.js';
import { lowerSameOffsets } from '../util/case.js';
import { scanLetterRuns } from '../util/word-hash.js';

export interface Participant {
  text: string;
  entity: string | null;
  country: string | null;
  sector: string | null;
  start: number;
  end: number;
  kind: 'person' | 'organization' | 'group' | 'country' | 'generic' | 'name';
  /** An actor the text leaves unnamed (an agentless passive), inferred from place or recipient. */
  implicit?: boolean;
  /** "The two governments", "both countries": the parties this phrase stands for. */
  members?: Participant[];
}

const MONTHS_DAYS = /^(January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?$/;

// Words that cannot head the noun phrase after a demonym.
const NOT_HEAD = /^(and|or|but|who|which|that|is|are|was|were|has|have|had|said|says|will|would|could|may|might|did|does|to|of|in|on|at|by|for|with|from|as|than|also|then|not|been|be|after|before|during|over|under|about|into|through|since|until|while|because|when|where|if|so|its|their|his|her|amid|against|toward|towards|across|along|within|without|between|among|ahead|despite|following|via|per|y|e|o|de|del|en|con|por|para|a|al|que|se|no|ha|han|fue|es)$/;

const NOUN_AFTER = /^(?:'s|’s)?\s+([\p{L}-]+)(?:\s+([\p{L}]+))?/u;

export function findParticipants(text: string, mentions: Mention[], lex: Lexicon, tokens: Token[] | null, skip: Array<{ start: number; end: number }> = []): Participant[] {
  const out: Participant[] = [];
  // Part of speech of the word starting at a character offset (English); null when unknown.
  const posAt = (at: number): string | null => {
    if (!tokens) return null;
    let lo = 0, hi = tokens.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (tokens[mid]!.start <= at) lo = mid; else hi = mid - 1; }
    return tokens[lo]!.start === at ? tokens[lo]!.pos : null;
  };
  const nominal = (at: number) => { const p = posAt(at); return p === null || p === 'NOUN' || p === 'ADJ' || p === 'PROPN'; };
  // The lower-case words between a country and a name make a title ("'s religious leader"), not a
  // verb and its object ("Zimbabwe deported Andrew Meldrum"): nouns and adjectives, ending in a noun.
  const titleWords = (a: number, b: number): boolean => {
    const re = /[a-z][\p{L}-]*/gu;
    const mid = text.slice(a, b);
    let m: RegExpExecArray | null;
    let last: string | null = null;
    while ((m = re.exec(mid)) !== null) {
      if (m.index === 1 && /^['’]$/.test(mid[0]!)) continue; // the possessive "s"
      last = posAt(a + m.index);
      if (last !== null && last !== 'NOUN' && last !== 'ADJ' && last !== 'PROPN') return false;
    }
    return last === null || last === 'NOUN' || last === 'PROPN';
  };
  for (const m of mentions) {
    if (m.ref.kind === 'place' && m.ref.role === 'place') continue;
    let end = m.end;
    let sector = m.ref.sector;
    const role = m.ref.role;
    if (role === 'country' || role === 'demonym' || role === 'metonym') {
      // "U.S. agents", "Mexican federal prosecutors": the sector noun right after, or one word later.
      const next = NOUN_AFTER.exec(text.slice(m.end, m.end + 40));
      let noun: string | undefined;
      const w1At = next ? m.end + next[0].indexOf(next[1]!) : 0;
      if (next && nominal(w1At)) {
        const w1 = next[1]!.toLowerCase();
        const w2 = next[2]?.toLowerCase();
        if (w2 && (noun = lex.sectorNouns.get(`${w1} ${w2}`))) end = m.end + next[0].length;
        else if ((noun = lex.sectorNouns.get(w1))) end = m.end + next[0].length - (next[2] ? next[2].length + 1 : 0);
        else if (w2 && !NOT_HEAD.test(w1) && (noun = lex.sectorNouns.get(w2))) end = m.end + next[0].length;
      }
      if (noun) sector = noun;
      else sector = role === 'demonym' ? null : 'GOV';
      if (role === 'demonym' && !noun) {
        // A demonym before a common noun names that noun's side ("Russian aircraft", "Afghan
        // villagers"); alone it is a participant only as a people noun ("Palestinians").
        const head = /^\s+((?:[a-z][\p{L}-]*\s+)?[a-z][\p{L}-]*)/u.exec(text.slice(m.end, m.end + 40));
        if (head && !/s$/.test(m.text) && !NOT_HEAD.test(head[1]!.split(/\s+/)[0]!) && nominal(m.end + head[0].indexOf(head[1]!)) &&
          // an adjective alone is not a head ("Russian civilian advisers" is, through its noun)
          (posAt(m.end + head[0].indexOf(head[1]!)) !== 'ADJ' || (head[1]!.includes(' ') && posAt(m.end + head[0].length - head[1]!.split(/\s+/).pop()!.length) === 'NOUN'))) {
          const w = head[1]!.split(/\s+/);
          const w2At = m.end + head[0].length - w[w.length - 1]!.length;
          end = m.end + head[0].length - (w.length > 1 && (NOT_HEAD.test(w[1]!) || /(ing|ed)$/.test(w[1]!) || posAt(w2At) !== 'NOUN' && posAt(w2At) !== null) ? w[1]!.length + 1 : 0);
        } else if (!/s$/.test(m.text) && !/^\s+\p{Lu}/u.test(text.slice(m.end, m.end + 3))) continue;
        // (A demonym before a name — "the Syrian Golan Heights", "Mexican President López Obrador" — gives that name its country.)
      }
    }
    const kind: Participant['kind'] = role ? 'country' : m.ref.kind === 'person' ? 'person' : m.ref.kind === 'group' ? 'group' : 'organization';
    out.push({ text: text.slice(m.start, end), entity: role ? null : m.ref.id, country: m.ref.country, sector, start: m.start, end, kind });
  }
  // Demonyms coordinated before a sector noun: "Hungarian and Romanian officials".
  for (const m of mentions) {
    if (m.ref.role !== 'demonym' || out.some((p) => p.start <= m.start && m.start < p.end)) continue;
    const co = /^\s*(?:and|y|e|,)\s+/u.exec(text.slice(m.end, m.end + 8));
    if (!co) continue;
    const partner = out.find((p) => p.start === m.end + co[0].length && (p.sector || p.kind === 'country'));
    if (partner) out.push({ text: text.slice(m.start, m.end), entity: null, country: m.ref.country, sector: partner.sector, start: m.start, end: m.end, kind: 'country' });
  }
  // Characters already taken by a mention or a participant (an O(1) overlap test instead of scanning lists).
  const covered = new Uint8Array(text.length + 1);
  const cover = (a: number, b: number) => covered.fill(1, a, b);
  const isCovered = (a: number, b: number) => { for (let i = a; i < b; i++) if (covered[i]) return true; return false; };
  for (const m of mentions) cover(m.start, m.end);
  for (const p of out) cover(p.start, p.end);
  // Generic actors without a country: "police", "prosecutors", "rebels", "protesters".
  // (Word by word; only a word that starts a sector noun is looked at further, with the word after it.)
  // The words are read from the lower-cased text when that keeps every offset, with a scanner
  // (util/chars.ts) as /\p{L}+/gu would find them; a word's hash (util/word-hash.ts) passes
  // most words over without a lookup.
  const nextWord = /\s+(\p{L}+)/uy;
  const lowered = lowerSameOffsets(text);
  const src = lowered ?? text;
  const firsts = lex.sectorFirstHashes;
  scanLetterRuns(src, (start, runEnd, h) => {
    if (lowered && !firsts.has(h)) return;
    const one = lowered ? src.slice(start, runEnd) : src.slice(start, runEnd).toLowerCase();
    if (!lex.sectorFirst.has(one)) return;
    nextWord.lastIndex = start + one.length;
    const n2 = nextWord.exec(text);
    const two = n2 ? `${one}${n2[0].slice(0, n2[0].length - n2[1]!.length)}${n2[1]!.toLowerCase()}` : one;
    let word = two;
    let sector = lex.sectorNouns.get(two);
    if (!sector || !n2) { word = one; sector = lex.sectorNouns.get(one); }
    if (!sector || word.length < 4) return;
    const end = start + word.length;
    if (isCovered(start, end)) return end;
    // "Senate" in "Senate Judiciary Committee" is part of a name; a capitalised title before a name is a person's title.
    out.push({ text: text.slice(start, end), entity: null, country: null, sector, start, end, kind: 'generic' });
    cover(start, end);
    return end;
  });
  // A generic actor takes the country named just before it in the same sentence ("… from
  // Mexico after officials rescinded …"), when nothing but a short stretch of words lies between.
  const countries = mentions.filter((m) => m.ref.country && (m.ref.role === 'country' || m.ref.role === 'metonym' || m.ref.role === 'place'));
  for (const p of out) {
    if (p.kind !== 'generic' || p.country) continue;
    const verbBetween = (a: number, b: number) => {
      if (!tokens) return false;
      let lo = 0, hi = tokens.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (tokens[mid]!.start < a) lo = mid + 1; else hi = mid; }
      for (let i = lo; i < tokens.length && tokens[i]!.end <= b; i++) if (tokens[i]!.pos === 'VERB' || tokens[i]!.pos === 'AUX') return true;
      return false;
    };
    for (let i = countries.length - 1; i >= 0; i--) {
      const m = countries[i]!;
      if (m.end > p.start) continue;
      if (p.start - m.end >= 60) break;
      if (/[.!?\n;]/.test(text.slice(m.end, p.start)) || verbBetween(m.end, p.start) || out.some((q) => q !== p && q.start <= m.start && m.end <= q.end && q.end > m.end)) continue;
      p.country = m.ref.country;
      break;
    }
  }
  // "The two governments", "both countries": the two countries the article mentions most.
  const counts = new Map<string, number>();
  for (const m of mentions) if (m.ref.country && m.ref.role) counts.set(m.ref.country, (counts.get(m.ref.country) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([c]) => c);
  if (top.length === 2) {
    const lowerText = lowered ?? text.toLowerCase();
    for (const phrase of lex.pairs) {
      let at = lowerText.indexOf(phrase);
      while (at >= 0) {
        const end = at + phrase.length;
        if (!/[\p{L}]/u.test(lowerText[end] ?? '') && !/[\p{L}]/u.test(lowerText[at - 1] ?? '') && !out.some((p) => p.start < end && at < p.end && p.kind !== 'generic')) {
          for (let i = out.length - 1; i >= 0; i--) if (out[i]!.start < end && at < out[i]!.end) out.splice(i, 1);
          const members = top.map((c): Participant => ({ text: text.slice(at, end), entity: null, country: c, sector: 'GOV', start: at, end, kind: 'country' }));
          out.push({ text: text.slice(at, end), entity: null, country: null, sector: 'GOV', start: at, end, kind: 'country', members });
        }
        at = lowerText.indexOf(phrase, end);
      }
    }
  }
  // Proper names the pack does not know (organisations, people): runs of PROPN tokens become
  // participants of unknown country, in sentences where no participant has a known country.
  if (tokens) {
    // Time expressions ("Tuesday", "October") are not names; parties added since are taken.
    for (const x of skip) cover(x.start, x.end);
    for (const p of out) cover(p.start, p.end);
    let k = 0;
    while (k < tokens.length) {
      const t = tokens[k]!;
      if (t.pos !== 'PROPN' || !/^\p{Lu}/u.test(t.text)) { k++; continue; }
      let j = k;
      while (j + 1 < tokens.length && tokens[j + 1]!.sentence === t.sentence &&
        (tokens[j + 1]!.pos === 'PROPN' || (/^(of|for|the|de|del|la|-)$/i.test(tokens[j + 1]!.text) && tokens[j + 2]?.pos === 'PROPN' &&
          // a hyphen joins only within a word ("Zia-Ul-Haq")
          (tokens[j + 1]!.text !== '-' || (tokens[j + 1]!.start === tokens[j]!.end && tokens[j + 2]!.start === tokens[j + 1]!.end))))) j++;
      const start = t.start;
      const end = tokens[j]!.end;
      // A lone capitalised word opening a sentence is usually not a name ("Greater sharing…").
      const opener = j === k && (k === 0 || tokens[k - 1]!.sentence !== t.sentence || /^[“"(]$/.test(tokens[k - 1]!.text));
      // "near the town of Samarra", "in Jericho": a place the gazetteer does not know, not a participant.
      const placeBefore = /\b(?:in|near|at|outside|inside|into|across|throughout|from)\s+(?:the\s+)?(?:(?:town|city|village|province|region|state|district|capital|port|border town|enclave) of\s+)?$|\b(?:town|city|village|province|region|district|enclave) of\s+$/i.test(text.slice(Math.max(0, start - 40), start));
      // "Western aid agencies", "European diplomats": a lone capitalised adjective before a common
      // noun modifies it; it is not a name.
      const modifier = j === k && tokens[k + 1]?.pos === 'NOUN' && tokens[k + 1]!.sentence === t.sentence && /^\p{Ll}/u.test(tokens[k + 1]!.text) &&
        /^\p{Lu}\p{Ll}+(?:ern|ian|an|ese|ish|ic)$/u.test(t.text);
      const free = end - start > 2 && !opener && !placeBefore && !modifier && !isCovered(start, end) && !MONTHS_DAYS.test(text.slice(start, end));
      if (free) {
        // "Iraqi President Saddam Hussein", "Iran's leader Ayatollah Khomeini": a name right after a
        // title that carries a country is that titled person.
        // Also "Iran's religious leader Ayatollah Khomeini": a country, its possessive and a lower-case title.
        // (Only parties ending just before the name are looked at: no text is sliced for the others.)
        const title = out.find((p) => p.end <= start && start - p.end <= 3 && /^[\s,]*$/.test(text.slice(p.end, start)) && (p.kind === 'country' || (p.kind === 'generic' && p.sector))) ??
          out.find((p) => p.kind === 'country' && p.end <= start && start - p.end <= 48 && /^(?:['’]s)?(?:\s+[a-z][\p{L}-]*){1,3}\s+$/u.test(text.slice(p.end, start)) && titleWords(p.end, start));
        if (title) { title.end = end; title.text = text.slice(title.start, end); title.kind = 'person'; }
        else out.push({ text: text.slice(start, end), entity: null, country: null, sector: null, start, end, kind: 'name' });
        cover(start, end);
      }
      k = j + 1;
    }
  }
  // "Presidents Donald Trump and …", "Defense Secretary Cienfuegos": a capitalised title right
  // before a named person is part of that person's mention, not a participant of its own.
  out.sort((a, b) => a.start - b.start);
  return out.filter((p, i) => !(p.kind === 'generic' && out[i + 1] && (out[i + 1]!.kind === 'person' || out[i + 1]!.kind === 'name') && /^\s*$/.test(text.slice(p.end, out[i + 1]!.start))));
}
