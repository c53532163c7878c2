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
 *
 * Serializable alone is correct but, under many writers, busy: reading an account's journal
 * takes predicate locks that PostgreSQL widens to whole tables, so writers of different
 * accounts refuse each other and some ran out of attempts (docs/deploy.md measured 4 % of
 * writes at 10 connections). So transactions also take one advisory lock, as SQLite's
 * BEGIN IMMEDIATE does, across every process on the database: they run one after another,
 * and serializable stays as the safety net. The lock is a session lock taken *before* BEGIN:
 * a transaction-level lock taken inside would come after the transaction's snapshot, which
 * would then miss what the previous holder committed. Reads outside a transaction (most of
 * the API's reads) do not wait for it.
 */
import { sql } from "kysely";
import { TitrateError } from "../../core/errors.ts";
import type { Db } from "../database.ts";

/** The advisory lock's key: "titra" in ASCII, so it is unlikely to meet another program's. */
export const WRITER_LOCK = 0x7469747261;

/** Attempts before giving up with STORE_BUSY. */
export const MAX_ATTEMPTS = 8;
const RETRYABLE = new Set(["40001", "40P01"]);

export function isRetryable(error: unknown): boolean {
  return RETRYABLE.has(String((error as { code?: unknown } | null)?.code));
}

let retries = 0;

/** How many times a transaction was run again in this process (for tests and benchmarks). */
export function serializationRetries(): number {
  return retries;
}

/**
 * Runs `work` in a SERIALIZABLE transaction holding the writer lock (see the top), again
 * after a serialization failure.
 */
export async function serializable<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.connection().execute(async (connection) => {
        await sql`select pg_advisory_lock(${sql.lit(WRITER_LOCK)})`.execute(connection);
        try {
          return await connection.transaction().setIsolationLevel("serializable").execute(work);
        } finally {
          // A connection that broke has lost the lock with its session; nothing to undo.
          await sql`select pg_advisory_unlock(${sql.lit(WRITER_LOCK)})`
            .execute(connection)
            .catch(() => undefined);
        }
      });
    } catch (error) {
      if (!isRetryable(error)) throw error;
      retries++;
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
