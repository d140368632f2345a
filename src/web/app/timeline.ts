// The timeline: every merged event matching the filters, in date order, in a virtualised list.
// Each row draws the event's span on a shared time axis, so a month-precise event is a month
// wide and a day-precise one a tick; factuality changes the mark, the word and the bar style.
import { api, ApiError, type MergedEvent, type Params } from './api.js';
import { h, replace, status } from './dom.js';
import { dateLabel, dayRange, FACTUALITY, factualityOf, participants, plural, PLOVER_TYPES, QUAD_LABEL, QUADS } from './format.js';
import { href, navigate, type View } from './router.js';
import { virtualList } from './vlist.js';
import type { Factuality } from '../../contract.js';

const FILTERS = ['from', 'to', 'type', 'quad', 'factuality', 'actor', 'dyad', 'outlet', 'q'] as const;
const DAY = 86_400_000;
const PAGE = 500;

function select(name: string, label: string, options: Array<[string, string]>, value: string, onchange: () => void): HTMLElement {
  const sel = h('select', { name, onchange }, h('option', { value: '' }, 'any'),
    options.map(([v, l]) => h('option', { value: v, selected: v === value }, l)));
  if (value && !options.some(([v]) => v === value)) sel.appendChild(h('option', { value, selected: true }, value));
  return h('label', null, label, sel);
}

