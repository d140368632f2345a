// The store backends the store and API tests run against: SQLite always; PostgreSQL when a
// server answers at CRONICA_TEST_PG (default: the local one, trust auth). CI sets
// CRONICA_REQUIRE_PG=1 so that a missing server fails instead of skipping.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore } from '../src/store/open.js';
import type { PostgresDriver } from '../src/store/postgres.js';
import type { Store } from '../src/store/store.js';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerOptions } from '../src/api/server.js';

export const PG_URL = process.env.CRONICA_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgReachable: Promise<string | null> | null = null;

/** null when PostgreSQL answers, else why not. */
export function pgProblem(): Promise<string | null> {
  pgReachable ??= (async () => {
    const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
    try {
      await c.connect();
      await c.query('SELECT 1');
      return null;
    } catch (e) {
      return `PostgreSQL not reachable at ${PG_URL}: ${(e as Error).message}`;
    } finally {
      await c.end().catch(() => undefined);
    }
  })();
  return pgReachable;
}

/** Skip reason for the PostgreSQL suite (false: run it). */
export async function pgSkip(): Promise<string | false> {
  const p = await pgProblem();
  if (!p) return false;
  if (process.env.CRONICA_REQUIRE_PG === '1') throw new Error(`${p} (CRONICA_REQUIRE_PG=1)`);
  return `${p}; set CRONICA_TEST_PG to run the PostgreSQL tests`;
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty store; `spec` opens the same store again. */
  fresh(): Promise<{ store: Store; spec: string; dispose(): Promise<void> }>;
}

export const SQLITE: Backend = {
  name: 'sqlite',
  async fresh() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cronica-store-'));
    const spec = path.join(dir, 'test.db');
    const store = await openStore(spec);
    return { store, spec, dispose: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
  },
};

export const POSTGRES: Backend = {
  name: 'postgres',
  async fresh() {
    const schema = `cronica_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const spec = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`;
    const store = await openStore(spec);
    return {
      store,
      spec,
      dispose: async () => {
        await (store.db as PostgresDriver).dropSchema();
        await store.close();
      },
    };
  },
};

/** A server over a store, listening on a free loopback port. */
export async function serveOnLoopback(store: Store, opts: ServerOptions = {}): Promise<{ app: FastifyInstance; base: string }> {
  const app = await buildServer(store, { version: 'test', ...opts });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  return { app, base: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` };
}
