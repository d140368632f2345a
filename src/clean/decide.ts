import type { RemovedKind } from '../contract.js';
import { dateLine, parseDateText, type DateValue } from '../meta/dates.js';
import {
  bodyLike, boilerplateStart, captionLike, commentsClosed, commentsStart, endBoilerplate, endMatter, headlineLike, junkLine,
  nameLine, outletLike, patternKind, siteNameLine, teaserStart, visible,
} from './classify.js';
import { wordCount, type Block, type Decision } from './blocks.js';
import { isLetterOrDigit, width } from '../util/chars.js';
import { withMemo } from '../util/memo.js';

export interface HeaderInfo {
  title: string | null;
  date: DateValue | null;
  bylines: string[];
  outlet: string | null;
}

export interface DecideOptions {
  format: 'html' | 'text';
  /** Language of the page, asked for only when a doubtful line needs it (detection costs). */
  lang: () => string | null;
  /** Title known from page metadata (HTML), to recognise the headline block. */
  title?: string | null;
}

/**
 * A line for comparison: lower case, each run of characters other than letters and digits one
 * space, trimmed. The same as s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim(), read
 * with a scanner (util/chars.ts): every body block of a page goes through it.
 */
function norm(s: string): string {
  const t = s.toLowerCase();
  let out = '';
  let runStart = -1;
  for (let i = 0; i < t.length;) {
    const cp = t.codePointAt(i)!;
    const w = width(cp);
    if (isLetterOrDigit(cp)) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      out += (out ? ' ' : '') + t.slice(runStart, i);
      runStart = -1;
    }
    i += w;
  }
  if (runStart >= 0) out += (out ? ' ' : '') + t.slice(runStart);
  return out;
}

const HEADER_MAX = 15;

/**
 * Decide, block by block, what is main text and what is removed (and as what).
 * Page furniture is recognised three ways: by the HTML container (hints), by the text of a
 * block alone (patterns), and by position (a comment thread or a "Read more" list runs to
 * the end of the page; taglines and datelines sit above the headline).
 */
export function decide(blocks: Block[], opts: DecideOptions): { decisions: Decision[]; header: HeaderInfo } {
  // The same lines are tested several times over (date line, pattern kind): once each per page.
  return withMemo(() => decideBlocks(blocks, opts));
}

