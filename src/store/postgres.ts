// PostgreSQL driver: node-postgres pool; a transaction holds one client, and every statement
// issued inside it (found through AsyncLocalStorage) goes to that client.
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { numberPlaceholders, type Driver } from './driver.js';

// COUNT(*) and other int8 results come back as numbers (the counts here stay far below 2^53).
pg.types.setTypeParser(20, (v: string) => Number(v));

/** The URL with its password hidden, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export class PostgresDriver implements Driver {
  readonly dialect = 'postgres' as const;
  readonly location: string;
  private readonly pool: pg.Pool;
  private readonly tx = new AsyncLocalStorage<pg.PoolClient>();
  private readonly sqlCache = new Map<string, string>();

  /** `schema`: a schema to create and work in (tests use one per run); default the server's search path. */
  constructor(url: string, private readonly schema?: string) {
    this.location = redactUrl(url);
    if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name "${schema}"`);
    // The schema is set for every connection as a startup option.
    this.pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000, ...(schema ? { options: `-c search_path=${schema},public` } : {}) });
    // An idle client that loses its server must not crash the process.
    this.pool.on('error', () => undefined);
  }

  /** Create the schema when asked for one; checks that the server answers. */
  async connect(): Promise<void> {
    try {
      if (this.schema) await this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      else await this.pool.query('SELECT 1');
    } catch (e) {
      throw new Error(`cannot reach PostgreSQL at ${this.location}: ${(e as Error).message}`);
    }
  }

  private sql(sql: string): string {
    let s = this.sqlCache.get(sql);
    if (!s) {
      s = numberPlaceholders(sql);
      this.sqlCache.set(sql, s);
    }
    return s;
  }

  private client(): pg.Pool | pg.PoolClient {
    return this.tx.getStore() ?? this.pool;
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const r = await this.client().query(this.sql(sql), params as unknown[]);
    return r.rows as T[];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    const r = await this.client().query(this.sql(sql), params as unknown[]);
    return r.rowCount ?? 0;
  }

  async insertMany(table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void> {
    // PostgreSQL takes at most 65,535 parameters per statement.
    const per = Math.max(1, Math.floor(30_000 / columns.length));
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      const values: unknown[] = [];
      const tuples = chunk.map((r) => {
        const ph = r.map((v) => { values.push(v === undefined ? null : v); return `$${values.length}`; });
        return `(${ph.join(', ')})`;
      });
      await this.client().query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
    }
  }

  async exec(script: string): Promise<void> {
    await this.client().query(script);
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.tx.getStore()) return fn();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const r = await this.tx.run(client, fn);
      await client.query('COMMIT');
      return r;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  /** Drop the working schema (tests). */
  async dropSchema(): Promise<void> {
    if (this.schema) await this.pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
