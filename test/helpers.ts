import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeBytes } from '../src/ingest/decode.js';
import { extractArticle, type Extracted } from '../src/pipeline/extract.js';
import { PACKAGE_ROOT } from '../src/util/data.js';

export const ROOT = PACKAGE_ROOT;
export const CORPUS = path.join(ROOT, 'examples', 'corpus');
export const SAMPLE_GOLD = path.join(ROOT, 'examples', 'gold');
/** ../shared beside the repository: evaluation data, absent in a lone clone. */
export const SHARED = path.join(ROOT, '..', 'shared');
export const HAS_SHARED = existsSync(path.join(SHARED, 'seeds')) && existsSync(path.join(SHARED, 'spec', 'gold'));
export const SKIP_SHARED = HAS_SHARED ? false : 'needs ../shared (seeds and gold); absent';

export function extractText(raw: string, meta: Record<string, string> = {}): Extracted {
  return extractArticle({ source: 'test', label: 'test', raw, format: 'text', meta, warnings: [] });
}

export function extractHtml(raw: string, meta: Record<string, string> = {}): Extracted {
  return extractArticle({ source: 'test.html', label: 'test.html', raw, format: 'html', meta, warnings: [] });
}

export function extractFile(file: string): Extracted & { raw: string } {
  const html = /\.html?$/i.test(file);
  const { text: raw, warnings } = decodeBytes(readFileSync(file), { html });
  return { ...extractArticle({ source: file, label: file, raw, format: html ? 'html' : 'text', meta: {}, warnings }), raw };
}

/** Every letter of a derived text must sit at its mapped offset in the raw text. */
export function assertLettersMapToRaw(raw: string, text: string, offsets: Int32Array): void {
  let same = 0;
  let letters = 0;
  for (let i = 0; i < text.length; i++) {
    if (!/\p{L}/u.test(text[i]!)) continue;
    letters++;
    if (raw[offsets[i]!] === text[i]) same++;
  }
  assert.equal(same, letters);
}
