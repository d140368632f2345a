import os from 'node:os';
import cliProgress from 'cli-progress';
import type { ArticleRecord } from '../contract.js';
import { isItemError, readInputs } from '../ingest/read.js';
import { DEFAULT_LIMITS } from '../ingest/types.js';
import { ExtractPool } from '../pipeline/pool.js';
import { summarize } from '../output/summary.js';
import { parse, positiveNumber, UsageError } from './args.js';

export const EXTRACT_HELP = `Usage: cronica extract PATH... [options]

Clean and extract articles; writes one record per article (cronica/article@1) to stdout.
PATH is a file (.html .htm .txt .md), a directory (searched recursively), a JSON Lines
corpus (.jsonl, or any file with --input-format jsonl), or - for standard input.

Options:
  --format jsonl|json|summary   output format (default jsonl; summary is for people)
  --json                        same as --format json (one JSON array)
  --input-format auto|jsonl     treat every input as JSON Lines (default auto)
  --max-bytes N                 size limit per item in bytes (default ${DEFAULT_LIMITS.maxBytes})
  --timeout SECONDS             time limit per item (default 30)
  --jobs N                      worker threads (default: number of cores, at most 4)
  --quiet                       no progress bar, no closing count
  -v, --verbose                 closing count even on success
  -h, --help                    this help

Exit status: 0 when every item was extracted, 1 when any item failed (each failure is
reported on stderr as "cronica: ITEM: PROBLEM"), 2 on a usage error.`;

type Writer = (s: string) => Promise<void>;

function stdoutWriter(): Writer {
  let broken: Error | null = null;
  process.stdout.on('error', (e: Error) => { broken = e; });
  return (s: string) => new Promise((resolve, reject) => {
    if (broken) { reject(broken); return; }
    if (process.stdout.write(s)) resolve();
    else process.stdout.once('drain', resolve);
  });
}

export async function extractCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    format: { type: 'string' },
    json: { type: 'boolean' },
    'input-format': { type: 'string' },
    'max-bytes': { type: 'string' },
    timeout: { type: 'string' },
    jobs: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    verbose: { type: 'boolean', short: 'v' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    console.log(EXTRACT_HELP);
    return 0;
  }
  const format = values.json ? 'json' : (values.format ?? 'jsonl');
  if (!['jsonl', 'json', 'summary'].includes(format)) throw new UsageError(`--format must be jsonl, json or summary, got "${format}"`);
  const inputFormat = values['input-format'] ?? 'auto';
  if (inputFormat !== 'auto' && inputFormat !== 'jsonl') throw new UsageError(`--input-format must be auto or jsonl, got "${inputFormat}"`);
  if (positionals.length === 0) throw new UsageError('no input given (try: cronica extract examples/corpus)');
  const maxBytes = Math.floor(positiveNumber(values['max-bytes'], '--max-bytes', DEFAULT_LIMITS.maxBytes));
  const timeoutMs = positiveNumber(values.timeout, '--timeout', 30) * 1000;
  const jobs = Math.floor(positiveNumber(values.jobs, '--jobs', Math.min(4, Math.max(1, os.availableParallelism()))));

  const write = stdoutWriter();
  const pool = new ExtractPool({ jobs, timeoutMs, memoryMb: 2048 });
  const showBar = !values.quiet && process.stderr.isTTY === true;
  const bar = showBar ? new cliProgress.SingleBar({ format: 'extracting {bar} {value}/{total} {item}', stream: process.stderr, clearOnComplete: true }, cliProgress.Presets.shades_classic) : null;
  let failed = 0;
  let done = 0;
  let total = 0;
  const jsonRecords: ArticleRecord[] = [];
  // Items are extracted concurrently and written in input order.
  const pending: Array<Promise<{ label: string; record?: ArticleRecord; error?: string }>> = [];
  let flushing = Promise.resolve();
  const report = (label: string, message: string) => {
    failed++;
    if (bar) bar.stop();
    process.stderr.write(`cronica: ${label}: ${message}\n`);
    if (bar) bar.start(total, done, { item: '' });
  };
  const flush = async () => {
    while (pending.length) {
      const r = await pending.shift()!;
      done++;
      bar?.update(done, { item: r.label.length > 40 ? `…${r.label.slice(-39)}` : r.label });
      if (r.error) { report(r.label, r.error); continue; }
      const rec = r.record!;
      if (format === 'jsonl') await write(`${JSON.stringify(rec)}\n`);
      else if (format === 'summary') await write(`${summarize(rec)}\n\n`);
      else jsonRecords.push(rec);
    }
  };
  try {
    bar?.start(0, 0, { item: '' });
    for await (const item of readInputs(positionals, { maxBytes, inputFormat: inputFormat as 'auto' | 'jsonl' })) {
      total++;
      bar?.setTotal(total);
      if (isItemError(item)) {
        pending.push(Promise.resolve({ label: item.label, error: item.message }));
      } else {
        pending.push(pool.extract(item).then(
          (record) => ({ label: item.label, record }),
          (e: Error) => ({ label: item.label, error: e.message }),
        ));
      }
      // Keep memory bounded: let output catch up when many items are in flight.
      if (pending.length >= jobs * 4) { flushing = flushing.then(flush); await flushing; }
    }
    flushing = flushing.then(flush);
    await flushing;
  } finally {
    bar?.stop();
    await pool.close();
  }
  if (format === 'json') await write(`${JSON.stringify(jsonRecords, null, 2)}\n`);
  if (values.verbose || (failed > 0 && !values.quiet) || format === 'summary') {
    process.stderr.write(`cronica: ${total - failed} of ${total} item(s) extracted${failed ? `, ${failed} failed` : ''}\n`);
  }
  return failed > 0 ? 1 : 0;
}
