import os from 'node:os';
import cliProgress from 'cli-progress';
import { DEFAULT_LIMITS } from '../ingest/types.js';
import { ingest } from '../pipeline/ingest.js';
import { dbSpec, openStore } from '../store/open.js';
import { parse, positiveNumber, UsageError } from './args.js';

export const INGEST_HELP = `Usage: cronica ingest PATH|URL... [options]

Extract articles and add them to the store, then rebuild the merged record (near-duplicate
clusters, merged events, figure groups). PATH is what "cronica extract" takes (files,
directories, .jsonl corpora, - for stdin); URL is an http(s) address to fetch.
Articles already stored (same content) are skipped, so ingest can be re-run or resumed.

Options:
  --db PATH|URL            SQLite file or postgres:// URL (default $CRONICA_DB or ./cronica.db)
  --allow-private          allow URLs on private, loopback and link-local addresses
  --input-format auto|jsonl
  --max-bytes N            size limit per item in bytes (default ${DEFAULT_LIMITS.maxBytes})
  --timeout SECONDS        time limit per item, fetch included (default 30)
  --jobs N                 worker threads (default: number of cores, at most 4)
  --no-rebuild             store the articles only; the next ingest (or serve) rebuilds
  --json                   print the result as JSON on stdout
  --quiet                  no progress bar
  -v, --verbose            print the result even on success
  -h, --help               this help

Exit status: 0 when every item was stored or already there, 1 when any failed (each failure
is reported on stderr as "cronica: ITEM: PROBLEM"), 2 on a usage error.`;

export async function ingestCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    db: { type: 'string' },
    'allow-private': { type: 'boolean' },
    'input-format': { type: 'string' },
    'max-bytes': { type: 'string' },
    timeout: { type: 'string' },
    jobs: { type: 'string' },
    'no-rebuild': { type: 'boolean' },
    json: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    verbose: { type: 'boolean', short: 'v' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    console.log(INGEST_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('no input given (try: cronica ingest examples/corpus)');
  const inputFormat = values['input-format'] ?? 'auto';
  if (inputFormat !== 'auto' && inputFormat !== 'jsonl') throw new UsageError(`--input-format must be auto or jsonl, got "${inputFormat}"`);
  const maxBytes = Math.floor(positiveNumber(values['max-bytes'], '--max-bytes', DEFAULT_LIMITS.maxBytes));
  const timeoutMs = positiveNumber(values.timeout, '--timeout', 30) * 1000;
  const jobs = Math.floor(positiveNumber(values.jobs, '--jobs', Math.min(4, Math.max(1, os.availableParallelism()))));

  const spec = dbSpec(values.db);
  let store;
  try {
    store = await openStore(spec);
  } catch (e) {
    process.stderr.write(`cronica: ${(e as Error).message.split('\n')[0]}\n`);
    return 1;
  }
  const showBar = !values.quiet && process.stderr.isTTY === true;
  const bar = showBar ? new cliProgress.SingleBar({ format: 'ingesting {bar} {value}/{total} {item}', stream: process.stderr, clearOnComplete: true }, cliProgress.Presets.shades_classic) : null;
  let total = 0;
  let done = 0;
  try {
    bar?.start(0, 0, { item: '' });
    const result = await ingest(store, positionals, {
      jobs, timeoutMs, maxBytes, allowPrivate: values['allow-private'] ?? false,
      inputFormat: inputFormat as 'auto' | 'jsonl', rebuild: !values['no-rebuild'],
    }, {
      onItem: (n) => { total = n; bar?.setTotal(n); },
      onDone: (n, label) => { done = n; bar?.update(n, { item: label.length > 40 ? `…${label.slice(-39)}` : label }); },
      onError: (label, message) => {
        bar?.stop();
        process.stderr.write(`cronica: ${label}: ${message}\n`);
        bar?.start(total, done, { item: '' });
      },
      onRebuild: (step) => { if (bar) { bar.stop(); process.stderr.write(`rebuilding the record: ${step}…\r`); } },
    });
    bar?.stop();
    if (showBar) process.stderr.write('\x1b[2K');
    const counts = await store.counts();
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ db: store.location, ...result, counts })}\n`);
    } else if (values.verbose || (result.failed > 0 && !values.quiet)) {
      process.stderr.write(`cronica: ${result.added} added, ${result.skipped} already stored, ${result.failed} failed; ` +
        `${store.location} holds ${counts.articles} articles (${counts.duplicates} near-duplicates), ${counts.events} events, ${counts.figures} figure groups\n`);
    }
    return result.failed > 0 ? 1 : 0;
  } finally {
    bar?.stop();
    await store.close();
  }
}
