// PLOVER gold-standard records (../shared/external/plover-gsr/public.jsonl, CC BY-SA 4.0):
// one sentence each. Top-1 type accuracy, actor and recipient country where the gold gives
// one, and extra events per sentence. Older labels map as the output contract says.
// Usage: npm run eval:gsr [-- --verbose] [--file RECORDS.jsonl]  (records in the same form, e.g. test/fixtures/plover-dev.jsonl)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractArticle } from '../src/pipeline/extract.js';
import { PACKAGE_ROOT } from '../src/util/data.js';

const fileArg = process.argv.indexOf('--file');
const file = fileArg >= 0 ? process.argv[fileArg + 1]! : path.join(PACKAGE_ROOT, '..', 'shared', 'external', 'plover-gsr', 'public.jsonl');
if (!existsSync(file)) {
  console.error(`eval:gsr: needs ${fileArg >= 0 ? file : '../shared/external/plover-gsr/public.jsonl'}; skipped`);
  process.exit(0);
}
const verbose = process.argv.includes('--verbose');
const LEGACY: Record<string, string> = { DEMAND: 'REQUEST', DISAPPROVE: 'ACCUSE', INVESTIGATE: 'ACCUSE', FIGHT: 'ASSAULT' };
interface Rec { id: string; text: string; event: string; source?: Array<{ code?: string }> | string; target?: Array<{ code?: string }> | string }
interface Ev { type: string; confidence: number; actor: Array<{ country: string | null; sector?: string | null }>; recipient: Array<{ country: string | null; sector?: string | null }> }
// The records use a few CAMEO country codes where ISO 3166 differs, and code international
// organisations as IGO/NGO in the country slot; Cronica gives those a null country and the
// sector IGO/NGO, so the comparison maps both sides to the records' convention.
const CAMEO_ISO: Record<string, string> = { JAP: 'JPN', ITL: 'ITA', VTN: 'VNM' };
// The records code international NGOs (Red Cross, Amnesty) as IGO too, so both compare as one class.
const IO = (c: string) => (c === 'IGO' || c === 'NGO' ? 'IGO' : c);
const codes = (xs: Array<{ code?: string }> | string | undefined) => [...new Set((Array.isArray(xs) ? xs : []).map((x) => x.code).filter((c): c is string => !!c && /^[A-Z]{3}$/.test(c)).map((c) => IO(CAMEO_ISO[c] ?? c)))].sort().join(',');
const countries = (xs: Array<{ country: string | null; sector?: string | null }>) =>
  [...new Set(xs.map((x) => x.country ?? (x.sector === 'IGO' || x.sector === 'NGO' ? IO(x.sector) : null)).filter((c): c is string => !!c))].sort().join(',');

let n = 0, typeRight = 0, extra = 0, none = 0;
const actor = { right: 0, of: 0 };
const recipient = { right: 0, of: 0 };
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const r = JSON.parse(line) as Rec;
  n++;
  const gold = LEGACY[r.event] ?? r.event;
  const x = extractArticle({ source: r.id, label: r.id, raw: r.text, format: 'text', meta: {}, warnings: [] });
  const events = (x.record.events as Ev[]).slice().sort((a, b) => b.confidence - a.confidence);
  const top = events.find((e) => e.type === gold) ?? events[0];
  if (!top) { none++; if (verbose) console.log(`  NONE ${r.id} ${gold}: ${r.text}`); continue; }
  extra += events.length - 1;
  if (events[0]!.type === gold) typeRight++;
  else if (verbose) console.log(`  TYPE ${r.id} gold ${gold} got ${events.map((e) => e.type).join(',')}: ${r.text}`);
  const ga = codes(r.source);
  if (ga) { actor.of++; if (countries(top.actor) === ga) actor.right++; }
  const gt = codes(r.target);
  if (gt) { recipient.of++; if (countries(top.recipient) === gt) recipient.right++; }
}
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}% (${a}/${b})`;
console.log(`gsr: ${n} sentences; top-1 type accuracy ${pct(typeRight, n)} (${none} with no event); actor country ${pct(actor.right, actor.of)}; recipient country ${pct(recipient.right, recipient.of)}; extra events per sentence ${(extra / n).toFixed(2)}`);
