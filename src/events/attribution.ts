// Attribution of reported speech: who the sentence says the information comes from
// ("according to X", "X said", "said X", "según X"). Offsets are in the analysis text;
// `start` is the sentence's start offset, `parts` the participants found in the text.
/** The source a sentence attributes its content to, with its entity when a participant covers it. */
export function attribution(sentence: string, start: number, parts: Array<{ start: number; end: number; entity: string | null }>): { text: string; entity: string | null } | null {
  const m = /\baccording to ([^,.;]+)|(?:,|\.|”|")\s*([^,.;"”]{2,60}?) (?:said|told|says|added|stated)\b|\b(?:said|told) ([A-Z][^,.;]{2,60})|\bsegún ([^,.;]+)/.exec(sentence);
  if (!m) return null;
  const text = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim();
  const at = start + sentence.indexOf(text);
  const who = parts.find((p) => p.start >= at && p.end <= at + text.length);
  return { text, entity: who?.entity ?? null };
}
