import { knownOutlet } from './outlets.js';
import { outletLike } from '../clean/classify.js';
import { parseDateText, type DateValue } from './dates.js';

export interface Byline { authors: string[]; outlet: string | null }

/** Authors and outlet from a byline line: `By A and B`, `"Handle" for Outlet`, `A | Outlet`. */
export function parseByline(line: string): Byline {
  let t = line.trim();
  let outlet: string | null = null;
  const forOutlet = /^(.*?)\s+(?:for|para)\s+(\p{Lu}[\p{L}' .&-]{1,60})$/u.exec(t);
  if (forOutlet) {
    outlet = knownOutlet(forOutlet[2]!) ?? forOutlet[2]!.trim();
    t = forOutlet[1]!;
  }
  t = t.replace(/^(by|por|de|written by|reported by)\s+/i, '')
    .replace(/\s*[,|–—-]\s*(\p{Lu}[\p{L} ]*?\s)?(staff|correspondent|reporter|writer|editor|ap|reuters|afp)\b.*$/iu, '')
    .replace(/\s*[|–—]\s*.*$/, '');
  const authors: string[] = [];
  for (const part of t.split(/\s*(?:,|&|\band\b|\by\b)\s*/u)) {
    const a = part.replace(/^["“'‘]+|["”'’]+$/g, '').trim();
    if (!a || a.length > 60 || !/\p{L}/u.test(a) || parseDateText(a)) continue;
    const o = authors.length ? outletLike(a) : null;
    if (o) { outlet ??= o; continue; }
    authors.push(a);
  }
  return { authors, outlet };
}

export interface Dateline { place: string | null; date: DateValue | null; agency: string | null; length: number }

/** A wire dateline opening the body: `MEXICO CITY, March 3, 2025 (Reuters) —`. */
export function parseDateline(para: string): Dateline | null {
  const m = /^([\p{Lu}][\p{Lu} .'’-]{2,40})(?:,\s*([^()—–]{3,40}?))?\s*(?:\(([^)]{2,40})\))?\s*[—–-]{1,2}\s+/u.exec(para);
  if (!m || (!m[2] && !m[3])) return null;
  const date = m[2] ? parseDateText(m[2]) : null;
  const agency = m[3] ? (knownOutlet(m[3]) ?? m[3].trim()) : null;
  if (!date && !agency) return null;
  return { place: m[1]!.trim(), date, agency, length: m[0].length };
}
