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

/** A numeric claim ("figure") of the article: see the output contract and domain/claims/README.md. */
export interface Claim {
  id: string;
  /** snake_case name from domain/claims/measures.json (a change adds _change_pct or _increase). */
  measure: string;
  value: number;
  bound: 'exact' | 'over' | 'under' | 'about' | 'range';
  valueMax: number | null;
  /** people, count, USD, MXN, kg, liters, percent, rank, per_100k…, with a rate when stated ("USD per minute"). */
  unit: string;
  place: string | null;
  period: { start: string | null; end: string | null; precision: string; text: string | null } | null;
  attribution: { text: string; entity: string | null } | null;
  evidence: Span;
  /** Added field: the figure itself (bound cue, number, unit), raw offsets. */
  figure?: Span;
  /** Added field, ranks only: the size of the ranking ("of 193 countries"). */
  outOf?: number;
}

export type Factuality = 'asserted' | 'alleged' | 'disputed' | 'denied' | 'negated' | 'future' | 'considered' | 'hypothetical';

export const FACTUALITIES: readonly Factuality[] = ['asserted', 'alleged', 'disputed', 'denied', 'negated', 'future', 'considered', 'hypothetical'];

export type Quad = 'verbal-cooperation' | 'material-cooperation' | 'verbal-conflict' | 'material-conflict';

export const QUADS: readonly Quad[] = ['verbal-cooperation', 'material-cooperation', 'verbal-conflict', 'material-conflict'];

export interface EntityOut {
  id: string;
  name: string;
  kind: 'person' | 'organization' | 'group' | 'place';
  country: string | null;
  sector: string | null;
  mentions: Span[];
}

export interface EventParticipant {
  text: string;
  entity: string | null;
  country: string | null;
  sector: string | null;
  /** Added field: the actor is not named but implied (an agentless passive: "was arrested"). */
  implicit?: boolean;
}

export interface EventDate {
  start: string | null;
  end: string | null;
  precision: 'day' | 'month' | 'year' | 'range' | 'decade' | 'unknown';
  text: string | null;
  basis: 'explicit' | 'relative' | 'anchored' | 'publication' | 'none';
}

export interface EventLocation { text: string; country: string | null; admin1: string | null; lat: number | null; lon: number | null }

export interface EventRecord {
  id: string;
  type: string;
  mode: string | null;
  contexts: string[];
  score: number;
  quad: Quad;
  cameo: string | null;
  actor: EventParticipant[];
  recipient: EventParticipant[];
  date: EventDate;
  location: EventLocation | null;
  factuality: Factuality;
  attribution: { text: string; entity: string | null } | null;
  trigger: Span;
  evidence: Span;
  confidence: number;
}

export interface ArticleRecord {
  schema: typeof SCHEMA_ID;
  article: ArticleInfo;
  entities: EntityOut[];
  events: EventRecord[];
  claims: Claim[];
}
