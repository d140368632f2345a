// The review form of an event: confirm, reject, or edit its type, mode, factuality, date or
// participants. Only fields that differ from the current values are sent. Needs the reviewer
// token (header); the server records the token's name as the author.
import { api, ApiError, type EventDetail } from './api.js';
import { h, replace, status } from './dom.js';
import { FACTUALITY, PLOVER_TYPES } from './format.js';
import { getToken } from './token.js';
import type { EventParticipant } from '../../contract.js';

const SECTORS = ['GOV', 'MIL', 'COP', 'SPY', 'JUD', 'LEG', 'CRM', 'REB', 'NGO', 'IGO', 'BUS', 'MED', 'EDU', 'CVL', 'ELI', 'OPP'];
const PRECISIONS = ['day', 'month', 'year', 'range', 'unknown'];

function participantsEditor(label: string, name: string, ps: EventParticipant[]): { el: HTMLElement; read(): EventParticipant[] } {
  const rows = h('div', { class: 'parts' });
  const addRow = (p: Partial<EventParticipant> = {}) => {
    const n = rows.childElementCount + 1;
    const sector = h('select', { name: `${name}-sector`, 'aria-label': `${label} ${n} sector` }, h('option', { value: '' }, '—'),
      SECTORS.map((s) => h('option', { value: s, selected: s === p.sector }, s)));
    const row: HTMLElement = h('div', { class: 'row part' },
      h('label', null, 'Name', h('input', { name: `${name}-text`, value: p.text ?? '', 'aria-label': `${label} ${n} name` })),
      h('label', null, 'Entity id', h('input', { name: `${name}-entity`, value: p.entity ?? '', list: 'rv-entities', 'aria-label': `${label} ${n} entity id` })),
      h('label', null, 'Country', h('input', { name: `${name}-country`, value: p.country ?? '', maxlength: 3, pattern: '[A-Z]{3}', 'aria-label': `${label} ${n} country`, class: 'short' })),
      h('label', null, 'Sector', sector),
      h('button', { type: 'button', 'aria-label': `Remove ${label.toLowerCase()} ${n}`, onclick: () => row.remove() }, '✕'));
    rows.appendChild(row);
  };
  for (const p of ps) addRow(p);
  const el = h('fieldset', null, h('legend', null, label), rows, h('button', { type: 'button', onclick: () => addRow() }, `Add ${label.toLowerCase()}`));
  const read = () => [...rows.querySelectorAll<HTMLElement>('.part')].map((r) => {
    const v = (k: string) => (r.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}-${k}"]`)?.value ?? '').trim();
    return { text: v('text'), entity: v('entity') || null, country: v('country').toUpperCase() || null, sector: v('sector') || null };
  }).filter((p) => p.text);
  return { el, read };
}

const sameParts = (a: EventParticipant[], b: EventParticipant[]) =>
  JSON.stringify(a.map((p) => [p.text, p.entity, p.country, p.sector])) === JSON.stringify(b.map((p) => [p.text, p.entity, p.country, p.sector]));

function form(d: EventDetail, token: string, done: () => void): HTMLElement {
  const e = d.event;
  const msg = h('div', { 'aria-live': 'polite' });
  const sel = (name: string, label: string, values: Array<[string, string]>, cur: string) =>
    h('label', null, label, h('select', { name }, values.map(([v, l]) => h('option', { value: v, selected: v === cur }, l))));
  const actor = participantsEditor('Actor', 'actor', e.actor);
  const recipient = participantsEditor('Recipient', 'recipient', e.recipient);
  // Entity ids to choose from for the participants.
  const entities = h('datalist', { id: 'rv-entities' });
  void api.entities({ limit: 1000 }).then((r) => {
    for (const en of r.items) entities.appendChild(h('option', { value: en.id }, `${en.name}${en.country ? ` (${en.country})` : ''}`));
  }).catch(() => undefined);
  const f: HTMLFormElement = h('form', { class: 'review-form', 'aria-label': 'Review this event' },
    entities,
    h('fieldset', null, h('legend', null, 'Verdict'),
      ...(['confirm', 'reject', 'edit'] as const).map((a) => h('label', { class: 'inline' },
        h('input', { type: 'radio', name: 'action', value: a, checked: a === 'edit' }), ` ${a}`))),
    h('div', { class: 'row' },
      sel('type', 'Type', PLOVER_TYPES.map((t) => [t, t]), e.type),
      h('label', null, 'Mode', h('input', { name: 'mode', value: e.mode ?? '' })),
      sel('factuality', 'Factuality', Object.entries(FACTUALITY).map(([k, v]) => [k, v.label]), e.factuality)),
    h('div', { class: 'row' },
      h('label', null, 'Date start', h('input', { name: 'start', value: e.date.start ?? '', placeholder: 'YYYY[-MM[-DD]]' })),
      h('label', null, 'Date end', h('input', { name: 'end', value: e.date.end ?? '', placeholder: 'YYYY[-MM[-DD]]' })),
      sel('precision', 'Precision', PRECISIONS.map((p) => [p, p]), PRECISIONS.includes(e.date.precision) ? e.date.precision : 'unknown')),
    actor.el, recipient.el,
    h('label', null, 'Note', h('textarea', { name: 'note', rows: 2, maxlength: 2000 })),
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Save review')),
    msg);
  f.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = new FormData(f);
    const val = (k: string) => String(data.get(k) ?? '').trim();
    const action = val('action') as 'confirm' | 'reject' | 'edit';
    const body: Record<string, unknown> = { action };
    if (val('note')) body.note = val('note');
    if (action === 'edit') {
      const changes: Record<string, unknown> = {};
      if (val('type') !== e.type) changes.type = val('type');
      if ((val('mode') || null) !== e.mode) changes.mode = val('mode') || null;
      if (val('factuality') !== e.factuality) changes.factuality = val('factuality');
      const start = val('start') || null;
      const end = val('end') || null;
      if (start !== e.date.start || end !== e.date.end || val('precision') !== e.date.precision) {
        changes.date = { start, end, precision: start ? val('precision') : 'unknown' };
      }
      const a = actor.read();
      const r = recipient.read();
      if (!sameParts(a, e.actor)) changes.actor = a;
      if (!sameParts(r, e.recipient)) changes.recipient = r;
      if (!Object.keys(changes).length) { replace(msg, status('Nothing was changed: edit a field, or choose confirm.', 'error')); return; }
      body.changes = changes;
    }
    replace(msg, status('Saving…'));
    api.review(e.id, body, token).then(() => done()).catch((err: Error) => {
      const hint = err instanceof ApiError && (err.status === 401 || err.status === 403) ? ' Check the reviewer token.' : '';
      replace(msg, status(`Not saved: ${err.message}.${hint}`, 'error'));
    });
  });
  return f;
}

export function reviewPanel(d: EventDetail, done: () => void): HTMLElement {
  const box = h('div', { class: 'panel review-panel' });
  const render = () => {
    if (!box.isConnected && box.parentNode === null && rendered) { document.removeEventListener('cronica:token', render); return; }
    const token = getToken();
    replace(box, token ? form(d, token, done) : status('Enter a reviewer token in the header to confirm, reject or edit this event.', 'empty'));
    rendered = true;
  };
  let rendered = false;
  document.addEventListener('cronica:token', render);
  render();
  return box;
}
