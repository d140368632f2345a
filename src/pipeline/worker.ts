// Worker thread: extracts one article per message. Running extraction in workers lets the
// pool enforce a time and memory limit per item (a hostile page cannot hang the run).
import { parentPort } from 'node:worker_threads';
import type { RawArticle } from '../ingest/types.js';
import { extractArticle } from './extract.js';

export interface WorkRequest { id: number; item: RawArticle; /** Also return the analysis text (spin restored). */ analysis?: boolean }
export type WorkResult =
  | { id: number; ok: true; record: unknown; analysisText?: string }
  | { id: number; ok: false; message: string };

parentPort?.on('message', (msg: WorkRequest) => {
  let out: WorkResult;
  try {
    const x = extractArticle(msg.item);
    out = { id: msg.id, ok: true, record: x.record, ...(msg.analysis ? { analysisText: x.analysis.text } : {}) };
  } catch (e) {
    const err = e as Error;
    const message = err instanceof RangeError && /call stack/i.test(err.message)
      ? 'document nested too deeply to process'
      : (err?.message ?? String(e)).split('\n')[0]!;
    out = { id: msg.id, ok: false, message };
  }
  parentPort!.postMessage(out);
});
