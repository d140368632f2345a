// How the workbench writes dates, factuality, quad classes and participants.
import type { EventDate, EventParticipant, Factuality, Quad } from '../../contract.js';
import { dayEnd, dayStart } from '../../merge/dates.js';

const DAY_MS = 86_400_000;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "15 Oct 2020", "Oct 2020", "2020": as precise as the date is, never more. */
export function isoLabel(iso: string): string {
  const [y, m, d] = iso.split('-');
  if (!m) return y!;
  const mon = MONTHS[Number(m) - 1] ?? m;
  return d ? `${Number(d)} ${mon} ${y}` : `${mon} ${y}`;
}

export function dateLabel(d: Pick<EventDate, 'start' | 'end' | 'precision'>): string {
  if (!d.start) return 'undated';
  if (d.precision === 'decade') return `${d.start.slice(0, 3)}0s`;
  if (d.end && d.end !== d.start && (d.precision === 'range' || d.end.length === d.start.length)) return `${isoLabel(d.start)} – ${isoLabel(d.end)}`;
  return isoLabel(d.start);
}

/** First and last day covered by an ISO date of any precision, as UTC milliseconds (the merge's day arithmetic). */
export function dayRange(start: string, end: string | null): [number, number] {
  const lo = (dayStart(start) ?? 0) * DAY_MS;
  const hi = (dayEnd(end ?? start) ?? 0) * DAY_MS;
  return [lo, Math.max(lo, hi)];
}

export const FACTUALITY: Record<Factuality, { label: string; mark: string; help: string }> = {
  asserted: { label: 'asserted', mark: '●', help: 'the text says it happened' },
  alleged: { label: 'alleged', mark: '◐', help: 'reported as a claim or accusation, not established' },
  denied: { label: 'denied', mark: '⊘', help: 'a party denies it' },
  negated: { label: 'did not happen', mark: '✕', help: 'the text says it did not happen' },
  disputed: { label: 'disputed', mark: '⚡', help: 'sources disagree whether it happened' },
  considered: { label: 'considered', mark: '◌', help: 'only weighed or under consideration' },
  future: { label: 'planned', mark: '→', help: 'announced or planned for later' },
  hypothetical: { label: 'hypothetical', mark: '?', help: 'conditional or hypothetical' },
};

export const factualityOf = (f: string) => FACTUALITY[f as Factuality] ?? { label: f, mark: '·', help: '' };

export const QUAD_LABEL: Record<Quad, string> = {
  'verbal-cooperation': 'verbal cooperation',
  'material-cooperation': 'material cooperation',
  'verbal-conflict': 'verbal conflict',
  'material-conflict': 'material conflict',
};

/** The 16 PLOVER event types, in the codebook's order. */
export const PLOVER_TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];

export const QUADS: Quad[] = ['verbal-cooperation', 'material-cooperation', 'verbal-conflict', 'material-conflict'];

export function participant(p: EventParticipant): string {
  const tag = [p.country, p.sector].filter(Boolean).join(' ');
  return tag ? `${p.text} (${tag})` : p.text;
}

export function participants(ps: EventParticipant[]): string {
  return ps.length ? ps.map(participant).join(', ') : '—';
}

export const num = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

export const plural = (n: number, one: string, many = `${one}s`) => `${num(n)} ${n === 1 ? one : many}`;
