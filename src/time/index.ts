// The time stage: temporal expressions with offsets and normalised values, and the dating
// of events by the expression that governs them (see resolve.ts).
export { TimeDoc, type TimeOptions } from './resolve.js';
export type { Basis, EventDate, Precision, Timex, TimeValue } from './types.js';
