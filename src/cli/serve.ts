import { rmSync } from 'node:fs';
import os from 'node:os';
import { buildServer } from '../api/server.js';
import { ingest } from '../pipeline/ingest.js';
import { dbSpec, isPostgresUrl, openStore } from '../store/open.js';
import { DEFAULT_LIMITS } from '../ingest/types.js';
import { parse, positiveNumber, UsageError } from './args.js';

export const SERVE_HELP = `Usage: cronica serve [options]

Serve the web workbench (at /) and the API over the store. Read-only without a token;
reviews in the workbench, POST /ingest and POST /events/ID/review need one
("Authorization: Bearer TOKEN").

Options:
  --db PATH|URL        SQLite file or postgres:// URL (default $CRONICA_DB or ./cronica.db)
  --host HOST          address to listen on (default 127.0.0.1)
  --port N             port (default 8080; 0 picks a free one)
  --token TOKEN        a write token; or NAME:TOKEN[,NAME:TOKEN…] to name each writer
                       (default $CRONICA_TOKEN; none: writing is disabled)
  --ingest PATH        ingest PATH (file, directory, corpus or URL) before serving; repeatable
  --fresh              start from an empty SQLite file (deletes it first; not for PostgreSQL)
  --jobs N             worker threads for ingest (default: cores, at most 4)
  --quiet              print nothing but errors
  -h, --help           this help

Prints the URL it serves on, then runs until interrupted.`;

/** "secret" → writer "token"; "alice:secret,bob:other" → named writers. */
export function parseTokens(spec: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!spec) return out;
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const i = part.indexOf(':');
    const [name, token] = i > 0 ? [part.slice(0, i), part.slice(i + 1)] : ['token', part];
    if (token.length < 8) throw new UsageError('a token must be at least 8 characters long');
    out.set(out.has(name) ? `${name}${out.size + 1}` : name, token);
  }
  return out;
}

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    db: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    token: { type: 'string' },
    ingest: { type: 'string', multiple: true },
    fresh: { type: 'boolean' },
    jobs: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    console.log(SERVE_HELP);
    return 0;
  }
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, got "${values.port}"`);
  const tokens = parseTokens(values.token ?? process.env.CRONICA_TOKEN);
  const jobs = Math.floor(positiveNumber(values.jobs, '--jobs', Math.min(4, Math.max(1, os.availableParallelism()))));
  const spec = dbSpec(values.db);
  if (values.fresh) {
    if (isPostgresUrl(spec)) throw new UsageError('--fresh only empties a SQLite file');
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${spec}${suffix}`, { force: true });
  }
  const store = await openStore(spec).catch((e: Error) => {
    process.stderr.write(`cronica: ${e.message.split('\n')[0]}\n`);
    return null;
  });
  if (!store) return 1;
  let failed = 0;
  if (values.ingest?.length) {
    const r = await ingest(store, values.ingest, { jobs, timeoutMs: 30_000, maxBytes: DEFAULT_LIMITS.maxBytes, allowPrivate: false, inputFormat: 'auto' }, {
      onError: (label, message) => { process.stderr.write(`cronica: ${label}: ${message}\n`); },
    });
    failed = r.failed;
    if (!values.quiet) process.stderr.write(`cronica: ingested ${r.added} article(s), ${r.skipped} already stored${r.failed ? `, ${r.failed} failed` : ''}\n`);
  } else if (await store.isDirty()) {
    await store.rebuild();
  }
  const pkgVersion = process.env.npm_package_version;
  const app = await buildServer(store, { tokens, jobs, version: pkgVersion });
  const host = values.host ?? '127.0.0.1';
  try {
    await app.listen({ host, port });
  } catch (e) {
    process.stderr.write(`cronica: cannot listen on ${host}:${port}: ${(e as Error).message}\n`);
    await store.close();
    return 1;
  }
  const addr = app.server.address();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${typeof addr === 'object' && addr ? addr.port : port}/`;
  if (!values.quiet) {
    process.stdout.write(`Cronica serving ${store.location} at ${url}\n  workbench: ${url}  (API: ${url}openapi.json)\n`);
    if (failed) process.stderr.write(`cronica: ${failed} item(s) could not be ingested (see above)\n`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  await store.close();
  return 0;
}
