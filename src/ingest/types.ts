/** Metadata a caller gives with an article (JSONL corpora); it wins over what the page says. */
export interface GivenMeta {
  id?: string;
  url?: string;
  title?: string;
  published?: string;
  outlet?: string;
}

export type InputFormat = 'html' | 'text';

/** One article to extract, with its raw text already decoded. */
export interface RawArticle {
  /** Path, URL or id as the contract's `article.source`. */
  source: string;
  /** How to name this item in messages (path, `path:line`, `-`). */
  label: string;
  raw: string;
  format: InputFormat;
  meta: GivenMeta;
  /** Notes from reading and decoding (charset guesses…). */
  warnings: string[];
}

/** An input that could not become an article; `message` is one line. */
export interface ItemError {
  label: string;
  message: string;
}

export interface ReadLimits {
  /** Largest accepted item, in bytes. */
  maxBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxBytes: 20 * 1024 * 1024 };
