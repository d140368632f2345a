// The cooperation–conflict index of a dyad: monthly quad counts, one direction above the zero
// line and the other below, with the mean PLOVER score; a month opens its events.
import './charts.css';
import { h, s, replace, status } from './dom.js';
import { api, ApiError, type IndexSeries } from './api.js';
import type { IndexPoint, Quad } from '../../record/types.js';
import { href, navigate, type View } from './router.js';
import { QUADS, QUAD_LABEL, isoLabel, num, plural } from './format.js';
import { eventList } from './event-list.js';

const DYAD = /^[A-Z]{3}-[A-Z]{3}$/;
const DATE = /^\d{4}(-\d{2})?$/;
const MONTH = /^\d{4}-\d{2}$/;
const COMMON_DYADS = ['USA-MEX', 'USA-CAN', 'USA-CHN', 'MEX-GTM', 'MEX-CHN', 'MEX-COL', 'USA-COL'];
const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// Chart geometry, in viewBox units.
const ML = 52, MR = 60, MT = 18, MB = 46, H = 360;
const PLOT_H = H - MT - MB;
const ZERO_Y = MT + PLOT_H / 2;
const HALF = PLOT_H / 2;

interface Month { month: string; a: IndexPoint | null; b: IndexPoint | null; mean: number | null }

const solid = (p: IndexPoint | null) => (p ? QUADS.reduce((t, q) => t + p.counts[q], 0) : 0);
const apart = (p: IndexPoint | null) => (p ? p.alleged + p.considered + p.future : 0);

/** Months in order with both directions and the mean score of their events together. */
function months(series: IndexSeries): { dirs: [string, string]; list: Month[] } {
  const [x, y] = series.dyad;
  const dirs: [string, string] = [`${x}>${y}`, `${y}>${x}`];
  const by = new Map<string, Month>();
  for (const p of series.points) {
    let m = by.get(p.month);
    if (!m) by.set(p.month, (m = { month: p.month, a: null, b: null, mean: null }));
    if (p.direction === dirs[0]) m.a = p;
    else if (p.direction === dirs[1]) m.b = p;
  }
  const list = [...by.values()].sort((p, q) => (p.month < q.month ? -1 : 1));
  for (const m of list) {
    const n = (m.a?.events ?? 0) + (m.b?.events ?? 0);
    m.mean = n ? ((m.a?.scoreSum ?? 0) + (m.b?.scoreSum ?? 0)) / n : null;
  }
  return { dirs, list };
}

