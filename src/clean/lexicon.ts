import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

// English word list (word-list package) for spotting garbled junk lines: loaded lazily,
// only when a short suspicious line needs checking.
let words: Set<string> | null = null;

function load(): Set<string> {
  if (!words) words = new Set(readFileSync(wordListPath, 'utf8').split('\n'));
  return words;
}

/** Lower-case alphabetic words of the line that no English dictionary knows. */
export function unknownWords(lowerWords: string[]): string[] {
  const dict = load();
  return lowerWords.filter((w) => !dict.has(w) && !dict.has(w.replace(/(s|es|ed|ing|'s)$/, '')));
}
