import type { RemovedKind } from '../contract.js';
import { dateLine, type DateValue } from '../meta/dates.js';
import {
  bodyLike, boilerplateStart, commentsClosed, endMatter, commentsStart, headlineLike, junkLine, outletLike, patternKind,
  teaserStart,
} from './classify.js';
import { wordCount, type Block, type Decision } from './blocks.js';

export interface HeaderInfo {
  title: string | null;
  date: DateValue | null;
  bylines: string[];
  outlet: string | null;
}

export interface DecideOptions {
  format: 'html' | 'text';
  lang: string | null;
  /** Title known from page metadata (HTML), to recognise the headline block. */
  title?: string | null;
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

const HEADER_MAX = 15;

/**
 * Decide, block by block, what is main text and what is removed (and as what).
 * Page furniture is recognised three ways: by the HTML container (hints), by the text of a
 * block alone (patterns), and by position (a comment thread or a "Read more" list runs to
 * the end of the page; taglines and datelines sit above the headline).
 */
export function decide(blocks: Block[], opts: DecideOptions): { decisions: Decision[]; header: HeaderInfo } {
  const n = blocks.length;
  const decisions: Decision[] = blocks.map(() => ({ kind: null, role: 'body' }));
  const header: HeaderInfo = { title: null, date: null, bylines: [], outlet: null };
  const remove = (i: number, kind: RemovedKind) => { decisions[i] = { kind, role: 'removed' }; };

  // 1. Outside the main-content candidate (HTML): removed, as its container says.
  let firstIn = -1;
  for (let i = 0; i < n; i++) if (blocks[i]!.inArticle) { firstIn = i; break; }
  for (let i = 0; i < n; i++) {
    const b = blocks[i]!;
    if (b.inArticle) continue;
    remove(i, b.hint ?? patternKind(b.text) ?? (i < firstIn || firstIn < 0 ? 'navigation' : 'other'));
  }
  const cand: number[] = [];
  for (let i = 0; i < n; i++) if (blocks[i]!.inArticle) cand.push(i);
  if (cand.length === 0) return { decisions, header };
  const hintOf = trustedHints(blocks, cand);

  // 2. Trailing regions: comment threads and teaser lists run from their opening line on.
  const total = cand.reduce((s, i) => s + blocks[i]!.text.length, 0);
  let seen = 0;
  let region: RemovedKind | null = null;
  let closed = false;
  for (const i of cand) {
    const b = blocks[i]!;
    const pos = total ? seen / total : 0;
    seen += b.text.length;
    if (region === 'comments' && closed) { remove(i, 'navigation'); continue; }
    if (commentsStart(b.text) && (pos >= 0.3 || followedByComments(blocks, cand, i))) {
      region = 'comments';
    } else if (!region && teaserStart(b.text) && pos >= 0.4 && teaserFollows(blocks, cand, i)) {
      region = 'teaser';
    } else if (!region && hintOf(i) === 'comments' && pos >= 0.3) {
      region = 'comments';
    } else if (!region && boilerplateStart(b.text) && pos >= 0.6) {
      region = 'other';
    }
    if (region) {
      remove(i, region === 'teaser' && hintOf(i) === 'comments' ? 'comments' : region);
      if (region === 'comments' && commentsClosed(b.text)) closed = true;
    }
  }
  // A comment thread with no heading: backtrack from its first "Reply" line.
  markHeadlessThread(blocks, cand, decisions);

  const live = cand.filter((i) => decisions[i]!.kind === null);

  // 3. The header: lines above the first body paragraph (taglines, dates, bylines, headline).
  let bodyStart = live.findIndex((i) => bodyLike(blocks[i]!.text));
  if (bodyStart < 0) bodyStart = live.length;
  const headerIdx = bodyStart <= HEADER_MAX ? live.slice(0, bodyStart) : [];
  const free: number[] = [];
  let anchor = -1;
  for (const i of headerIdx) {
    const t = blocks[i]!.text.trim();
    const d = dateLine(t);
    if (d) {
      header.date ??= d;
      remove(i, 'byline');
      decisions[i]!.role = 'date';
      if (anchor < 0) anchor = free.length;
      continue;
    }
    const pk = patternKind(t);
    if (pk) {
      remove(i, pk);
      if (pk === 'byline') {
        header.bylines.push(t);
        decisions[i]!.role = 'author';
        if (anchor < 0) anchor = free.length - 1 >= 0 ? free.length - 1 : 0;
      }
      continue;
    }
    if (!/[\p{L}\p{N}]/u.test(t)) { remove(i, 'other'); continue; }
    const outlet = opts.format === 'text' ? outletLike(t) : null;
    if (outlet && free.length === 0) {
      header.outlet ??= outlet;
      remove(i, 'navigation');
      decisions[i]!.role = 'outlet';
      continue;
    }
    free.push(i);
  }
  if (opts.format === 'text' && free.length) {
    let ti = -1;
    if (anchor >= 0 && anchor < free.length && headlineLike(blocks[free[anchor]!]!.text)) ti = anchor;
    if (ti < 0) ti = free.findIndex((i) => headlineLike(blocks[i]!.text));
    if (ti >= 0) {
      header.title = blocks[free[ti]!]!.text.trim();
      decisions[free[ti]!]!.role = 'title';
      for (let k = 0; k < ti; k++) remove(free[k]!, 'navigation');
      for (let k = ti + 1; k < free.length; k++) decisions[free[k]!]!.role = 'standfirst';
    }
  } else if (opts.format === 'html' && opts.title) {
    const want = norm(opts.title);
    for (const i of free) if (norm(blocks[i]!.text) === want) decisions[i]!.role = 'title';
  }

  // 4. Body blocks judged alone: adverts, share bars, credits, "Read more: …", bylines, junk.
  const bylineSeen = new Set(header.bylines.map(norm));
  const liveChars = live.reduce((s, i) => s + blocks[i]!.text.length, 0);
  let liveSeen = 0;
  for (const i of live) {
    const atEnd = liveSeen >= 0.6 * liveChars;
    liveSeen += blocks[i]!.text.length;
    if (decisions[i]!.kind !== null || decisions[i]!.role === 'title' || headerIdx.includes(i)) continue;
    const b = blocks[i]!;
    const t = b.text.trim();
    const key = norm(t);
    let kind = patternKind(t);
    if (!kind && bylineSeen.has(key)) kind = 'byline';
    if (!kind && header.title && key === norm(header.title) && opts.format === 'text') kind = 'byline';
    const hint = hintOf(i);
    if (!kind && b.linkDensity >= 0.6 && wordCount(t) <= 25 && !b.heading) kind = hint ?? 'teaser';
    if (!kind && hint && hint !== 'caption' && wordCount(t) <= 40) kind = hint;
    if (!kind && atEnd && endMatter(t)) kind = 'byline';
    if (!kind && junkLine(t, opts.lang)) kind = 'other';
    if (kind) {
      remove(i, kind);
      if (kind === 'byline') bylineSeen.add(key);
    }
  }
  return { decisions, header };
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
function teaserFollows(blocks: Block[], cand: number[], at: number): boolean {
  const k = cand.indexOf(at);
  if (k === cand.length - 1) return true;
  for (let j = k + 1; j < Math.min(cand.length, k + 4); j++) {
    const t = blocks[cand[j]!]!.text;
    if (headlineLike(t) && wordCount(t) <= 20) return true;
    if (blocks[cand[j]!]!.linkDensity >= 0.5) return true;
  }
  return false;
}

function followedByComments(blocks: Block[], cand: number[], at: number): boolean {
  const k = cand.indexOf(at);
  let hits = 0;
  for (let j = k + 1; j < Math.min(cand.length, k + 8); j++) {
    if (patternKind(blocks[cand[j]!]!.text) === 'comments') hits++;
  }
  return hits >= 1;
}

/** Comment threads without a "N comments" heading, recognised by their Reply/Delete lines. */
function markHeadlessThread(blocks: Block[], cand: number[], decisions: Decision[]): void {
  const isReply = (i: number) => /^(reply|replydelete|responder|delete)$/i.test(blocks[i]!.text.trim());
  const replies = cand.filter((i) => decisions[i]!.kind === null && isReply(i));
  if (replies.length < 2) return;
  const k0 = cand.indexOf(replies[0]!);
  const total = cand.length;
  if (k0 < total * 0.3) return;
  // The first comment's text sits just above its first Reply line: take the blocks back to
  // the last paragraph that reads as article prose (long, punctuated) separated by a break.
  let start = k0;
  for (let k = k0 - 1; k >= 0 && k >= k0 - 4; k--) {
    const b = blocks[cand[k]!]!;
    if (bodyLike(b.text) && wordCount(b.text) > 60) break;
    start = k;
    if (/^\d+\.?$/.test(b.text.trim()) || /\b(said|dijo)\.{3}$/.test(b.text.trim())) break;
  }
  for (let k = start; k < total; k++) {
    const i = cand[k]!;
    if (decisions[i]!.kind === null) decisions[i] = { kind: 'comments', role: 'removed' };
  }
}
