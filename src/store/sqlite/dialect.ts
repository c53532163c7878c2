/**
 * A Kysely dialect for Node's built-in `node:sqlite`. Kysely ships a SQLite dialect for
 * better-sqlite3; node:sqlite statements differ (parameters are spread, not an array; a
 * statement is a reader when it has result columns), so this file adapts them.
 *
 * One connection is shared, so a mutex hands it to one query or transaction at a time:
 * without it, two requests awaiting inside transactions would interleave on one connection.
 * Transactions begin IMMEDIATE, taking the write lock at once, so two processes never
 * deadlock upgrading a read lock (the busy timeout then makes the second one wait).
 *
 * 64-bit integers: node:sqlite returns JavaScript numbers and throws ERR_OUT_OF_RANGE for an
 * integer beyond 2^53 − 1 rather than losing precision. Titrate stores no such integer
 * (ids are text, counts and ratings are small), so numbers it is (docs/decisions.md).
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type TransactionSettings,
} from "kysely";
import { storeErrorOf } from "./errors.ts";

/** SQLite supports DDL inside transactions, so migrations can be all-or-nothing. */
class NodeSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class NodeSqliteDialect implements Dialect {
  readonly #database: DatabaseSync;

  constructor(database: DatabaseSync) {
    this.#database = database;
  }

  createDriver(): Driver {
    return new NodeSqliteDriver(this.#database);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new NodeSqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

class NodeSqliteDriver implements Driver {
  readonly #connection: NodeSqliteConnection;
  readonly #mutex = new Mutex();

  constructor(database: DatabaseSync) {
    this.#connection = new NodeSqliteConnection(database);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }

  async beginTransaction(
    connection: DatabaseConnection,
    _settings: TransactionSettings,
  ): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.#connection.close();
  }
}

/** Prepared statements are cached by SQL text: Kysely compiles the same shapes again and again. */
const STATEMENT_CACHE_SIZE = 200;

/**
 * A prepared statement and whether it returns rows. Whether it does is a property of its SQL
 * text, so it is asked once: `columns()` builds a description of every column on each call,
 * about 12 µs, a tenth of a small request's time in the database.
 */
interface Prepared {
  readonly statement: StatementSync;
  readonly isReader: boolean;
}

class NodeSqliteConnection implements DatabaseConnection {
  readonly #database: DatabaseSync;
  readonly #statements = new Map<string, Prepared>();

  constructor(database: DatabaseSync) {
    this.#database = database;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    try {
      const { statement, isReader } = this.#prepare(compiledQuery.sql);
      const parameters = compiledQuery.parameters.map(toSqliteValue);
      if (isReader) {
        return { rows: statement.all(...parameters) as R[] };
      }
      const { changes, lastInsertRowid } = statement.run(...parameters);
      return {
        numAffectedRows: BigInt(changes),
        insertId: BigInt(lastInsertRowid),
        rows: [],
      };
    } catch (error) {
      // "database is locked" past the busy timeout is STORE_BUSY, a read-only file or a full
      // disk STORE_NOT_WRITABLE: failures to explain, not bugs.
      throw storeErrorOf(error);
    }
  }

  // biome-ignore lint/correctness/useYield: streaming is not supported; Kysely requires the method.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("node:sqlite dialect does not stream queries");
  }

  close(): void {
    this.#statements.clear();
    if (this.#database.isOpen) this.#database.close();
  }

  #prepare(sql: string): Prepared {
    let prepared = this.#statements.get(sql);
    if (!prepared) {
      const statement = this.#database.prepare(sql);
      prepared = { statement, isReader: statement.columns().length > 0 };
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = this.#statements.keys().next().value;
        if (oldest !== undefined) this.#statements.delete(oldest);
      }
      this.#statements.set(sql, prepared);
    }
    return prepared;
  }
}

function toSqliteValue(value: unknown): SQLInputValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "string")
    return value;
  if (value instanceof Uint8Array) return value;
  throw new TypeError(`cannot bind a ${typeof value} to a SQLite parameter`);
}

/** A FIFO lock: one holder at a time, waiters served in order. */
class Mutex {
  #locked = false;
  readonly #waiters: (() => void)[] = [];

  async lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  unlock(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#locked = false;
  }
}
