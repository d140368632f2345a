// TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html):
//   { "title": { "text": { "headline", "text" } },
//     "events": [ { "start_date": { "year", "month"?, "day"? }, "end_date"?, "display_date"?,
//                   "text": { "headline", "text" }, "group", "unique_id" } ] }
// (TimelineJS's `title` is a slide object, not a string.)
//
// Date precision is kept, never invented: a month-precise event has no `day`, a year-precise
// one no `month`; a range (or a decade) gets an `end_date`; a decade also a `display_date`
// ("2010s"). Undated events (precision unknown, or no start) cannot be placed on a timeline:
// they are left out and counted in `skipped`.
//
// TimelineJS renders headline and text as HTML. Everything taken from the record is plain
// text, so `&`, `<` and `>` are escaped; the only markup is ours (`<p>` around paragraphs).
// `group` (a row of the timeline) is the quad class by default.
import type { EventDate } from '../contract.js';
import type { MergedEvent } from '../record/types.js';
import { formatFactualityCounts, LIST_SEPARATOR, participantLabel } from './csv.js';

export interface DateParts { year: number; month?: number; day?: number }

/** Start and end of an event date at its precision; null when undated. End null when it is the start. */
export function datePartsOf(d: EventDate): { start: DateParts; end: DateParts | null } | null {
  if (!d.start || d.precision === 'unknown') return null;
  const depth = d.precision === 'day' ? 3 : d.precision === 'month' ? 2 : d.precision === 'range' ? 3 : 1;
  const start = parseParts(d.start, depth);
  if (!start) return null;
  let end = d.end ? parseParts(d.end, depth) : null;
  if (!end && d.precision === 'decade') end = { year: start.year - (start.year % 10) + 9 };
  if (end && sameParts(start, end)) end = null;
  return { start, end };
}

function parseParts(v: string, depth: number): DateParts | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v);
  if (!m) return null;
  const p: DateParts = { year: Number(m[1]) };
  if (depth >= 2 && m[2]) p.month = Number(m[2]);
  if (depth >= 3 && m[2] && m[3]) p.day = Number(m[3]);
  return p;
}

const sameParts = (a: DateParts, b: DateParts) => a.year === b.year && a.month === b.month && a.day === b.day;

/** Escape text for an HTML context (TimelineJS renders headline and text as HTML). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A one-line plain-text title: `COERCE (arrest): U.S. agents → Salvador Cienfuegos Zepeda`. */
export function eventHeadline(e: MergedEvent): string {
  const side = (ps: MergedEvent['actor']) => ps.map(participantLabel).join(', ');
  const who = side(e.actor) || '(unknown actor)';
  const whom = side(e.recipient);
  return `${e.type}${e.mode ? ` (${e.mode})` : ''}: ${who}${whom ? ` → ${whom}` : ''}`;
}

const QUAD_LABEL: Record<string, string> = {
  'verbal-cooperation': 'Verbal cooperation',
  'material-cooperation': 'Material cooperation',
  'verbal-conflict': 'Verbal conflict',
  'material-conflict': 'Material conflict',
};

export interface TimelineOptions {
  /** Headline of the title slide. Default "Cronica". */
  title?: string;
  /** What the timeline rows are: quad class (default), PLOVER type or factuality. */
  groupBy?: 'quad' | 'type' | 'factuality';
}

export interface TimelineEvent {
  start_date: DateParts;
  end_date?: DateParts;
  display_date?: string;
  text: { headline: string; text: string };
  group: string;
  unique_id: string;
}

export interface TimelineDoc {
  title: { text: { headline: string; text: string } };
  events: TimelineEvent[];
}

/** The slide of one event, or null when it is undated. */
export function timelineEvent(e: MergedEvent, options: TimelineOptions = {}): TimelineEvent | null {
  const parts = datePartsOf(e.date);
  if (!parts) return null;
  const facts: string[] = [];
  const counts = formatFactualityCounts(e.factualityCounts);
  facts.push(`Factuality: ${e.factuality}${counts ? ` (${counts})` : ''}.`);
  facts.push(`${e.sources} independent source${e.sources === 1 ? '' : 's'}, ${e.mentions} mention${e.mentions === 1 ? '' : 's'}${e.outlets.length ? `: ${e.outlets.join(LIST_SEPARATOR)}` : ''}.`);
  if (e.location) facts.push(`Place: ${e.location.text}${e.location.country ? ` (${e.location.country})` : ''}.`);
  if (e.contexts.length) facts.push(`Contexts: ${e.contexts.join(LIST_SEPARATOR)}.`);
  if (e.date.basis === 'publication') facts.push('Dated by the publication date of the report.');
  const group = options.groupBy === 'type' ? e.type : options.groupBy === 'factuality' ? e.factuality : QUAD_LABEL[e.quad] ?? e.quad;
  const slide: TimelineEvent = {
    start_date: parts.start,
    text: {
      headline: escapeHtml(eventHeadline(e)),
      text: `<p>${escapeHtml(e.evidence.text)}</p><p>${escapeHtml(facts.join(' '))}</p>`,
    },
    group,
    unique_id: e.id,
  };
  if (parts.end) slide.end_date = parts.end;
  if (e.date.precision === 'decade') slide.display_date = `${parts.start.year - (parts.start.year % 10)}s`;
  return slide;
}

/** The whole TimelineJS document, with the number of undated events left out. */
export function toTimeline(events: Iterable<MergedEvent>, options: TimelineOptions = {}): { timeline: TimelineDoc; skipped: number } {
  const out: TimelineEvent[] = [];
  let skipped = 0;
  for (const e of events) {
    const slide = timelineEvent(e, options);
    if (slide) out.push(slide);
    else skipped++;
  }
  const note = `${out.length} event${out.length === 1 ? '' : 's'} from the Cronica record${skipped ? `; ${skipped} undated left out` : ''}.`;
  return {
    timeline: { title: { text: { headline: escapeHtml(options.title ?? 'Cronica'), text: escapeHtml(note) } }, events: out },
    skipped,
  };
}

/** The document as JSON text, for `exportEvents`. */
export function timelineDocument(events: Iterable<MergedEvent>, options: TimelineOptions = {}): { json: string; skipped: number; count: number } {
  const { timeline, skipped } = toTimeline(events, options);
  return { json: `${JSON.stringify(timeline, null, 1)}\n`, skipped, count: timeline.events.length };
}
