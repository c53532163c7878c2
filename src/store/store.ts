/**
 * The store: one journal database behind Kysely, opened for the CLI or the server.
 * Routes, commands and core do not know which backend they run on.
 */
import { join } from "node:path";
import { backup } from "node:sqlite";
import { Temporal } from "temporal-polyfill";
import type { Db } from "./database.ts";
import { openSqlite } from "./sqlite/open.ts";

export interface Store {
  readonly db: Db;
  readonly kind: "sqlite";
  /** The data directory holding titrate.db (and backups/). */
  readonly dataDir: string;
  readonly path: string;
  /** Runs `work` in one transaction: all of it is written, or nothing is. */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  /** A consistent copy of the database at `target`, safe while it is in use. */
  copyTo(target: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  readonly dataDir: string;
}

/** Opens (creating if needed) the journal in `dataDir` and brings it up to date. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const stamp = Temporal.Now.instant().toString({ smallestUnit: "second" }).replace(/[-:]/gu, "");
  const handle = await openSqlite({ dataDir: options.dataDir, stamp });
  let closed = false;
  return {
    db: handle.db,
    kind: "sqlite",
    dataDir: options.dataDir,
    path: handle.path,
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

/** The path of the journal file in a data directory. */
export function databasePath(dataDir: string): string {
  return join(dataDir, "titrate.db");
}
