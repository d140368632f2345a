/**
 * The article-extraction benchmark metric: text split into \w+ tokens, 4-token shingles
 * counted with multiplicity, precision and recall of predicted against true shingles.
 */
export function shingles(text: string, n = 4): Map<string, number> {
  const toks = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  const out = new Map<string, number>();
  for (let i = 0; i + n <= toks.length; i++) {
    const k = toks.slice(i, i + n).join(' ');
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

export interface PR { precision: number; recall: number; f1: number }

export function shinglePR(predicted: string, truth: string): PR {
  const p = shingles(predicted);
  const t = shingles(truth);
  let inter = 0;
  let np = 0;
  let nt = 0;
  for (const [k, v] of p) { np += v; inter += Math.min(v, t.get(k) ?? 0); }
  for (const v of t.values()) nt += v;
  const precision = np ? inter / np : nt ? 0 : 1;
  const recall = nt ? inter / nt : 1;
  return { precision, recall, f1: f1(precision, recall) };
}

export function f1(p: number, r: number): number {
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}
