// `cronica export --format …`: the merged event record in other people's formats. Every
// format is a pure function of the merged events (and, for GEXF, the actor network): no
// store, no clock, no network. The line formats stream: one chunk per event (plus a header
// where the format has one), so a large record is never held as one string. TimelineJS and
// GEXF are single documents and are built whole.
//
// | format     | what                                                  | module          |
// |------------|-------------------------------------------------------|-----------------|
// | csv        | RFC 4180, one row per merged event, fixed columns     | csv.ts          |
// | jsonl      | one MergedEvent JSON per line                         | jsonl.ts        |
// | plover     | PLOVER JSON records (manual's field names), JSONL     | plover.ts       |
// | cameo-tsv  | Phoenix-style CAMEO TSV with Goldstein scores          | cameo.ts        |
// | ftm        | FollowTheMoney entities (Event + participants), JSONL | ftm.ts          |
// | timelinejs | TimelineJS3 JSON document                             | timelinejs.ts   |
// | gexf       | GEXF 1.3 XML of the actor network                     | gexf.ts         |
import type { MergedEvent, Network } from '../record/types.js';
import { csvLines, type CsvOptions } from './csv.js';
import { jsonlLines } from './jsonl.js';
import { ploverLines } from './plover.js';
import { cameoLines } from './cameo.js';
import { ftmLines, type EntityInfo } from './ftm.js';
import { timelineDocument, type TimelineOptions } from './timelinejs.js';
import { gexfDocument, type GexfOptions } from './gexf.js';

export const FORMATS = ['csv', 'jsonl', 'plover', 'cameo-tsv', 'ftm', 'timelinejs', 'gexf'] as const;
export type ExportFormat = typeof FORMATS[number];

export function isExportFormat(s: string): s is ExportFormat {
  return (FORMATS as readonly string[]).includes(s);
}

/** Media type and file extension of each format (for the API's Content-Type and download names). */
export const FORMAT_INFO: Record<ExportFormat, { mediaType: string; extension: string }> = {
  csv: { mediaType: 'text/csv; charset=utf-8; header=present', extension: '.csv' },
  jsonl: { mediaType: 'application/x-ndjson; charset=utf-8', extension: '.jsonl' },
  plover: { mediaType: 'application/x-ndjson; charset=utf-8', extension: '.plover.jsonl' },
  'cameo-tsv': { mediaType: 'text/tab-separated-values; charset=utf-8', extension: '.tsv' },
  ftm: { mediaType: 'application/x-ndjson; charset=utf-8', extension: '.ftm.json' },
  timelinejs: { mediaType: 'application/json; charset=utf-8', extension: '.timeline.json' },
  gexf: { mediaType: 'application/gexf+xml; charset=utf-8', extension: '.gexf' },
};

/**
 * One article an event was reported in. The merged event itself keeps only its outlets and
 * the evidence article's key; formats with a URL column (CAMEO TSV `URLs`, FtM `sourceUrl`,
 * PLOVER `cronica_urls`) ask the caller for the rest through `ExportOptions.sourcesOf`.
 */
export interface SourceRef {
  /** Key of the article. */
  article: string;
  /** Path or URL as ingested. */
  source: string;
  outlet: string | null;
  published: string | null;
}

export interface ExportOptions extends CsvOptions, TimelineOptions, GexfOptions {
  /** The articles reporting an event (typically from the store's mentions); omitted: no URLs. */
  sourcesOf?: (event: MergedEvent) => readonly SourceRef[];
  /** Canonical name and kind of an entity id (FtM schema choice); see `entityInfoFromPack` in ftm.ts. */
  entityInfo?: (id: string) => EntityInfo | undefined;
}

/** What an export wrote: the generator's return value (`for…of` drops it; read it from `.next()`). */
export interface ExportSummary {
  /** Events written (for gexf: nodes). */
  records: number;
  /** Events left out (timelinejs: undated ones). */
  skipped: number;
}

/**
 * The export of `events` (and `network`, for gexf) in `format`, as a sequence of chunks to
 * write in order. Arguments are checked at the call, before any chunk: an unknown format or
 * gexf without a network throws at once rather than on the first read.
 */
export function exportEvents(
  format: ExportFormat,
  events: Iterable<MergedEvent>,
  network?: Network,
  options: ExportOptions = {},
): Generator<string, ExportSummary, undefined> {
  if (!isExportFormat(format)) throw new Error(`unknown export format "${String(format)}" (one of: ${FORMATS.join(', ')})`);
  if (format === 'gexf' && !network) throw new Error('the gexf export writes the actor network: pass a Network (nodes and edges), not only events');
  return run(format, events, network, options);
}

function* run(format: ExportFormat, input: Iterable<MergedEvent>, network: Network | undefined, options: ExportOptions): Generator<string, ExportSummary, undefined> {
  switch (format) {
    case 'timelinejs': {
      const { json, skipped, count } = timelineDocument(input, options);
      yield json;
      return { records: count, skipped };
    }
    case 'gexf':
      // The network is the document; `events` is not read.
      yield gexfDocument(network!, options);
      return { records: network!.nodes.length, skipped: 0 };
    default: {
      // Line formats: count the events as they are pulled through.
      let seen = 0;
      const events = (function* () {
        for (const e of input) {
          seen++;
          yield e;
        }
      })();
      const lines =
        format === 'csv' ? csvLines(events, options)
        : format === 'jsonl' ? jsonlLines(events)
        : format === 'plover' ? ploverLines(events, options)
        : format === 'cameo-tsv' ? cameoLines(events, options)
        : ftmLines(events, options);
      yield* lines;
      return { records: seen, skipped: 0 };
    }
  }
}