function filterForm(p: URLSearchParams): HTMLFormElement {
  const submit = () => {
    const data = new FormData(form);
    const out: Record<string, string> = {};
    for (const k of FILTERS) {
      const v = String(data.get(k) ?? '').trim();
      if (v) out[k] = v;
    }
    navigate(['timeline'], out);
  };
  const text = (name: string, label: string, placeholder: string, extra: Record<string, string> = {}) =>
    h('label', { class: name }, label, h('input', { type: name === 'q' ? 'search' : 'text', name, value: p.get(name) ?? '', placeholder, ...extra }));
  const outlets = select('outlet', 'Outlet', [], p.get('outlet') ?? '', submit);
  const entities = h('datalist', { id: 'tl-entities' });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter events', onsubmit: (e: Event) => { e.preventDefault(); submit(); } },
    text('from', 'From', 'YYYY[-MM[-DD]]', { pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?', inputmode: 'numeric' }),
    text('to', 'To', 'YYYY[-MM[-DD]]', { pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?', inputmode: 'numeric' }),
    select('type', 'Type', PLOVER_TYPES.map((t) => [t, t]), p.get('type') ?? '', submit),
    select('quad', 'Quad class', QUADS.map((q) => [q, QUAD_LABEL[q]]), p.get('quad') ?? '', submit),
    select('factuality', 'Factuality', Object.entries(FACTUALITY).map(([k, v]) => [k, v.label]), p.get('factuality') ?? '', submit),
    text('actor', 'Actor (entity id)', 'e.g. mex-sedena', { list: 'tl-entities' }),
    select('dyad', 'Dyad', [['USA-MEX', 'USA ↔ MEX'], ['USA>MEX', 'USA → MEX'], ['MEX>USA', 'MEX → USA']], p.get('dyad') ?? '', submit),
    outlets,
    text('q', 'Text', 'words in the evidence'),
    h('button', { type: 'submit', class: 'primary' }, 'Apply'),
    h('button', { type: 'button', onclick: () => navigate(['timeline']) }, 'Clear'),
    entities);
  // Choices that come from the store.
  void api.outlets().then((r) => {
    const sel = outlets.querySelector('select')!;
    const cur = p.get('outlet') ?? '';
    for (const o of r.items) if (o.outlet !== cur) sel.appendChild(h('option', { value: o.outlet }, `${o.outlet} (${o.articles})`));
  }).catch(() => undefined);
  void api.entities({ limit: 1000 }).then((r) => {
    for (const e of r.items) entities.appendChild(h('option', { value: e.id }, `${e.name}${e.country ? ` (${e.country})` : ''}`));
  }).catch(() => undefined);
  return form;
}

function legend(): HTMLElement {
  return h('div', { class: 'legend', 'aria-label': 'Legend' },
    QUADS.map((q) => h('span', null, h('span', { class: `quad quad-${q}`, 'aria-hidden': 'true' }), QUAD_LABEL[q])),
    (Object.keys(FACTUALITY) as Factuality[]).map((f) => h('span', { class: `fact fact-${f}`, title: FACTUALITY[f].help }, `${FACTUALITY[f].mark} ${FACTUALITY[f].label}`)));
}

/** Axis ticks over [d0, d1]: years, or months on short spans. */
function ticks(d0: number, d1: number): Array<{ at: number; label: string }> {
  const out: Array<{ at: number; label: string }> = [];
  const y0 = new Date(d0).getUTCFullYear();
  const y1 = new Date(d1).getUTCFullYear();
  if (y1 - y0 >= 2) {
    const step = Math.max(1, Math.ceil((y1 - y0 + 1) / 8));
    for (let y = y0; y <= y1 + 1; y += step) {
      const at = Date.UTC(y, 0, 1);
      if (at >= d0 && at <= d1) out.push({ at, label: String(y) });
    }
  } else {
    const months = (y1 - y0) * 12 + new Date(d1).getUTCMonth() - new Date(d0).getUTCMonth();
    const step = Math.max(1, Math.ceil((months + 1) / 8));
    for (let m = 0; m <= months + 1; m += step) {
      const at = Date.UTC(y0, new Date(d0).getUTCMonth() + m, 1);
      if (at >= d0 && at <= d1) out.push({ at, label: new Date(at).toISOString().slice(0, 7) });
    }
  }
  return out;
}

export const timelineView: View = (root, route) => {
  const p = route.params;
  const params: Params = { limit: PAGE };
  for (const k of FILTERS) { const v = p.get(k); if (v) params[k] = v; }
  const events: MergedEvent[] = [];
  const spans: Array<[number, number] | null> = [];
  // The axis: the filter window when given, else the loaded events' extent.
  let d0 = p.get('from') ? dayRange(p.get('from')!, null)[0] : Infinity;
  let d1 = p.get('to') ? dayRange(p.get('to')!, null)[1] + DAY : -Infinity;
  const fixed0 = Number.isFinite(d0);
  const fixed1 = Number.isFinite(d1);

  const narrowQuery = matchMedia('(max-width: 700px)');
  const rowHeight = () => (narrowQuery.matches ? 78 : 56);
  const axis = h('div', { class: 'tl-axis', 'aria-hidden': 'true' });
  const count = h('span', { 'data-test': 'timeline-count', 'aria-live': 'polite' }, 'Loading events…');
  const problem = h('div');

  const row = (i: number): HTMLElement => {
    const e = events[i]!;
    const span = spans[i];
    const f = factualityOf(e.factuality);
    const bar = h('span', { class: `tl-bar prec-${e.date.precision} q-${e.quad} f-${e.factuality}` });
    if (span && Number.isFinite(d0) && d1 > d0) {
      const w = d1 - d0;
      bar.style.left = `${((span[0] - d0) / w) * 100}%`;
      bar.style.width = `${(Math.max(0, span[1] + DAY - span[0]) / w) * 100}%`;
    } else bar.hidden = true;
    const what = `${e.type}${e.mode ? ` · ${e.mode}` : ''}`;
    return h('a', { class: 'tl-row', href: href(['event', e.id]), 'data-id': e.id, 'data-factuality': e.factuality, 'data-precision': e.date.precision, 'data-quad': e.quad },
      h('span', { class: 'tl-date' }, dateLabel(e.date), h('span', { class: 'tl-prec' }, e.date.start ? `${e.date.precision} precision` : 'no date')),
      h('span', { class: 'tl-strip', title: dateLabel(e.date) }, bar),
      h('span', { class: 'tl-main' },
        h('span', { class: 'tl-what' }, h('span', { class: `quad quad-${e.quad}`, title: QUAD_LABEL[e.quad] }), h('b', null, what), ` ${participants(e.actor)} → ${participants(e.recipient)}`),
        h('span', { class: 'tl-ev' }, e.evidence.text)),
      h('span', { class: 'tl-meta' },
        h('span', { class: `fact fact-${e.factuality}`, title: f.help }, `${f.mark} ${f.label}`),
        h('span', null, plural(e.sources, 'source'), e.review ? h('span', { class: `review review-${e.review.status}` }, ` ${e.review.status}`) : null)));
  };

  // Open on a wide window; on a narrow one the filters fold away above the list.
  const set = FILTERS.filter((k) => p.get(k)).length;
  const filterBox = h('details', { class: 'filter-box', open: !narrowQuery.matches },
    h('summary', null, `Filters${set ? ` (${set} set)` : ''}`), filterForm(p));
  const list = virtualList({ rowHeight: rowHeight(), label: 'Events', render: row, open: (i) => navigate(['event', events[i]!.id]) });
  const wrap = h('section', { class: 'timeline' },
    h('h1', null, 'Timeline'),
    filterBox,
    h('div', { class: 'tl-summary' }, count, legend()),
    problem,
    h('div', { class: 'tl-head', 'aria-hidden': 'true' }, axis),
    list.el);
  const layout = () => {
    wrap.classList.toggle('narrow', narrowQuery.matches);
    if (!narrowQuery.matches) filterBox.open = true;
    list.setRowHeight(rowHeight());
  };
  narrowQuery.addEventListener('change', layout);
  layout();
  replace(root, wrap);

  const drawAxis = () => {
    if (!Number.isFinite(d0) || d1 <= d0) { replace(axis); return; }
    replace(axis, ticks(d0, d1).map((t) => {
      const el = h('span', { class: 'tl-tick' }, t.label);
      el.style.left = `${((t.at - d0) / (d1 - d0)) * 100}%`;
      return el;
    }));
  };

  const abort = new AbortController();
  void (async () => {
    let cursor: string | null = null;
    try {
      do {
        const page = await api.events({ ...params, cursor: cursor ?? undefined }, abort.signal);
        let grew = false;
        for (const e of page.items) {
          events.push(e);
          const span = e.date.start ? dayRange(e.date.start, e.date.end) : null;
          spans.push(span);
          if (span) {
            if (!fixed0 && span[0] < d0) { d0 = span[0]; grew = true; }
            if (!fixed1 && span[1] + DAY > d1) { d1 = span[1] + DAY; grew = true; }
          }
        }
        cursor = page.next;
        list.setCount(events.length);
        if (grew) { drawAxis(); list.refresh(); }
        count.textContent = `${plural(events.length, 'event')}${cursor ? ' · loading…' : ''}`;
      } while (cursor);
      count.dataset.count = String(events.length);
      count.dataset.complete = 'true';
      if (!events.length) replace(problem, status('No events match these filters.', 'empty'));
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      const msg = e instanceof ApiError && e.field ? `${e.message}` : (e as Error).message;
      replace(problem, status(`Could not load events: ${msg}`, 'error'));
      count.textContent = plural(events.length, 'event');
    }
  })();

  return () => {
    abort.abort();
    narrowQuery.removeEventListener('change', layout);
    list.destroy();
  };
};
