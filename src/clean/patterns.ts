import { readDomainJson } from '../util/data.js';
import { forLowerCase } from '../util/regex.js';

/** The boilerplate patterns of domain/clean/boilerplate.json, compiled once. */
export interface Patterns {
  commentsStart: RegExp[];
  commentLine: RegExp[];
  teaserStart: RegExp[];
  teaserLine: RegExp[];
  advertLine: RegExp[];
  navigationLine: RegExp[];
  bylineLine: RegExp[];
  captionCreditLine: RegExp[];
  endMatter: RegExp[];
  endBoilerplate: RegExp[];
  boilerplateStart: RegExp[];
  captionLike: RegExp[];
  outletSuffix: Set<string>;
}

interface RawPatterns { [k: string]: string[] | string }

let cached: Patterns | null = null;

// The patterns are case-insensitive. V8 runs a /iu pattern (Unicode case folding, Unicode \b)
// five to seven times slower than the same pattern without /i, so each is compiled for
// lower-cased text (util/regex.ts) and `anyMatch` lower-cases the line. The result is the same
// as /iu (test/clean-text.test.ts compares the two on the sample lines).

function compile(list: string[] | string | undefined, key: string): RegExp[] {
  if (!Array.isArray(list)) throw new Error(`domain/clean/boilerplate.json: "${key}" must be a list`);
  return list.map((src) => {
    try {
      new RegExp(src, 'iu');
      return new RegExp(forLowerCase(src), 'u');
    } catch (e) {
      throw new Error(`domain/clean/boilerplate.json: bad pattern in "${key}": ${(e as Error).message}`);
    }
  });
}

export function patterns(): Patterns {
  if (cached) return cached;
  const raw = readDomainJson<RawPatterns>('clean/boilerplate.json');
  cached = {
    commentsStart: compile(raw.commentsStart, 'commentsStart'),
    commentLine: compile(raw.commentLine, 'commentLine'),
    teaserStart: compile(raw.teaserStart, 'teaserStart'),
    teaserLine: compile(raw.teaserLine, 'teaserLine'),
    advertLine: compile(raw.advertLine, 'advertLine'),
    navigationLine: compile(raw.navigationLine, 'navigationLine'),
    bylineLine: compile(raw.bylineLine, 'bylineLine'),
    captionCreditLine: compile(raw.captionCreditLine, 'captionCreditLine'),
    endMatter: compile(raw.endMatter, 'endMatter'),
    endBoilerplate: compile(raw.endBoilerplate, 'endBoilerplate'),
    boilerplateStart: compile(raw.boilerplateStart, 'boilerplateStart'),
    captionLike: compile(raw.captionLike, 'captionLike'),
    outletSuffix: new Set((raw.outletSuffix as string[]).map((s) => s.toLowerCase())),
  };
  return cached;
}

/** Does any pattern of the list match the text (in any case)? */
export function anyMatch(list: RegExp[], text: string): boolean {
  if (list.length === 0) return false;
  const lower = text.toLowerCase();
  for (const re of list) if (re.test(lower)) return true;
  return false;
}
