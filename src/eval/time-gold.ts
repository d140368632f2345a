import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractArticle } from '../pipeline/extract.js';
import { TimeDoc } from '../time/index.js';
import type { EventDate } from '../time/types.js';

/** A gold date string: "YYYY", "YYYY-MM", "YYYY-MM-DD" or "start/end". */
export function goldDate(s: string): { start: string; end: string; precision: string } {
  if (s.includes('/')) {
    const [a, b] = s.split('/') as [string, string];
    return { start: a, end: b, precision: 'range' };
  }
  return { start: s, end: s, precision: s.length === 10 ? 'day' : s.length === 7 ? 'month' : 'year' };
}

/** Same date at the same precision (ranges: same bounds; decades count as ranges). */
export function sameDate(got: EventDate | { start: string | null; end: string | null; precision: string }, gold: string): boolean {
  const g = goldDate(gold);
  const precision = got.precision === 'decade' ? 'range' : got.precision;
  if (precision !== g.precision) return false;
  if (g.precision === 'range') return got.start === g.start && got.end === g.end;
  return got.start === g.start;
}

/** Index in a derived text of the first character mapped at or after a raw offset. */
export function rawToDerived(offsets: Int32Array, raw: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! < raw) lo = mid + 1; else hi = mid;
  }
  return lo;
}

export interface AnchorResult { file: string; id: string; gold: string; got: EventDate; ok: boolean; anchor: string }

/**
 * Date every gold event that carries a date at its anchor (until events are extracted, the
 * anchor stands in for the trigger) and compare with the gold date and precision.
 */
export function evalTimeAtAnchors(goldDir: string, seedDir: string): AnchorResult[] {
  const out: AnchorResult[] = [];
  for (const f of readdirSync(goldDir).filter((f) => f.endsWith('.gold.json')).sort()) {
    const gold = JSON.parse(readFileSync(path.join(goldDir, f), 'utf8')) as { file: string; events: Array<{ id: string; anchor: string; date: string | null }> };
    const raw = readFileSync(path.join(seedDir, gold.file), 'utf8');
    const x = extractArticle({ source: gold.file, label: gold.file, raw, format: 'text', meta: {}, warnings: [] });
    const a = x.record.article;
    const doc = new TimeDoc(x.analysis.text, { published: a.published.date, lang: a.language === 'es' ? 'es' : 'en' });
    for (const e of gold.events) {
      if (!e.date) continue;
      const at = raw.indexOf(e.anchor);
      if (at < 0) continue;
      const got = doc.dateAt(rawToDerived(x.analysis.offsets, at));
      out.push({ file: gold.file, id: e.id, gold: e.date, got, ok: sameDate(got, e.date), anchor: e.anchor });
    }
  }
  return out;
}
