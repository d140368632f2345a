// Benchmark: extraction throughput (articles/s, MB/s), CPU per article, per-stage CPU and peak
// memory on a corpus of ≥ 2,000 articles generated from the sample corpus (each sample
// repeated with small edits; the samples are 580–1,060-word news articles).
//
// The single-thread run and the worker-pool run each happen in a child process of their own,
// so each peak RSS is that mode's alone. Throughput is wall-clock; CPU ms per article is
// printed beside it because a busy machine (other processes on the cores) slows the wall
// clock but hardly the CPU time.
// Then the store benchmark (scripts/bench-store.ts) in a child process of its own; `--store` runs it alone.
// The single-thread run is pinned to one core with taskset where it exists (--no-pin: not), and
// runs with the semi-space size the worker pool gives its extraction threads (src/pipeline/heap.ts).
// Usage: npm run bench [-- --articles N] [--json] [--no-pin] [--store] [--store-articles N] [--store-events N] [--pg URL | --no-pg]
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { cleanHtml, cleanText } from '../src/clean/index.js';
import type { RawArticle } from '../src/ingest/types.js';
import { detectLanguage } from '../src/meta/language.js';
import { analyze, engine } from '../src/nlp/analyze.js';
import { codeArticle, extractArticle, prepareArticle, type Prepared } from '../src/pipeline/extract.js';
import { SEMI_SPACE_MB } from '../src/pipeline/heap.js';
import { ExtractPool } from '../src/pipeline/pool.js';
import { spin } from '../src/spin/spin.js';
import { TimeDoc } from '../src/time/index.js';
import { splitSentences } from '../src/time/sentences.js';
import { gazetteer } from '../src/actors/match.js';
import { corpus, lengthen, wordsOf } from './corpus.js';
import { benchStore, printStore, storeOptions, type StoreBenchResult } from './bench-store.js';

const args = process.argv.slice(2);
const nArg = args.indexOf('--articles');
const target = nArg >= 0 ? Number(args[nArg + 1]) : 2040;
const asJson = args.includes('--json');
const childArg = args.indexOf('--child');
const child = childArg >= 0 ? args[childArg + 1] : null;
const storeOnly = args.includes('--store');


interface Row { name: string; articles: number; words: number; mb: number; seconds: number; perSec: number; mbPerSec: number; cpuMs: number }

const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const turn = () => new Promise((r) => setImmediate(r));

/** A result row from totals: words and CPU ms are summed over the articles. */
function row(name: string, articles: number, words: number, bytes: number, seconds: number, cpuMs: number): Row {
  return { name, articles, words: words / articles, mb: bytes / 1e6, seconds, perSec: articles / seconds, mbPerSec: bytes / 1e6 / seconds, cpuMs: cpuMs / articles };
}

/** Text scrapes, HTML pages and all, end to end on one thread. */
async function formatRows(items: RawArticle[]): Promise<Row[]> {
  return [
    await measure('text scrapes (.txt/.md), 1 thread', items.filter((a) => a.format === 'text')),
    await measure('HTML pages, 1 thread', items.filter((a) => a.format === 'html')),
    await measure('all, 1 thread', items),
  ];
}

/**
 * Rounds per throughput row: the row printed is the median round by throughput. The machines
 * this runs on (shared virtual cores) vary by ±20% from one minute to the next; a single round
 * says more about the neighbours than about the code.
 */
const ROUNDS = 3;

async function medianOf(run: () => Promise<Row>): Promise<Row> {
  const rows: Row[] = [];
  for (let r = 0; r < ROUNDS; r++) rows.push(await run());
  return rows.sort((a, b) => a.perSec - b.perSec)[Math.floor(ROUNDS / 2)]!;
}

async function measure(name: string, items: RawArticle[]): Promise<Row> {
  return medianOf(() => measureOnce(name, items));
}

