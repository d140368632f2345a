// Sentence and clause boundaries for the time stage. Dating needs only coarse boundaries
// (which expressions share a sentence or a clause with an event), so a rule splitter that
// knows news abbreviations is enough here and costs far less than tokenising.

const ABBREV = /(?:\b(?:U\.S|U\.N|U\.K|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Adm|Rep|Sen|Gov|Jr|Sr|St|No|Inc|Corp|Co|Ltd|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Sra|Sr|Lic|Ing|Dra|etc|a\.m|p\.m|approx|Ariz|Calif|Mich|Tex|Fla|N\.M|D\.C)|\b\p{Lu})$/u;

export interface Sentence { start: number; end: number }

/** Sentence spans: split after . ! ? (not after known abbreviations or initials) and at line breaks between paragraphs. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const re = /([.!?…]["”’)\]]*)(\s+)(?=["“‘(\[¿¡]?[\p{Lu}\p{N}])|\n\s*\n|\n(?=\s*\S)/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[1]) {
      const before = text.slice(Math.max(start, m.index - 12), m.index);
      if (m[1] === '.' && ABBREV.test(before)) continue;
    }
    const end = m[1] ? m.index + m[1].length : m.index;
    if (end > start) out.push({ start, end });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out.filter((s) => /\S/.test(text.slice(s.start, s.end)));
}

/** The clause around `pos` inside its sentence: bounded by , ; : ( ) and dashes. */
export function clauseAround(text: string, s: Sentence, pos: number): { start: number; end: number } {
  let a = pos;
  while (a > s.start && !/[,;:()—–]/.test(text[a - 1]!)) a--;
  let b = pos;
  while (b < s.end && !/[,;:()—–]/.test(text[b]!)) b++;
  return { start: a, end: b };
}
