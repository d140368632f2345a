import { readDomainFile } from '../util/data.js';
import { WordHashSet } from '../util/word-hash.js';

export interface SpinEntry {
  spun: string;
  original: string;
  strong: boolean;
  /** Proper-noun phrases match only as written (or in capitals). */
  caseSensitive: boolean;
}

export interface SpinTable {
  entries: SpinEntry[];
  /** Entries by their first word, lower-cased, longest phrase first. */
  byFirstWord: Map<string, SpinEntry[]>;
  /** The keys of byFirstWord as a hash set: most words of a text need no lookup. */
  firstWordHashes: WordHashSet;
}

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
  const byFirstWord = new Map<string, SpinEntry[]>();
  for (const e of entries.sort((x, y) => y.spun.length - x.spun.length)) {
    const first = e.spun.split(/\s+/)[0]!.toLowerCase();
    const list = byFirstWord.get(first) ?? [];
    list.push(e);
    byFirstWord.set(first, list);
  }
  return { entries, byFirstWord, firstWordHashes: new WordHashSet(byFirstWord.keys()) };
}

/** Does `entry` match `text` at `at` under the case rule? Returns the matched text. */
export function matchAt(text: string, at: number, entry: SpinEntry): string | null {
  const cand = text.slice(at, at + entry.spun.length);
  if (cand.length !== entry.spun.length) return null;
  const after = text[at + entry.spun.length];
  if (after !== undefined && /[\p{L}\p{N}]/u.test(after)) return null;
  if (entry.caseSensitive) {
    return cand === entry.spun || cand === entry.spun.toUpperCase() ? cand : null;
  }
  const first = entry.spun[0]!;
  if (cand[0] !== first && cand[0] !== first.toUpperCase()) return null;
  return cand.slice(1) === entry.spun.slice(1) ? cand : null;
}

let cached: SpinTable | null = null;

export function spinTable(): SpinTable {
  cached ??= parseSpinTable(readDomainFile('spin/en.tsv'), 'domain/spin/en.tsv');
  return cached;
}
