// Open the store named by --db / CRONICA_DB: a postgres:// URL, or a SQLite file (default ./cronica.db).
import path from 'node:path';
import { PostgresDriver } from './postgres.js';
import { SqliteDriver } from './sqlite.js';
import { Store } from './store.js';

export const DEFAULT_DB = 'cronica.db';

export const isPostgresUrl = (spec: string) => /^postgres(ql)?:\/\//i.test(spec);

/** The database to use: the option, else CRONICA_DB, else ./cronica.db. */
export function dbSpec(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return option ?? env.CRONICA_DB ?? DEFAULT_DB;
}

/**
 * Open (and migrate) a store. For PostgreSQL, a `schema` query parameter
 * (postgres://…/db?schema=cronica) keeps Cronica's tables in that schema.
 */
export async function openStore(spec: string, opts: { readonly?: boolean } = {}): Promise<Store> {
  if (isPostgresUrl(spec)) {
    const u = new URL(spec);
    const schema = u.searchParams.get('schema') ?? undefined;
    u.searchParams.delete('schema');
    const driver = new PostgresDriver(u.toString(), schema);
    try {
      await driver.connect();
      return await Store.open(driver);
    } catch (e) {
      await driver.close().catch(() => undefined);
      throw e;
    }
  }
  const file = spec === ':memory:' ? spec : path.resolve(spec);
  const driver = new SqliteDriver(file, opts);
  try {
    return await Store.open(driver);
  } catch (e) {
    await driver.close();
    throw e;
  }
}