async function measureOnce(name: string, items: RawArticle[]): Promise<Row> {
  const bytes = items.reduce((s, a) => s + Buffer.byteLength(a.raw), 0);
  const texts: string[] = [];
  const c0 = cpuNow();
  const t0 = performance.now();
  for (const it of items) {
    // Words are counted after the clock stops.
    texts.push(extractArticle(it).record.article.text);
    // A parsed page stays referenced by jsdom's pending load-event jobs until the event loop
    // turns (as it does between items in the CLI's worker pool); a tight loop would pile them up.
    await turn();
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuNow() - c0;
  return row(name, items.length, texts.reduce((n, t) => n + wordsOf(t), 0), bytes, seconds, cpu);
}

/** The event-coding half alone (time, entities, wink analysis, events, figures, record) on articles cleaned beforehand. */
async function measureCoding(name: string, items: RawArticle[]): Promise<Row> {
  return medianOf(() => measureCodingOnce(name, items));
}

async function measureCodingOnce(name: string, items: RawArticle[]): Promise<Row> {
  // Cleaned 100 at a time outside the clock, so that no more than a batch is held in memory.
  let seconds = 0;
  let cpu = 0;
  let words = 0;
  let bytes = 0;
  for (let i = 0; i < items.length; i += 100) {
    const prepared: Prepared[] = items.slice(i, i + 100).map(prepareArticle);
    for (const p of prepared) { words += wordsOf(p.cleaned.clean.text); bytes += Buffer.byteLength(p.analysis.text); }
    await turn();
    const c0 = cpuNow();
    const t0 = performance.now();
    for (const p of prepared) { codeArticle(p); await turn(); }
    seconds += (performance.now() - t0) / 1000;
    cpu += cpuNow() - c0;
  }
  return row(name, items.length, words, bytes, seconds, cpu);
}

/**
 * CPU per stage, the stages called one by one on the same articles as extractArticle calls
 * them: cleaning (HTML parse + Readability + block filters, or the text filters), spin, language,
 * time, wink-nlp analysis (the event coder runs it once per English article), the gazetteer.
 * "rest" is extractArticle's own CPU less these: the event coder beyond wink, the record.
 */
async function stages(items: RawArticle[]): Promise<Record<string, number>> {
  const acc: Record<string, number> = {};
  const add = <T>(k: string, f: () => T): T => { const a = cpuNow(); const r = f(); acc[k] = (acc[k] ?? 0) + cpuNow() - a; return r; };
  let total = 0;
  for (const it of items) {
    const a = cpuNow();
    extractArticle(it);
    total += cpuNow() - a;
    await turn();
    const c = add(it.format === 'html' ? 'clean (HTML: parse, Readability, filters)' : 'clean (text filters)', () => (it.format === 'html' ? cleanHtml(it.raw, it.meta.url) : cleanText(it.raw)));
    const sp = add('spin', () => spin(c.clean.text));
    const lang = add('language', () => detectLanguage(c.clean.text, c.lang));
    const analysis = c.clean.compose(sp.analysis);
    add('time (expressions, resolution)', () => new TimeDoc(analysis.text, { published: '2021-06-01', lang: lang === 'es' ? 'es' : 'en' }));
    if (lang !== 'es') add('wink-nlp analysis (nlp/analyze.ts)', () => analyze(analysis.text));
    add('gazetteer (actors/match.ts)', () => gazetteer().find(analysis.text));
    await turn();
  }
  const out: Record<string, number> = {};
  let known = 0;
  for (const [k, v] of Object.entries(acc)) { out[k] = v / items.length; known += v; }
  out['rest: event coder beyond wink, record'] = Math.max(0, total - known) / items.length;
  out['total extractArticle'] = total / items.length;
  return out;
}

async function single(): Promise<object> {
  const items = corpus(target);
  // Warm-up (JIT, lazy data files, the wink model): each distinct sample a few times.
  for (const it of items.slice(0, 300)) { extractArticle(it); await turn(); }
  const rows = await formatRows(items);
  // Peak of the extraction runs on the samples as written.
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const long = lengthen(items);
  for (const it of long.slice(0, 200)) { extractArticle(it); await turn(); }
  const longRows = [...await formatRows(long), await measureCoding('event coding alone, all, 1 thread', long)];
  // Peak with the lengthened runs (the stage breakdown and the tokenising comparison follow).
  const peakRssLongMb = process.resourceUsage().maxRSS / 1024;
  const stageMs = {
    text: await stages(items.filter((a) => a.format === 'text').slice(0, 340)),
    html: await stages(items.filter((a) => a.format === 'html').slice(0, 320)),
  };

  // Time stage vs tokenising: the same ≥ 1,000 sentences of cleaned sample text.
  const texts: Array<{ text: string; published: string | null; lang: 'en' | 'es' }> = [];
  let sentences = 0;
  for (let i = 0; sentences < 1000; i++) {
    const x = extractArticle(items[i % items.length]!);
    const a = x.record.article;
    texts.push({ text: x.analysis.text, published: a.published.date, lang: a.language === 'es' ? 'es' : 'en' });
    sentences += splitSentences(x.analysis.text).length;
  }
  const nlp = engine();
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
  return {
    rows, longRows, stageMs, peakRssMb, peakRssLongMb, peakRssAllMb: process.resourceUsage().maxRSS / 1024,
    time: { sentences, tokens, tokenMs: median(tokenRuns), timexCount, timeMs: median(timeRuns) },
  };
}

async function pool(): Promise<object> {
  const items = corpus(target);
  const jobs = Math.min(2, os.availableParallelism());
  const bytes = items.reduce((s, a) => s + Buffer.byteLength(a.raw), 0);
  const p = new ExtractPool({ jobs, timeoutMs: 60_000, memoryMb: 2048 });
  // Warm the workers up so start-up is not counted.
  await Promise.all(items.slice(0, jobs * 20).map((it) => p.extract(it)));
  const c0 = cpuNow();
  const t0 = performance.now();
  await Promise.all(items.map((it) => p.extract(it)));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuNow() - c0;
  await p.close();
  return { row: row(`all, ${jobs} worker threads`, items.length, 0, bytes, seconds, cpu), peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

if (child === 'single') {
  console.log(JSON.stringify(await single()));
} else if (child === 'pool') {
  console.log(JSON.stringify(await pool()));
} else if (child === 'store') {
  console.log(JSON.stringify(await benchStore(storeOptions(args))));
} else if (storeOnly) {
  const st = storeChild();
  if (asJson) console.log(JSON.stringify(st, null, 2));
  else printStore(st);
} else {
  const self = fileURLToPath(import.meta.url);
  // The single-thread run is pinned to one core where taskset exists (Linux), so that the
  // runtime's own threads (garbage collection, compilation) share that core instead of
  // working on another one beside the measured thread: the figure is one core's.
  const pin = !args.includes('--no-pin') && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  const run = (mode: string, pinned = false) => {
    // The single-thread child gets the young generation the pool gives its extraction workers.
    const argv = [...(mode === 'single' ? [`--max-semi-space-size=${SEMI_SPACE_MB}`] : []), self, '--child', mode, '--articles', String(target)];
    const r = pinned
      ? spawnSync('taskset', ['-c', '0', process.execPath, ...argv], { encoding: 'utf8', maxBuffer: 64 << 20 })
      : spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`bench child "${mode}" failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!);
  };
  const s = run('single', pin) as { rows: Row[]; longRows: Row[]; stageMs: Record<'text' | 'html', Record<string, number>>; peakRssMb: number; peakRssLongMb: number; peakRssAllMb: number; time: { sentences: number; tokens: number; tokenMs: number; timexCount: number; timeMs: number } };
  const p = run('pool') as { row: Row; peakRssMb: number };
  const load = os.loadavg()[0]!;
  if (asJson) {
    console.log(JSON.stringify({ ...s, pinnedToOneCore: pin, pool: p.row, peakRssPoolMb: p.peakRssMb, loadAverage: load, store: storeChild() }, null, 2));
  } else {
    const ms = (x: number) => x.toFixed(2).padStart(7);
    console.log(`extraction benchmark (cleaning, metadata, spin, time, entities, events, figures): ${s.rows[2]!.articles} articles generated from examples/corpus (${os.cpus()[0]?.model ?? 'cpu'}, ${os.availableParallelism()} cores, load average ${load.toFixed(1)} at the end)`);
    console.log(`  words = words of the cleaned article text (the raw samples are 580–1,060 words with markup and page furniture); single-thread rows: the median of ${ROUNDS} rounds`);
    const line = (r: Row) => {
      const words = r.words ? `~${Math.round(r.words)} words  ` : ''.padEnd(13);
      console.log(`  ${r.name.padEnd(36)} ${String(r.articles).padStart(5)} articles  ${words}${r.mb.toFixed(1).padStart(5)} MB  ${r.seconds.toFixed(2).padStart(6)} s  ${r.perSec.toFixed(1).padStart(6)} articles/s  ${r.mbPerSec.toFixed(2).padStart(5)} MB/s  ${r.cpuMs.toFixed(1).padStart(5)} ms CPU/article`);
    };
    const [lt, lh, la, lc] = s.longRows;
    console.log(`  one core${pin ? ' (pinned with taskset -c 0, the runtime\'s threads included)' : ' (not pinned: taskset is missing or --no-pin)'}, ${SEMI_SPACE_MB} MB semi-spaces as in the extraction workers, articles of ~800 words: ` +
      `${la!.perSec.toFixed(1)} articles/s end to end (text scrapes ${lt!.perSec.toFixed(1)}, HTML pages ${lh!.perSec.toFixed(1)}); event coding alone ${lc!.perSec.toFixed(1)}; ` +
      `peak RSS ${s.peakRssLongMb.toFixed(0)} MB`);
    console.log('  the samples as written:');
    for (const r of [...s.rows, p.row]) line(r);
    console.log('  the same articles lengthened to ~800 words (other samples\' body paragraphs inserted; MB of the coding row = analysis text):');
    for (const r of s.longRows) line(r);
    console.log(`  peak memory (RSS): ${s.peakRssMb.toFixed(0)} MB single-threaded extraction of the samples as written, ${s.peakRssLongMb.toFixed(0)} MB after the lengthened runs (${s.peakRssAllMb.toFixed(0)} MB with the breakdowns below); ${p.peakRssMb.toFixed(0)} MB worker-pool process (main thread + ${Math.min(2, os.availableParallelism())} workers)`);
    console.log('stage CPU, ms per article (stages called one by one on the same articles):');
    const keys = [...new Set([...Object.keys(s.stageMs.text), ...Object.keys(s.stageMs.html)])];
    console.log(`  ${'stage'.padEnd(46)} ${'text'.padStart(7)} ${'HTML'.padStart(7)}`);
    for (const k of keys) {
      const t = s.stageMs.text[k];
      const h = s.stageMs.html[k];
      console.log(`  ${k.padEnd(46)} ${t === undefined ? '      –' : ms(t)} ${h === undefined ? '      –' : ms(h)}`);
    }
    const t = s.time;
    console.log(`time stage on ${t.sentences} sentences (${t.tokens} tokens, ${t.timexCount} temporal expressions):`);
    console.log(`  median of 15 runs — tokenising with wink-nlp: ${t.tokenMs.toFixed(1)} ms   resolving all temporal expressions (find, normalise, anchor): ${t.timeMs.toFixed(1)} ms  (${(t.timeMs / t.tokenMs * 100).toFixed(0)}% of tokenising)`);
    printStore(storeChild());
  }
}

/** The store benchmark in a child process of its own (its peak RSS is its own); progress goes to stderr. */
function storeChild(): StoreBenchResult {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', 'store', ...args], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error('bench child "store" failed (its error is above)');
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as StoreBenchResult;
}
