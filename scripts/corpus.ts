// The benchmarks' corpus: the sample articles in turn, each copy with small edits.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeBytes } from '../src/ingest/decode.js';
import type { RawArticle } from '../src/ingest/types.js';
import { PACKAGE_ROOT } from '../src/util/data.js';

/**
 * `n` articles from examples/corpus, the samples in turn. Small edits (a year moved back,
 * "México" for "Mexico") vary the copies: 99 distinct texts, each repeated about 20 times in
 * 2,040. With `distinct`, a repeat gets trailing newlines until it is new, so that ingest
 * (which skips content it has stored) stores every one.
 */
export function corpus(n: number, opts: { distinct?: boolean } = {}): RawArticle[] {
  const dir = path.join(PACKAGE_ROOT, 'examples', 'corpus');
  const samples = readdirSync(dir).sort().map((f) => {
    const html = /\.html?$/.test(f);
    return { f, html, raw: decodeBytes(readFileSync(path.join(dir, f)), { html }).text };
  });
  const seen = new Set<string>();
  const out: RawArticle[] = [];
  for (let i = 0; out.length < n; i++) {
    const s = samples[i % samples.length]!;
    let raw = s.raw.replace(/\b(20\d\d)\b/, (y) => String(Number(y) - (i % 3))).replace(/Mexico/, i % 2 ? 'México' : 'Mexico');
    if (opts.distinct) {
      while (seen.has(raw)) raw += '\n';
      seen.add(raw);
    }
    out.push({ source: `${s.f}#${i}`, label: `${s.f}#${i}`, raw, format: s.html ? 'html' : 'text', meta: {}, warnings: [] });
  }
  return out;
}
