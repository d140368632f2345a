import { readDomainFile } from '../util/data.js';

export interface SpinEntry {
  spun: string;
  original: string;
  strong: boolean;
  /** Proper-noun phrases match only as written (or in capitals). */
  caseSensitive: boolean;
}

export interface SpinTable {
  entries: SpinEntry[];
  /** One alternation over all phrases, longest first. */
  re: RegExp;
  lookup: Map<string, SpinEntry>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Parse the TSV format of domain/spin/en.tsv (see domain/spin/README.md). */
export function parseSpinTable(tsv: string, file = 'spin table'): SpinTable {
  const entries: SpinEntry[] = [];
  const lines = tsv.split(/\r?\n/);
  lines.forEach((line, n) => {
    if (!line.trim() || line.startsWith('#') || n === 0 && line.startsWith('spun\t')) return;
    const cols = line.split('\t');
    if (cols.length < 3) throw new Error(`${file}:${n + 1}: expected spun<TAB>original<TAB>strength`);
    const [spun, original, strength] = cols.map((c) => c.trim()) as [string, string, string];
    if (!spun || !original || (strength !== 'strong' && strength !== 'weak')) {
      throw new Error(`${file}:${n + 1}: bad row (strength must be strong or weak)`);
    }
    entries.push({ spun, original, strong: strength === 'strong', caseSensitive: /\p{Lu}/u.test(spun) });
  });
  const lookup = new Map<string, SpinEntry>();
  const alts: string[] = [];
  for (const e of entries.sort((a, b) => b.spun.length - a.spun.length)) {
    if (e.caseSensitive) {
      lookup.set(e.spun, e);
      lookup.set(e.spun.toUpperCase(), e);
      alts.push(escape(e.spun), escape(e.spun.toUpperCase()));
    } else {
      const first = e.spun[0]!;
      lookup.set(e.spun, e);
      lookup.set(first.toUpperCase() + e.spun.slice(1), e);
      alts.push(`[${escape(first)}${escape(first.toUpperCase())}]${escape(e.spun.slice(1))}`);
    }
  }
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|') || '(?!)'})(?![\\p{L}\\p{N}])`, 'gu');
  return { entries, re, lookup };
}

let cached: SpinTable | null = null;

export function spinTable(): SpinTable {
  cached ??= parseSpinTable(readDomainFile('spin/en.tsv'), 'domain/spin/en.tsv');
  return cached;
}
