// CSV export: one row per merged event, RFC 4180.
//
// Writing rules:
// - records end with CRLF (the header too, and the last record);
// - a field is quoted when it contains `"`, `,`, CR or LF, and a `"` inside it is doubled;
//   LF and CR inside a quoted field are kept as they are (RFC 4180 allows line breaks in quoted
//   fields), so a multi-line evidence sentence survives the round trip;
// - spreadsheet formula injection (CWE-1236): a *text* field starting with `=`, `+`, `-`, `@`,
//   TAB or CR would run as a formula when the file is opened in Excel, LibreOffice or Google
//   Sheets, so it gets a leading `'` (the OWASP advice). The `'` stays in the data: a reader
//   sees `'=HYPERLINK(…)`. Numeric columns (score, confidence, sources, mentions) are written
//   by us from numbers and are left alone: `-7` stays a number. There is no reverse step (a
//   text that really starts with `'=` reads back the same), so strip the `'` only if needed.
// - no byte-order mark by default; `bom: true` prefixes U+FEFF, which makes Excel read the file
//   as UTF-8 (accents in names and places) — `parseCsv` skips it.
//
// Columns (CSV_COLUMNS, fixed order):
//   id, type (PLOVER), mode, quad, score (PLOVER score), cameo,
//   date_start, date_end, date_precision  (as in the record: YYYY, YYYY-MM or YYYY-MM-DD),
//   actor          participant texts of the actor side, `; `-joined (an implied participant with no
//                  text is shown as `(implied MEX GOV)`),
//   actor_entity   distinct entity ids of that side, `; `-joined (not aligned with `actor`: unnamed
//                  participants have none),
//   actor_country  the side's main country (MergedEvent.actorCountry),
//   recipient, recipient_entity, recipient_country   the same for the recipient side,
//   location, location_country,
//   factuality     aggregate value, factuality_counts  independent sources per value, in the
//                  contract's order: `asserted:2; disputed:1`,
//   sources        independent sources, mentions  mentions merged, outlets  `; `-joined,
//   confidence, evidence  the first mention's sentence, evidence_article  its article key,
//   contexts       PLOVER contexts, `; `-joined.
import { FACTUALITIES, type EventParticipant } from '../contract.js';
import type { FactualityCounts, MergedEvent } from '../record/types.js';

export const CSV_COLUMNS = [
  'id', 'type', 'mode', 'quad', 'score', 'cameo',
  'date_start', 'date_end', 'date_precision',
  'actor', 'actor_entity', 'actor_country',
  'recipient', 'recipient_entity', 'recipient_country',
  'location', 'location_country',
  'factuality', 'factuality_counts',
  'sources', 'mentions', 'outlets', 'confidence',
  'evidence', 'evidence_article', 'contexts',
] as const;

export type CsvColumn = typeof CSV_COLUMNS[number];

/** Columns written from numbers: exempt from the formula guard. */
const NUMERIC: ReadonlySet<CsvColumn> = new Set<CsvColumn>(['score', 'sources', 'mentions', 'confidence']);

export interface CsvOptions {
  /** Prefix the output with a UTF-8 byte-order mark (for Excel). Default false. */
  bom?: boolean;
}

export const LIST_SEPARATOR = '; ';

/** Leading characters that make a spreadsheet cell a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text with a leading `'` when a spreadsheet would take it for a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field, quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record, CRLF-terminated. */
export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** How a participant is shown in flat formats: its text, or its country and sector when implied. */
export function participantLabel(p: EventParticipant): string {
  if (p.text.trim()) return p.text;
  const what = [p.country, p.sector].filter(Boolean).join(' ');
  return what ? `(implied ${what})` : '(implied)';
}

/** The factuality counts as `asserted:2; disputed:1`, in the contract's order of values. */
export function formatFactualityCounts(c: FactualityCounts): string {
  return FACTUALITIES.filter((f) => (c[f] ?? 0) > 0).map((f) => `${f}:${c[f]}`).join(LIST_SEPARATOR);
}

const distinct = (xs: Array<string | null>): string[] => [...new Set(xs.filter((x): x is string => !!x))];

/** The column values of one event (before quoting; the formula guard already applied). */
export function eventCsvRow(e: MergedEvent): string[] {
  const values: Record<CsvColumn, string> = {
    id: e.id,
    type: e.type,
    mode: e.mode ?? '',
    quad: e.quad,
    score: String(e.score),
    cameo: e.cameo ?? '',
    date_start: e.date.start ?? '',
    date_end: e.date.end ?? '',
    date_precision: e.date.precision,
    actor: e.actor.map(participantLabel).join(LIST_SEPARATOR),
    actor_entity: distinct(e.actor.map((p) => p.entity)).join(LIST_SEPARATOR),
    actor_country: e.actorCountry ?? '',
    recipient: e.recipient.map(participantLabel).join(LIST_SEPARATOR),
    recipient_entity: distinct(e.recipient.map((p) => p.entity)).join(LIST_SEPARATOR),
    recipient_country: e.recipientCountry ?? '',
    location: e.location?.text ?? '',
    location_country: e.location?.country ?? '',
    factuality: e.factuality,
    factuality_counts: formatFactualityCounts(e.factualityCounts),
    sources: String(e.sources),
    mentions: String(e.mentions),
    outlets: e.outlets.join(LIST_SEPARATOR),
    confidence: String(e.confidence),
    evidence: e.evidence.text,
    evidence_article: e.evidence.article,
    contexts: e.contexts.join(LIST_SEPARATOR),
  };
  return CSV_COLUMNS.map((c) => (NUMERIC.has(c) ? values[c] : neutraliseFormula(values[c])));
}

/** The CSV export: the header record, then one record per event. */
export function* csvLines(events: Iterable<MergedEvent>, options: CsvOptions = {}): Generator<string> {
  yield (options.bom ? '\uFEFF' : '') + csvRecord(CSV_COLUMNS);
  for (const e of events) yield csvRecord(eventCsvRow(e));
}

/**
 * Read RFC 4180 CSV into rows of fields (used to check round trips, and handy for re-import).
 * Accepts CRLF or bare LF record ends and a leading byte-order mark; a final line end does not
 * make an empty record. Strict about quoting: a `"` inside an unquoted field, text after a
 * closing quote, or an unclosed quote throws, with the line number.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  /** At the first character of a field (where a `"` opens a quoted field). */
  let atStart = true;
  /** The current record has begun (a line end then closes it; at end of input, too). */
  let inRecord = false;
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '"' && atStart) {
      const open = line;
      i++;
      for (;;) {
        if (i >= n) throw new Error(`CSV line ${open}: unclosed quoted field`);
        const d = text[i]!;
        if (d === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (d === '\n') line++;
        field += d;
        i++;
      }
      const after = text[i];
      if (after !== undefined && after !== ',' && after !== '\r' && after !== '\n') {
        throw new Error(`CSV line ${line}: text after the closing quote of a field`);
      }
      atStart = false;
      inRecord = true;
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      atStart = true;
      inRecord = true;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      atStart = true;
      inRecord = false;
      continue;
    }
    if (c === '"') throw new Error(`CSV line ${line}: quote inside an unquoted field`);
    field += c;
    atStart = false;
    inRecord = true;
    i++;
  }
  if (inRecord) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
