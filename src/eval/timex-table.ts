import { TimeDoc } from '../time/index.js';

/** One case of the team's temporal-expression table (test/fixtures/timex.json). */
export interface TimexCase {
  id: string;
  lang: 'en' | 'es';
  ref: string | null;
  context?: string;
  sentence: string;
  expect: { text: string; start: string | null; end: string | null; precision: string } | null;
}

export interface CaseResult { id: string; ok: boolean; got: string; want: string }

/** Run one case: the expression must be found (overlapping the expected text) with the expected value. */
export function runCase(c: TimexCase): CaseResult {
  const prefix = c.context ? `${c.context} ` : '';
  const text = prefix + c.sentence;
  const doc = new TimeDoc(text, { published: c.ref, lang: c.lang });
  const inSentence = doc.timexes.filter((t) => t.end > prefix.length);
  const show = (t: { text: string; value: { start: string | null; end: string | null; precision: string } }) =>
    `"${t.text}" ${t.value.start ?? '-'}..${t.value.end ?? '-'} ${t.value.precision}`;
  if (!c.expect) {
    return { id: c.id, ok: inSentence.length === 0, got: inSentence.map(show).join('; ') || 'nothing', want: 'nothing' };
  }
  const at = prefix.length + c.sentence.indexOf(c.expect.text);
  const end = at + c.expect.text.length;
  const hit = inSentence.find((t) => t.start < end && t.end > at);
  const want = `"${c.expect.text}" ${c.expect.start ?? '-'}..${c.expect.end ?? '-'} ${c.expect.precision}`;
  if (!hit) return { id: c.id, ok: false, got: inSentence.map(show).join('; ') || 'nothing', want };
  const v = hit.value;
  const ok = v.start === c.expect.start && v.end === c.expect.end && v.precision === c.expect.precision;
  return { id: c.id, ok, got: show(hit), want };
}
