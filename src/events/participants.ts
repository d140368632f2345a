// Who can take part in an event: pack mentions (institutions, groups, people, countries as
// governments), a country or demonym with the sector noun after it ("U.S. agents", "Mexican
// lawmakers"), generic sector nouns ("prosecutors", "sicarios"), and, in sentences where the
// pack knows no one, proper names it does not know. Places are not participants.
import type { Mention } from '../actors/match.js';
import type { Token } from '../nlp/analyze.js';
import type { Lexicon } from './lexicon.js';

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

// Words that cannot head the noun phrase after a demonym.
const NOT_HEAD = /^(and|or|but|who|which|that|is|are|was|were|has|have|had|said|says|will|would|could|may|might|did|does|to|of|in|on|at|by|for|with|from|as|than|also|then|not|been|be|after|before|during|over|under|about|into|through|since|until|while|because|when|where|if|so|its|their|his|her|amid|against|toward|towards|across|along|within|without|between|among|ahead|despite|following|via|per|y|e|o|de|del|en|con|por|para|a|al|que|se|no|ha|han|fue|es)$/;

const NOUN_AFTER = /^(?:'s|’s)?\s+([\p{L}-]+)(?:\s+([\p{L}]+))?/u;

export function findParticipants(text: string, mentions: Mention[], lex: Lexicon, tokens: Token[] | null): Participant[] {
  const out: Participant[] = [];
  for (const m of mentions) {
    if (m.ref.kind === 'place' && m.ref.role === 'place') continue;
    let end = m.end;
    let sector = m.ref.sector;
    const role = m.ref.role;
    if (role === 'country' || role === 'demonym' || role === 'metonym') {
      // "U.S. agents", "Mexican federal prosecutors": the sector noun right after, or one word later.
      const next = NOUN_AFTER.exec(text.slice(m.end, m.end + 40));
      let noun: string | undefined;
      if (next) {
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
        if (head && !NOT_HEAD.test(head[1]!.split(/\s+/)[0]!)) {
          const w = head[1]!.split(/\s+/);
          end = m.end + head[0].length - (w.length > 1 && (NOT_HEAD.test(w[1]!) || /(ing|ed)$/.test(w[1]!)) ? w[1]!.length + 1 : 0);
        } else if (!/s$/.test(m.text)) continue;
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
    const partner = out.find((p) => p.start === m.end + co[0].length && p.sector);
    if (partner) out.push({ text: text.slice(m.start, m.end), entity: null, country: m.ref.country, sector: partner.sector, start: m.start, end: m.end, kind: 'country' });
  }
  // Generic actors without a country: "police", "prosecutors", "rebels", "protesters".
  const generic = /(?<![\p{L}])([\p{L}]+(?:\s+[\p{L}]+)?)/gu;
  let g: RegExpExecArray | null;
  while ((g = generic.exec(text)) !== null) {
    const two = g[1]!.toLowerCase();
    const one = two.split(/\s+/)[0]!;
    let word = two;
    let sector = lex.sectorNouns.get(two);
    if (!sector || !two.includes(' ')) { word = one; sector = lex.sectorNouns.get(one); }
    if (!sector || word.length < 4) { generic.lastIndex = g.index + one.length; continue; }
    const start = g.index;
    const end = start + word.length;
    generic.lastIndex = end;
    if (out.some((p) => p.start < end && start < p.end)) continue;
    if (mentions.some((mm) => mm.start < end && start < mm.end)) continue;
    // "Senate" in "Senate Judiciary Committee" is part of a name; a capitalised title before a name is a person's title.
    out.push({ text: text.slice(start, end), entity: null, country: null, sector, start, end, kind: 'generic' });
  }
  // A generic actor takes the country named just before it in the same sentence ("… from
  // Mexico after officials rescinded …"), when nothing but a short stretch of words lies between.
  const countries = mentions.filter((m) => m.ref.country && (m.ref.role === 'country' || m.ref.role === 'metonym' || m.ref.role === 'place'));
  for (const p of out) {
    if (p.kind !== 'generic' || p.country) continue;
    const prev = [...countries].reverse().find((m) => m.end <= p.start && p.start - m.end < 60 && !/[.!?\n;]/.test(text.slice(m.end, p.start)));
    if (prev) p.country = prev.ref.country;
  }
  // "The two governments", "both countries": the two countries the article mentions most.
  const counts = new Map<string, number>();
  for (const m of mentions) if (m.ref.country && m.ref.role) counts.set(m.ref.country, (counts.get(m.ref.country) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([c]) => c);
  if (top.length === 2) {
    const lowerText = text.toLowerCase();
    for (const phrase of lex.pairs) {
      let at = lowerText.indexOf(phrase);
      while (at >= 0) {
        const end = at + phrase.length;
        if (!/[\p{L}]/u.test(lowerText[end] ?? '') && !/[\p{L}]/u.test(lowerText[at - 1] ?? '') && !out.some((p) => p.start < end && at < p.end)) {
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
    const sentenceOf = (at: number) => {
      let lo = 0, hi = tokens.length - 1;
      while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (tokens[mid]!.start <= at) lo = mid; else hi = mid - 1; }
      return tokens[lo]!.sentence;
    };
    const known = new Set(out.filter((p) => p.country || p.members).map((p) => sentenceOf(p.start)));
    let k = 0;
    while (k < tokens.length) {
      const t = tokens[k]!;
      if (t.pos !== 'PROPN' || !/^\p{Lu}/u.test(t.text)) { k++; continue; }
      let j = k;
      while (j + 1 < tokens.length && tokens[j + 1]!.sentence === t.sentence &&
        (tokens[j + 1]!.pos === 'PROPN' || (/^(of|for|the|de|del|la)$/i.test(tokens[j + 1]!.text) && tokens[j + 2]?.pos === 'PROPN'))) j++;
      const start = t.start;
      const end = tokens[j]!.end;
      if (!known.has(t.sentence) && end - start > 2 && !out.some((p) => p.start < end && p.end > start) && !mentions.some((m) => m.start < end && m.end > start)) {
        out.push({ text: text.slice(start, end), entity: null, country: null, sector: null, start, end, kind: 'name' });
      }
      k = j + 1;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
