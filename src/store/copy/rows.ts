/**
 * Reading a table page by page in primary-key order, and the checksum of its rows: the same
 * code on SQLite and PostgreSQL, so equal digests mean equal rows.
 *
 * Order: text keys compare by bytes on both backends (SQLite's BINARY; COLLATE "C" on
 * PostgreSQL, postgres/byte-order.ts), integers by value. Each page starts after the last
 * key of the one before (keyset paging), so a table is never held in memory whole. The
 * order is checked as the rows arrive: a backend that sorted differently would fail loudly
 * here rather than produce a digest that differs for no visible reason.
 *
 * Canonical form of a row: a JSON array of its values in column-name order. Numbers are
 * JSON numbers (the shortest text that reads back as the same double); text is a JSON
 * string; null is null. Anything else is tagged with its type so that it can never equal
 * a number or a string: `{"$int":"…"}` for a bigint, `{"$bool":true}`, `{"$bytes":"base64"}`,
 * `{"$float":"NaN"}`, `{"$other":"…"}`. A table's digest is the SHA-256 of its rows' forms,
 * one per line, in key order.
 */
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { TableInfo } from "./catalogue.ts";

/** Rows per page; small enough for any row width, large enough to keep round trips few. */
export const PAGE_ROWS = 500;

// biome-ignore lint/suspicious/noExplicitAny: tables are chosen at run time from the catalogue.
export type AnyDb = Kysely<any>;
export type Row = Readonly<Record<string, unknown>>;

export interface TableDigest {
  readonly table: string;
  readonly rows: number;
  /** Lowercase hex SHA-256 of the canonical rows. */
  readonly sha256: string;
}

/**
 * The rows of `table`, a page at a time, in primary-key order; with `accounts`, only those
 * accounts' rows.
 */
export async function* tablePages(
  db: AnyDb,
  table: TableInfo,
  accounts?: readonly string[],
): AsyncGenerator<readonly Row[]> {
  if (accounts !== undefined && accounts.length === 0) return;
  let after: readonly unknown[] | undefined;
  for (;;) {
    let query = db.selectFrom(table.name).select([...table.columns]);
    if (accounts !== undefined) query = query.where(table.accountColumn, "in", [...accounts]);
    if (after !== undefined) {
      const last = after;
      query = query.where(({ eb, refTuple, tuple }) =>
        table.primaryKey.length === 1
          ? eb(table.primaryKey[0] as string, ">", last[0])
          : // biome-ignore lint/suspicious/noExplicitAny: a key of one or two columns.
            eb((refTuple as any)(...table.primaryKey), ">", (tuple as any)(...last)),
      );
    }
    for (const column of table.primaryKey) query = query.orderBy(column);
    const rows: Row[] = await query.limit(PAGE_ROWS).execute();
    if (rows.length === 0) return;
    for (const row of rows) {
      const key = table.primaryKey.map((c) => row[c]);
      if (after !== undefined && compareKeys(after, key) >= 0) {
        throw new Error(
          `${table.name}: rows came back out of key order (${JSON.stringify(after)} before ${JSON.stringify(key)})`,
        );
      }
      after = key;
    }
    yield rows;
    if (rows.length < PAGE_ROWS) return;
  }
}

/** Builds a table's digest row by row, in key order. */
export class TableDigester {
  readonly #table: TableInfo;
  readonly #hash = createHash("sha256");
  #rows = 0;

  constructor(table: TableInfo) {
    this.#table = table;
  }

  add(row: Row): void {
    this.#hash.update(`${canonicalRow(this.#table, row)}\n`);
    this.#rows++;
  }

  result(): TableDigest {
    return { table: this.#table.name, rows: this.#rows, sha256: this.#hash.digest("hex") };
  }
}

/** The number of rows of `table` (of `accounts`, when given) and their digest. */
export async function digestTable(
  db: AnyDb,
  table: TableInfo,
  accounts?: readonly string[],
): Promise<TableDigest> {
  const digester = new TableDigester(table);
  for await (const page of tablePages(db, table, accounts)) {
    for (const row of page) digester.add(row);
  }
  return digester.result();
}

/** One row in canonical form (see the top of this file). */
export function canonicalRow(table: TableInfo, row: Row): string {
  const columns = [...table.columns].sort();
  return JSON.stringify(columns.map((c) => canonicalValue(row[c])));
}

function canonicalValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number") {
    return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : { $float: String(value) };
  }
  if (typeof value === "bigint") return { $int: value.toString() };
  if (typeof value === "boolean") return { $bool: value };
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString("base64") };
  return { $other: String(value) };
}

/** Compares two keys as both backends order them: text by UTF-8 bytes, numbers by value. */
export function compareKeys(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const order = compareValues(a[i], b[i]);
    if (order !== 0) return order;
  }
  return 0;
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") {
    return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
  }
  // Keys of different types (SQLite would let a text into an integer key): order by type
  // name, as a key never mixes them in a sound journal.
  return String(typeof a).localeCompare(String(typeof b));
}
