// Text analysis with wink-nlp: tokens with character offsets, part of speech and lemma,
// sentences (also split at line breaks between paragraphs) and wink's number, date and money
// spans. Offsets are into the text given (the analysis text); TextMap maps them to raw.
import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Token {
  text: string;
  start: number;
  end: number;
  /** Universal POS tag (NOUN, VERB, PROPN, …; SPACE for line breaks). */
  pos: string;
  lemma: string;
  sentence: number;
}

export interface SentenceSpan { start: number; end: number; first: number; last: number }

export interface NumberSpan { text: string; start: number; end: number; type: string; first: number; last: number }

export interface Analysis {
  text: string;
  tokens: Token[];
  sentences: SentenceSpan[];
  /** wink's DATE, TIME, MONEY, PERCENT, CARDINAL, ORDINAL… spans (empty unless asked for). */
  numbers: NumberSpan[];
}

/** Whitespace as wink skips it between tokens (spaces, tabs, line breaks, no-break and other Unicode spaces). */
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 160 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff || c === 0x1680 || c === 0x85;

let nlp: WinkMethods | null = null;
let full: WinkMethods | null = null;

/**
 * The wink-nlp instance of the process for tagging (loading the model costs ~100 ms and
 * ~40 MB). Its pipe is sentence splitting and part of speech only: wink's entity, negation
 * and sentiment passes do not change the tags or lemmas (checked over the samples and the
 * PLOVER sentences) and cost about a quarter of the reading time.
 */
export function engine(): WinkMethods {
  nlp ??= winkNLP(model, ['sbd', 'pos']);
  return nlp;
}

/** The full pipe, for wink's number, date and money spans (made only when they are asked for). */
function fullEngine(): WinkMethods {
  full ??= winkNLP(model);
  return full;
}

/**
 * Tokenise, tag and split a text, keeping the character offset of every token. wink's own
 * number/date/money spans are filled only with `{ numbers: true }`: the figures and time
 * coders find theirs with their own grammars, and the spans cost a third more reading time.
 */
export function analyze(text: string, opts: { numbers?: boolean } = {}): Analysis {
  const w = opts.numbers ? fullEngine() : engine();
  const its = w.its;
  const doc = w.readDoc(text);
  // (Each out() walks every token through wink's cache: only what the coders use is asked for.
  // Offsets come from the text itself, so wink's preceding spaces are not needed.)
  const values = doc.tokens().out(its.value) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  // wink's typings reject its.lemma for tokens().out though it works (it needs the model addons).
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
  const tokens: Token[] = [];
  let pos = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let at = pos;
    while (at < text.length && isSpace(text.charCodeAt(at)) && !text.startsWith(v, at)) at++;
    // wink reproduces the text exactly; should it ever not, find the token from here on.
    if (!text.startsWith(v, at)) {
      const found = text.indexOf(v, pos);
      at = found >= 0 ? found : pos;
    }
    tokens.push({ text: v, start: at, end: at + v.length, pos: tags[i]!, lemma: lemmas[i]!, sentence: 0 });
    pos = at + v.length;
  }
  // wink's sentences, split again wherever a line break separates paragraphs or lines.
  const bounds: Array<[number, number]> = [];
  doc.sentences().each((s: { out: (f: unknown) => unknown }) => {
    const [a, b] = s.out(its.span) as unknown as [number, number];
    let first = a;
    for (let k = a; k <= b; k++) {
      const t = tokens[k]!;
      if (t.pos === 'SPACE' && t.text.includes('\n')) {
        if (k > first) bounds.push([first, k - 1]);
        first = k + 1;
      }
    }
    if (first <= b) bounds.push([first, b]);
  });
  const sentences: SentenceSpan[] = [];
  for (const [a, b] of bounds) {
    // Skip sentences made only of whitespace tokens.
    let words = false;
    for (let k = a; k <= b && !words; k++) words = tokens[k]!.pos !== 'SPACE';
    if (!words) continue;
    const idx = sentences.length;
    for (let k = a; k <= b; k++) tokens[k]!.sentence = idx;
    sentences.push({ start: tokens[a]!.start, end: tokens[b]!.end, first: a, last: b });
  }
  const numbers: NumberSpan[] = [];
  if (opts.numbers) doc.entities().each((e: { out: (f: unknown) => unknown }) => {
    const [a, b] = e.out(its.span) as unknown as [number, number];
    const type = e.out(its.type) as unknown as string;
    numbers.push({ text: text.slice(tokens[a]!.start, tokens[b]!.end), start: tokens[a]!.start, end: tokens[b]!.end, type, first: a, last: b });
  });
  return { text, tokens, sentences, numbers };
}
