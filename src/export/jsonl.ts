// JSON lines: one MergedEvent (src/record/types.ts) per line, exactly as stored, LF-terminated.
// Also the line writer the other JSON-lines formats (plover, ftm) use.
import type { MergedEvent } from '../record/types.js';

/**
 * One value as one JSON line. JSON.stringify already escapes CR and LF inside strings; U+2028
 * and U+2029 are valid raw in JSON but are line breaks to some readers (Python's
 * `str.splitlines`, older JavaScript), so they are escaped too and a line is always one record.
 */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'))}\n`;
}

export function* jsonlLines(events: Iterable<MergedEvent>): Generator<string> {
  for (const e of events) yield jsonLine(e);
}
