export type Precision = 'day' | 'month' | 'year' | 'range' | 'decade' | 'unknown';
export type Basis = 'explicit' | 'relative' | 'anchored' | 'publication' | 'none';

/** A normalised time value: "YYYY", "YYYY-MM" or "YYYY-MM-DD" bounds at a precision. */
export interface TimeValue {
  start: string | null;
  end: string | null;
  precision: Precision;
}

export const UNKNOWN: TimeValue = { start: null, end: null, precision: 'unknown' };

/** A temporal expression found in a text, with its offsets in that text. */
export interface Timex {
  start: number;
  end: number;
  text: string;
  value: TimeValue;
  basis: Basis;
  /** What kind of expression it is (date, month, year, range, since, decade, part, relative, anchored…). */
  kind: string;
  /** Sits in a subordinate phrase ("following the extradition of X on 17 January"): it dates
   *  that other event, so it neither sets the narrative time nor governs the main clause. */
  embedded: boolean;
  /** Index of the sentence holding it. */
  sentence: number;
}

/** The event date of the output contract. */
export interface EventDate extends TimeValue {
  text: string | null;
  basis: Basis;
}
