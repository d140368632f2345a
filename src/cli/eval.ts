import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeBytes } from '../ingest/decode.js';
import { extractArticle } from '../pipeline/extract.js';
import { scoreArticle, type ArticleGold } from '../eval/article-gold.js';
import { scoreClaims, scoreEvents, type GoldClaim, type GoldEvent, type PredClaim, type PredEvent } from '../eval/events-gold.js';
import { parse, UsageError } from './args.js';

export const EVAL_HELP = `Usage: cronica eval --gold DIR --articles DIR [--json]

Score extraction against gold files in the shared gold format (NAME.gold.json beside
articles named in their "file" field): main text (4-token shingle F1), removed blocks,
publication date, outlet, title, spin; events (precision/recall/F1 matched by anchor and
type, per type), actor and recipient country, date and factuality of matched events; and
the share of gold figures found. Exit status 0 (2 on a usage error).`;

interface FileResult {
  file: string;
  mainF1: number;
  removed: string;
  published: boolean | null;
  events: ReturnType<typeof scoreEvents>;
  claims: ReturnType<typeof scoreClaims>;
}

export async function evalCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    gold: { type: 'string' },
    articles: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) { console.log(EVAL_HELP); return 0; }
  if (!values.gold || !values.articles) throw new UsageError('eval needs --gold DIR and --articles DIR');
  if (!existsSync(values.gold)) throw new UsageError(`no gold directory ${values.gold}`);
  const results: FileResult[] = [];
  const allPred: PredEvent[] = [];
  const allGold: GoldEvent[] = [];
  for (const f of readdirSync(values.gold).filter((x) => x.endsWith('.gold.json')).sort()) {
    const gold = JSON.parse(readFileSync(path.join(values.gold, f), 'utf8')) as ArticleGold & { events?: GoldEvent[]; claims?: GoldClaim[] };
    const file = path.join(values.articles, gold.file);
    if (!existsSync(file)) { process.stderr.write(`cronica: ${file}: article of ${f} not found; skipped\n`); continue; }
    const html = /\.html?$/i.test(file);
    const { text: raw, warnings } = decodeBytes(readFileSync(file), { html });
    const x = extractArticle({ source: file, label: file, raw, format: html ? 'html' : 'text', meta: {}, warnings });
    const a = scoreArticle(x.record, raw, html, gold, x.analysis.text);
    const pred = x.record.events as PredEvent[];
    const events = scoreEvents(pred, gold.events ?? []);
    const claims = scoreClaims(x.record.claims as PredClaim[], gold.claims ?? []);
    allPred.push(...pred);
    allGold.push(...(gold.events ?? []));
    results.push({
      file: gold.file, mainF1: a.main.f1, removed: `${a.removed.filter((r) => r.removed).length}/${a.removed.length}`,
      published: a.published, events, claims,
    });
  }
  const sum = (k: 'matched' | 'predicted' | 'gold') => results.reduce((s, r) => s + r.events[k], 0);
  const sumOf = (k: 'actorCountry' | 'recipientCountry' | 'date' | 'factuality') =>
    results.reduce((s, r) => ({ right: s.right + r.events[k].right, of: s.of + r.events[k].of }), { right: 0, of: 0 });
  const matched = sum('matched');
  const precision = sum('predicted') ? matched / sum('predicted') : 0;
  const recall = sum('gold') ? matched / sum('gold') : 0;
  const pooled = {
    events: { predicted: sum('predicted'), gold: sum('gold'), matched, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 },
    actorCountry: sumOf('actorCountry'), recipientCountry: sumOf('recipientCountry'), date: sumOf('date'), factuality: sumOf('factuality'),
    claims: results.reduce((s, r) => ({ found: s.found + r.claims.found, of: s.of + r.claims.of }), { found: 0, of: 0 }),
  };
  if (values.json) {
    console.log(JSON.stringify({ files: results, pooled }, null, 2));
    return 0;
  }
  const pct = (x: { right: number; of: number }) => (x.of ? `${((100 * x.right) / x.of).toFixed(1)}% (${x.right}/${x.of})` : 'n/a');
  for (const r of results) {
    console.log(`${r.file}: main-text F1 ${r.mainF1.toFixed(3)}, removed ${r.removed}, publication date ${r.published === null ? 'n/a' : r.published ? 'right' : 'WRONG'}; ` +
      `events P ${r.events.precision.toFixed(2)} R ${r.events.recall.toFixed(2)} F1 ${r.events.f1.toFixed(2)} (${r.events.matched} matched of ${r.events.predicted} predicted, ${r.events.gold} gold); figures ${r.claims.found}/${r.claims.of}`);
  }
  const e = pooled.events;
  console.log(`pooled: events P ${e.precision.toFixed(3)} R ${e.recall.toFixed(3)} F1 ${e.f1.toFixed(3)}; of matched events: actor country ${pct(pooled.actorCountry)}, ` +
    `recipient country ${pct(pooled.recipientCountry)}, date ${pct(pooled.date)}, factuality ${pct(pooled.factuality)}; figures found ${pct({ right: pooled.claims.found, of: pooled.claims.of })}`);
  const byType = scoreEvents(allPred, allGold).byType;
  console.log(`by type (tp/fp/fn): ${Object.entries(byType).sort().map(([t, v]) => `${t} ${v.tp}/${v.fp}/${v.fn}`).join(', ')}`);
  return 0;
}
