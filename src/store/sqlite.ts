// SQLite driver: better-sqlite3 (synchronous, in-process), WAL journal so readers never block
// the writer and a killed process leaves the last committed transaction intact.
import Database from 'better-sqlite3';
import { Mutex, type Driver } from './driver.js';

type Statement = Database.Statement<unknown[]>;

/** SQLite has no booleans; undefined is stored as NULL. */
const bind = (params: readonly unknown[]) => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p === undefined ? null : p));

export class SqliteDriver implements Driver {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Statement>();
  private readonly mutex = new Mutex();
  private inTransaction = false;

  constructor(readonly location: string, opts: { readonly?: boolean } = {}) {
    try {
      this.db = new Database(location, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
      if (!opts.readonly) this.db.pragma('journal_mode = WAL');
      // In WAL mode NORMAL keeps every committed transaction across a crash of the process
      // (only a power cut can lose the latest ones), and writes much faster than FULL.
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('foreign_keys = ON');
      this.db.pragma('busy_timeout = 10000');
    } catch (e) {
      throw new Error(`cannot open the database ${location}: ${(e as Error).message}`);
    }
  }

  private prepare(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare<unknown[]>(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.prepare(sql).all(...bind(params)) as T[];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.prepare(sql).run(...bind(params)).changes;
  }

  async insertMany(table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void> {
    if (rows.length === 0) return;
    const s = this.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    for (const r of rows) s.run(...bind(r));
  }

  async exec(script: string): Promise<void> {
    this.db.exec(script);
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn();
    return this.mutex.run(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      this.inTransaction = true;
      try {
        const r = await fn();
        this.db.exec('COMMIT');
        return r;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      } finally {
        this.inTransaction = false;
      }
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
