// The small SQL surface the store needs, over SQLite (better-sqlite3) and PostgreSQL (pg).
// Statements are written once with `?` placeholders; the PostgreSQL driver numbers them.

export type Dialect = 'sqlite' | 'postgres';

export type Row = Record<string, unknown>;

export interface Driver {
  readonly dialect: Dialect;
  /** Where the data lives, for messages (a path or a URL without its password). */
  readonly location: string;
  all<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Run a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Insert many rows into one table (batched). */
  insertMany(table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void>;
  /** Run a script of several statements (schema changes). */
  exec(script: string): Promise<void>;
  /** Run `fn` in one transaction: every statement inside commits together or not at all. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `?` placeholders → `$1, $2…` (PostgreSQL), leaving quoted text alone. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  let out = '';
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      out += `$${++n}`;
    } else {
      out += ch;
    }
  }
  return out;
}

/** A queue that runs one task at a time (transactions on a single connection). */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
