/**
 * Many rows into many tables, fast, inside the caller's transaction: for generated data at
 * scale (`titrate demo --participants`). Rows wait in a buffer per table; when the buffers
 * hold enough, every table is written in the catalogue's order (a table after the tables it
 * refers to), so a row's parent is always in before it.
 *
 * PostgreSQL: one INSERT … SELECT FROM unnest($1::text[], $2::integer[], …) per table and
 * flush — one array parameter per column, whatever the number of rows (multi-row VALUES would
 * stop at 65 535 parameters). SQLite: multi-row VALUES in chunks under its 32 766 parameters.
 * The SQL lives here, in src/store, the one place it may differ by backend.
 */
import { sql } from "kysely";
import { journalTables, type TableInfo } from "../copy/catalogue.ts";
import type { Db } from "../database.ts";
import type { StoreKind } from "../store.ts";

type Value = string | number | null;
export type BulkRow = Readonly<Record<string, Value>>;

/** Rows buffered before every table is written. */
const FLUSH_AT = 20_000;
/** SQLite: bound parameters per INSERT, well below its limit. */
const SQLITE_PARAMETERS = 8_000;

const arrayType: Readonly<Record<string, string>> = {
  text: "text[]",
  integer: "integer[]",
  "double precision": "double precision[]",
};

// Kysely cannot type an insert into a table chosen at run time; names come from the catalogue.
// biome-ignore lint/suspicious/noExplicitAny: see above.
const untyped = (db: Db): any => db;

export class BulkWriter {
  readonly #tx: Db;
  readonly #kind: StoreKind;
  readonly #tables: readonly TableInfo[];
  readonly #buffers = new Map<string, BulkRow[]>();
  #buffered = 0;
  /** Rows written per table. */
  readonly written: Record<string, number> = {};

  private constructor(tx: Db, kind: StoreKind, tables: readonly TableInfo[]) {
    this.#tx = tx;
    this.#kind = kind;
    this.#tables = tables;
  }

  static async open(tx: Db, kind: StoreKind): Promise<BulkWriter> {
    return new BulkWriter(tx, kind, await journalTables());
  }

  /** Buffers a row (every column of the table, by name; a missing one is null). */
  async add(table: string, row: BulkRow): Promise<void> {
    let buffer = this.#buffers.get(table);
    if (!buffer) {
      buffer = [];
      this.#buffers.set(table, buffer);
    }
    buffer.push(row);
    if (++this.#buffered >= FLUSH_AT) await this.flush();
  }

  /** Writes every buffered row, parents first. */
  async flush(): Promise<void> {
    for (const table of this.#tables) {
      const rows = this.#buffers.get(table.name);
      if (!rows || rows.length === 0) continue;
      this.#buffers.set(table.name, []);
      if (this.#kind === "postgres") await this.#unnest(table, rows);
      else await this.#values(table, rows);
      this.written[table.name] = (this.written[table.name] ?? 0) + rows.length;
    }
    this.#buffered = 0;
  }

  async #unnest(table: TableInfo, rows: readonly BulkRow[]): Promise<void> {
    const columns = table.columns;
    const arrays = columns.map((column) => {
      const type = arrayType[table.types[column] ?? "text"];
      if (!type)
        throw new Error(`${table.name}.${column}: no array type for ${table.types[column]}`);
      return sql`${rows.map((row) => row[column] ?? null)}::${sql.raw(type)}`;
    });
    await sql`insert into ${sql.table(table.name)} (${sql.join(columns.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})`.execute(
      this.#tx,
    );
  }

  async #values(table: TableInfo, rows: readonly BulkRow[]): Promise<void> {
    const perInsert = Math.max(1, Math.floor(SQLITE_PARAMETERS / table.columns.length));
    for (let start = 0; start < rows.length; start += perInsert) {
      const chunk = rows.slice(start, start + perInsert).map((row) => {
        const values: Record<string, Value> = {};
        for (const column of table.columns) values[column] = row[column] ?? null;
        return values;
      });
      await untyped(this.#tx).insertInto(table.name).values(chunk).execute();
    }
  }
}
