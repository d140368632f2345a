// Score article cleaning and metadata against gold files (the shared seeds, or the sample
// corpus): main-text shingle F1, removed blocks, publication date, outlet, title, spin.
// Usage: node dist/scripts/eval-articles.js --gold DIR --articles DIR [--json]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeBytes } from '../src/ingest/decode.js';
import { extractArticle } from '../src/pipeline/extract.js';
import { scoreArticle, type ArticleGold, type ArticleScore } from '../src/eval/article-gold.js';

export function evalArticles(goldDir: string, articlesDir: string): ArticleScore[] {
  const out: ArticleScore[] = [];
  for (const f of readdirSync(goldDir).filter((f) => f.endsWith('.gold.json')).sort()) {
    const gold = JSON.parse(readFileSync(path.join(goldDir, f), 'utf8')) as ArticleGold;
    const file = path.join(articlesDir, gold.file);
    if (!existsSync(file)) continue;
    const html = /\.html?$/i.test(file);
    const { text: raw, warnings } = decodeBytes(readFileSync(file), { html });
    const x = extractArticle({ source: file, label: file, raw, format: html ? 'html' : 'text', meta: {}, warnings });
    out.push(scoreArticle(x.record, raw, html, gold, x.analysis.text));
  }
  return out;
}

const isMain = process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]));
if (isMain) {
  const args = process.argv.slice(2);
  const get = (k: string) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : undefined; };
  const goldDir = get('--gold');
  const articlesDir = get('--articles');
  if (!goldDir || !articlesDir) {
    console.error('usage: eval-articles --gold DIR --articles DIR [--json]');
    process.exit(2);
  }
  if (!existsSync(goldDir)) {
    console.error(`eval: no gold directory ${goldDir}; skipped`);
    process.exit(0);
  }
  const scores = evalArticles(goldDir, articlesDir);
  if (args.includes('--json')) {
    console.log(JSON.stringify(scores, null, 2));
  } else {
    for (const s of scores) {
      const rem = s.removed.filter((r) => r.removed).length;
      const bad = s.removed.filter((r) => !r.removed).map((r) => `${r.kind}:"${r.first.slice(0, 30)}"`);
      console.log(`${s.file.padEnd(44)} F1 ${s.main.f1.toFixed(3)} (P ${s.main.precision.toFixed(3)} R ${s.main.recall.toFixed(3)}) removed ${rem}/${s.removed.length} published ${s.published} outlet ${s.outlet} title ${s.title}` +
        `${s.spinRestored ? ` spin ${s.spinDetected} restored ${s.spinRestored.restored}/${s.spinRestored.total}` : s.spinDetected === false ? ' spin-flag-wrong' : ''}${bad.length ? `\n    not removed: ${bad.join(', ')}` : ''}`);
    }
  }
}
