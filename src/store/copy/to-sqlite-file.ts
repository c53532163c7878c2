/**
 * A journal file (SQLite) made from any store: a new file with the program's schema, filled
 * from one consistent read of the source and checked table by table (copy-tables.ts). This
 * is how a PostgreSQL store answers `copyTo`, so a per-account backup (POST /api/v1/backup)
 * is the same file whichever backend the server runs on.
 */
import { chmodSync, existsSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { Kysely } from "kysely";
import type { Db } from "../database.ts";
import { migrateToLatest } from "../migrate.ts";
import { NodeSqliteDialect } from "../sqlite/dialect.ts";
import { journalTables } from "./catalogue.ts";
import { copyTables } from "./copy-tables.ts";

export interface SqliteFileCopyOptions {
  /** Only this account's rows (and nothing of any other account's). */
  readonly accountId?: string | undefined;
  /** Begins the read on the source; PostgreSQL passes a repeatable-read, read-only one. */
  readonly readSnapshot: <T>(work: (source: Db) => Promise<T>) => Promise<T>;
}

/** Writes a new journal file at `target` (which must not exist) from `options.readSnapshot`. */
export async function copyToSqliteFile(
  target: string,
  options: SqliteFileCopyOptions,
): Promise<void> {
  if (existsSync(target)) throw new Error(`${target} already exists`);
  const raw = new DatabaseSync(target);
  if (process.platform !== "win32") chmodSync(target, 0o600);
  raw.exec("pragma foreign_keys = on; pragma secure_delete = on;");
  const db = new Kysely<unknown>({ dialect: new NodeSqliteDialect(raw) });
  try {
    await migrateToLatest(db, { stamp: "copy" });
    const tables = await journalTables();
    const accounts = options.accountId === undefined ? undefined : [options.accountId];
    await options.readSnapshot((source) =>
      db.transaction().execute((tx) => copyTables(source, tx, tables, { accounts })),
    );
  } finally {
    await db.destroy();
  }
}
