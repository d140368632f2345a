import type { RemovedKind } from '../contract.js';
import { knownOutlet } from '../meta/outlets.js';
import { dateLine } from '../meta/dates.js';
import { unknownWords } from './lexicon.js';
import { anyMatch, patterns } from './patterns.js';
import { wordCount } from './blocks.js';
import { memo } from '../util/memo.js';

/** Ends like a sentence (or a quote/bracket closing one). */
export function endsSentence(text: string): boolean {
  return /[.!?…:;]["”’')\]]*$/u.test(text.trim());
}

/** Most longer words capitalised: a headline or a section heading in title case. */
export function titleCased(text: string): boolean {
  const words = text.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  const long = words.filter((w) => w.length >= 4);
  if (long.length === 0) return words.length > 0 && words.every((w) => /^\p{Lu}/u.test(w));
  const caps = long.filter((w) => /^\p{Lu}/u.test(w)).length;
  return caps / long.length >= 0.6;
}

/** A line that could be a headline: short, not a sentence ending in a full stop. */
export function headlineLike(text: string): boolean {
  const wc = wordCount(text);
  if (wc < 2 || wc > 30 || text.length > 220) return false;
  if (/\.["”’]?$/.test(text.trim()) && !/\.\.\.$/.test(text.trim())) return false;
  return /\p{L}/u.test(text);
}

/** A body paragraph: long, or a complete sentence of some length. */
export function bodyLike(text: string): boolean {
  const wc = wordCount(text);
  return wc >= 40 || (wc >= 10 && endsSentence(text) && !dateLine(text));
}

/** A site or outlet name line ("National Public Radio", "Frontera Ledger"). */
export function outletLike(text: string): string | null {
  const t = text.trim().replace(/[|·•]+$/, '').trim();
  const wc = wordCount(t);
  if (wc === 0 || wc > 5) return null;
  const known = knownOutlet(t);
  if (known) return known;
  if (!titleCased(t) || endsSentence(t)) return null;
  const last = (t.replace(/[\s\d]+$/, '').match(/\p{L}+$/u)?.[0] ?? '').toLowerCase();
  return patterns().outletSuffix.has(last) ? t : null;
}

/**
 * A garbled stray line (half-typed notes, spam fragments): short, unpunctuated, not a
 * heading or caption, and either broken inside words ("I;m") or full of non-words.
 */
export function junkLine(text: string, lang: () => string | null): boolean {
  const t = text.trim();
  const wc = wordCount(t);
  if (wc === 0) return /[\p{L}\p{N}]/u.test(t) ? false : true;
  if (wc > 10 || endsSentence(t) || titleCased(t) || /\)$/.test(t)) return false;
  if (/\p{Ll}[;|\\^~]\p{L}/u.test(t)) return true;
  const lower = (t.match(/(?<![\p{L}'’])\p{Ll}+(?![\p{L}'’])/gu) ?? []);
  if (lower.length < 3 || lang() !== 'en') return false;
  const unknown = unknownWords(lower);
  return unknown.length >= 2 && unknown.length / lower.length >= 0.3;
}

/** What a single line or block is by its own text, if it is page furniture. */
export const patternKind = memo(function patternKind(text: string): RemovedKind | null {
  const p = patterns();
  const t = text.trim();
  const wc = wordCount(t);
  // Word-count gates first: most body paragraphs are longer than any furniture line.
  if (wc > 80) return null;
  if (wc <= 12 && anyMatch(p.commentLine, t)) return 'comments';
  if (wc <= 60 && anyMatch(p.advertLine, t)) return 'advert';
  if (wc <= 40 && anyMatch(p.navigationLine, t)) return 'navigation';
  if (wc <= 80 && anyMatch(p.captionCreditLine, t)) return 'caption';
  if (wc <= 40 && anyMatch(p.teaserLine, t)) return 'teaser';
  if (wc <= 20 && anyMatch(p.bylineLine, t) && !bodySentence(t)) return 'byline';
  if (wc <= 16 && dateLine(t)) return 'byline';
  return null;
});

function bodySentence(t: string): boolean {
  // "By the end of 2019, troops…" is a sentence, not a byline.
  return wordCount(t) >= 8 && endsSentence(t) && /\b(the|a|an|el|la|los|las)\b/i.test(t.split(/\s+/).slice(1, 3).join(' '));
}

export function commentsStart(text: string): boolean {
  return wordCount(text) <= 16 && anyMatch(patterns().commentsStart, text.trim());
}

export function teaserStart(text: string): boolean {
  const t = text.trim();
  if (wordCount(t) > 10) return false;
  // Section-style teaser headings in capitals: "MORE NATION & WORLD", "MOST READ".
  if (/^(MORE|MOST|RELATED|TOP|LATEST|TRENDING|RECOMMENDED)\b[\p{Lu}\s&,'’-]*$/u.test(t)) return true;
  return anyMatch(patterns().teaserStart, t);
}

/** Credits, bios and contact lines that close an article ("Reporting by…", "X is a reporter…"). */
export function endMatter(text: string): boolean {
  return wordCount(text) <= 80 && anyMatch(patterns().endMatter, text.trim());
}

/** Company boilerplate and calls to action that close press releases and blog posts. */
export function endBoilerplate(text: string): boolean {
  return wordCount(text) <= 100 && anyMatch(patterns().endBoilerplate, text.trim());
}

/** A press-release "About Company" section heading. */
export function boilerplateStart(text: string): boolean {
  return wordCount(text) <= 8 && anyMatch(patterns().boilerplateStart, text.trim());
}

export function commentsClosed(text: string): boolean {
  return /^(comments? (are|is) (closed|moderated)|post a comment|newer post|older post|los comentarios (están|son) moderados)\b/i.test(text.trim());
}

/** A first line naming the site the way many outlets print it ("El Observador Fronterizo", "MIDCONTINENT TIMES"). */
export function siteNameLine(text: string): boolean {
  const t = text.trim();
  const wc = wordCount(t);
  return wc >= 1 && wc <= 4 && !endsSentence(t) && titleCased(t) &&
    (/^(el|la|los|las|the|le|il|o|diario|periódico|periodico|revista|noticias|radio)\b/i.test(t) || t === t.toUpperCase());
}

/** A bare person's name line ("Ruth Abernathy-Solís"): bylines are often printed without "By". */
export function nameLine(text: string): boolean {
  const t = text.trim();
  return t.length <= 50 && /^\p{Lu}[\p{L}'’.-]+(\s+(de|del|la|van|von|y|\p{Lu}[\p{L}'’.-]*)){1,4}$/u.test(t);
}

/** Markdown and scraper debris reduced to what a reader would see. */
export function visible(text: string): string {
  return text
    .replace(/!?\[([^\][\n]*)\]\([^()\s]*\)/g, '$1')
    .replace(/^#{1,6}\s+/, '')
    .replace(/^>\s*/, '')
    .replace(/(\*\*|__|\*|_)(\S(?:.*?\S)?)\1/g, '$2')
    .trim();
}

/** A photo caption by its wording ("… (Image: Getty)", "… Credit: EPA"). */
export function captionLike(text: string): boolean {
  return wordCount(text) <= 45 && anyMatch(patterns().captionLike, text.trim());
}
