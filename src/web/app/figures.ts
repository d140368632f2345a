// The figures registry: claim groups (measure, place, period) with their agreement, each
// expandable to its claims, and a dot plot per measure.
import './charts.css';
import { h, s, replace, status } from './dom.js';
import { api, ApiError, type ClaimMention, type FigureGroup } from './api.js';
import { href, navigate, type View } from './router.js';
import { dateLabel, num, plural } from './format.js';

type Period = FigureGroup['period'];
const AGREEMENT: Record<FigureGroup['agreement'], string> = { agree: '✓ agree', disagree: '⚠ disagree', single: 'single source' };

const measureLabel = (m: string) => m.replace(/_/g, ' ');

function withUnit(v: number, unit: string): string {
  if (unit === 'percent') return `${num(v)}%`;
  return `${num(v)} ${unit.replace(/_/g, ' ')}`;
}

function valueText(c: Pick<ClaimMention, 'value' | 'valueMax' | 'bound' | 'unit'>): string {
  switch (c.bound) {
    case 'over': return `more than ${withUnit(c.value, c.unit)}`;
    case 'under': return `under ${withUnit(c.value, c.unit)}`;
    case 'about': return `about ${withUnit(c.value, c.unit)}`;
    case 'range': return c.valueMax !== null ? `${num(c.value)}–${withUnit(c.valueMax, c.unit)}` : withUnit(c.value, c.unit);
    default: return withUnit(c.value, c.unit);
  }
}

function periodText(p: Period): string {
  if (!p || (!p.start && !p.end)) return 'no period';
  if (!p.start) return `until ${dateLabel({ start: p.end, end: null, precision: 'day' })}`;
  return dateLabel({ start: p.start, end: p.end, precision: p.precision as Parameters<typeof dateLabel>[0]['precision'] });
}

const rangeText = (g: FigureGroup) => (g.low === g.high ? withUnit(g.low, g.unit) : `${num(g.low)}–${withUnit(g.high, g.unit)}`);

function claimItem(c: ClaimMention): HTMLElement {
  return h('li', { class: 'fig-claim', 'data-claim': c.id },
    h('p', { class: 'fig-claim-head' },
      h('strong', null, c.outlet ?? 'unknown outlet'), ': ',
      h('span', { class: 'fig-claim-value' }, valueText(c)),
      c.attribution ? h('span', { class: 'fig-attr' }, ` — attributed to ${c.attribution.text}`) : null),
    h('blockquote', { class: 'fig-evidence' }, c.evidence.text),
    h('a', { href: href(['article', c.article], { mark: c.id }), class: 'fig-article' }, 'Open in the article'));
}

/** One group: its row and a hidden row with its claims, toggled by a button. */
function groupRows(g: FigureGroup, open: boolean, onToggle: (id: string, open: boolean) => void): HTMLTableSectionElement {
  const detailId = `fig-claims-${g.id}`;
  const detail = h('tr', { class: 'fig-detail', id: detailId, hidden: !open },
    h('td', { colspan: 7 }, h('ul', { class: 'fig-claims' }, g.claims.map(claimItem))));
  const button = h('button', {
    type: 'button', class: 'fig-toggle', 'aria-expanded': open ? 'true' : 'false', 'aria-controls': detailId,
    onclick: () => {
      const now = button.getAttribute('aria-expanded') !== 'true';
      button.setAttribute('aria-expanded', now ? 'true' : 'false');
      detail.hidden = !now;
      onToggle(g.id, now);
    },
  }, h('span', { class: 'fig-caret', 'aria-hidden': 'true' }), plural(g.claims.length, 'claim'));
  const dis = g.agreement === 'disagree';
  return h('tbody', { class: 'fig-group', 'data-group': g.id },
    h('tr', { class: dis ? 'fig-row fig-disagree' : 'fig-row', 'data-agreement': g.agreement },
      h('td', null, button),
      h('th', { scope: 'row' }, measureLabel(g.measure)),
      h('td', null, g.place ?? '—'),
      h('td', null, periodText(g.period)),
      h('td', { class: 'num' }, rangeText(g)),
      h('td', { class: 'num' }, num(g.sources)),
      h('td', { class: dis ? 'fig-flag' : null }, AGREEMENT[g.agreement])),
    detail);
}

