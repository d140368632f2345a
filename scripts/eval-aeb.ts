// Article-extraction benchmark (public half in ../shared/external/aeb): main-text quality of
// the HTML cleaner. Metric per the benchmark: 4-token shingles, precision and recall per
// page averaged over pages, F1 of the means. Usage: npm run eval:aeb [-- --dir DIR] [--verbose]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../src/pipeline/extract.js';
import { f1, shinglePR } from '../src/eval/shingles.js';
import { PACKAGE_ROOT } from '../src/util/data.js';

const args = process.argv.slice(2);
const dirArg = args.indexOf('--dir');
const dir = dirArg >= 0 ? args[dirArg + 1]! : path.join(PACKAGE_ROOT, '..', 'shared', 'external', 'aeb');
const verbose = args.includes('--verbose');
if (!existsSync(path.join(dir, 'ground-truth.json'))) {
  console.error(`eval:aeb: no benchmark at ${dir} (needs ../shared/external/aeb); skipped`);
  process.exit(0);
}
const truth = JSON.parse(readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * The benchmark's articleBody excludes the headline and image captions; Cronica's text keeps
 * both (the output contract counts them as main text), and marks the captions. The
 * benchmark is scored on the body; the figure for the whole text is printed beside it.
 */
export function withoutHeadline(text: string, title: string | null): string {
  if (!title) return text;
  const paras = text.split('\n\n');
  if (paras.length > 1 && norm(paras[0]!) === norm(title)) return paras.slice(1).join('\n\n');
  return text;
}

function withoutCaptions(text: string, captions: Array<[number, number]>): string {
  let out = '';
  let pos = 0;
  for (const [a, b] of captions) { out += text.slice(pos, a); pos = b; }
  return out + text.slice(pos);
}

let sp = 0;
let sr = 0;
let tp = 0;
let tr = 0;
let n = 0;
const rows: Array<[number, number, string]> = [];
const t0 = performance.now();
for (const [id, gt] of Object.entries(truth)) {
  const file = path.join(dir, 'html', `${id}.html.gz`);
  const raw = gunzipSync(readFileSync(file)).toString('utf8');
  const x = extractArticle({ source: gt.url, label: id, raw, format: 'html', meta: { url: gt.url }, warnings: [] });
  const a = x.record.article;
  const pr = shinglePR(withoutHeadline(withoutCaptions(a.text, x.captions), a.title), gt.articleBody);
  const whole = shinglePR(withoutHeadline(a.text, a.title), gt.articleBody);
  sp += pr.precision;
  sr += pr.recall;
  tp += whole.precision;
  tr += whole.recall;
  n++;
  rows.push([pr.precision, pr.recall, `${id.slice(0, 8)} ${gt.url.slice(0, 70)}`]);
}
const P = sp / n;
const R = sr / n;
if (verbose) {
  rows.sort((a, b) => a[0] + a[1] - (b[0] + b[1]));
  for (const [p, r, label] of rows.slice(0, 30)) console.log(`${p.toFixed(3)} ${r.toFixed(3)} ${label}`);
}
console.log(`aeb: ${n} pages  body (text without headline and image captions): precision ${P.toFixed(4)}  recall ${R.toFixed(4)}  F1 ${f1(P, R).toFixed(4)}  (${((performance.now() - t0) / n).toFixed(0)} ms/page)`);
console.log(`aeb: ${n} pages  whole text without headline:                      precision ${(tp / n).toFixed(4)}  recall ${(tr / n).toFixed(4)}  F1 ${f1(tp / n, tr / n).toFixed(4)}`);
