// Benchmark: cleaning throughput (articles/s, MB/s) and peak memory on a corpus of ≥ 2,000
// articles generated from the sample corpus (each sample repeated with small edits).
// Usage: npm run bench [-- --articles N] [--json]
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeBytes } from '../src/ingest/decode.js';
import type { RawArticle } from '../src/ingest/types.js';
import { extractArticle } from '../src/pipeline/extract.js';
import { ExtractPool } from '../src/pipeline/pool.js';
import { PACKAGE_ROOT } from '../src/util/data.js';
import { TimeDoc } from '../src/time/index.js';
import { splitSentences } from '../src/time/sentences.js';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

const args = process.argv.slice(2);
const nArg = args.indexOf('--articles');
const target = nArg >= 0 ? Number(args[nArg + 1]) : 2040;
const asJson = args.includes('--json');

function corpus(n: number): RawArticle[] {
  const dir = path.join(PACKAGE_ROOT, 'examples', 'corpus');
  const samples = readdirSync(dir).sort().map((f) => {
    const html = /\.html?$/.test(f);
    return { f, html, raw: decodeBytes(readFileSync(path.join(dir, f)), { html }).text };
  });
  const out: RawArticle[] = [];
  for (let i = 0; out.length < n; i++) {
    const s = samples[i % samples.length]!;
    // Small edits so that no two articles are byte-identical.
    const raw = s.raw.replace(/\b(20\d\d)\b/, (y) => String(Number(y) - (i % 3))).replace(/Mexico/, i % 2 ? 'México' : 'Mexico');
    out.push({ source: `${s.f}#${i}`, label: `${s.f}#${i}`, raw, format: s.html ? 'html' : 'text', meta: {}, warnings: [] });
  }
  return out;
}

interface Row { name: string; articles: number; mb: number; seconds: number; perSec: number; mbPerSec: number }

async function measure(name: string, items: RawArticle[]): Promise<Row> {
  const bytes = items.reduce((s, a) => s + Buffer.byteLength(a.raw), 0);
  const t0 = performance.now();
  for (const it of items) {
    extractArticle(it);
    // jsdom frees a closed window once the event loop turns; a tight loop would pile them up.
    await new Promise((r) => setImmediate(r));
  }
  const seconds = (performance.now() - t0) / 1000;
  return { name, articles: items.length, mb: bytes / 1e6, seconds, perSec: items.length / seconds, mbPerSec: bytes / 1e6 / seconds };
}

async function measurePool(items: RawArticle[], jobs: number): Promise<Row> {
  const bytes = items.reduce((s, a) => s + Buffer.byteLength(a.raw), 0);
  const pool = new ExtractPool({ jobs, timeoutMs: 60_000, memoryMb: 2048 });
  // Warm the workers up so start-up is not counted.
  await Promise.all(items.slice(0, jobs * 2).map((it) => pool.extract(it)));
  const t0 = performance.now();
  await Promise.all(items.map((it) => pool.extract(it)));
  const seconds = (performance.now() - t0) / 1000;
  await pool.close();
  return { name: `all, ${jobs} worker threads`, articles: items.length, mb: bytes / 1e6, seconds, perSec: items.length / seconds, mbPerSec: bytes / 1e6 / seconds };
}

const items = corpus(target);
// Warm-up (JIT, lazy data files).
for (const it of items.slice(0, 40)) extractArticle(it);
const rows: Row[] = [
  await measure('text scrapes (.txt/.md), 1 thread', items.filter((a) => a.format === 'text')),
  await measure('HTML pages, 1 thread', items.filter((a) => a.format === 'html')),
  await measure('all, 1 thread', items),
];
const peakRssMb = process.resourceUsage().maxRSS / 1024;

// Time stage vs tokenising: the same ≥ 1,000 sentences of cleaned sample text.
const texts: Array<{ text: string; published: string | null; lang: 'en' | 'es' }> = [];
let sentences = 0;
for (let i = 0; sentences < 1000; i++) {
  const x = extractArticle(items[i % items.length]!);
  const a = x.record.article;
  texts.push({ text: x.analysis.text, published: a.published.date, lang: a.language === 'es' ? 'es' : 'en' });
  sentences += splitSentences(x.analysis.text).length;
}
const nlp = winkNLP(model);
const its = nlp.its;
// Median of 15 alternating repetitions, so GC pauses do not decide the comparison.
const reps = 15;
let tokens = 0;
let timexCount = 0;
const tokenRuns: number[] = [];
const timeRuns: number[] = [];
for (const t of texts.slice(0, 5)) { nlp.readDoc(t.text).tokens().out(its.value); new TimeDoc(t.text, { published: t.published, lang: t.lang }); }
for (let r = 0; r < reps; r++) {
  let t0 = performance.now();
  tokens = 0;
  for (const t of texts) tokens += (nlp.readDoc(t.text).tokens().out(its.value) as string[]).length;
  tokenRuns.push(performance.now() - t0);
  t0 = performance.now();
  timexCount = 0;
  for (const t of texts) timexCount += new TimeDoc(t.text, { published: t.published, lang: t.lang }).timexes.length;
  timeRuns.push(performance.now() - t0);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const tokenMs = median(tokenRuns);
const timeMs = median(timeRuns);
rows.push(await measurePool(items, Math.min(2, os.availableParallelism())));
const peakRssPoolMb = process.resourceUsage().maxRSS / 1024;

if (asJson) {
  console.log(JSON.stringify({ rows, peakRssMb, peakRssPoolMb, time: { sentences, tokens, tokenMs, timexCount, timeMs } }, null, 2));
} else {
  console.log(`extraction benchmark (cleaning, metadata, spin, time, entities, first-pass events): ${items.length} articles generated from examples/corpus (${os.cpus()[0]?.model ?? 'cpu'}, ${os.availableParallelism()} cores)`);
  for (const r of rows) {
    console.log(`  ${r.name.padEnd(36)} ${String(r.articles).padStart(5)} articles  ${r.mb.toFixed(1).padStart(6)} MB  ${r.seconds.toFixed(2).padStart(6)} s  ${r.perSec.toFixed(1).padStart(7)} articles/s  ${r.mbPerSec.toFixed(2).padStart(6)} MB/s`);
  }
  console.log(`  peak memory (RSS): ${peakRssMb.toFixed(0)} MB single-threaded; ${peakRssPoolMb.toFixed(0)} MB with the worker pool`);
  console.log(`time stage on ${sentences} sentences (${tokens} tokens, ${timexCount} temporal expressions):`);
  console.log(`  median of ${reps} runs — tokenising with wink-nlp: ${tokenMs.toFixed(1)} ms   resolving all temporal expressions (find, normalise, anchor): ${timeMs.toFixed(1)} ms  (${(timeMs / tokenMs * 100).toFixed(0)}% of tokenising)`);
}
