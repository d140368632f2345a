import * as chrono from 'chrono-node';
import type { PublishedPrecision } from '../contract.js';
import { memo } from '../util/memo.js';

export interface DateValue { date: string; precision: Exclude<PublishedPrecision, 'unknown'>; text: string }

const pad = (n: number) => String(n).padStart(2, '0');

const ISO = /^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$/;
const COMPACT = /^\s*(\d{4})(\d{2})(\d{2})(?:T?\d{4,6}Z?)?\s*$/;

const EN_MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12,
};
const ES_MONTHS: Record<string, number> = {
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8,
  septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
};
const MONTHS: Record<string, number> = { ...EN_MONTHS, ...ES_MONTHS };
const MONTH_YEAR = new RegExp(`\\b(${Object.keys(MONTHS).join('|')})\\s+(?:de\\s+|of\\s+)?(\\d{4})\\b`, 'i');

function valid(y: number, m?: number, d?: number): boolean {
  if (y < 1900 || y > 2100) return false;
  if (m !== undefined && (m < 1 || m > 12)) return false;
  if (d !== undefined && (d < 1 || d > 31)) return false;
  return true;
}

/**
 * Parse a machine or human date ("2022-05-26T10:00:00-05:00", "Thursday, May 26, 2022",
 * "26 de mayo de 2022", "March 2025") into a date at the precision the text gives.
 * Relative expressions ("1 week ago", "yesterday") give null: with no reference date they
 * cannot be resolved, and today's date must never stand in for them.
 */
export function parseDateText(text: string): DateValue | null {
  const t = text.trim();
  if (!/\d/.test(t)) return null;
  if (!t || t.length > 200) return null;
  let m = ISO.exec(t);
  if (m) {
    const y = +m[1]!, mo = m[2] ? +m[2] : undefined, d = m[3] ? +m[3] : undefined;
    if (!valid(y, mo, d)) return null;
    if (d !== undefined) return { date: `${y}-${pad(mo!)}-${pad(d)}`, precision: 'day', text: t };
    if (mo !== undefined) return { date: `${y}-${pad(mo)}`, precision: 'month', text: t };
    return { date: String(y), precision: 'year', text: t };
  }
  m = COMPACT.exec(t);
  if (m && valid(+m[1]!, +m[2]!, +m[3]!)) return { date: `${m[1]}-${m[2]}-${m[3]}`, precision: 'day', text: t };
  if (/\b(ago|hace|yesterday|today|ayer|hoy|tomorrow|mañana|last|next|pasad[oa]|próxim[oa])\b/i.test(t)) return null;
  const quick = commonDate(t);
  if (quick) return quick;
  for (const parser of [chrono.strict, chrono.es.strict, chrono.pt.strict]) {
    const results = parser.parse(t, new Date(2000, 0, 1));
    const r = results[0];
    if (!r) continue;
    const c = r.start;
    if (!c.isCertain('year')) continue;
    const y = c.get('year')!;
    if (!valid(y)) continue;
    if (c.isCertain('day') && c.isCertain('month')) {
      return { date: `${y}-${pad(c.get('month')!)}-${pad(c.get('day')!)}`, precision: 'day', text: r.text };
    }
    if (c.isCertain('month')) return { date: `${y}-${pad(c.get('month')!)}`, precision: 'month', text: r.text };
    return { date: String(y), precision: 'year', text: r.text };
  }
  // Month and year alone: "March 2025", "marzo de 2025".
  m = MONTH_YEAR.exec(t);
  if (m) {
    const mo = MONTHS[m[1]!.toLowerCase()];
    const y = +m[2]!;
    if (mo && valid(y, mo)) return { date: `${y}-${pad(mo)}`, precision: 'month', text: m[0] };
  }
  // Numeric US dates "11/18/19" or "11/18/2019".
  m = /\b(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\b/.exec(t);
  if (m) {
    const y = m[3]!.length === 2 ? 2000 + +m[3]! : +m[3]!;
    const mo = +m[1]!, d = +m[2]!;
    if (valid(y, mo, d)) return { date: `${y}-${pad(mo)}-${pad(d)}`, precision: 'day', text: m[0] };
  }
  return null;
}

// The two date shapes news pages print most ("February 12, 2019", "Oct. 23, 2007",
// "18 de diciembre de 2020"), read directly: chrono runs dozens of parsers per string and costs
// ~0.1 ms a line, which mattered for the header lines of every page. Only when no digit comes
// before the date (chrono would take the first date of the text). Other shapes go to chrono.
const EN_ABBR: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 };
const EN_MONTH = `${Object.keys(EN_MONTHS).join('|')}|(?:${Object.keys(EN_ABBR).join('|')})\\.?`;
const ES_MONTH = Object.keys(ES_MONTHS).join('|');
const EN_DATE = new RegExp(`(?<![\\p{L}\\p{N}])(${EN_MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?![\\p{L}\\p{N}])`, 'iu');
const ES_DATE = new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2})\\s+de\\s+(${ES_MONTH})\\s+(?:de|del)\\s+(\\d{4})(?![\\p{L}\\p{N}])`, 'iu');

function commonDate(t: string): DateValue | null {
  const en = EN_DATE.exec(t);
  const es = en ? null : ES_DATE.exec(t);
  const m = en ?? es;
  if (!m || /\d/.test(t.slice(0, m.index))) return null;
  const monthWord = (en ? m[1]! : m[2]!).toLowerCase().replace(/\.$/, '');
  const mo = MONTHS[monthWord] ?? EN_ABBR[monthWord];
  const d = +(en ? m[2]! : m[1]!);
  const y = +m[3]!;
  if (!mo || !valid(y, mo, d)) return null;
  // A day the month does not have ("February 30") is left to chrono, which refuses it too.
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
  return { date: `${y}-${pad(mo)}-${pad(d)}`, precision: 'day', text: m[0] };
}

/**
 * A line that is only a date (with optional weekday, time and a "Published/Updated" label):
 * "Thursday, May 26, 2022", "Updated 1:39 am EST, Wednesday, November 20, 2019".
 */
export const dateLine = memo(function dateLine(line: string): DateValue | null {
  // Every date parseDateText accepts has a year: four digits, or two after a slash ("11/18/19").
  if (!/\d{4}|\/\d{2}/.test(line)) return null;
  // A place may open the line: "Ciudad de México, 18 de diciembre de 2020".
  const t = line.trim().replace(/(\d)(?=\p{Lu}\p{Ll})/gu, '$1 ').replace(/^\p{Lu}[\p{L}.'’-]*(\s+(de|del|la|\p{Lu}[\p{L}.'’-]*)){0,4},\s+(?=\p{L}*\s*\d|\d)/u, '');
  if (t.length > 90 || t.length < 4) return null;
  const d = parseDateText(t);
  if (!d) return null;
  // Whatever is left after removing the date, labels, weekdays and times must be trivial.
  const rest = t
    .replace(d.text, ' ')
    .replace(/\b(published|posted|updated|last updated|first published|publicado|actualizado|atualizado|on|el|at|a las|às|por|by)\b:?/giu, ' ')
    .replace(/\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo)\b|\b(segunda|terça|quarta|quinta|sexta)(-feira)?\b/giu, ' ')
    .replace(/\b\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?(\s*(et|est|edt|pst|pdt|cst|cdt|mst|gmt|utc|[a-z]{2,4}t))?\b/giu, ' ')
    .replace(/[\s,|·•—–\-/()]+/g, '');
  return rest.length <= 3 ? { ...d, text: line.trim() } : null;
});