function decideBlocks(blocks: Block[], opts: DecideOptions): { decisions: Decision[]; header: HeaderInfo } {
  const n = blocks.length;
  const view = blocks.map((b) => visible(b.text));
  const decisions: Decision[] = blocks.map(() => ({ kind: null, role: 'body' }));
  const header: HeaderInfo = { title: null, date: null, bylines: [], outlet: null };
  const remove = (i: number, kind: RemovedKind) => { decisions[i] = { kind, role: 'removed' }; };

  // 1. Outside the main-content candidate (HTML): removed, as its container says.
  let firstIn = -1;
  for (let i = 0; i < n; i++) if (blocks[i]!.inArticle) { firstIn = i; break; }
  for (let i = 0; i < n; i++) {
    const b = blocks[i]!;
    if (b.inArticle) continue;
    remove(i, b.hint ?? patternKind(view[i]!) ?? (i < firstIn || firstIn < 0 ? 'navigation' : 'other'));
  }
  const cand: number[] = [];
  for (let i = 0; i < n; i++) if (blocks[i]!.inArticle) cand.push(i);
  if (cand.length === 0) return { decisions, header };
  const hintOf = trustedHints(blocks, cand);

  // 2. Trailing regions: comment threads and teaser lists run from their opening line on.
  markRegions(blocks, view, cand, decisions, hintOf);
  markHeadlessThread(view, cand, decisions);

  const live = cand.filter((i) => decisions[i]!.kind === null);

  // 3. The header: lines above the first body paragraph (taglines, dates, bylines, headline).
  let bodyStart = live.findIndex((i) => bodyLike(view[i]!));
  if (bodyStart < 0) bodyStart = live.length;
  const headerIdx = bodyStart <= HEADER_MAX ? live.slice(0, bodyStart) : [];
  const free: number[] = [];
  const meta = new Set<number>();
  let anchor = -1;
  headerIdx.forEach((i, k) => {
    const t = view[i]!;
    if (!/[\p{L}\p{N}]/u.test(t)) { remove(i, t === blocks[i]!.text.trim() ? 'other' : 'markup'); return; }
    const d = dateLine(t);
    if (d) {
      header.date ??= d;
      remove(i, 'byline');
      decisions[i]!.role = 'date';
      meta.add(i);
      if (anchor < 0) anchor = free.length;
      return;
    }
    const segs = t.split(/\s+[·|•]\s+/);
    const segDate = segs.length > 1 && wordCount(t) <= 14 ? segs.map((x: string) => dateLine(x)).find(Boolean) : null;
    const pk = segDate ? 'byline' : patternKind(t);
    if (pk) {
      remove(i, pk);
      if (pk === 'byline') {
        header.date ??= segDate ?? parseDateText(t);
        if (segDate) {
          const outlet = outletLike(segs[0]!);
          if (outlet) header.outlet ??= outlet;
          else if (!dateLine(segs[0]!)) header.bylines.push(segs[0]!);
        } else {
          header.bylines.push(t);
        }
        decisions[i]!.role = 'author';
        meta.add(i);
        if (anchor < 0) anchor = free.length;
      }
      return;
    }
    const outlet = opts.format === 'text' && free.length === 0
      ? outletLike(t) ?? (k === 0 && siteNameLine(t) && headerIdx.length > 1 ? t : null)
      : null;
    if (outlet) {
      header.outlet ??= outlet;
      remove(i, 'navigation');
      decisions[i]!.role = 'outlet';
      return;
    }
    free.push(i);
  });
  if (opts.format === 'text' && free.length) {
    // The headline is the first headline-like line, unless a dateline sits between taglines
    // and the headline (blog layouts): then it is the first one after the dateline.
    let ti = -1;
    if (anchor > 0) ti = free.findIndex((i, k) => k >= anchor && headlineLike(view[i]!));
    if (ti < 0) {
      // Section labels ("Nation & World") are headline-like too, but headlines are longer.
      const cands = free.filter((i) => headlineLike(view[i]!));
      const pick = cands.find((i) => wordCount(view[i]!) > 3 || cands.every((j) => wordCount(view[j]!) <= 3));
      ti = pick === undefined ? -1 : free.indexOf(pick);
    }
    if (ti >= 0) {
      header.title = view[free[ti]!]!;
      decisions[free[ti]!]!.role = 'title';
      for (let k = 0; k < ti; k++) remove(free[k]!, 'navigation');
      for (let k = ti + 1; k < free.length; k++) {
        const i = free[k]!;
        const pos = headerIdx.indexOf(i);
        const nextToMeta = meta.has(headerIdx[pos - 1]!) || meta.has(headerIdx[pos + 1]!);
        if (nameLine(view[i]!) && nextToMeta) {
          remove(i, 'byline');
          header.bylines.push(view[i]!);
        } else {
          decisions[i]!.role = 'standfirst';
        }
      }
    }
  } else if (opts.format === 'html' && opts.title) {
    // The page's headline stays in the main text even where the extractor dropped it.
    const want = norm(opts.title);
    const firstLive = live.find((i) => bodyLike(view[i]!) && !patternKind(view[i]!) && !hintOf(i)) ?? n;
    const h = blocks.findIndex((b, i) => (b.heading || i < firstLive) && norm(view[i]!) === want);
    if (h >= 0 && (h <= firstLive || decisions[h]!.kind === null)) {
      decisions[h] = { kind: null, role: 'title' };
      header.title = view[h]!;
    }
  }
  if (!header.date) {
    // Bylines often carry the date: "By Priya Landeros Published October 8, 2021".
    for (let i = 0; i < Math.min(n, Math.max(12, n / 2)); i++) {
      if (decisions[i]!.kind !== 'byline' && !/^(by|por|published|posted|updated|publicado)\b/i.test(view[i]!)) continue;
      if (wordCount(view[i]!) > 20) continue;
      const d = parseDateText(view[i]!);
      if (d) { header.date = d; break; }
    }
  }

  // 4. Body blocks judged alone: adverts, share bars, credits, "Read more: …", bylines, junk.
  const bylineSeen = new Set(header.bylines.map(norm));
  const titleKey = header.title ? norm(header.title) : null;
  const keptTexts: string[] = titleKey !== null ? [titleKey] : [];
  const liveChars = live.reduce((s, i) => s + blocks[i]!.text.length, 0);
  let liveSeen = 0;
  for (const i of live) {
    const atEnd = liveSeen >= 0.6 * liveChars;
    liveSeen += blocks[i]!.text.length;
    if (decisions[i]!.kind !== null || decisions[i]!.role === 'title' || (opts.format === 'text' && headerIdx.includes(i))) continue;
    const b = blocks[i]!;
    const t = view[i]!;
    const key = norm(t);
    let kind: RemovedKind | null = /[\p{L}\p{N}]/u.test(t) ? patternKind(t) : 'markup';
    if (!kind && bylineSeen.has(key)) kind = 'byline';
    if (!kind && header.title && key === titleKey && opts.format === 'text') kind = 'byline';
    const hint = hintOf(i);
    if (!kind && b.linkDensity >= 0.6 && wordCount(t) <= 25 && !b.heading) kind = hint ?? 'teaser';
    if (!kind && hint && hint !== 'caption' && wordCount(t) <= 40) kind = hint;
    if (!kind && atEnd && endMatter(t)) kind = 'byline';
    if (!kind && atEnd && endBoilerplate(t)) kind = 'other';
    if (!kind && junkLine(t, opts.lang)) kind = 'other';
    // A standfirst printed again as the first paragraph, or a paragraph repeated right after
    // itself, is counted once (lists that repeat items on purpose stay).
    if (!kind && wordCount(t) >= 6 && (keptTexts.slice(0, 3).includes(key) || keptTexts[keptTexts.length - 1] === key)) kind = 'other';
    if (!kind) {
      keptTexts.push(key);
      // Captions stay in the main text, marked as such.
      if (b.caption || b.hint === 'caption' || captionLike(t)) decisions[i]!.role = 'caption';
    }
    if (kind) {
      remove(i, kind);
      if (kind === 'byline') bylineSeen.add(key);
    }
  }
  return { decisions, header };
}

