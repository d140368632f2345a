// Attribution of reported speech: who the sentence says the information comes from
// ("according to X", "X said", "said X", "Y told reporters", "según X"). Offsets are in the
// analysis text; `start` is the sentence's start offset, `parts` the participants found in the text.

const SAY = '(?:said|says|told|tells|added|stated|announced|reported|reports|claimed|claims|wrote|testified|dijo|afirmó|declaró|informó|señaló|aseguró)';

/** The source phrase after "according to": up to a comma or semicolon, or a full stop that is not an abbreviation's. */
function phraseAfter(s: string): string {
  let out = s.split(/[,;:(]/)[0]!;
  // "according to U.S. officials." : a dot ends the phrase only after a lower-case word.
  const stop = /(?<=\p{Ll}{2})\.(?:\s|$)/u.exec(out);
  if (stop) out = out.slice(0, stop.index);
  return out.replace(/[.\s]+$/, '').trim();
}

/** The source a sentence attributes its content to, with its entity when a participant covers it. */
const TAIL = new RegExp(`[,”"]\\s*((?:the |a |an |la |el |los |las )?[\\p{L}][^,;"”]{1,70}?)\\s+${SAY}\\b[^,;]{0,40}[.!?]?["”]?\\s*$`, 'u');
const LEAD = new RegExp(`^((?:the |a |an |la |el |los |las )?[\\p{Lu}][\\p{L}.'’-]*(?:\\s+[\\p{L}.'’-]+){0,5}?)\\s+${SAY}\\b`, 'u');

export function attribution(sentence: string, start: number, parts: Array<{ start: number; end: number; entity: string | null }>): { text: string; entity: string | null } | null {
  let text: string | null = null;
  const acc = /\b(?:according to|citing|as reported by|según|de acuerdo con|de acuerdo a)\s+/i.exec(sentence);
  if (acc) text = phraseAfter(sentence.slice(acc.index + acc[0].length));
  if (!text) {
    // ", a close aide to the prime minister said." / "… , officials told reporters."
    const tail = TAIL.exec(sentence);
    // "…, said spokesperson for the Israeli prime minister."
    const inverted = /[,”"]\s*(?:said|dijo|according to)\s+([^,;]{2,70}?)[.!?]?\s*$/u.exec(sentence);
    // "Mexican officials said on Tuesday that …"
    const lead = LEAD.exec(sentence);
    const m = tail ?? inverted ?? lead;
    // A speaker is a noun phrase: no clause words, no past-tense verb ("The DEA arrested X and said…").
    if (m && !/\b(that|which|who|when|if|because|and|que|y)\b/i.test(m[1]!) && !(m === lead && /\b(?!United\b)\p{L}+ed\b/u.test(m[1]!))) text = m[1]!.trim();
  }
  if (!text) return null;
  const at = start + sentence.indexOf(text);
  const who = parts.find((p) => p.start >= at && p.end <= at + text!.length && p.entity);
  return { text, entity: who?.entity ?? null };
}
