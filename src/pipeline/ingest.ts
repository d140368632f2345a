// Ingest: inputs (files, directories, JSONL corpora, stdin, http(s) URLs) → extraction in the
// worker pool → one transaction per article in the store → the derived record rebuilt.
// Idempotent: an article whose content hash is stored is skipped before extraction, so a
// second run (or a run resumed after a kill) only extracts what is missing.
import { createHash } from 'node:crypto';
import { fetchArticle, isUrl } from '../ingest/fetch.js';
import { isItemError, readInputs, type InputItem } from '../ingest/read.js';
import type { RawArticle } from '../ingest/types.js';
import { signature } from '../merge/minhash.js';
import type { Store } from '../store/store.js';
import { ExtractPool } from './pool.js';

export interface IngestOptions {
  jobs: number;
  timeoutMs: number;
  maxBytes: number;
  allowPrivate: boolean;
  inputFormat: 'auto' | 'jsonl';
  /** Rebuild the derived record at the end (default true). */
  rebuild?: boolean;
  stdin?: NodeJS.ReadableStream;
}

export interface IngestEvents {
  /** An item was read (total so far). */
  onItem?(total: number): void;
  /** An item is done (stored, skipped or failed). */
  onDone?(done: number, label: string): void;
  /** An item could not be read, fetched, extracted or stored. */
  onError?(label: string, message: string): void;
  onRebuild?(step: string): void;
}

export interface IngestResult {
  read: number;
  added: number;
  /** Already stored (same content hash). */
  skipped: number;
  failed: number;
  rebuilt: boolean;
}

/**
 * The idempotency key of an item: its raw text, its format and the metadata given with it
 * (two outlets' identical copies given with their own URLs stay two articles).
 */
export function contentKey(item: RawArticle): string {
  const meta = Object.keys(item.meta).sort().map((k) => [k, item.meta[k as keyof typeof item.meta]]);
  return createHash('sha256').update(item.format).update('\u0000').update(JSON.stringify(meta)).update('\u0000').update(item.raw).digest('hex');
}

async function* items(inputs: string[], opts: IngestOptions): AsyncGenerator<InputItem> {
  // Paths keep their order; URLs are fetched where they stand among them.
  let paths: string[] = [];
  const flushPaths = async function* () {
    if (paths.length) yield* readInputs(paths, { maxBytes: opts.maxBytes, inputFormat: opts.inputFormat, stdin: opts.stdin });
    paths = [];
  };
  for (const input of inputs) {
    if (!isUrl(input)) { paths.push(input); continue; }
    yield* flushPaths();
    try {
      yield await fetchArticle(input, { timeoutMs: opts.timeoutMs, maxBytes: opts.maxBytes, allowPrivate: opts.allowPrivate });
    } catch (e) {
      yield { label: input, message: (e as Error).message.split('\n')[0]! };
    }
  }
  yield* flushPaths();
}

type Outcome = { label: string; kind: 'added' | 'skipped' } | { label: string; kind: 'failed'; message: string };

/** Ingest command-line inputs: paths, JSONL corpora, `-` and http(s) URLs. */
export function ingest(store: Store, inputs: string[], opts: IngestOptions, ev: IngestEvents = {}): Promise<IngestResult> {
  return ingestItems(store, items(inputs, opts), opts, ev);
}

/** Ingest decoded items (or per-item errors), storing them in the order given. */
export async function ingestItems(store: Store, source: AsyncIterable<InputItem> | Iterable<InputItem>, opts: Pick<IngestOptions, 'jobs' | 'timeoutMs' | 'rebuild'>, ev: IngestEvents = {}): Promise<IngestResult> {
  const result: IngestResult = { read: 0, added: 0, skipped: 0, failed: 0, rebuilt: false };
  const pool = new ExtractPool({ jobs: opts.jobs, timeoutMs: opts.timeoutMs, memoryMb: 2048 });
  // Extraction runs ahead in the pool; articles are stored one by one in input order, so the
  // ingest order (and with it every merged event's id) does not depend on thread timing.
  const pending: Array<Promise<Outcome>> = [];
  const inFlight = new Set<string>();
  let done = 0;
  const settle = async () => {
    const o = await pending.shift()!;
    done++;
    if (o.kind === 'failed') { result.failed++; ev.onError?.(o.label, o.message); }
    else result[o.kind]++;
    ev.onDone?.(done, o.label);
  };
  try {
    for await (const item of source) {
      result.read++;
      ev.onItem?.(result.read);
      if (isItemError(item)) {
        pending.push(Promise.resolve({ label: item.label, kind: 'failed', message: item.message }));
      } else {
        const key = contentKey(item);
        if (inFlight.has(key) || (await store.hasArticle(key))) {
          pending.push(Promise.resolve({ label: item.label, kind: 'skipped' }));
        } else {
          inFlight.add(key);
          const extracted = pool.extractWithText(item);
          // Stored only when its turn comes (after every earlier item), each in its own transaction.
          const previous = pending.length ? pending[pending.length - 1]! : Promise.resolve(null);
          pending.push(previous.then(() => extracted).then(
            async ({ record, analysisText }) => {
              try {
                const added = await store.addArticle({ key, raw: item.raw, format: item.format, record, signature: signature(analysisText || record.article.text) });
                return { label: item.label, kind: added ? 'added' : 'skipped' } as Outcome;
              } catch (e) {
                return { label: item.label, kind: 'failed', message: `not stored: ${(e as Error).message.split('\n')[0]}` } as Outcome;
              }
            },
            (e: Error) => ({ label: item.label, kind: 'failed', message: e.message }) as Outcome,
          ));
        }
      }
      while (pending.length >= opts.jobs * 4) await settle();
    }
    while (pending.length) await settle();
  } finally {
    await pool.close();
  }
  if ((opts.rebuild ?? true) && (await store.isDirty())) {
    await store.rebuild((step) => ev.onRebuild?.(step));
    result.rebuilt = true;
  }
  return result;
}
