import { promises as fs } from 'node:fs';
import path from 'node:path';
import { decodeBytes, DecodeError } from './decode.js';
import { parseJsonlLine } from './jsonl.js';
import type { InputFormat, ItemError, RawArticle, ReadLimits } from './types.js';

export type InputItem = RawArticle | ItemError;

export function isItemError(x: InputItem): x is ItemError {
  return (x as RawArticle).raw === undefined;
}

export interface ReadOptions extends ReadLimits {
  /** Treat every file (and stdin) as a JSON Lines corpus. */
  inputFormat?: 'auto' | 'jsonl';
  stdin?: NodeJS.ReadableStream;
}

const ARTICLE_EXT = new Set(['.html', '.htm', '.xhtml', '.txt', '.text', '.md', '.markdown']);
const JSONL_EXT = new Set(['.jsonl', '.ndjson']);

function formatFor(file: string, raw: string): InputFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html';
  if (ext === '.txt' || ext === '.md' || ext === '.text' || ext === '.markdown') return 'text';
  return sniffHtml(raw) ? 'html' : 'text';
}

/** A document is HTML when it opens with a doctype or a root-ish tag. */
export function sniffHtml(raw: string): boolean {
  return /^\s*(?:\uFEFF)?\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<!--)/i.test(raw.slice(0, 1024));
}

function oneLine(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err && err.code === 'EACCES') return 'permission denied';
  if (err && err.code === 'ENOENT') return 'no such file or directory';
  if (err && err.code === 'EISDIR') return 'is a directory';
  return String(err?.message ?? err).split('\n')[0]!;
}

async function readStdin(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > maxBytes) throw new Error(`larger than the size limit (${maxBytes} bytes)`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** Expand directories recursively (sorted), reporting unreadable entries as errors. */
async function* expand(p: string): AsyncGenerator<string | ItemError> {
  let st;
  try {
    st = await fs.stat(p);
  } catch (e) {
    yield { label: p, message: oneLine(e) };
    return;
  }
  if (!st.isDirectory()) {
    yield p;
    return;
  }
  let entries;
  try {
    entries = await fs.readdir(p, { withFileTypes: true });
  } catch (e) {
    yield { label: p, message: `cannot read directory: ${oneLine(e)}` };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const ent of entries) {
    if (ent.name.startsWith('.')) continue;
    const full = path.join(p, ent.name);
    if (ent.isDirectory()) {
      yield* expand(full);
    } else {
      const ext = path.extname(ent.name).toLowerCase();
      if (ARTICLE_EXT.has(ext) || JSONL_EXT.has(ext)) yield full;
    }
  }
}

function decodeItem(buf: Buffer, label: string, source: string, format: InputFormat | null, limits: ReadLimits): InputItem {
  if (buf.length === 0) return { label, message: 'empty file' };
  if (buf.length > limits.maxBytes) {
    return { label, message: `${buf.length} bytes is larger than the size limit (${limits.maxBytes} bytes; see --max-bytes)` };
  }
  try {
    const head = buf.subarray(0, 1024).toString('latin1');
    const html = format ? format === 'html' : sniffHtml(head);
    const d = decodeBytes(buf, { html });
    if (d.text.trim() === '') return { label, message: 'no text (only whitespace)' };
    return {
      source, label, raw: d.text, format: format ?? formatFor(label, d.text), meta: {},
      warnings: d.warnings,
    };
  } catch (e) {
    if (e instanceof DecodeError) return { label, message: e.message };
    throw e;
  }
}

function* jsonlItems(text: string, label: string, limits: ReadLimits): Generator<InputItem> {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/^\uFEFF/, '');
    if (line.trim() === '') continue;
    const lineLabel = `${label}:${i + 1}`;
    if (Buffer.byteLength(line) > limits.maxBytes) {
      yield { label: lineLabel, message: `line larger than the size limit (${limits.maxBytes} bytes)` };
      continue;
    }
    try {
      const rec = parseJsonlLine(line);
      if (rec.raw.trim() === '') {
        yield { label: lineLabel, message: 'empty "text"/"html"' };
        continue;
      }
      const source = rec.meta.id ?? rec.meta.url ?? lineLabel;
      yield { source, label: lineLabel, raw: rec.raw, format: rec.format, meta: rec.meta, warnings: [] };
    } catch (e) {
      yield { label: lineLabel, message: oneLine(e) };
    }
  }
}

/**
 * Turn command-line inputs (files, directories, `-` for stdin, JSONL corpora) into
 * decoded articles or one-line errors, in input order. Never throws for a bad item.
 */
export async function* readInputs(inputs: string[], opts: ReadOptions): AsyncGenerator<InputItem> {
  const jsonlAll = opts.inputFormat === 'jsonl';
  for (const input of inputs) {
    if (input === '-') {
      let buf: Buffer;
      try {
        buf = await readStdin(opts.stdin ?? process.stdin, jsonlAll ? Number.MAX_SAFE_INTEGER : opts.maxBytes);
      } catch (e) {
        yield { label: '-', message: oneLine(e) };
        continue;
      }
      if (jsonlAll) {
        yield* jsonlItems(buf.toString('utf8'), '-', opts);
      } else {
        yield decodeItem(buf, '-', '-', null, opts);
      }
      continue;
    }
    for await (const entry of expand(input)) {
      if (typeof entry !== 'string') {
        yield entry;
        continue;
      }
      const isJsonl = jsonlAll || JSONL_EXT.has(path.extname(entry).toLowerCase());
      let buf: Buffer;
      try {
        const st = await fs.stat(entry);
        // FIFOs, sockets and devices would block or never end: only regular files are read.
        if (!st.isFile()) {
          yield { label: entry, message: 'not a regular file' };
          continue;
        }
        if (!isJsonl && st.size > opts.maxBytes) {
          yield { label: entry, message: `${st.size} bytes is larger than the size limit (${opts.maxBytes} bytes; see --max-bytes)` };
          continue;
        }
        buf = await fs.readFile(entry);
      } catch (e) {
        yield { label: entry, message: oneLine(e) };
        continue;
      }
      if (isJsonl) {
        if (buf.length === 0) {
          yield { label: entry, message: 'empty file' };
          continue;
        }
        yield* jsonlItems(buf.toString('utf8'), entry, opts);
      } else {
        const ext = path.extname(entry).toLowerCase();
        const fmt: InputFormat | null = ext === '.html' || ext === '.htm' || ext === '.xhtml' ? 'html'
          : ARTICLE_EXT.has(ext) ? 'text' : null;
        yield decodeItem(buf, entry, entry, fmt, opts);
      }
    }
  }
}
