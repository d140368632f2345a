import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { EventsQuery } from '../api/schemas.js';
import { loadPack } from '../actors/pack.js';
import { entityInfoFromPack } from '../export/ftm.js';
import { exportEvents, FORMATS, isExportFormat, type SourceRef } from '../export/index.js';
import type { MergedEvent } from '../record/types.js';
import { actorNetwork, eachEvent } from '../store/queries.js';
import { dbSpec, openStore } from '../store/open.js';
import { parse, UsageError } from './args.js';

export const EXPORT_HELP = `Usage: cronica export --format FORMAT [options]

Write the merged event record in another format, to stdout or --out FILE.
Formats: ${FORMATS.join(', ')}
  csv         one row per merged event (RFC 4180)
  jsonl       one merged event (with sources, factuality counts and why) per line
  plover      PLOVER JSON records, one per line
  cameo-tsv   CAMEO codes in the Phoenix column order, with Goldstein scores
  ftm         FollowTheMoney entities (Event and its participants), one per line
  timelinejs  a TimelineJS3 document (date precision kept; undated events left out)
  gexf        the actor network for Gephi

Options:
  --db PATH|URL          SQLite file or postgres:// URL (default $CRONICA_DB or ./cronica.db)
  --out FILE             write to FILE instead of stdout
  --from DATE --to DATE  events overlapping this period (YYYY, YYYY-MM or YYYY-MM-DD)
  --type T[,T…]          PLOVER types      --quad Q[,Q…]         quad classes
  --factuality F[,F…]    factuality values --dyad USA-MEX|USA>MEX
  --actor ENTITY         entity id         --min-sources N
  -h, --help             this help`;

export async function exportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    format: { type: 'string', short: 'f' },
    db: { type: 'string' },
    out: { type: 'string', short: 'o' },
    from: { type: 'string' }, to: { type: 'string' }, type: { type: 'string' }, quad: { type: 'string' },
    factuality: { type: 'string' }, dyad: { type: 'string' }, actor: { type: 'string' }, 'min-sources': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    console.log(EXPORT_HELP);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const format = values.format;
  if (!format) throw new UsageError(`--format is required (one of: ${FORMATS.join(', ')})`);
  if (!isExportFormat(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${format}"`);
  const raw: Record<string, string> = {};
  for (const k of ['from', 'to', 'type', 'quad', 'factuality', 'dyad', 'actor'] as const) if (values[k] !== undefined) raw[k] = values[k]!;
  if (values['min-sources'] !== undefined) raw.minSources = values['min-sources'];
  const q = EventsQuery.safeParse(raw);
  if (!q.success) {
    const issue = q.error.issues[0]!;
    const field = String(issue.path[0] ?? '');
    throw new UsageError(`--${field === 'minSources' ? 'min-sources' : field}: ${issue.message}`);
  }
  const { limit: _limit, cursor: _cursor, ...filter } = q.data;

  let store;
  try {
    store = await openStore(dbSpec(values.db));
  } catch (e) {
    process.stderr.write(`cronica: ${(e as Error).message.split('\n')[0]}\n`);
    return 1;
  }
  try {
    if (await store.isDirty()) await store.rebuild();
    const events: MergedEvent[] = [];
    for await (const e of eachEvent(store.db, filter)) events.push(e);
    const refs = new Map<string, SourceRef[]>();
    const rows = await store.db.all<{ event: string; article: string; source: string; outlet: string | null; published: string | null }>(
      'SELECT DISTINCT m.event, a.key AS article, a.source, a.outlet, a.published, a.seq FROM mentions m JOIN articles a ON a.key = m.article WHERE m.event IS NOT NULL ORDER BY a.seq');
    for (const r of rows) {
      let list = refs.get(r.event);
      if (!list) refs.set(r.event, (list = []));
      if (!list.some((x) => x.article === r.article)) list.push({ article: r.article, source: r.source, outlet: r.outlet, published: r.published });
    }
    const network = format === 'gexf' ? await actorNetwork(store.db, filter) : undefined;
    const out = values.out ? createWriteStream(values.out) : process.stdout;
    const gen = exportEvents(format, events, network, { sourcesOf: (e) => refs.get(e.id) ?? [], entityInfo: entityInfoFromPack(loadPack()) });
    // A reader that stops early (`| head`) closes the pipe: stop writing and end quietly.
    let broken: NodeJS.ErrnoException | null = null;
    out.on('error', (e: NodeJS.ErrnoException) => { broken = e; });
    let r = gen.next();
    while (!r.done && !broken) {
      if (!out.write(r.value)) {
        try { await once(out, 'drain'); } catch (e) { broken = e as NodeJS.ErrnoException; }
      }
      r = gen.next();
    }
    if (broken) {
      if ((broken as NodeJS.ErrnoException).code === 'EPIPE') return 0;
      throw broken;
    }
    if (values.out) {
      (out as ReturnType<typeof createWriteStream>).end();
      await once(out, 'finish');
    }
    if (r.done && r.value.skipped) process.stderr.write(`cronica: ${r.value.skipped} undated event(s) left out of the timeline\n`);
    return 0;
  } finally {
    await store.close();
  }
}
