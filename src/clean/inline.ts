import type { RemovedSpan } from '../contract.js';
import { isLetter, isUpper } from '../util/chars.js';
import { MappedText } from '../util/offsets.js';

// Markdown link debris left by scrapers: [text](target) keeps "text"; [](target) goes.
const MD_LINK = /!?\[([^\][\n]{0,300})\]\(([^()\s]{0,500}(?:\([^()\s]*\))?[^()\s]{0,200})(?:\s+"[^"\n]{0,200}")?\)/g;
const MD_HEADING = /^#{1,6}\s+/;

// Sentences glued across elements: "in 2023.Officials said", "Mexico CityReuters".
// (A leading look-ahead at the first character lets the engine skip other positions before it
// tries the look-behind, which scans back over whole words; the matches are the same.)
const GLUED_SENTENCE = /(?=[.!?])(?<=(?:\p{Ll}{2}|\d{4}|\p{Ll}[)"”’]))([.!?])(?=\p{Lu}\p{Ll})/gu;
const GLUED_CAMEL = /(?<![\p{L}])(\p{Lu}?\p{Ll}{2,})(\p{Lu}\p{Ll}{2,})(?![\p{L}])/gu;
const GLUED_WORD_NUMBER = /(?=\d)(?<=\b\p{Ll}{3,})(\d+)(?=\s)/gu;

// Cheap tests a block must pass before those searches are worth running (a scan over char
// codes; most blocks pass neither): a sentence mark right before a capital, a digit right
// after a letter.
function markBeforeCapital(s: string): boolean {
  for (let i = s.length - 2; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if ((c === 46 || c === 33 || c === 63) && isUpper(s.codePointAt(i + 1)!)) return true;
  }
  return false;
}
function digitAfterLetter(s: string): boolean {
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      const p = s.charCodeAt(i - 1);
      if ((p >= 97 && p <= 122) || (p >= 65 && p <= 90) || (p > 127 && isLetter(s.codePointAt(p >= 0xdc00 && p <= 0xdfff && i >= 2 ? i - 2 : i - 1)!))) return true;
    }
  }
  return false;
}

// Real words and names written in camel case; their halves are not glued words.
const CAMEL_PREFIX = new Set(['mac', 'mc', 'van', 'von', 'del', 'der', 'des', 'della', 'san', 'las', 'los', 'le', 'la', 'de', 'di', 'du', 'o']);
const CAMEL_WORDS = new Set([
  'youtube', 'whatsapp', 'paypal', 'fedex', 'blackberry', 'jetblue', 'playstation', 'linkedin',
  'tiktok', 'spacex', 'openai', 'facetime', 'wikileaks', 'insight', 'sinembargo', 'buzzfeed',
  'huffpost', 'gofundme', 'soundcloud', 'dreamworks', 'harpercollins', 'mastercard', 'netflix',
  'powerpoint', 'javascript', 'typescript', 'wordpress', 'smartphone', 'chatgpt', 'telegram',
  'bitcoin', 'airbnb', 'doordash', 'instagram', 'facebook', 'microsoft', 'salesforce',
]);
const CAMEL_WORD_LIST = [...CAMEL_WORDS];

// Case of a non-ASCII character: 1 lower-case letter, 2 capital, 0 neither (remembered per code point).
const caseOf = new Map<number, number>();
/**
 * Is there a lower-case letter right before a capital (the only place GLUED_CAMEL can match)?
 * A scan of character codes: most blocks have none, and the regex's look-behind and \p
 * classes cost it at every position of the block.
 */
function lowerBeforeUpper(s: string): boolean {
  let prevLower = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let k: number;
    if (c < 128) k = c >= 97 && c <= 122 ? 1 : c >= 65 && c <= 90 ? 2 : 0;
    else {
      const cp = s.codePointAt(i)!;
      if (cp > 0xffff) i++;
      let known = caseOf.get(cp);
      if (known === undefined) {
        const ch = String.fromCodePoint(cp);
        known = /\p{Ll}/u.test(ch) ? 1 : /\p{Lu}/u.test(ch) ? 2 : 0;
        caseOf.set(cp, known);
      }
      k = known;
    }
    if (k === 2 && prevLower) return true;
    prevLower = k === 1;
  }
  return false;
}

