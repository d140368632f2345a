// Output fingerprint of extraction: one hash per input of the whole record it produces (article,
// entities, events, claims, every offset). A change meant to keep the output the same (a speed
// change, a refactor) is checked by writing the fingerprints before and comparing after:
//   node dist/scripts/fingerprint.js --write before.json     (on the old code)
//   node dist/scripts/fingerprint.js --check before.json     (on the new: lists what differs)
// Inputs: the sample corpus as written and lengthened (the benchmark's articles), the JSONL
// samples, and, when ../shared is there, the seeds, the PLOVER gold-standard sentences and the
// article-extraction benchmark pages.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isItemError, readInputs } from '../src/ingest/read.js';
import type { RawArticle } from '../src/ingest/types.js';
import { extractArticle } from '../src/pipeline/extract.js';
import { PACKAGE_ROOT } from '../src/util/data.js';
import { corpus, lengthen } from './corpus.js';

const args = process.argv.slice(2);
const flag = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] ?? null : null; };
const writeTo = flag('--write');
const checkAgainst = flag('--check');
const shared = path.join(PACKAGE_ROOT, '..', 'shared');

async function inputs(): Promise<RawArticle[]> {
  const out: RawArticle[] = [];
  // Paths relative to the package, so that fingerprints of two checkouts compare.
  process.chdir(PACKAGE_ROOT);
  const dirs = ['examples/corpus', 'examples/jsonl'];
  if (existsSync(path.join(shared, 'seeds'))) dirs.push('../shared/seeds');
  for await (const it of readInputs(dirs, { maxBytes: 50 << 20 })) {
    if (isItemError(it)) throw new Error(`${it.label}: ${it.message}`);
    out.push(it);
  }
  const samples = corpus(17);
  for (const it of lengthen(samples)) out.push({ ...it, source: `lengthened:${it.source}` });
  const gsr = path.join(shared, 'external', 'plover-gsr', 'public.jsonl');
  if (existsSync(gsr)) {
    for (const line of readFileSync(gsr, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { id: string; text: string };
      out.push({ source: `gsr:${r.id}`, label: r.id, raw: r.text, format: 'text', meta: {}, warnings: [] });
    }
  }
  const aeb = path.join(shared, 'external', 'aeb');
  if (existsSync(path.join(aeb, 'ground-truth.json'))) {
    const truth = JSON.parse(readFileSync(path.join(aeb, 'ground-truth.json'), 'utf8')) as Record<string, { url: string }>;
    for (const [id, gt] of Object.entries(truth)) {
      const raw = gunzipSync(readFileSync(path.join(aeb, 'html', `${id}.html.gz`))).toString('utf8');
      out.push({ source: `aeb:${id}`, label: id, raw, format: 'html', meta: { url: gt.url }, warnings: [] });
    }
  }
  return out;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

const records = new Map<string, object>();
const prints: Record<string, string> = {};
for (const it of await inputs()) {
  const rec = extractArticle(it).record;
  records.set(it.source, rec);
  prints[it.source] = hash(JSON.stringify(rec));
}
const all = hash(Object.entries(prints).map(([k, v]) => `${k} ${v}`).join('\n'));

/** The first path at which two JSON values differ, with both sides (shortened). */
function firstDiff(a: unknown, b: unknown, at = ''): string | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
      const d = firstDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
      if (d) return d;
    }
  }
  const show = (x: unknown) => (JSON.stringify(x) ?? 'undefined').slice(0, 200);
  return `${at || '.'}: ${show(a)} → ${show(b)}`;
}

if (writeTo) {
  writeFileSync(writeTo, JSON.stringify({ all, prints, records: Object.fromEntries(records) }));
  console.log(`fingerprint: ${Object.keys(prints).length} inputs, ${all} → ${writeTo}`);
} else if (checkAgainst) {
  const before = JSON.parse(readFileSync(checkAgainst, 'utf8')) as { all: string; prints: Record<string, string>; records: Record<string, object> };
  const changed = Object.keys({ ...before.prints, ...prints }).filter((k) => before.prints[k] !== prints[k]);
  for (const k of changed) {
    const d = before.records[k] && records.get(k) ? firstDiff(before.records[k], records.get(k)) : 'only on one side';
    console.log(`differs: ${k}\n  ${d}`);
  }
  console.log(`fingerprint: ${Object.keys(prints).length} inputs, ${changed.length} differ (${before.all} → ${all})`);
  process.exitCode = changed.length ? 1 : 0;
} else {
  console.log(`fingerprint: ${Object.keys(prints).length} inputs, ${all}`);
}
