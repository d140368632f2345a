// GEXF 1.3 (https://gexf.net/, read by Gephi, NetworkX, sigma.js) of the actor network.
//
// - Directed graph (`defaultedgetype="directed"`): an edge goes from the actor side to the
//   recipient side of the events it counts (NetworkEdge.source → target), so "USA→MEX" and
//   "MEX→USA" stay apart, as in the cooperation–conflict index.
// - Nodes: id and label from NetworkNode; attributes `country`, `sector` (strings, omitted when
//   null) and `events` (integer).
// - Edges: `weight` = merged events between the two; attributes one integer per quad class
//   (`verbal-cooperation` … `material-conflict`, default 0), `scoreSum` and `scoreMean`
//   (double, the PLOVER scores of those events).
// - Text goes through XML escaping (`& < > " '` as entities; TAB, LF, CR as character references
//   so that attribute normalisation keeps them); characters XML 1.0 forbids (C0 controls, lone
//   surrogates, U+FFFE/U+FFFF) are dropped, so the document is always well-formed.
// - No `lastmodifieddate` (the export is a pure function of the network; pass `date` to set it).
// - An edge naming a node that is not in `nodes` is an error (Gephi would refuse the file).
import { QUADS } from '../contract.js';
import type { Network } from '../record/types.js';

export interface GexfOptions {
  /** `<meta><description>`. */
  description?: string;
  /** `<meta lastmodifieddate>`, YYYY-MM-DD. */
  date?: string;
}

const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe in XML content and in double- or single-quoted attribute values. */
export function escapeXml(s: string): string {
  return s.replace(INVALID_XML, '').replace(/[&<>"'\t\n\r]/g, (c) => {
    switch (c) {
      case '&': return '&amp;';
      case '<': return '&lt;';
      case '>': return '&gt;';
      case '"': return '&quot;';
      case "'": return '&apos;';
      case '\t': return '&#9;';
      case '\n': return '&#10;';
      default: return '&#13;';
    }
  });
}

/** A finite number as GEXF wants it (no NaN/Infinity). */
const num = (n: number) => (Number.isFinite(n) ? String(n) : '0');

export function gexfDocument(network: Network, options: GexfOptions = {}): string {
  const ids = new Set(network.nodes.map((n) => n.id));
  for (const e of network.edges) {
    for (const end of [e.source, e.target]) {
      if (!ids.has(end)) throw new Error(`gexf: edge ${e.source} → ${e.target} names node "${end}", which is not among the network's nodes`);
    }
  }
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">');
  out.push(`  <meta${options.date ? ` lastmodifieddate="${escapeXml(options.date)}"` : ''}>`);
  out.push('    <creator>Cronica</creator>');
  out.push(`    <description>${escapeXml(options.description ?? 'Actor network of the Cronica event record: a directed edge from actor to recipient, weighted by merged events.')}</description>`);
  out.push('  </meta>');
  out.push('  <graph mode="static" defaultedgetype="directed">');
  out.push('    <attributes class="node">');
  out.push('      <attribute id="country" title="country" type="string"/>');
  out.push('      <attribute id="sector" title="sector" type="string"/>');
  out.push('      <attribute id="events" title="events" type="integer"><default>0</default></attribute>');
  out.push('    </attributes>');
  out.push('    <attributes class="edge">');
  for (const q of QUADS) out.push(`      <attribute id="${q}" title="${q}" type="integer"><default>0</default></attribute>`);
  out.push('      <attribute id="scoreSum" title="scoreSum" type="double"/>');
  out.push('      <attribute id="scoreMean" title="scoreMean" type="double"/>');
  out.push('    </attributes>');
  out.push(`    <nodes count="${network.nodes.length}">`);
  for (const n of network.nodes) {
    const att: string[] = [];
    if (n.country) att.push(`<attvalue for="country" value="${escapeXml(n.country)}"/>`);
    if (n.sector) att.push(`<attvalue for="sector" value="${escapeXml(n.sector)}"/>`);
    att.push(`<attvalue for="events" value="${Math.trunc(n.events)}"/>`);
    out.push(`      <node id="${escapeXml(n.id)}" label="${escapeXml(n.label)}"><attvalues>${att.join('')}</attvalues></node>`);
  }
  out.push('    </nodes>');
  out.push(`    <edges count="${network.edges.length}">`);
  network.edges.forEach((e, i) => {
    const att: string[] = [];
    for (const q of QUADS) if (e.quads[q]) att.push(`<attvalue for="${q}" value="${Math.trunc(e.quads[q]!)}"/>`);
    att.push(`<attvalue for="scoreSum" value="${num(e.scoreSum)}"/>`);
    att.push(`<attvalue for="scoreMean" value="${num(e.weight ? e.scoreSum / e.weight : 0)}"/>`);
    out.push(`      <edge id="e${i}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}" weight="${num(e.weight)}"><attvalues>${att.join('')}</attvalues></edge>`);
  });
  out.push('    </edges>');
  out.push('  </graph>');
  out.push('</gexf>');
  return `${out.join('\n')}\n`;
}
