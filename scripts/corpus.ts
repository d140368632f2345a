// The benchmarks' corpus: the sample articles in turn, each copy with small edits.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeBytes } from '../src/ingest/decode.js';
import type { RawArticle } from '../src/ingest/types.js';
import { prepareArticle } from '../src/pipeline/extract.js';
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

/** Words of a text: runs of letters and digits. */
export const wordsOf = (t: string): number => (t.match(/[\p{L}\p{N}]+/gu) ?? []).length;

/**
 * The same articles lengthened to about 800 words of main text: after the second body paragraph
 * of each English article, body paragraphs of the other English samples are inserted (as
 * `<p>` elements in a page, as paragraphs in a text scrape) until the cleaned text would reach
 * ~800 words. The Spanish sample has no Spanish donor and stays as it is.
 */
export function lengthen(items: RawArticle[]): RawArticle[] {
  // Per sample (the generated copies differ from it only by same-length edits): language,
  // cleaned words and the raw offset after its second paragraph of 30 words or more.
  const bySample = new Map<string, { en: boolean; words: number; rawEnd: number | null; text: string }>();
  const donors: string[] = [];
  for (const it of items) {
    const key = it.source.replace(/#\d+$/, '');
    if (bySample.has(key)) continue;
    const p = prepareArticle(it);
    const text = p.cleaned.clean.text;
    const paras = [...text.matchAll(/[^\n]+/g)].filter((m) => wordsOf(m[0]) >= 30);
    const after = paras[Math.min(1, paras.length - 1)];
    const rawEnd = after ? p.cleaned.clean.toRaw(after.index!, after.index! + after[0].length).end : null;
    bySample.set(key, { en: p.language === 'en', words: wordsOf(text), rawEnd, text });
    if (p.language === 'en') for (const para of paras) if (!/[<>&]/.test(para[0])) donors.push(para[0]);
  }
  let d = 0;
  return items.map((it) => {
    const s = bySample.get(it.source.replace(/#\d+$/, ''))!;
    if (!s.en || s.rawEnd === null) return it;
    // Paragraphs are added while the article is further from 800 words without the next one than with it.
    const add: string[] = [];
    let words = s.words;
    for (let tries = 0; tries < donors.length && words < 800; tries++) {
      const para = donors[d++ % donors.length]!;
      const n = wordsOf(para);
      if (s.text.includes(para.slice(0, 60)) || words + n / 2 > 800) continue;
      add.push(para);
      words += n;
    }
    let raw: string;
    if (it.format === 'html') {
      const close = it.raw.indexOf('</p>', s.rawEnd);
      const at = close >= 0 ? close + 4 : s.rawEnd;
      raw = it.raw.slice(0, at) + add.map((x) => `\n<p>${x}</p>`).join('') + it.raw.slice(at);
    } else {
      raw = it.raw.slice(0, s.rawEnd) + add.map((x) => `\n\n${x}`).join('') + it.raw.slice(s.rawEnd);
    }
    return { ...it, raw };
  });
}
