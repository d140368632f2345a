// The actor network: who acts on whom across merged events, with edges weighted by events and
// split by quad class.
import type { EventParticipant } from '../contract.js';
import type { MergedEvent, Network, NetworkEdge, NetworkNode } from '../record/types.js';

/** Node id of a participant: its entity, else its country and sector ("USA-COP"), else none. */
export function nodeId(p: EventParticipant): string | null {
  if (p.entity) return p.entity;
  if (p.country) return `${p.country}-${p.sector ?? 'UNK'}`;
  return null;
}

export interface NetworkOptions {
  /** Entity id → display name (the pack's canonical names). */
  names?: Map<string, string>;
  /** Keep only the edges with at least this many events (default 1). */
  minWeight?: number;
}

/** Actors as nodes and actor→recipient interactions as weighted, directed edges; negated and hypothetical events are left out. */
export function buildNetwork(events: Iterable<MergedEvent>, opts: NetworkOptions = {}): Network {
  const nodes = new Map<string, NetworkNode>();
  const edges = new Map<string, NetworkEdge>();
  const node = (p: EventParticipant): string | null => {
    const id = nodeId(p);
    if (!id) return null;
    if (!nodes.has(id)) {
      const label = (p.entity && opts.names?.get(p.entity)) || (p.entity ? p.text : `${p.country} ${p.sector ?? ''}`.trim());
      nodes.set(id, { id, label, country: p.country, sector: p.sector, events: 0 });
    }
    return id;
  };
  for (const e of events) {
    if (e.factuality === 'negated' || e.factuality === 'hypothetical') continue;
    const as = [...new Set(e.actor.map(node).filter((x): x is string => !!x))];
    const rs = [...new Set(e.recipient.map(node).filter((x): x is string => !!x))];
    for (const id of new Set([...as, ...rs])) nodes.get(id)!.events++;
    for (const s of as) for (const t of rs) {
      if (s === t) continue;
      const k = `${s}\u0000${t}`;
      let edge = edges.get(k);
      if (!edge) edges.set(k, (edge = { source: s, target: t, weight: 0, quads: {}, scoreSum: 0 }));
      edge.weight++;
      edge.quads[e.quad] = (edge.quads[e.quad] ?? 0) + 1;
      edge.scoreSum += e.score;
    }
  }
  const min = opts.minWeight ?? 1;
  const kept = [...edges.values()].filter((e) => e.weight >= min);
  const used = new Set(kept.flatMap((e) => [e.source, e.target]));
  return {
    nodes: [...nodes.values()].filter((n) => min <= 1 || used.has(n.id)),
    edges: kept,
  };
}
