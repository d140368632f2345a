// The actor network: cytoscape draws actors and their directed interactions; a table of the
// actors is the keyboard path. Choosing an actor lists its events.
import './charts.css';
// Only the type at load: the library is fetched the first time the view opens (its own chunk).
import type cytoscape from 'cytoscape';
import { h, replace, status } from './dom.js';
import { api, ApiError, type Network, type Params } from './api.js';
import type { NetworkEdge, NetworkNode, Quad } from '../../record/types.js';
import { nodeId } from '../../merge/network.js';
import { href, navigate, type View } from './router.js';
import { PLOVER_TYPES, QUADS, QUAD_LABEL, num, plural } from './format.js';
import { eventList } from './event-list.js';

const QUAD_HEX: Record<Quad, string> = {
  'verbal-cooperation': '#56B4E9',
  'material-cooperation': '#0072B2',
  'verbal-conflict': '#E69F00',
  'material-conflict': '#D55E00',
};
const COUNTRY_HEX: Array<[string, string, string]> = [['USA', '#7B3294', 'United States'], ['MEX', '#009E73', 'Mexico'], ['', '#8C8C8C', 'other country or none']];
const countryColor = (c: string | null) => (COUNTRY_HEX.find(([k]) => k && k === c) ?? COUNTRY_HEX[2]!)[1];

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DYAD = /^[A-Z]{3}[->][A-Z]{3}$/;

/** A node made of a country and a sector ("USA-COP"), not of a known entity (see merge/network nodeId). */
const isCountrySector = (id: string) => /^[A-Z]{3}-[A-Z]{3}$/.test(id);

