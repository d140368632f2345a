import { Worker } from 'node:worker_threads';
import type { ArticleRecord } from '../contract.js';
import type { RawArticle } from '../ingest/types.js';
import { YOUNG_GENERATION_MB } from './heap.js';
import type { WorkRequest, WorkResult } from './worker.js';

export interface PoolOptions {
  jobs: number;
  /** Per-item time limit, ms. */
  timeoutMs: number;
  /** Per-worker heap limit, MB. */
  memoryMb: number;
}

/** A record with the text its coders read (the cleaned text, spin restored). */
export interface ExtractedWithText { record: ArticleRecord; analysisText: string }

interface Task {
  id: number;
  item: RawArticle;
  analysis: boolean;
  resolve: (r: ExtractedWithText) => void;
  reject: (e: Error) => void;
}

interface Slot { worker: Worker; task: Task | null; timer: NodeJS.Timeout | null }

const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * A small pool of extraction workers. Each item gets a time limit: a worker that overruns
 * it (or dies, e.g. out of memory) is replaced and the item fails with a one-line reason.
 */
export class ExtractPool {
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private nextId = 0;
  private closed = false;

  constructor(private readonly opts: PoolOptions) {
    for (let i = 0; i < Math.max(1, opts.jobs); i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: this.opts.memoryMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, stackSizeMb: 8 },
    });
    const slot: Slot = { worker, task: null, timer: null };
    worker.on('message', (msg: WorkResult) => {
      const task = slot.task;
      if (!task || task.id !== msg.id) return;
      this.finish(slot);
      if (msg.ok) task.resolve({ record: msg.record as ArticleRecord, analysisText: msg.analysisText ?? '' });
      else task.reject(new Error(msg.message));
      this.pump();
    });
    worker.on('error', (err) => this.fail(slot, /memory/i.test(err.message)
      ? `ran out of memory (limit ${this.opts.memoryMb} MB)`
      : `worker failed: ${err.message.split('\n')[0]}`));
    worker.on('exit', () => {
      if (slot.task) this.fail(slot, 'worker stopped unexpectedly');
    });
    worker.unref();
    return slot;
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
  }

  private fail(slot: Slot, message: string): void {
    const task = slot.task;
    this.finish(slot);
    const i = this.slots.indexOf(slot);
    if (i >= 0) {
      void slot.worker.terminate();
      if (!this.closed) this.slots[i] = this.spawn();
      else this.slots.splice(i, 1);
    }
    task?.reject(new Error(message));
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.task || this.queue.length === 0) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.timer = setTimeout(
        () => this.fail(slot, `timed out after ${(this.opts.timeoutMs / 1000).toFixed(1)} s (see --timeout)`),
        this.opts.timeoutMs,
      );
      const req: WorkRequest = { id: task.id, item: task.item, analysis: task.analysis };
      slot.worker.ref();
      slot.worker.postMessage(req);
    }
    for (const slot of this.slots) if (!slot.task) slot.worker.unref();
  }

  extract(item: RawArticle): Promise<ArticleRecord> {
    return this.submit(item, false).then((r) => r.record);
  }

  /** The record and the analysis text (for near-duplicate signatures). */
  extractWithText(item: RawArticle): Promise<ExtractedWithText> {
    return this.submit(item, true);
  }

  private submit(item: RawArticle, analysis: boolean): Promise<ExtractedWithText> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, item, analysis, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}