function niceStep(max: number, ticks = 4): number {
  const raw = max / ticks;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

function monthLabel(m: Month, dirs: [string, string]): string {
  const parts = [`${isoLabel(m.month)}: ${dirs[0]} ${plural(solid(m.a), 'event')}, ${dirs[1]} ${plural(solid(m.b), 'event')}`];
  const ap = apart(m.a) + apart(m.b);
  if (ap) parts.push(`${num(ap)} alleged, considered or planned counted apart`);
  if (m.mean !== null) parts.push(`mean score ${num(Math.round(m.mean * 10) / 10)}`);
  return parts.join('; ');
}

function detail(p: IndexPoint | null, dir: string): string {
  if (!p) return `${dir}: none`;
  const qs = QUADS.filter((q) => p.counts[q]).map((q) => `${QUAD_LABEL[q]} ${p.counts[q]}`);
  const ap = [['alleged', p.alleged], ['considered', p.considered], ['planned', p.future]].filter(([, n]) => n).map(([k, n]) => `${k} ${n}`);
  return `${dir}: ${qs.length ? qs.join(', ') : 'no events'}${ap.length ? ` (apart: ${ap.join(', ')})` : ''}`;
}

/** The mirrored stacked bars, the score line and the axes. */
function chart(list: Month[], dirs: [string, string], avail: number): SVGSVGElement {
  const n = list.length;
  // Drawn 1:1 for the width available now (the viewBox scales it later); at least 6 units a
  // month, so a long series scrolls sideways instead.
  const plotW = Math.max(260, avail - ML - MR);
  const slot = Math.max(6, plotW / n);
  const bw = Math.min(slot * 0.72, 36);
  const W = ML + MR + n * slot;
  const maxAbs = Math.max(1, ...list.map((m) => Math.max(solid(m.a) + apart(m.a), solid(m.b) + apart(m.b))));
  const step = Math.max(1, niceStep(maxAbs));
  const top = Math.ceil(maxAbs / step) * step;
  const yc = (v: number) => (v / top) * HALF;
  const ys = (score: number) => ZERO_Y - (Math.max(-10, Math.min(10, score)) / 10) * HALF;

  const grid: SVGElement[] = [];
  for (let v = step; v <= top + 1e-9; v += step) {
    for (const y of [ZERO_Y - yc(v), ZERO_Y + yc(v)]) {
      grid.push(s('line', { class: 'ix-grid', x1: ML, x2: W - MR, y1: y, y2: y }));
      grid.push(s('text', { class: 'ix-tick', x: ML - 6, y: y + 4, 'text-anchor': 'end' }, num(v)));
    }
  }
  grid.push(s('text', { class: 'ix-tick', x: ML - 6, y: ZERO_Y + 4, 'text-anchor': 'end' }, '0'));
  for (const v of [-10, -5, 5, 10]) grid.push(s('text', { class: 'ix-tick ix-tick-score', x: W - MR + 6, y: ys(v) + 4 }, v > 0 ? `+${v}` : `−${-v}`));

  const groups: SVGElement[] = [];
  const xlabels: SVGElement[] = [];
  const few = n <= 24;
  list.forEach((m, i) => {
    const x0 = ML + i * slot;
    const cx = x0 + slot / 2;
    const bars: SVGElement[] = [];
    const stack = (p: IndexPoint | null, up: boolean) => {
      let y = ZERO_Y;
      const put = (hgt: number, cls: string) => {
        if (hgt <= 0) return;
        bars.push(s('rect', { class: cls, x: cx - bw / 2, y: up ? y - hgt : y, width: bw, height: hgt }));
        y += up ? -hgt : hgt;
      };
      if (!p) return;
      for (const q of QUADS) put(yc(p.counts[q]), `ix-bar ix-q-${q}`);
      const ap = apart(p);
      if (ap) {
        // Counted apart: a narrower, outlined bar on top of the solid stack.
        const hgt = yc(ap);
        bars.push(s('rect', { class: 'ix-apart', x: cx - bw * 0.3, y: up ? y - hgt : y, width: bw * 0.6, height: hgt }));
      }
    };
    stack(m.a, true);
    stack(m.b, false);
    groups.push(s('g', { class: 'ix-month', tabindex: 0, role: 'button', 'aria-label': monthLabel(m, dirs), 'data-month': m.month },
      s('title', null, `${isoLabel(m.month)}\n${detail(m.a, dirs[0])}\n${detail(m.b, dirs[1])}${m.mean !== null ? `\nmean score ${num(Math.round(m.mean * 100) / 100)}` : ''}`),
      s('rect', { class: 'ix-hit', x: x0, y: MT, width: slot, height: PLOT_H }),
      bars));
    const mo = Number(m.month.slice(5, 7));
    // The first month gets a year label unless the next January is too close for it.
    const yearStart = mo === 1 || (i === 0 && (few || (13 - mo) * slot >= 40));
    if (few) {
      xlabels.push(s('text', { class: 'ix-tick', x: cx, y: H - MB + 16, 'text-anchor': 'middle' }, slot >= 30 ? MONTH_ABBR[mo - 1]! : MONTH_ABBR[mo - 1]!.slice(0, 1)));
      if (yearStart) xlabels.push(s('text', { class: 'ix-tick ix-year', x: x0 + 2, y: H - MB + 34 }, m.month.slice(0, 4)));
    } else if (yearStart) {
      xlabels.push(s('line', { class: 'ix-yeartick', x1: x0, x2: x0, y1: MT, y2: H - MB + 6 }));
      xlabels.push(s('text', { class: 'ix-tick ix-year', x: x0 + 3, y: H - MB + 18 }, m.month.slice(0, 4)));
    }
  });

  // Mean score: a line broken where a month has no events, with a dot per month that has some.
  let d = '';
  let pen = false;
  const dots: SVGElement[] = [];
  list.forEach((m, i) => {
    if (m.mean === null) { pen = false; return; }
    const x = ML + i * slot + slot / 2;
    const y = ys(m.mean);
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)} `;
    pen = true;
    dots.push(s('circle', { class: 'ix-score-dot', cx: x, cy: y, r: 2.6 }));
  });

  const svg = s('svg', {
    class: 'ix-chart', viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'group',
    'aria-label': `Monthly events of ${dirs[0]} (above the line) and ${dirs[1]} (below) by quad class, with the mean PLOVER score`,
    'data-test': 'index-chart', 'data-months': n,
  },
  grid,
  groups,
  s('line', { class: 'ix-zero', x1: ML, x2: W - MR, y1: ZERO_Y, y2: ZERO_Y }),
  d ? s('path', { class: 'ix-score', d: d.trim() }) : null,
  dots,
  xlabels,
  s('line', { class: 'ix-axis', x1: ML, x2: ML, y1: MT, y2: H - MB }),
  s('line', { class: 'ix-axis', x1: W - MR, x2: W - MR, y1: MT, y2: H - MB }),
  s('text', { class: 'ix-dir', x: ML + 4, y: MT + 10 }, `▲ ${dirs[0]}`),
  s('text', { class: 'ix-dir', x: ML + 4, y: H - MB - 4 }, `▼ ${dirs[1]}`),
  s('text', { class: 'ix-axis-title', transform: `rotate(-90 14 ${ZERO_Y})`, x: 14, y: ZERO_Y, 'text-anchor': 'middle' }, 'events per month'),
  s('text', { class: 'ix-axis-title ix-axis-score', transform: `rotate(90 ${W - 14} ${ZERO_Y})`, x: W - 14, y: ZERO_Y, 'text-anchor': 'middle' }, 'mean PLOVER score (−10…+10)'));
  if (n * slot > plotW + 1) svg.style.minWidth = `${Math.ceil(W)}px`;
  return svg;
}

function legend(dirs: [string, string]): HTMLElement {
  return h('ul', { class: 'ix-legend', 'aria-label': 'Legend' },
    QUADS.map((q: Quad) => h('li', null, h('span', { class: `ix-sw ix-sw-${q}`, 'aria-hidden': 'true' }), QUAD_LABEL[q])),
    h('li', null, h('span', { class: 'ix-sw ix-sw-apart', 'aria-hidden': 'true' }), 'alleged / considered / planned: counted apart (outlined)'),
    h('li', null, h('span', { class: 'ix-sw ix-sw-score', 'aria-hidden': 'true' }), 'mean PLOVER score of both directions (right axis)'),
    h('li', null, `▲ above the line: ${dirs[0]} (${dirs[0].slice(0, 3)} actor); ▼ below: ${dirs[1]}`));
}

function table(series: IndexSeries): HTMLElement {
  return h('details', { class: 'ix-details' },
    h('summary', null, 'Table of the series'),
    h('div', { class: 'ix-table-wrap' },
      h('table', { class: 'ix-table' },
        h('caption', null, `Monthly index of ${series.dyad.join('–')}`),
        h('thead', null, h('tr', null,
          ['Month', 'Direction', ...QUADS.map((q) => QUAD_LABEL[q]), 'Alleged', 'Considered', 'Planned', 'Mean score'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, series.points.map((p) => h('tr', null,
          h('th', { scope: 'row' }, isoLabel(p.month)),
          h('td', null, p.direction),
          QUADS.map((q) => h('td', { class: 'num' }, num(p.counts[q]))),
          h('td', { class: 'num' }, num(p.alleged)),
          h('td', { class: 'num' }, num(p.considered)),
          h('td', { class: 'num' }, num(p.future)),
          h('td', { class: 'num' }, p.scoreMean === null ? '—' : num(p.scoreMean))))))));
}

function filterForm(dyad: string, from: string, to: string): HTMLFormElement {
  const err = h('p', { class: 'ix-form-error', role: 'alert' });
  const field = (name: string, label: string, value: string, extra: Record<string, string>) =>
    h('label', { class: 'ix-field' }, label, h('input', { name, value, ...extra }));
  const form = h('form', {
    class: 'ix-form filters', 'aria-label': 'Index filters',
    onsubmit: (e: Event) => {
      e.preventDefault();
      const data = new FormData(form);
      const get = (k: string) => String(data.get(k) ?? '').trim().toUpperCase();
      const d = get('dyad');
      const f = get('from');
      const t = get('to');
      const bad = !DYAD.test(d) ? ['dyad', 'The dyad must be two 3-letter country codes, like USA-MEX.']
        : f && !DATE.test(f) ? ['from', '“From” must be YYYY or YYYY-MM.']
          : t && !DATE.test(t) ? ['to', '“To” must be YYYY or YYYY-MM.'] : null;
      for (const input of form.querySelectorAll('input')) input.removeAttribute('aria-invalid');
      if (bad) {
        const input = form.querySelector<HTMLInputElement>(`input[name="${bad[0]}"]`);
        input?.setAttribute('aria-invalid', 'true');
        input?.focus();
        replace(err, bad[1]!);
        return;
      }
      replace(err);
      navigate(['index'], { dyad: d, from: f, to: t });
    },
  },
  field('dyad', 'Dyad', dyad, { list: 'ix-dyads', autocomplete: 'off', spellcheck: 'false', pattern: '[A-Za-z]{3}-[A-Za-z]{3}', placeholder: 'USA-MEX', size: '9' }),
  h('datalist', { id: 'ix-dyads' }, COMMON_DYADS.map((x) => h('option', { value: x }))),
  field('from', 'From', from, { placeholder: 'YYYY or YYYY-MM', pattern: '\\d{4}(-\\d{2})?', size: '9', inputmode: 'numeric' }),
  field('to', 'To', to, { placeholder: 'YYYY or YYYY-MM', pattern: '\\d{4}(-\\d{2})?', size: '9', inputmode: 'numeric' }),
  h('button', { type: 'submit' }, 'Show'),
  err);
  return form;
}

export const indexView: View = async (root, route) => {
  const p = route.params;
  const dyadParam = (p.get('dyad') ?? 'USA-MEX').toUpperCase();
  const dyad = DYAD.test(dyadParam) ? dyadParam : 'USA-MEX';
  const from = p.get('from') ?? '';
  const to = p.get('to') ?? '';
  const month = p.get('month') ?? '';
  const content = h('div', { class: 'ix-content' }, status('Loading…'));
  replace(root, h('h1', null, 'Cooperation–conflict index'), filterForm(dyadParam, from, to), content);
  if (dyadParam !== dyad) content.before(status(`“${dyadParam}” is not a dyad like USA-MEX; showing USA-MEX.`, 'error'));

  let series: IndexSeries;
  try {
    series = await api.index({ dyad, from: DATE.test(from) ? from : null, to: DATE.test(to) ? to : null });
  } catch (e) {
    replace(content, status(e instanceof ApiError ? e.message : `Could not load the index: ${(e as Error).message}`, 'error'));
    return;
  }

  const { dirs, list } = months(series);
  const note = h('p', { class: 'ix-note', 'data-test': 'index-note' },
    `Not charted: ${plural(series.undated, 'event')} of ${dyad} not dated to a month, and ${plural(series.excluded, 'event')} left out as negated or hypothetical.`);
  if (!list.length) {
    replace(content, status(`No events of ${dyad} with a month-precise date${from || to ? ' in this period' : ''}.`, 'empty'), note);
    return;
  }

  const svg = chart(list, dirs, (content.clientWidth || 960) - 2);
  const panel = h('div', { class: 'ix-panel' });
  let abort: AbortController | null = null;
  let current = '';

  const show = (m: string) => {
    current = m;
    for (const g of svg.querySelectorAll<SVGGElement>('.ix-month')) {
      const on = g.dataset.month === m;
      g.classList.toggle('ix-selected', on);
      if (on) g.setAttribute('aria-current', 'true');
      else g.removeAttribute('aria-current');
    }
    abort?.abort();
    abort = new AbortController();
    replace(panel, eventList({ dyad, from: m, to: m }, `Events of ${dyad} in ${isoLabel(m)}`, {
      pages: 5, signal: abort.signal,
      note: 'Both directions and every factuality: each event whose date overlaps the month, also those dated only to its year (not in the bars).',
    }));
  };
  const pick = (m: string) => {
    if (m === current) return;
    // pushState changes the hash without re-rendering the view; Back re-renders it.
    history.pushState(null, '', href(['index'], { dyad, from, to, month: m }));
    show(m);
  };
  const groups = () => [...svg.querySelectorAll<SVGGElement>('.ix-month')];
  svg.addEventListener('click', (e) => {
    const g = (e.target as Element).closest<SVGGElement>('.ix-month');
    if (g?.dataset.month) pick(g.dataset.month);
  });
  svg.addEventListener('keydown', (e) => {
    const g = (e.target as Element).closest<SVGGElement>('.ix-month');
    if (!g) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (g.dataset.month) pick(g.dataset.month);
      return;
    }
    const all = groups();
    const i = all.indexOf(g);
    const j = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1 : -1;
    if (j < 0 || j >= all.length || (e.key !== 'Home' && e.key !== 'End' && j === i)) return;
    e.preventDefault();
    all[j]!.focus();
  });

  replace(content,
    legend(dirs),
    h('div', { class: 'ix-scroll' }, svg),
    h('p', { class: 'ix-help' }, 'Select a month (click, or Tab to the chart, move with ←/→ and press Enter) to list its events.'),
    note,
    panel,
    table(series));

  if (MONTH.test(month)) {
    show(month);
    const g = svg.querySelector<SVGGElement>(`.ix-month[data-month="${month}"]`);
    requestAnimationFrame(() => g?.scrollIntoView({ block: 'nearest', inline: 'center' }));
  }
  return () => abort?.abort();
};
