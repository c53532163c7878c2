/**
 * Is another program using the journal? Every SQLite connection in WAL mode holds a shared
 * lock on the database file while it is open, so asking for an exclusive lock tells: it is
 * granted only when no other connection (in any process) has the file open. Used before
 * erase and before moving a damaged journal aside, which must not pull the file from under
 * a running `titrate serve`.
 */
import { existsSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { TitrateError } from "../core/errors.ts";

/** How long to wait for a short-lived command (a `titrate log`) to finish, ms. */
const WAIT_MS = 2_000;

function isBusy(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /locked|busy/iu.test(text);
}

/**
 * True when another connection has the database at `path` open. A file SQLite cannot read
 * at all (damaged) counts as not in use: no one can be using it.
 */
export function isJournalInUse(path: string, waitMs = WAIT_MS): boolean {
  if (!existsSync(path)) return false;
  let raw: DatabaseSync | undefined;
  try {
    raw = new DatabaseSync(path, { timeout: waitMs });
    raw.exec("pragma locking_mode = exclusive");
    raw.exec("begin exclusive");
    raw.exec("rollback");
    return false;
  } catch (error) {
    return isBusy(error);
  } finally {
    try {
      raw?.close();
    } catch {
      // Closing a connection that never opened the file properly has nothing to release.
    }
  }
}

/** STORE_IN_USE when another program has the journal open. */
export function assertJournalNotInUse(path: string, action: string, waitMs = WAIT_MS): void {
  if (isJournalInUse(path, waitMs)) {
    throw new TitrateError(
      "STORE_IN_USE",
      `another program has the journal at ${path} open (is \`titrate serve\` running?); stop it, then ${action} again. Nothing was changed`,
    );
  }
}
