// Event dating on the shared seeds' gold events that carry a date, measured directly at the
// gold anchors (until event extraction lands): the date the time stage gives the anchor's
// position, at the gold precision. Usage: npm run eval:time [-- --verbose]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractArticle } from '../src/pipeline/extract.js';
import { goldDate, rawToDerived, sameDate } from '../src/eval/time-gold.js';
import { TimeDoc } from '../src/time/index.js';
import { PACKAGE_ROOT } from '../src/util/data.js';

const shared = path.join(PACKAGE_ROOT, '..', 'shared');
const goldDir = path.join(shared, 'spec', 'gold');
const seedDir = path.join(shared, 'seeds');
const verbose = process.argv.includes('--verbose');
if (!existsSync(goldDir)) {
  console.error('eval:time: needs ../shared/spec/gold and ../shared/seeds; skipped');
  process.exit(0);
}

interface GoldEvent { id: string; anchor: string; date: string | null }
let total = 0;
let right = 0;
for (const f of readdirSync(goldDir).filter((f) => f.endsWith('.gold.json')).sort()) {
  const gold = JSON.parse(readFileSync(path.join(goldDir, f), 'utf8')) as { file: string; events: GoldEvent[] };
  const raw = readFileSync(path.join(seedDir, gold.file), 'utf8');
  const x = extractArticle({ source: gold.file, label: gold.file, raw, format: 'text', meta: {}, warnings: [] });
  const a = x.record.article;
  const lang = a.language === 'es' ? 'es' : 'en';
  const doc = new TimeDoc(x.analysis.text, { published: a.published.date, lang });
  for (const e of gold.events) {
    if (!e.date) continue;
    const at = raw.indexOf(e.anchor);
    if (at < 0) { console.log(`  ${gold.file} ${e.id}: anchor not found`); continue; }
    total++;
    const pos = rawToDerived(x.analysis.offsets, at);
    const got = doc.dateAt(pos);
    const ok = sameDate(got, e.date);
    if (ok) right++;
    if (verbose || !ok) {
      const g = goldDate(e.date);
      console.log(`  ${ok ? 'ok  ' : 'MISS'} ${gold.file.slice(0, 3)} ${e.id} gold ${e.date} (${g.precision})  got ${got.start ?? '-'}/${got.end ?? '-'} (${got.precision}, ${got.basis}${got.text ? `: "${got.text}"` : ''})  @ "${e.anchor.slice(0, 50)}"`);
    }
  }
}
console.log(`time: ${right}/${total} gold-dated events (${((100 * right) / Math.max(1, total)).toFixed(1)}%) get the gold date at the gold precision`);