function topQuad(e: NetworkEdge): Quad {
  let best: Quad = QUADS[0]!;
  for (const q of QUADS) if ((e.quads[q] ?? 0) > (e.quads[best] ?? 0)) best = q;
  return best;
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

interface Filters { from: string; to: string; type: string; dyad: string; minWeight: string }

function filterForm(f: Filters): HTMLFormElement {
  const err = h('p', { class: 'net-form-error', role: 'alert' });
  const input = (name: keyof Filters, label: string, extra: Record<string, string>) =>
    h('label', { class: 'net-field' }, label, h('input', { name, value: f[name], ...extra }));
  const form = h('form', {
    class: 'net-form filters', 'aria-label': 'Network filters',
    onsubmit: (e: Event) => {
      e.preventDefault();
      const data = new FormData(form);
      const get = (k: string) => String(data.get(k) ?? '').trim();
      const next = { from: get('from'), to: get('to'), type: get('type'), dyad: get('dyad').toUpperCase(), minWeight: get('minWeight') };
      const bad = next.from && !DATE.test(next.from) ? 'from' : next.to && !DATE.test(next.to) ? 'to'
        : next.dyad && !DYAD.test(next.dyad) ? 'dyad' : next.minWeight && !/^[1-9]\d{0,5}$/.test(next.minWeight) ? 'minWeight' : null;
      for (const i of form.querySelectorAll('input')) i.removeAttribute('aria-invalid');
      if (bad) {
        const i = form.querySelector<HTMLInputElement>(`[name="${bad}"]`);
        i?.setAttribute('aria-invalid', 'true');
        i?.focus();
        replace(err, bad === 'dyad' ? 'The dyad must be like USA-MEX (either direction) or USA>MEX.'
          : bad === 'minWeight' ? 'The minimum weight must be a whole number from 1.' : 'Dates must be YYYY, YYYY-MM or YYYY-MM-DD.');
        return;
      }
      replace(err);
      navigate(['network'], { ...next, minWeight: next.minWeight === '1' ? '' : next.minWeight });
    },
  },
  input('from', 'From', { placeholder: 'YYYY-MM', size: '10', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?' }),
  input('to', 'To', { placeholder: 'YYYY-MM', size: '10', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?' }),
  h('label', { class: 'net-field' }, 'Type',
    h('select', { name: 'type' },
      h('option', { value: '' }, 'any'),
      PLOVER_TYPES.map((t) => h('option', { value: t, selected: f.type === t }, t)),
      f.type && !PLOVER_TYPES.includes(f.type) ? h('option', { value: f.type, selected: true }, f.type) : null)),
  input('dyad', 'Dyad', { placeholder: 'USA-MEX', size: '9', pattern: '[A-Za-z]{3}[->][A-Za-z]{3}', autocomplete: 'off', spellcheck: 'false' }),
  input('minWeight', 'Min. events per edge', { type: 'number', min: '1', step: '1', inputmode: 'numeric' }),
  h('button', { type: 'submit' }, 'Show'),
  err);
  return form;
}

function legend(): HTMLElement {
  return h('ul', { class: 'net-legend', 'aria-label': 'Legend' },
    COUNTRY_HEX.map(([k, , label]) => h('li', null, h('span', { class: `net-sw net-sw-node net-sw-${k || 'other'}`, 'aria-hidden': 'true' }), k ? `${k} (${label})` : label)),
    QUADS.map((q) => h('li', null, h('span', { class: `net-sw net-sw-edge net-sw-${q}`, 'aria-hidden': 'true' }), `edge: mostly ${QUAD_LABEL[q]}`)),
    h('li', null, 'Node size: events; edge width: events between the two; arrows point from actor to recipient.'));
}

function nodeTable(nodes: NetworkNode[], onPick: (id: string) => void): { el: HTMLElement; mark: (id: string) => void } {
  const sorted = [...nodes].sort((a, b) => b.events - a.events || a.label.localeCompare(b.label));
  const rows = sorted.map((n) => h('tr', { 'data-node': n.id },
    h('th', { scope: 'row' }, h('button', { type: 'button', class: 'net-pick', 'aria-pressed': 'false', onclick: () => onPick(n.id) }, n.label)),
    h('td', null, n.country ?? '—'),
    h('td', null, n.sector ?? '—'),
    h('td', { class: 'num' }, num(n.events))));
  const el = h('details', { class: 'net-details', open: true },
    h('summary', null, `Actors (${num(nodes.length)})`),
    h('div', { class: 'net-table-wrap' },
      h('table', { class: 'net-table', 'data-test': 'network-table' },
        h('caption', null, 'Actors by number of events; choose one to list its events'),
        h('thead', null, h('tr', null, ['Actor', 'Country', 'Sector', 'Events'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, rows))));
  const mark = (id: string) => {
    for (const r of rows) {
      const on = r.dataset.node === id;
      r.classList.toggle('net-selected', on);
      r.querySelector('button')?.setAttribute('aria-pressed', on ? 'true' : 'false');
    }
  };
  return { el, mark };
}

/** The events of an actor: by entity through the API, by country and sector client-side. */
function actorEvents(id: string, label: string, f: Filters, signal: AbortSignal): HTMLElement {
  const base: Params = { from: f.from, to: f.to, type: f.type, dyad: f.dyad };
  if (!isCountrySector(id)) return eventList({ ...base, actor: id }, `Events of ${label}`, { signal });
  return eventList(base, `Events of ${label}`, {
    signal,
    pages: 5,
    // Same rule as the network: a participant without an entity is its country and sector.
    keep: (e) => [...e.actor, ...e.recipient].some((p) => !p.entity && nodeId(p) === id),
    note: `Participants of ${id} named by country and sector only (no known entity); read from the first 1,000 events matching the filters.`,
  });
}

function graph(lib: typeof cytoscape, container: HTMLElement, net: Network): cytoscape.Core {
  const maxEvents = Math.max(1, ...net.nodes.map((n) => n.events));
  const maxWeight = Math.max(1, ...net.edges.map((e) => e.weight));
  // Deterministic start: nodes on a circle in id order, then cose without randomizing.
  const ids = net.nodes.map((n) => n.id).sort();
  const at = new Map(ids.map((id, i) => [id, i] as const));
  const R = 40 * Math.sqrt(ids.length) + 60;
  const elements: cytoscape.ElementDefinition[] = [
    ...net.nodes.map((n) => {
      const a = (2 * Math.PI * (at.get(n.id) ?? 0)) / Math.max(1, ids.length);
      return {
        group: 'nodes' as const,
        data: { id: n.id, label: n.label, color: countryColor(n.country), size: 14 + 36 * Math.sqrt(n.events / maxEvents) },
        position: { x: R * Math.cos(a), y: R * Math.sin(a) },
      };
    }),
    ...net.edges.map((e, i) => ({
      group: 'edges' as const,
      data: { id: `e${i}`, source: e.source, target: e.target, weight: e.weight, color: QUAD_HEX[topQuad(e)], width: 1 + 7 * Math.sqrt(e.weight / maxWeight) },
    })),
  ];
  const fg = cssVar('--fg', '#222');
  const bg = cssVar('--bg', '#fff');
  const accent = cssVar('--accent', '#0b57d0');
  const cy = lib({
    container,
    elements,
    minZoom: 0.1,
    maxZoom: 4,
    boxSelectionEnabled: false,
    style: [
      { selector: 'node', style: { 'background-color': 'data(color)', width: 'data(size)', height: 'data(size)', label: 'data(label)', color: fg, 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': 'ellipsis', 'text-max-width': '140px', 'text-outline-color': bg, 'text-outline-width': 2 } },
      { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(color)', 'target-arrow-color': 'data(color)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'arrow-scale': 0.9, opacity: 0.85 } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': accent } },
    ],
    layout: { name: 'preset' },
  });
  cy.layout({
    name: 'cose', animate: false, randomize: false, fit: true, padding: 30,
    numIter: net.nodes.length > 300 ? 300 : 1000, nodeDimensionsIncludeLabels: false,
  } as cytoscape.LayoutOptions).run();
  return cy;
}

export const networkView: View = async (root, route) => {
  const p = route.params;
  const f: Filters = { from: p.get('from') ?? '', to: p.get('to') ?? '', type: p.get('type') ?? '', dyad: (p.get('dyad') ?? '').toUpperCase(), minWeight: p.get('minWeight') ?? '' };
  const actor = p.get('actor') ?? '';
  const content = h('div', { class: 'net-content' }, status('Loading…'));
  replace(root, h('h1', null, 'Actor network'), filterForm(f), content);

  let net: Network;
  try {
    net = await api.network({ from: f.from, to: f.to, type: f.type, dyad: f.dyad, minWeight: f.minWeight });
  } catch (e) {
    replace(content, status(e instanceof ApiError ? e.message : `Could not load the network: ${(e as Error).message}`, 'error'));
    return;
  }
  if (!net.nodes.length) {
    replace(content, status('No actors interact under these filters: the network is empty.', 'empty'));
    return;
  }

  const byId = new Map(net.nodes.map((n) => [n.id, n] as const));
  const panel = h('div', { class: 'net-panel' }, h('p', { class: 'net-hint' }, 'Choose an actor in the graph or in the table below to list its events.'));
  const canvas = h('div', { class: 'net-canvas', 'data-test': 'network-canvas', role: 'img', 'aria-label': `Network of ${plural(net.nodes.length, 'actor')} and ${plural(net.edges.length, 'interaction')}; the table below lists the actors.` });
  let abort: AbortController | null = null;
  let current = '';
  let cy: cytoscape.Core | null = null;

  const show = (id: string) => {
    current = id;
    table.mark(id);
    if (cy) {
      cy.$(':selected').unselect();
      const node = cy.getElementById(id);
      if (node.nonempty()) node.select();
    }
    abort?.abort();
    abort = new AbortController();
    replace(panel, actorEvents(id, byId.get(id)?.label ?? id, f, abort.signal));
  };
  const pick = (id: string) => {
    if (id === current) return;
    // pushState changes the hash without re-rendering the view; Back re-renders it.
    history.pushState(null, '', href(['network'], { ...f, actor: id }));
    show(id);
  };
  const table = nodeTable(net.nodes, pick);

  replace(content,
    legend(),
    // Cytoscape adds a <style> element unless one with this id exists; the CSP would block it
    // (charts.css gives the container position: relative instead).
    document.getElementById('__________cytoscape_stylesheet') ? null : h('span', { id: '__________cytoscape_stylesheet', hidden: true }),
    h('div', { class: 'net-layout' }, canvas, panel),
    table.el);

  try {
    const lib = (await import('cytoscape')).default;
    if (!canvas.isConnected) return;
    cy = graph(lib, canvas, net);
  } catch (e) {
    replace(canvas, status(`Could not draw the network: ${(e as Error).message}`, 'error'));
  }
  if (cy) {
    cy.on('tap', 'node', (evt) => pick((evt.target as cytoscape.NodeSingular).id()));
    canvas.dataset.nodes = String(cy.nodes().length);
    canvas.dataset.edges = String(cy.edges().length);
  }
  if (actor) show(actor);

  return () => {
    abort?.abort();
    cy?.destroy();
  };
};
