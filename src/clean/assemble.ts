import type { RemovedKind, RemovedSpan } from '../contract.js';
import { MappedText, type TextMap } from '../util/offsets.js';
import { rawEnd, rawStart, type Block, type Decision } from './blocks.js';
import { appendBlock } from './inline.js';

export interface Assembled {
  /** The cleaned text and the raw offset of each of its characters. */
  clean: TextMap;
  removed: RemovedSpan[];
  /** Image captions kept in the text, as [start, end) ranges of the cleaned text. */
  captions: Array<[number, number]>;
}

/**
 * Join the kept blocks into the cleaned text (blank lines between paragraphs) and report
 * every removed block, merging runs of the same kind into one span.
 */
export function assemble(raw: string, blocks: Block[], decisions: Decision[]): Assembled {
  const out = new MappedText();
  const removed: RemovedSpan[] = [];
  const captions: Array<[number, number]> = [];
  let run: { kind: RemovedKind; start: number; end: number; texts: string[] } | null = null;
  const closeRun = () => {
    if (run) removed.push({ kind: run.kind, start: run.start, end: run.end, text: run.texts.join('\n') });
    run = null;
  };
  let kept = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const d = decisions[i]!;
    if (d.kind) {
      if (run && run.kind === d.kind) { run.end = Math.max(run.end, rawEnd(b)); run.texts.push(b.text); }
      else { closeRun(); run = { kind: d.kind, start: rawStart(b), end: rawEnd(b), texts: [b.text] }; }
      continue;
    }
    closeRun();
    if (kept > 0) {
      out.trimEnd();
      const sep = b.paraBreak ? '\n\n' : b.continues ? ' ' : '\n';
      out.insert(sep, rawStart(b));
    }
    const at = out.length;
    appendBlock(out, b.text, b.offsets, removed);
    if (d.role === 'caption') captions.push([at, out.length]);
    kept++;
  }
  closeRun();
  out.trimEnd();
  removed.sort((a, b) => a.start - b.start || a.end - b.end);
  for (const r of removed) r.text ??= raw.slice(r.start, r.end);
  return { clean: out.finish(raw.length), removed, captions };
}
