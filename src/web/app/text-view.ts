// Renders an article's reading view: its cleaned paragraphs with evidence, figures and entities
// marked, the blocks cleaning removed collapsed in place and labelled, and spun phrases marked
// with what they were restored to. Every string is a text node.
import type { ReadingView } from './api.js';
import type { ReadingMark } from '../../api/reading.js';
import { h, type Child } from './dom.js';
import { num } from './format.js';

type Mark = ReadingMark | { from: number; to: number; kind: 'spin'; ref: string };

export interface DocOptions {
  /** Classes for a mark to stand out ("hl" for the evidence being shown), or null. */
  highlight?: (m: ReadingMark) => string | null;
  /** Kinds drawn at all (default: evidence, figure, spin). */
  kinds?: ReadingMark['kind'][];
}

const REMOVED_LABEL: Record<string, string> = {
  comments: 'reader comments', teaser: 'teasers and "read more" links', advert: 'advertising', navigation: 'navigation',
  byline: 'byline and dateline repeats', markup: 'markup debris', caption: 'image caption', other: 'other page furniture',
};

function escapeRe(s: string): string { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

/** Where the spun phrases still stand in the cleaned text (the analysis read the restored ones). */
function spinMarks(text: string, view: ReadingView): Mark[] {
  const out: Mark[] = [];
  for (const r of view.spin.restored) {
    if (!r.from.trim()) continue;
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(r.from)}(?![\\p{L}\\p{N}])`, 'giu');
    for (const m of text.matchAll(re)) out.push({ from: m.index!, to: m.index! + m[0].length, kind: 'spin', ref: r.to });
  }
  return out;
}

function paragraph(text: string, marks: Mark[], opts: DocOptions): { el: HTMLElement; hit: HTMLElement | null } {
  const kinds = new Set<string>([...(opts.kinds ?? ['evidence', 'figure']), 'spin']);
  const ms = marks.filter((m) => kinds.has(m.kind) || (m.kind !== 'spin' && opts.highlight?.(m as ReadingMark)))
    .map((m) => ({ ...m, from: Math.max(0, Math.min(text.length, m.from)), to: Math.max(0, Math.min(text.length, m.to)) }))
    .filter((m) => m.to > m.from);
  const cuts = [...new Set([0, text.length, ...ms.flatMap((m) => [m.from, m.to])])].sort((a, b) => a - b);
  const children: Child[] = [];
  let hit: HTMLElement | null = null;
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k]!;
    const b = cuts[k + 1]!;
    const piece = text.slice(a, b);
    const over = ms.filter((m) => m.from <= a && m.to >= b);
    if (!over.length) { children.push(piece); continue; }
    const classes = new Set<string>();
    let title = '';
    let hl = false;
    for (const m of over) {
      classes.add(`m-${m.kind}`);
      if (m.kind === 'spin') { classes.add('spin-restored'); title = `spun text; read as "${m.ref}"`; continue; }
      const c = opts.highlight?.(m as ReadingMark);
      if (c) { hl = true; for (const x of c.split(' ')) classes.add(x); }
    }
    const el = h(hl ? 'mark' : 'span', { class: [...classes].join(' '), title: title || null }, piece);
    const ev = over.find((m) => m.kind === 'evidence') as ReadingMark | undefined;
    if (ev?.event) el.dataset.event = ev.event;
    if (hl && !hit) hit = el;
    children.push(el);
  }
  return { el: h('p', null, children), hit };
}

/** The article as a document; `hit` is the first highlighted element (to scroll to). */
export function renderDoc(view: ReadingView, opts: DocOptions = {}): { el: HTMLElement; hit: HTMLElement | null } {
  let hit: HTMLElement | null = null;
  const blocks = view.blocks.map((b) => {
    if (b.kind === 'removed') {
      return h('details', { class: `removed removed-${b.removed}`, 'data-removed': b.removed },
        h('summary', null, `Removed: ${REMOVED_LABEL[b.removed] ?? b.removed} · ${num(b.chars)} characters`),
        h('div', { class: 'removed-text' }, b.text));
    }
    const p = paragraph(b.text, [...b.marks, ...spinMarks(b.text, view)], opts);
    hit ??= p.hit;
    if (b.removedInside.length) {
      p.el.appendChild(h('span', { class: 'inline-removed', title: b.removedInside.map((r) => `${r.kind}: ${r.text}`).join('\n') },
        ` [${b.removedInside.length} inline ${b.removedInside.length === 1 ? 'fragment' : 'fragments'} removed]`));
    }
    return p.el;
  });
  const el = h('div', { class: 'doc' }, view.warning ? h('p', { class: 'status status-error' }, view.warning) : null, blocks);
  return { el, hit };
}

/** Scroll a scrollable box so that `target` sits a third of the way down. */
export function scrollWithin(box: HTMLElement, target: HTMLElement): void {
  const top = target.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
  box.scrollTop = Math.max(0, top - box.clientHeight / 3);
}
