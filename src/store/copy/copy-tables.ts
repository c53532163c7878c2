/**
 * Copies the journal's rows from one database to another, table by table in foreign-key
 * order, then checks each table's row count and digest on both sides (rows.ts). The caller
 * runs it inside a transaction on the target, so a failure anywhere (a row the target
 * refuses, a digest that differs) writes nothing.
 */
import { TitrateError } from "../../core/errors.ts";
import { countText } from "../../core/safety/format.ts";
import { isRetryable } from "../postgres/transaction.ts";
import type { TableInfo } from "./catalogue.ts";
import {
  type AnyDb,
  digestTable,
  type Row,
  type TableDigest,
  TableDigester,
  tablePages,
} from "./rows.ts";

/** Bound parameters per INSERT: far below SQLite's 32 766 and PostgreSQL's 65 535. */
const PARAMETERS_PER_INSERT = 8_000;

export interface CopyTablesOptions {
  /** Only these accounts' rows; every row when absent. */
  readonly accounts?: readonly string[] | undefined;
  /** Changes a row on its way (the same change is applied before the source's digest). */
  readonly transform?: ((table: TableInfo, row: Row) => Row) | undefined;
  /** For tests: runs after the rows are written and before they are checked. */
  readonly beforeVerify?: ((target: AnyDb) => Promise<void>) | undefined;
}

/** Rows per table and their digest, as verified on both sides. */
export type CopyReport = readonly TableDigest[];

/**
 * Copies `tables` from `source` into `target` and verifies them. STORE_COPY_MISMATCH when a
 * table's count or digest differs after the copy.
 */
export async function copyTables(
  source: AnyDb,
  target: AnyDb,
  tables: readonly TableInfo[],
  options: CopyTablesOptions = {},
): Promise<CopyReport> {
  const transform = options.transform ?? ((_table: TableInfo, row: Row) => row);
  // The source's digest is taken of the rows as they are written, while they are copied.
  const expected: TableDigest[] = [];
  for (const table of tables) {
    const digester = new TableDigester(table);
    for await (const page of tablePages(source, table, options.accounts)) {
      const rows = page.map((row) => transform(table, row));
      for (const row of rows) digester.add(row);
      try {
        await insertRows(target, table, rows);
      } catch (error) {
        // A serialization failure is the transaction's to retry; anything else is a row the
        // target will not hold (SQLite kept text in an integer column, a dangling reference).
        if (isRetryable(error)) throw error;
        throw new TitrateError(
          "STORE_COPY_MISMATCH",
          `${table.name}: the target refused a row (${error instanceof Error ? error.message : String(error)}); nothing was copied`,
        );
      }
    }
    expected.push(digester.result());
  }
  await options.beforeVerify?.(target);
  for (const [i, table] of tables.entries()) {
    const want = expected[i] as TableDigest;
    const got = await digestTable(target, table, options.accounts);
    if (got.rows !== want.rows || got.sha256 !== want.sha256) {
      throw new TitrateError(
        "STORE_COPY_MISMATCH",
        `${table.name}: the copy does not match the original (${countText(want.rows, "row")} with checksum ${want.sha256.slice(0, 12)}…, the copy has ${countText(got.rows, "row")} with checksum ${got.sha256.slice(0, 12)}…); nothing was copied`,
      );
    }
  }
  return expected;
}

async function insertRows(db: AnyDb, table: TableInfo, rows: readonly Row[]): Promise<void> {
  const perInsert = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / table.columns.length));
  for (let start = 0; start < rows.length; start += perInsert) {
    const chunk = rows.slice(start, start + perInsert).map((row) => {
      const values: Record<string, unknown> = {};
      for (const column of table.columns) values[column] = row[column] ?? null;
      return values;
    });
    await db.insertInto(table.name).values(chunk).execute();
  }
}
