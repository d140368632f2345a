import type { RemovedKind } from '../contract.js';

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

export function wordCount(text: string): number {
  const m = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu);
  return m ? m.length : 0;
}