export interface InlineResult { removed: RemovedSpan[] }

/**
 * Append one kept block to `out`, removing markdown link debris and heading marks
 * (reported as `markup`) and splitting glued words (inserted spaces map to the raw
 * position where they belong).
 */
export function appendBlock(out: MappedText, text: string, offsets: Int32Array, removed: RemovedSpan[]): void {
  // Pass 1: strip debris, keeping per-char raw offsets.
  const pieces: string[] = [];
  let raw: ArrayLike<number>;
  const rawList: number[] = [];
  const keep = (from: number, to: number) => {
    if (to <= from) return;
    pieces.push(text.slice(from, to));
    for (let k = from; k < to; k++) rawList.push(offsets[k]!);
  };
  const drop = (from: number, to: number) => {
    if (to > from) removed.push({ kind: 'markup', start: offsets[from]!, end: offsets[to - 1]! + 1 });
  };
  let pos = 0;
  const h = MD_HEADING.exec(text);
  if (h) { drop(0, h[0].length); pos = h[0].length; }
  MD_LINK.lastIndex = pos;
  let m: RegExpExecArray | null;
  while ((m = MD_LINK.exec(text)) !== null) {
    keep(pos, m.index);
    const inner = m[1]!;
    const innerStart = m.index + m[0].indexOf('[') + 1;
    if (inner.trim() === '') {
      drop(m.index, m.index + m[0].length);
    } else {
      drop(m.index, innerStart);
      keep(innerStart, innerStart + inner.length);
      drop(innerStart + inner.length, m.index + m[0].length);
    }
    pos = m.index + m[0].length;
  }
  let s: string;
  if (pos === 0 && pieces.length === 0) {
    // No heading mark, no link debris (most blocks): the block as it is.
    s = text;
    raw = offsets;
  } else {
    keep(pos, text.length);
    s = pieces.join('');
    raw = rawList;
  }

  // Pass 2: split glued words by inserting spaces.
  const inserts = new Set<number>();
  if (markBeforeCapital(s)) for (const g of s.matchAll(GLUED_SENTENCE)) inserts.add(g.index! + 1);
  if (lowerBeforeUpper(s)) for (const g of s.matchAll(GLUED_CAMEL)) {
    const left = g[1]!.toLowerCase();
    const word = (g[1]! + g[2]!).toLowerCase();
    if (CAMEL_PREFIX.has(left) || CAMEL_WORD_LIST.some((w) => word.startsWith(w))) continue;
    inserts.add(g.index! + g[1]!.length);
  }
  if (digitAfterLetter(s)) for (const g of s.matchAll(GLUED_WORD_NUMBER)) inserts.add(g.index!);
  if (inserts.size === 0 && !s.includes('\t') && !s.includes('  ')) {
    // Nothing to insert or collapse: the text goes in as it is.
    out.mapped(s, raw);
    return;
  }
  // Collapse whitespace left behind by removed debris ("said  [](#) that"). The block goes
  // into `out` in one piece: runs of kept characters are sliced, not copied one by one.
  const outChars: string[] = [];
  const outRaw: number[] = [];
  let prevSpace = false;
  let runStart = 0;
  const flushRun = (to: number) => {
    if (to > runStart) outChars.push(s.slice(runStart, to));
  };
  for (let k = 0; k < s.length; k++) {
    if (inserts.has(k) && !prevSpace) {
      flushRun(k);
      runStart = k;
      outChars.push(' ');
      outRaw.push(raw[k]!);
      prevSpace = true;
    }
    const c = s[k]!;
    const space = c === ' ' || c === '\t';
    if (space && prevSpace) {
      flushRun(k);
      runStart = k + 1;
      continue;
    }
    if (c === '\t') {
      flushRun(k);
      outChars.push(' ');
      runStart = k + 1;
    }
    outRaw.push(raw[k]!);
    prevSpace = space;
  }
  flushRun(s.length);
  out.mapped(outChars.join(''), outRaw);
}
