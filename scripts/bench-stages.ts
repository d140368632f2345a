// Per-stage CPU of extraction on the benchmark's lengthened articles (~800 words of main text),
// for A/B comparison of speed changes: each stage is called on its own, on the inputs the
// earlier stages produced, and timed by process CPU time; the figure printed per stage is the
// median over rounds of the mean per article. Run it pinned to one core for figures that
// include the runtime's helper threads: `taskset -c 0 node dist/scripts/bench-stages.js`.
// Usage: node dist/scripts/bench-stages.js [--rounds R] [--articles N] [--json]
import { cleanHtml, cleanText } from '../src/clean/index.js';
import { detectLanguage } from '../src/meta/language.js';
import { analyze } from '../src/nlp/analyze.js';
import { codeArticle, extractArticle, prepareArticle } from '../src/pipeline/extract.js';
import { spin } from '../src/spin/spin.js';
import { TimeDoc } from '../src/time/index.js';
import { gazetteer } from '../src/actors/match.js';
import { codeEvents } from '../src/events/code.js';
import { codeClaims } from '../src/claims/code.js';
import { corpus, lengthen } from './corpus.js';

const args = process.argv.slice(2);
const num = (name: string, d: number) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : d; };
const rounds = num('--rounds', 5);
const items = lengthen(corpus(num('--articles', 170)));
const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const turn = () => new Promise((r) => setImmediate(r));

// Warm-up: JIT, lazy data files, the wink model.
for (let r = 0; r < 2; r++) for (const it of items) { extractArticle(it); await turn(); }

const runs: Record<string, number[]> = {};
for (let r = 0; r < rounds; r++) {
  const acc: Record<string, number> = {};
  const n = { T: 0, H: 0 };
  const time = <T>(k: string, f: () => T): T => { const a = cpuNow(); const v = f(); acc[k] = (acc[k] ?? 0) + cpuNow() - a; return v; };
  for (const it of items) {
    const f = it.format === 'html' ? 'H' : 'T';
    n[f]++;
    const k = (s: string) => `${f} ${s}`;
    time(k('total (extractArticle)'), () => extractArticle(it));
    const p = time(k('prepare (clean, meta, spin, lang)'), () => prepareArticle(it));
    time(k('code (codeArticle)'), () => codeArticle(p));
    await turn();
    const c = time(k('  clean'), () => (it.format === 'html' ? cleanHtml(it.raw) : cleanText(it.raw)));
    const sp = time(k('  spin'), () => spin(c.clean.text));
    const lang = time(k('  language'), () => detectLanguage(c.clean.text, c.lang));
    const text = c.clean.compose(sp.analysis).text;
    const L = lang === 'es' ? 'es' : 'en';
    const td = time(k('  time'), () => new TimeDoc(text, { published: '2021-06-01', lang: L }));
    const toks = L === 'en' ? time(k('  wink analysis'), () => analyze(text).tokens) : undefined;
    const m = time(k('  gazetteer'), () => gazetteer().find(text));
    time(k('  events'), () => codeEvents(text, td, m, L, toks));
    time(k('  claims'), () => codeClaims(text, td, m, L, toks));
    await turn();
  }
  for (const [key, v] of Object.entries(acc)) (runs[key] ??= []).push(v / n[key[0] as 'T' | 'H']);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const out: Record<string, number> = {};
for (const [k, v] of Object.entries(runs)) out[k] = median(v);
if (args.includes('--json')) console.log(JSON.stringify(out));
else {
  console.log(`stage CPU, ms per article, median of ${rounds} rounds over ${items.length} lengthened articles (T = text scrapes, H = HTML pages)`);
  for (const f of ['T', 'H']) for (const [k, v] of Object.entries(out)) if (k[0] === f) console.log(`  ${k.padEnd(40)} ${v.toFixed(2).padStart(7)}`);
}
