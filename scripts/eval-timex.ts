// The temporal-expression table (test/fixtures/timex.json): pass rate by language and the
// failures. Usage: npm run eval:timex
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCase, type TimexCase } from '../src/eval/timex-table.js';
import { PACKAGE_ROOT } from '../src/util/data.js';

const cases = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'test', 'fixtures', 'timex.json'), 'utf8')) as TimexCase[];
const results = cases.map((c) => ({ c, r: runCase(c) }));
for (const lang of ['en', 'es']) {
  const mine = results.filter((x) => x.c.lang === lang);
  console.log(`${lang}: ${mine.filter((x) => x.r.ok).length}/${mine.length} pass`);
}
const failed = results.filter((x) => !x.r.ok);
console.log(`all: ${results.length - failed.length}/${results.length} pass (${((100 * (results.length - failed.length)) / results.length).toFixed(1)}%)`);
for (const { c, r } of failed) console.log(`  FAIL ${r.id}: want ${r.want}; got ${r.got}\n       ${c.context ? `[${c.context}] ` : ''}${c.sentence}`);
