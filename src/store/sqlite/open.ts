/**
 * Opens the journal's SQLite file with the settings durability and privacy need, and
 * brings its schema up to date.
 */
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { Kysely } from "kysely";
import { DATABASE_FILE, ensureDataDir } from "../data-dir.ts";
import type { Database } from "../database.ts";
import { migrateToLatest } from "../migrate.ts";
import { NodeSqliteDialect } from "./dialect.ts";
import { storeErrorOf } from "./errors.ts";

/** How long a writer waits for another process's transaction before giving up, ms. */
export const BUSY_TIMEOUT_MS = 10_000;

export interface OpenSqliteOptions {
  /** The data directory; the file is `titrate.db` inside it. */
  readonly dataDir: string;
  /** Stamp for naming pre-migration copies (the caller passes the clock's reading). */
  readonly stamp: string;
}

export interface SqliteHandle {
  readonly db: Kysely<Database>;
  readonly raw: DatabaseSync;
  readonly path: string;
}

/** The PRAGMAs of every connection: durable WAL writes, enforced keys, no deleted data left behind. */
export function configure(raw: DatabaseSync): void {
  raw.exec(`
    pragma journal_mode = wal;
    pragma synchronous = full;
    pragma foreign_keys = on;
    pragma secure_delete = on;
  `);
}

export async function openSqlite(options: OpenSqliteOptions): Promise<SqliteHandle> {
  const path = join(options.dataDir, DATABASE_FILE);
  let raw: DatabaseSync | undefined;
  try {
    ensureDataDir(options.dataDir);
    raw = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS });
    if (process.platform !== "win32") chmodSync(path, 0o600);
    configure(raw);
  } catch (error) {
    if (raw?.isOpen) raw.close();
    // A read-only folder or file, a full disk, a journal held by another program: in words.
    throw storeErrorOf(error, `the journal at ${path}`);
  }
  const db = new Kysely<Database>({ dialect: new NodeSqliteDialect(raw) });
  try {
    const backupDir = join(options.dataDir, "backups");
    await migrateToLatest(db as Kysely<unknown>, {
      stamp: options.stamp,
      backupDir,
      copyTo: async (target) => {
        if (!existsSync(backupDir)) mkdirSync(backupDir, { recursive: true, mode: 0o700 });
        raw.prepare("vacuum into ?").run(target);
        if (process.platform !== "win32") chmodSync(target, 0o600);
      },
    });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, raw, path };
}
