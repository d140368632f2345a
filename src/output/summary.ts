import type { ArticleRecord } from '../contract.js';

/** A readable per-article summary for people (`--format summary`). */
export function summarize(rec: ArticleRecord): string {
  const a = rec.article;
  const paras = a.text ? a.text.split(/\n{2,}/).length : 0;
  const kinds = new Map<string, { n: number; chars: number }>();
  for (const r of a.removed) {
    const k = kinds.get(r.kind) ?? { n: 0, chars: 0 };
    k.n++;
    k.chars += r.end - r.start;
    kinds.set(r.kind, k);
  }
  const removed = [...kinds.entries()].map(([k, v]) => `${k} ×${v.n}`).join(', ') || 'nothing';
  const pub = a.published.date ? `${a.published.date} (${a.published.precision})` : 'unknown';
  const lines = [
    a.source,
    `  title      ${a.title ?? '—'}`,
    `  outlet     ${a.outlet ?? '—'}   published ${pub}   language ${a.language ?? '?'}`,
    `  authors    ${a.authors.length ? a.authors.join('; ') : '—'}`,
    `  text       ${a.text.length.toLocaleString('en-US')} chars in ${paras} paragraphs: "${a.text.slice(0, 90).replace(/\s+/g, ' ')}${a.text.length > 90 ? '…' : ''}"`,
    `  removed    ${removed}`,
    `  spin       ${a.spin.detected ? `SPUN (score ${a.spin.score}); restored ${a.spin.restored.reduce((s, r) => s + (r.count ?? 1), 0)} phrases, e.g. ${a.spin.restored.slice(0, 3).map((r) => `"${r.from}" → "${r.to}"`).join(', ')}` : `no (score ${a.spin.score})`}`,
  ];
  const times = a.times ?? [];
  if (times.length) {
    const shown = times.slice(0, 3).map((t) => `"${t.text}" → ${t.value.start ?? '?'}${t.value.end && t.value.end !== t.value.start ? `..${t.value.end}` : ''} (${t.value.precision})`);
    lines.push(`  times      ${times.length} expressions, e.g. ${shown.join(', ')}`);
  }
  const events = rec.events as Array<{ type: string; factuality: string }>;
  if (events.length) {
    const counts = new Map<string, number>();
    for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
    lines.push(`  events     ${events.length} (first-pass coder): ${[...counts].map(([t, n]) => `${t} ×${n}`).join(', ')}`);
  }
  const entities = rec.entities as Array<{ name: string }>;
  if (entities.length) lines.push(`  entities   ${entities.length}: ${entities.slice(0, 6).map((e) => e.name).join('; ')}${entities.length > 6 ? '; …' : ''}`);
  for (const w of a.warnings) lines.push(`  warning    ${w}`);
  return lines.join('\n');
}
