// Event dating on the shared seeds' gold events that carry a date, measured directly at the
// gold anchors (until event extraction lands): the date the time stage gives the anchor's
// position, at the gold precision. Usage: npm run eval:time [-- --verbose]
import { existsSync } from 'node:fs';
import path from 'node:path';
import { evalTimeAtAnchors, goldDate } from '../src/eval/time-gold.js';
import { PACKAGE_ROOT } from '../src/util/data.js';

const shared = path.join(PACKAGE_ROOT, '..', 'shared');
const goldDir = path.join(shared, 'spec', 'gold');
const seedDir = path.join(shared, 'seeds');
const verbose = process.argv.includes('--verbose');
if (!existsSync(goldDir)) {
  console.error('eval:time: needs ../shared/spec/gold and ../shared/seeds; skipped');
  process.exit(0);
}

const results = evalTimeAtAnchors(goldDir, seedDir);
for (const r of results) {
  if (!verbose && r.ok) continue;
  const g = goldDate(r.gold);
  const got = r.got;
  console.log(`  ${r.ok ? 'ok  ' : 'MISS'} ${r.file.slice(0, 3)} ${r.id} gold ${r.gold} (${g.precision})  got ${got.start ?? '-'}/${got.end ?? '-'} (${got.precision}, ${got.basis}${got.text ? `: "${got.text}"` : ''})  @ "${r.anchor.slice(0, 50)}"`);
}
const right = results.filter((r) => r.ok).length;
console.log(`time: ${right}/${results.length} gold-dated events (${((100 * right) / Math.max(1, results.length)).toFixed(1)}%) get the gold date at the gold precision`);
