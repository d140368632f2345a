// The per-article record of ../shared/spec/output-contract.md (schema cronica/article@1).
// Fields may be added, never renamed or removed.

export const SCHEMA_ID = 'cronica/article@1';

export type RemovedKind =
  | 'comments' | 'teaser' | 'advert' | 'navigation' | 'byline' | 'markup' | 'caption' | 'other';

export type PublishedPrecision = 'day' | 'month' | 'year' | 'unknown';

export interface Published {
  date: string | null;
  precision: PublishedPrecision;
  text: string | null;
}

export interface RemovedSpan {
  kind: RemovedKind;
  start: number;
  end: number;
  /** The removed text (added field; handy for review and the UI). */
  text?: string;
}

export interface SpinRestoration { from: string; to: string; count: number }

export interface SpinInfo { detected: boolean; score: number; restored: SpinRestoration[] }

export interface ArticleInfo {
  id: string;
  source: string;
  title: string | null;
  outlet: string | null;
  authors: string[];
  published: Published;
  language: string | null;
  text: string;
  removed: RemovedSpan[];
  spin: SpinInfo;
  duplicateOf?: string | null;
  /** Temporal expressions of the text (added field), raw offsets, resolved by the time stage. */
  times?: TimeMention[];
  /** Image captions kept in `text` (added field): raw offsets, like every span. */
  captions?: Array<{ start: number; end: number }>;
  warnings: string[];
}

export interface Span { text: string; start: number; end: number }

export interface TimeMention {
  text: string;
  start: number;
  end: number;
  value: { start: string | null; end: string | null; precision: 'day' | 'month' | 'year' | 'range' | 'decade' | 'unknown' };
  basis: 'explicit' | 'relative' | 'anchored' | 'publication' | 'none';
  kind: string;
}

export interface ArticleRecord {
  schema: typeof SCHEMA_ID;
  article: ArticleInfo;
  entities: unknown[];
  events: unknown[];
  claims: unknown[];
}
