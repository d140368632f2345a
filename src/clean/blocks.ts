import type { RemovedKind } from '../contract.js';
import { memo } from '../util/memo.js';

/**
 * A unit of page text the cleaner keeps or removes whole: a line or paragraph of a text
 * scrape, a block-level element of an HTML page. `offsets[i]` is the raw offset of text[i].
 */
export interface Block {
  text: string;
  offsets: Int32Array;
  /** Separated from the previous block by a paragraph break (blank line, block element). */
  paraBreak: boolean;
  /** What the HTML container says this is (comment list, related box…), if anything. */
  hint: RemovedKind | null;
  /** Inside the main-content candidate (always true for text input). */
  inArticle: boolean;
  heading: boolean;
  caption: boolean;
  /** Share of the text that sits inside links (HTML), or is markdown link text. */
  linkDensity: number;
  /** A later piece of the same paragraph (an HTML block split around dropped text). */
  continues?: boolean;
}

export type Role = 'title' | 'standfirst' | 'body' | 'caption' | 'date' | 'author' | 'outlet' | 'removed';

export interface Decision {
  kind: RemovedKind | null;
  role: Role;
}

export function rawStart(b: Block): number {
  return b.offsets[0] ?? 0;
}

export function rawEnd(b: Block): number {
  return b.text.length ? b.offsets[b.text.length - 1]! + 1 : rawStart(b);
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/**
 * Number of words: matches of [\p{L}\p{N}][\p{L}\p{N}'’.-]* (flags gu), counted by a scan that
 * allocates nothing. The classifier counts the words of every line several times: inside the
 * decider's memo scope each line is counted once.
 */
export const wordCount = memo(function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let ln: boolean;
    let joiner = false;
    if (c < 128) {
      ln = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
      joiner = c === 39 || c === 46 || c === 45; // ' . -
    } else {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      ln = LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
      joiner = cp === 0x2019; // ’
    }
    if (inWord) {
      if (ln || joiner) continue;
      inWord = false;
    } else if (ln) {
      n++;
      inWord = true;
    }
  }
  return n;
});
