import { readDomainJson } from '../util/data.js';

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

function compile(list: string[] | string | undefined, key: string): RegExp[] {
  if (!Array.isArray(list)) throw new Error(`domain/clean/boilerplate.json: "${key}" must be a list`);
  return list.map((src) => {
    try {
      return new RegExp(src, 'iu');
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

export function anyMatch(list: RegExp[], text: string): boolean {
  for (const re of list) if (re.test(text)) return true;
  return false;
}
