/**
 * The store: one journal database behind Kysely, opened for the CLI or the server — a SQLite
 * file in a data directory (the default, for one person), or a PostgreSQL database (a practice
 * or a study). Routes, commands and core do not know which backend they run on: both give
 * the same rows (numbers as numbers, booleans as 0/1, text ordered by bytes), the same
 * all-or-nothing transactions, and the same journal file from `copyTo`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { backup } from "node:sqlite";
import { sql } from "kysely";
import { Temporal } from "temporal-polyfill";
import type { Db } from "./database.ts";
import { openSqlite } from "./sqlite/open.ts";

export type StoreKind = "sqlite" | "postgres";

export interface Store {
  readonly db: Db;
  readonly kind: StoreKind;
  /** Where the journal is, for messages: the data directory, or the URL without its password. */
  readonly location: string;
  /** SQLite: the data directory holding titrate.db (and backups/). PostgreSQL: null. */
  readonly dataDir: string | null;
  /**
   * A private (0700) folder for files on their way out (a backup being checked): the data
   * directory on SQLite; on PostgreSQL a temporary folder, made when first asked for and
   * removed at close.
   */
  readonly stagingDir: string;
  /** Runs `work` in one transaction: all of it is written, or nothing is. */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Writes a consistent copy of the journal to `target` as a SQLite journal file, safe while
   * the store is in use. With `accountId`, PostgreSQL copies only that account (SQLite
   * copies everything; the caller removes the rest).
   */
  copyTo(target: string, options?: { readonly accountId?: string | undefined }): Promise<void>;
  close(): Promise<void>;
}

export type OpenStoreOptions =
  | { readonly dataDir: string; readonly databaseUrl?: undefined }
  | {
      readonly databaseUrl: string;
      readonly dataDir?: undefined;
      /** Connections in the pool (default 10). */
      readonly poolSize?: number | undefined;
    };

/**
 * Opens (creating if needed) the journal — in `dataDir`, or the PostgreSQL database at
 * `databaseUrl` — and brings it up to date.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.databaseUrl !== undefined) return openPostgresStore(options);
  return openSqliteStore(options.dataDir);
}

async function openSqliteStore(dataDir: string): Promise<Store> {
  const stamp = Temporal.Now.instant().toString({ smallestUnit: "second" }).replace(/[-:]/gu, "");
  const handle = await openSqlite({ dataDir, stamp });
  let closed = false;
  return {
    db: handle.db,
    kind: "sqlite",
    location: dataDir,
    dataDir,
    stagingDir: dataDir,
    transaction: (work) => handle.db.transaction().execute(work),
    copyTo: async (target) => {
      await backup(handle.raw, target);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await handle.db.destroy();
    },
  };
}

async function openPostgresStore(options: {
  readonly databaseUrl: string;
  readonly poolSize?: number | undefined;
}): Promise<Store> {
  // Loaded only here: a personal journal's commands start without pg and the copy code.
  const [{ openPostgres }, { serializable }, { copyToSqliteFile }] = await Promise.all([
    import("./postgres/open.ts"),
    import("./postgres/transaction.ts"),
    import("./copy/to-sqlite-file.ts"),
  ]);
  const { db, url } = await openPostgres(options);
  let staging: string | undefined;
  let closed = false;
  return {
    db,
    kind: "postgres",
    location: url.redacted,
    dataDir: null,
    get stagingDir() {
      staging ??= mkdtempSync(join(tmpdir(), "titrate-staging-"));
      return staging;
    },
    transaction: (work) => serializable(db, work),
    copyTo: (target, copyOptions) =>
      copyToSqliteFile(target, {
        accountId: copyOptions?.accountId,
        // One snapshot for every table: what was committed when the copy began.
        readSnapshot: (work) =>
          db
            .transaction()
            .setIsolationLevel("repeatable read")
            .setAccessMode("read only")
            .execute(work),
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      if (staging) rmSync(staging, { recursive: true, force: true });
      await db.destroy();
    },
  };
}

/**
 * After rows were deleted for privacy (an account erased): pushes them out of the places the
 * backend keeps them beyond the table. SQLite: a WAL checkpoint, so the old pages leave the
 * -wal file (secure_delete has zeroed them in the database). PostgreSQL keeps dead rows until
 * vacuum reuses their space; autovacuum does it (docs/deploy.md), nothing is forced here.
 */
export async function releaseDeletedRows(store: Store): Promise<void> {
  // Best effort: a reader holding an old snapshot can keep the checkpoint from truncating.
  if (store.kind === "sqlite") await sql`pragma wal_checkpoint(truncate)`.execute(store.db);
}

/** The path of the journal file in a data directory. */
export function databasePath(dataDir: string): string {
  return join(dataDir, "titrate.db");
}
