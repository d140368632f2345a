// The cross-article record: what the store keeps beyond the per-article records
// (cronica/article@1), and what the API, the exports and the web UI read.
import type { EventDate, EventLocation, EventParticipant, EventRecord, Factuality, Quad, Span } from '../contract.js';

/** One stored article (its full per-article record is kept beside it). */
export interface ArticleSummary {
  /** sha256 of the raw input as decoded: the idempotency key of ingest. */
  key: string;
  /** article.id of the record: sha256 of the cleaned text. */
  id: string;
  /** Ingest order, 1-based. */
  seq: number;
  source: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  publishedPrecision: string;
  language: string | null;
  /** Key of the article this one is a near-duplicate (syndicated, spun or lightly edited copy) of. */
  duplicateOf: string | null;
  /** Estimated resemblance (Jaccard of word shingles) to `duplicateOf`. */
  similarity: number | null;
  spun: boolean;
  events: number;
  claims: number;
  ingestedAt: string;
}

/** An event as one article reports it: the per-article event plus where it came from. */
export interface EventMention extends EventRecord {
  /** Key of the article. */
  article: string;
  outlet: string | null;
  source: string;
  published: string | null;
  /** The independent source it counts for: the key of its near-duplicate cluster's first article. */
  cluster: string;
}

/** How the sources of a merged event present it: the count of independent sources per value. */
export type FactualityCounts = Partial<Record<Factuality, number>>;

/** One real-world event, merged from its mentions across articles. */
export interface MergedEvent {
  /** Stable across re-runs: derived from its earliest mention's id. */
  id: string;
  type: string;
  mode: string | null;
  quad: Quad;
  score: number;
  cameo: string | null;
  contexts: string[];
  actor: EventParticipant[];
  recipient: EventParticipant[];
  /** Main country of each side (the first participant with one), for dyad filters and the index. */
  actorCountry: string | null;
  recipientCountry: string | null;
  /** The most precise date the mentions agree on. */
  date: EventDate;
  location: EventLocation | null;
  /** Aggregate: the value most independent sources give; "disputed" when asserted and denied or disputed meet. */
  factuality: Factuality;
  /** Independent sources per factuality value: the disagreement is kept ("asserted 2, disputed 1"). */
  factualityCounts: FactualityCounts;
  /** Number of independent sources (near-duplicate clusters); copies never add one. */
  sources: number;
  outlets: string[];
  /** The first mention's sentence and article, for lists. */
  evidence: Span & { article: string };
  confidence: number;
  mentions: number;
  /** Why the mentions were merged, one line per joined mention. */
  why: string[];
  /** A reviewer's verdict, when there is one (see ReviewRecord); the machine's values are in `machine`. */
  review?: { status: ReviewStatus; by: string; at: string; note: string | null };
  /** The fields a reviewer changed, as the machine coded them. */
  machine?: Partial<Pick<MergedEvent, 'type' | 'mode' | 'quad' | 'score' | 'cameo' | 'actor' | 'recipient' | 'actorCountry' | 'recipientCountry' | 'date' | 'factuality'>>;
}

export type ReviewStatus = 'confirmed' | 'rejected' | 'edited';

/** What a reviewer may change on an event. */
export interface ReviewChanges {
  type?: string;
  mode?: string | null;
  factuality?: Factuality;
  date?: { start: string | null; end: string | null; precision: EventDate['precision'] };
  actor?: EventParticipant[];
  recipient?: EventParticipant[];
}

/** One review of a merged event, kept with its author and time; re-applied on every rebuild. */
export interface ReviewRecord {
  id: number;
  event: string;
  /** The event's mentions when it was reviewed: they find the event again should its id change. */
  mentions: string[];
  action: 'confirm' | 'reject' | 'edit';
  changes: ReviewChanges | null;
  note: string | null;
  author: string;
  at: string;
}

/** A figure as one article cites it. */
export interface ClaimMention {
  id: string;
  article: string;
  cluster: string;
  outlet: string | null;
  measure: string;
  value: number;
  valueMax: number | null;
  bound: 'exact' | 'over' | 'under' | 'about' | 'range';
  unit: string;
  place: string | null;
  period: { start: string | null; end: string | null; precision: string; text: string | null } | null;
  attribution: { text: string; entity: string | null } | null;
  evidence: Span;
}

/** Claims of one measure, place and period across articles. */
export interface FigureGroup {
  id: string;
  measure: string;
  unit: string;
  place: string | null;
  period: { start: string | null; end: string | null; precision: string } | null;
  /** agree: every independent source's value is compatible; disagree: two are not; single: one source. */
  agreement: 'agree' | 'disagree' | 'single';
  low: number;
  high: number;
  sources: number;
  claims: ClaimMention[];
}

/** One month of the cooperation–conflict index for one direction of a dyad. */
export interface IndexPoint {
  month: string;
  /** "USA>MEX": events with a U.S. actor and a Mexican recipient. */
  direction: string;
  /** Asserted, disputed and denied events by quad class (negated and hypothetical left out). */
  counts: Record<Quad, number>;
  /** Counted apart, not in `counts`: alleged, only weighed, or only planned. */
  alleged: number;
  considered: number;
  future: number;
  events: number;
  scoreSum: number;
  scoreMean: number | null;
}

/** An actor of the network. */
export interface NetworkNode { id: string; label: string; country: string | null; sector: string | null; events: number }

/** Interactions between two actors, weighted by merged events, by quad class. */
export interface NetworkEdge { source: string; target: string; weight: number; quads: Partial<Record<Quad, number>>; scoreSum: number }

export interface Network { nodes: NetworkNode[]; edges: NetworkEdge[] }

export type { EventDate, EventLocation, EventParticipant, EventRecord, Factuality, Quad, Span };
