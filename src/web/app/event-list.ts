// The events panel the index, network and figures views open: a filtered /events list.
import './charts.css';
import { h, replace, status } from './dom.js';
import { api, ApiError, type MergedEvent, type Params } from './api.js';
import { href } from './router.js';
import { dateLabel, factualityOf, num, participants, plural } from './format.js';

export interface EventListOptions {
  /** Client-side filter over the fetched events (for what the API cannot filter). */
  keep?: (e: MergedEvent) => boolean;
  /** Pages of 200 to read at most (default 1; raise it with `keep`). */
  pages?: number;
  /** A line under the heading saying what the list holds. */
  note?: string;
  signal?: AbortSignal;
}

const truncate = (t: string, n = 200) => (t.length > n ? `${t.slice(0, n - 1).trimEnd()}…` : t);

function item(e: MergedEvent): HTMLElement {
  const f = factualityOf(e.factuality);
  return h('li', { class: 'evl-item', 'data-event': e.id },
    h('a', { href: href(['event', e.id]), class: 'evl-link' },
      h('span', { class: 'evl-date' }, dateLabel(e.date)), ' ',
      h('span', { class: 'evl-type' }, e.mode ? `${e.type} (${e.mode})` : e.type), ' ',
      h('span', { class: 'evl-who' }, `${participants(e.actor)} → ${participants(e.recipient)}`), ' ',
      h('span', { class: `evl-fact evl-fact-${e.factuality}`, title: f.help }, `${f.mark} ${f.label}`)),
    h('p', { class: 'evl-evidence' }, truncate(e.evidence.text)));
}

/** A heading and an ordered list of the events matching `params`, fetched on creation. */
export function eventList(params: Params, title: string, opts: EventListOptions = {}): HTMLElement {
  const body = h('div', { class: 'evl-body' }, status('Loading…'));
  const root = h('section', { class: 'evl', 'data-test': 'event-list', 'aria-live': 'polite', 'aria-busy': 'true' },
    h('h2', { class: 'evl-title' }, title),
    opts.note ? h('p', { class: 'evl-note' }, opts.note) : null,
    body);
  void (async () => {
    const found: MergedEvent[] = [];
    let cursor: string | null = null;
    let pages = 0;
    try {
      do {
        const page = await api.events({ ...params, limit: 200, cursor }, opts.signal);
        for (const e of page.items) if (!opts.keep || opts.keep(e)) found.push(e);
        cursor = page.next;
        pages++;
      } while (cursor && pages < (opts.pages ?? 1));
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      replace(body, status(e instanceof ApiError ? e.message : `Could not load the events: ${(e as Error).message}`, 'error'));
      root.setAttribute('aria-busy', 'false');
      return;
    }
    root.setAttribute('aria-busy', 'false');
    if (!found.length) {
      replace(body, status(cursor ? 'No matching events among the first ones read.' : 'No events.', 'empty'));
      return;
    }
    replace(body,
      h('p', { class: 'evl-count' }, cursor ? `${plural(found.length, 'event')} (more may exist: only the first ${num(pages * 200)} were read)` : plural(found.length, 'event')),
      h('ol', { class: 'evl-list' }, found.map(item)));
  })();
  return root;
}
