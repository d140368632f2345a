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
  /** wink's token type: word, number, punctuation, symbol, email, url, … */
  type: string;
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
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  // wink's typings reject its.lemma for tokens().out though it works (it needs the model addons).
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
  const types = doc.tokens().out(its.type) as string[];
  const tokens: Token[] = [];
  let pos = 0;
  for (let i = 0; i < values.length; i++) {
    pos += spaces[i]!.length;
    let at = pos;
    // wink reproduces the text exactly; should it ever not, find the token from here on.
    if (text.slice(at, at + values[i]!.length) !== values[i]) {
      const found = text.indexOf(values[i]!, pos);
      at = found >= 0 ? found : pos;
    }
    tokens.push({ text: values[i]!, start: at, end: at + values[i]!.length, pos: tags[i]!, lemma: lemmas[i]!, type: types[i]!, sentence: 0 });
    pos = at + values[i]!.length;
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
    if (!tokens.slice(a, b + 1).some((t) => t.pos !== 'SPACE')) continue;
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