/**
 * Comment threads, teaser lists and press-release boilerplate run from their heading on.
 * A teaser list ends where the article resumes: two body paragraphs in a row.
 */
function markRegions(
  blocks: Block[], view: string[], cand: number[], decisions: Decision[],
  hintOf: (i: number) => RemovedKind | null,
): void {
  const total = cand.reduce((s, i) => s + blocks[i]!.text.length, 0);
  let seen = 0;
  let region: RemovedKind | null = null;
  let closed = false;
  let regionStart = -1;
  for (let k = 0; k < cand.length; k++) {
    const i = cand[k]!;
    const t = view[i]!;
    const pos = total ? seen / total : 0;
    seen += blocks[i]!.text.length;
    if (region === 'comments' && closed) { decisions[i] = { kind: 'navigation', role: 'removed' }; continue; }
    if (region !== 'comments' && commentsStart(t) && (pos >= 0.3 || followedByComments(view, cand, k))) {
      region = 'comments';
      regionStart = k;
    } else if (!region && teaserStart(t) && pos >= 0.4 && teaserFollows(blocks, view, cand, k)) {
      region = 'teaser';
      regionStart = k;
    } else if (!region && hintOf(i) === 'comments' && pos >= 0.3) {
      region = 'comments';
      regionStart = k;
    } else if (!region && boilerplateStart(t) && pos >= 0.6) {
      region = 'other';
      regionStart = k;
    }
    if (region === 'teaser' && k >= regionStart + 2 && articleResumes(view, cand, k)) {
      region = null;
      continue;
    }
    if (region) {
      decisions[i] = { kind: region === 'teaser' && hintOf(i) === 'comments' ? 'comments' : region, role: 'removed' };
      if (region === 'comments' && commentsClosed(t)) closed = true;
    }
  }
}

/** Three body paragraphs in a row (furniture such as "Advertisement" aside): the story goes on. */
function articleResumes(view: string[], cand: number[], k: number): boolean {
  let seen = 0;
  for (let j = k; j < cand.length && seen < 3; j++) {
    const t = view[cand[j]!]!;
    if (patternKind(t)) continue;
    if (!(bodyLike(t) && wordCount(t) >= 25)) return false;
    seen++;
  }
  return seen === 3;
}

/**
 * Container hints inside the article are trusted only when they mark a small part of it:
 * some sites wrap the whole story in a "paywall" or "share" container.
 */
function trustedHints(blocks: Block[], cand: number[]): (i: number) => RemovedKind | null {
  const share = new Map<RemovedKind, number>();
  let total = 0;
  for (const i of cand) {
    const b = blocks[i]!;
    total += b.text.length;
    if (b.hint) share.set(b.hint, (share.get(b.hint) ?? 0) + b.text.length);
  }
  return (i: number) => {
    const h = blocks[i]!.hint;
    return h && (share.get(h) ?? 0) <= 0.3 * total ? h : null;
  };
}

/** A "Read more" list shows headlines soon after its heading; an expand button does not. */
function teaserFollows(blocks: Block[], view: string[], cand: number[], k: number): boolean {
  if (k === cand.length - 1) return true;
  for (let j = k + 1; j < Math.min(cand.length, k + 4); j++) {
    const t = view[cand[j]!]!;
    if (headlineLike(t) && wordCount(t) <= 20) return true;
    if (blocks[cand[j]!]!.linkDensity >= 0.5) return true;
  }
  return false;
}

function followedByComments(view: string[], cand: number[], k: number): boolean {
  for (let j = k + 1; j < Math.min(cand.length, k + 8); j++) {
    if (patternKind(view[cand[j]!]!) === 'comments') return true;
  }
  return false;
}

/** Comment threads without a "N comments" heading, recognised by their Reply/Delete lines. */
function markHeadlessThread(view: string[], cand: number[], decisions: Decision[]): void {
  const isReply = (i: number) => /^(reply|replydelete|responder|delete)$/i.test(view[i]!);
  const replies = cand.filter((i) => decisions[i]!.kind === null && isReply(i));
  if (replies.length < 2) return;
  const k0 = cand.indexOf(replies[0]!);
  if (k0 < cand.length * 0.3) return;
  // The first comment's text sits just above its first Reply line: take the blocks back to
  // the last paragraph that reads as article prose.
  let start = k0;
  for (let k = k0 - 1; k >= 0 && k >= k0 - 4; k--) {
    const t = view[cand[k]!]!;
    if (bodyLike(t) && wordCount(t) > 60) break;
    start = k;
    if (/^\d+\.?$/.test(t) || /\b(said|dijo)\.{3}$/.test(t)) break;
  }
  for (let k = start; k < cand.length; k++) {
    const i = cand[k]!;
    if (decisions[i]!.kind === null) decisions[i] = { kind: 'comments', role: 'removed' };
  }
}
