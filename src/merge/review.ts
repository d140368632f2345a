// Reviews: a person confirms, rejects or edits a merged event. The change is applied on top
// of the machine's event (whose changed values are kept in `machine`), after every rebuild.
import type { MergedEvent, ReviewRecord } from '../record/types.js';
import type { EventParticipant } from '../contract.js';

export interface PloverTable { [type: string]: { quad: string; score: number; cameo?: string | null; modes: Record<string, { score: number; cameo?: string | null }> } }

const mainCountry = (ps: EventParticipant[]) => ps.find((p) => p.country)?.country ?? null;

/** The event after one review (a new object; the input is not changed). */
export function applyReview(e: MergedEvent, r: ReviewRecord, plover: PloverTable): MergedEvent {
  const out: MergedEvent = { ...e, machine: { ...(e.machine ?? {}) } };
  const keep = <K extends keyof NonNullable<MergedEvent['machine']>>(k: K) => {
    if (!(k in out.machine!)) (out.machine as Record<string, unknown>)[k] = structuredClone(e[k]);
  };
  if (r.action === 'edit' && r.changes) {
    const c = r.changes;
    if (c.type !== undefined && c.type !== e.type) {
      const t = plover[c.type];
      if (!t) throw new Error(`unknown PLOVER type ${c.type}`);
      for (const k of ['type', 'mode', 'quad', 'score', 'cameo'] as const) keep(k);
      out.type = c.type;
      out.mode = c.mode && t.modes[c.mode] ? c.mode : null;
      out.quad = t.quad as MergedEvent['quad'];
      out.score = out.mode ? t.modes[out.mode]!.score : t.score;
      out.cameo = (out.mode ? t.modes[out.mode]!.cameo : undefined) ?? t.cameo ?? null;
    } else if (c.mode !== undefined && c.mode !== e.mode) {
      const t = plover[e.type];
      if (c.mode !== null && !t?.modes[c.mode]) throw new Error(`${e.type} has no mode ${c.mode}`);
      for (const k of ['mode', 'score', 'cameo'] as const) keep(k);
      out.mode = c.mode;
      out.score = c.mode ? t!.modes[c.mode]!.score : t!.score;
      out.cameo = (c.mode ? t!.modes[c.mode]!.cameo : undefined) ?? t?.cameo ?? null;
    }
    if (c.factuality !== undefined && c.factuality !== e.factuality) { keep('factuality'); out.factuality = c.factuality; }
    if (c.date !== undefined) {
      keep('date');
      out.date = { start: c.date.start, end: c.date.end ?? c.date.start, precision: c.date.start ? c.date.precision : 'unknown', text: 'set by a reviewer', basis: c.date.start ? 'explicit' : 'none' };
    }
    if (c.actor !== undefined) { keep('actor'); keep('actorCountry'); out.actor = c.actor; out.actorCountry = mainCountry(c.actor); }
    if (c.recipient !== undefined) { keep('recipient'); keep('recipientCountry'); out.recipient = c.recipient; out.recipientCountry = mainCountry(c.recipient); }
  }
  if (Object.keys(out.machine!).length === 0) delete out.machine;
  const status = r.action === 'reject' ? 'rejected' : r.action === 'confirm' ? (e.review?.status === 'edited' ? 'edited' : 'confirmed') : 'edited';
  out.review = { status, by: r.author, at: r.at, note: r.note };
  return out;
}

/**
 * Re-apply reviews, in the order they were made, to freshly merged events. A review finds its
 * event by id, else by the first of its recorded mentions that is still in an event.
 */
export function applyReviews(events: MergedEvent[], eventOf: Map<string, string>, reviews: ReviewRecord[], plover: PloverTable): { events: MergedEvent[]; lost: ReviewRecord[]; moved: Array<{ review: number; event: string }> } {
  const byId = new Map(events.map((e, i) => [e.id, i] as const));
  const lost: ReviewRecord[] = [];
  const moved: Array<{ review: number; event: string }> = [];
  for (const r of reviews) {
    let i = byId.get(r.event);
    if (i === undefined) {
      for (const m of r.mentions) {
        const ev = eventOf.get(m);
        if (ev !== undefined && byId.has(ev)) { i = byId.get(ev); break; }
      }
    }
    if (i === undefined) { lost.push(r); continue; }
    try {
      events[i] = applyReview(events[i]!, r, plover);
      if (events[i]!.id !== r.event) moved.push({ review: r.id, event: events[i]!.id });
    } catch {
      lost.push(r);
    }
  }
  return { events, lost, moved };
}
