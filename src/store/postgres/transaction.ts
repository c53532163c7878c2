/**
 * Transactions on PostgreSQL behave as they do on SQLite: as if they ran one after another.
 *
 * SQLite runs one writer at a time (BEGIN IMMEDIATE), and the journal code relies on it:
 * "is this label free? then add the batch", "is there an owner? then create one". Under
 * PostgreSQL's default READ COMMITTED two such transactions could both pass the check.
 * SERIALIZABLE makes PostgreSQL refuse one of them instead (SQLSTATE 40001), and the whole
 * transaction is then run again, on the data the other one committed — where the check now
 * fails properly. A deadlock (40P01) is retried the same way. `work` must therefore do
 * nothing but database work (it may run more than once); every caller in src/store does.
 */
import { TitrateError } from "../../core/errors.ts";
import type { Db } from "../database.ts";

/** Attempts before giving up with STORE_BUSY. */
export const MAX_ATTEMPTS = 8;
const RETRYABLE = new Set(["40001", "40P01"]);

export function isRetryable(error: unknown): boolean {
  return RETRYABLE.has(String((error as { code?: unknown } | null)?.code));
}

/** Runs `work` in a SERIALIZABLE transaction, again after a serialization failure. */
export async function serializable<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().setIsolationLevel("serializable").execute(work);
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (attempt >= MAX_ATTEMPTS) {
        throw new TitrateError(
          "STORE_BUSY",
          `the journal was changed by other requests ${attempt} times while this one ran; nothing was written, try again`,
        );
      }
      // A short random pause, growing with each attempt, so the rivals do not meet again.
      const ms = Math.random() * 5 * 2 ** attempt;
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
  }
}