function niceStep(span: number, ticks = 5): number {
  const raw = span / ticks;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

// Dot plot geometry, in viewBox units.
const PR = 28, TOP = 8, AXIS = 44;

/** A dot plot of one measure: a row per group, a dot (or range line) per claim. */
function dotPlot(measure: string, groups: FigureGroup[], avail: number): SVGSVGElement {
  const units = [...new Set(groups.map((g) => g.unit))];
  // Rarely a measure comes in several units: the rows then say theirs.
  const unit = units.length === 1 ? units[0]!.replace(/_/g, ' ') : 'mixed units (see each row)';
  // Drawn 1:1 for the width available now; when narrow, row labels go above the dots.
  const W = Math.max(320, Math.min(900, avail));
  const narrow = W < 560;
  const LABEL = narrow ? 14 : 230;
  const ROW = narrow ? 40 : 26;
  const values = groups.flatMap((g) => g.claims.flatMap((c) => (c.valueMax !== null ? [c.value, c.valueMax] : [c.value]))).filter(Number.isFinite);
  const pos = values.filter((v) => v > 0);
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const log = pos.length > 1 && max / Math.min(...pos) > 1000;
  const x0 = LABEL, x1 = W - PR;
  let x: (v: number) => number;
  const ticks: Array<[number, string]> = [];
  let scaleNote: string;
  if (log) {
    const lo = Math.floor(Math.log10(Math.min(...pos)));
    const hi = Math.max(lo + 1, Math.ceil(Math.log10(max)));
    x = (v) => x0 + ((Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo)) * (x1 - x0);
    const every = Math.ceil((hi - lo) / 8);
    for (let e = lo; e <= hi; e += every) ticks.push([10 ** e, num(10 ** e)]);
    scaleNote = `log scale${values.some((v) => v <= 0) ? ' (values of 0 or less at the left edge)' : ''}`;
  } else {
    const step = niceStep(Math.max(max - min, 1e-9));
    const lo = Math.floor(min / step) * step;
    const hi = Math.max(lo + step, Math.ceil(max / step) * step);
    x = (v) => x0 + ((v - lo) / (hi - lo)) * (x1 - x0);
    for (let v = lo; v <= hi + step / 2; v += step) ticks.push([v, num(Math.round(v * 1e6) / 1e6)]);
    scaleNote = lo === 0 ? 'linear scale from 0' : 'linear scale';
  }
  const H = TOP + groups.length * ROW + AXIS;
  const yAxis = TOP + groups.length * ROW;

  const rows = groups.map((g, i) => {
    const y = TOP + i * ROW + (narrow ? 27 : ROW / 2);
    const dis = g.agreement === 'disagree';
    const marks = g.claims.map((c, k) => {
      const cy = y + ((k % 3) - 1) * 4;
      const filled = c.bound === 'exact';
      const parts: SVGElement[] = [s('title', null, `${c.outlet ?? 'unknown outlet'}: ${valueText(c)}`)];
      if (c.bound === 'range' && c.valueMax !== null) {
        const [a, b] = [x(c.value), x(c.valueMax)];
        parts.push(s('line', { class: 'fig-range', x1: a, x2: b, y1: cy, y2: cy }),
          s('line', { class: 'fig-range', x1: a, x2: a, y1: cy - 4, y2: cy + 4 }),
          s('line', { class: 'fig-range', x1: b, x2: b, y1: cy - 4, y2: cy + 4 }));
      } else {
        const cx = x(c.value);
        if (c.bound === 'over' || c.bound === 'under') {
          const d = c.bound === 'over' ? 12 : -12;
          parts.push(s('path', { class: 'fig-dir', d: `M${cx} ${cy} h${d} m${-Math.sign(d) * 4} -3 l${Math.sign(d) * 4} 3 l${-Math.sign(d) * 4} 3` }));
        }
        parts.push(s('circle', { class: filled ? 'fig-dot fig-filled' : 'fig-dot fig-hollow', cx, cy, r: 4.5 }));
      }
      return s('g', { class: 'fig-mark', 'data-claim': c.id }, parts);
    });
    return s('g', { class: dis ? 'fig-plot-row fig-row-disagree' : 'fig-plot-row', 'data-group': g.id },
      s('rect', { class: 'fig-row-bg', x: 0, y: TOP + i * ROW, width: W, height: ROW }),
      s('text', narrow ? { class: 'fig-row-label', x: 4, y: TOP + i * ROW + 13 } : { class: 'fig-row-label', x: LABEL - 10, y: y + 4, 'text-anchor': 'end' },
        `${dis ? '⚠ ' : ''}${g.place ?? '—'} · ${periodText(g.period)}${units.length > 1 ? ` · ${g.unit.replace(/_/g, ' ')}` : ''}`),
      marks);
  });

  return s('svg', {
    class: 'fig-chart', viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'data-test': 'figure-chart', 'data-measure': measure, 'data-scale': log ? 'log' : 'linear',
    'aria-label': `Dot plot of ${measureLabel(measure)} in ${unit}: ${plural(groups.length, 'group')}, ${scaleNote}; the values are listed in the table above.`,
  },
  ticks.map(([v, label]) => s('g', null,
    s('line', { class: 'fig-grid', x1: x(v), x2: x(v), y1: TOP, y2: yAxis }),
    s('text', { class: 'fig-tick', x: x(v), y: yAxis + 14, 'text-anchor': 'middle' }, label))),
  rows,
  s('line', { class: 'fig-axis', x1: x0, x2: x1, y1: yAxis, y2: yAxis }),
  s('text', { class: 'fig-axis-title', x: (x0 + x1) / 2, y: yAxis + 34, 'text-anchor': 'middle' }, `${unit} · ${scaleNote}`));
}

function charts(groups: FigureGroup[], avail: number): HTMLElement {
  const by = new Map<string, FigureGroup[]>();
  for (const g of groups) {
    const k = g.measure;
    let list = by.get(k);
    if (!list) by.set(k, (list = []));
    list.push(g);
  }
  return h('section', { class: 'fig-charts', 'aria-label': 'Charts by measure' },
    h('h2', null, 'Charts by measure'),
    h('p', { class: 'fig-legend' }, '● exact figure · ○ approximate (“about”), ○→ “more than”, ←○ “under” · |—| range · ⚠ shaded rows: the sources disagree.'),
    [...by.values()].map((gs) => h('figure', { class: 'fig-figure' },
      h('figcaption', null, h('h3', null, `${measureLabel(gs[0]!.measure)} (${[...new Set(gs.map((g) => g.unit.replace(/_/g, ' ')))].join(', ')})`)),
      h('div', { class: 'fig-chart-wrap' }, dotPlot(gs[0]!.measure, gs, avail)))));
}

function filterForm(all: FigureGroup[], f: { measure: string; place: string; agreement: string }): HTMLFormElement {
  const measures = [...new Set(all.map((g) => g.measure))].sort();
  const places = [...new Set(all.map((g) => g.place).filter((p): p is string => !!p))].sort();
  const select = (name: string, label: string, any: string, options: Array<[string, string]>, value: string) =>
    h('label', { class: 'fig-field' }, label, h('select', { name },
      h('option', { value: '' }, any),
      options.map(([v, t]) => h('option', { value: v, selected: v === value }, t)),
      value && !options.some(([v]) => v === value) ? h('option', { value, selected: true }, value) : null));
  const form = h('form', {
    class: 'fig-form filters', 'aria-label': 'Figure filters',
    onsubmit: (e: Event) => {
      e.preventDefault();
      const data = new FormData(form);
      const get = (k: string) => String(data.get(k) ?? '');
      navigate(['figures'], { measure: get('measure'), place: get('place'), agreement: get('agreement') });
    },
  },
  select('measure', 'Measure', 'all measures', measures.map((m) => [m, measureLabel(m)]), f.measure),
  select('place', 'Place', 'all places', places.map((p) => [p, p]), f.place),
  select('agreement', 'Agreement', 'any', [['disagree', 'disagree'], ['agree', 'agree'], ['single', 'single source']], f.agreement),
  h('button', { type: 'submit' }, 'Show'));
  return form;
}

const periodKey = (p: Period) => `${p?.start ?? '9999'}|${p?.end ?? ''}`;

export const figuresView: View = async (root, route) => {
  const p = route.params;
  const f = { measure: p.get('measure') ?? '', place: p.get('place') ?? '', agreement: p.get('agreement') ?? '' };
  const group = p.get('group') ?? '';
  const content = h('div', { class: 'fig-content' }, status('Loading…'));
  replace(root, h('h1', null, 'Figures registry'), content);

  let all: FigureGroup[];
  try {
    // Every group is read once: the filter lists are built from them and the filters apply here.
    all = (await api.figures({})).items;
  } catch (e) {
    replace(content, status(e instanceof ApiError ? e.message : `Could not load the figures: ${(e as Error).message}`, 'error'));
    return;
  }
  content.before(filterForm(all, f));
  const groups = all
    .filter((g) => (!f.measure || g.measure === f.measure) && (!f.place || g.place === f.place) && (!f.agreement || g.agreement === f.agreement))
    .sort((a, b) => a.measure.localeCompare(b.measure) || a.unit.localeCompare(b.unit) || (a.place ?? '~').localeCompare(b.place ?? '~') || periodKey(a.period).localeCompare(periodKey(b.period)));
  if (!groups.length) {
    replace(content, status(all.length ? 'No figure groups match these filters.' : 'No figures have been extracted yet.', 'empty'));
    return;
  }

  const onToggle = (id: string, open: boolean) => {
    // Keep the open group in the address (without re-rendering) so the link can be shared.
    const cur = new URLSearchParams(p);
    if (open) cur.set('group', id);
    else if (cur.get('group') === id) cur.delete('group');
    history.replaceState(null, '', href(['figures'], cur));
  };
  const disagree = groups.filter((g) => g.agreement === 'disagree').length;
  const bodies = groups.map((g) => groupRows(g, g.id === group, onToggle));
  replace(content,
    h('p', { class: 'fig-summary' }, `${plural(groups.length, 'group')} of figures, ${num(disagree)} where the sources disagree.`),
    h('div', { class: 'fig-table-wrap' },
      h('table', { class: 'fig-table', 'data-test': 'figures-table' },
        h('caption', null, 'Figures by measure, place and period; expand a row for its claims'),
        h('thead', null, h('tr', null, ['Claims', 'Measure', 'Place', 'Period', 'Value', 'Sources', 'Agreement'].map((t) => h('th', { scope: 'col' }, t)))),
        bodies)),
    charts(groups, content.clientWidth || 760));

  const target = bodies.find((b) => b.dataset.group === group);
  if (target) requestAnimationFrame(() => target.scrollIntoView({ block: 'center' }));
};
