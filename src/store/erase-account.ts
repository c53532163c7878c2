/**
 * Erasing one account on a journal that may hold several (a household's server): the account
 * and everything it owns, in one transaction. Every table's `user_id` references the account
 * with ON DELETE CASCADE, so deleting the account's row deletes the rest; SQLite's
 * secure_delete zeroes the freed space, and a WAL checkpoint afterwards keeps the old pages
 * from lingering in the -wal file (on PostgreSQL, vacuum reclaims them: docs/deploy.md).
 * `eraseJournal` (erase.ts) is the whole data directory.
 *
 * Copies made before the erase are not touched here: backups (automatic ones included), the
 * copies taken before a migration or a restore, and files the person downloaded.
 */
import { sql } from "kysely";
import { TitrateError } from "../core/errors.ts";
import { journalTables } from "./copy/catalogue.ts";
import type { Db } from "./database.ts";
import { releaseDeletedRows, type Store } from "./store.ts";

export interface AccountErased {
  readonly username: string;
  /** Rows removed per table (tables with none are left out), the account's own row included. */
  readonly removed: Readonly<Record<string, number>>;
  /** When the owner was erased and other accounts remain: the account that became the owner. */
  readonly newOwner: string | null;
}

/**
 * Deletes the account `userId` and everything it owns. When it was the owner and other
 * accounts remain, the longest-standing one becomes the owner (a journal keeps one: the CLI
 * and imports act as it by default). NOT_FOUND when there is no such account.
 */
export async function eraseAccount(store: Store, userId: string): Promise<AccountErased> {
  const tables = await tablesWithUserId();
  const result = await store.transaction(async (tx) => {
    const user = await tx
      .selectFrom("users")
      .select(["username", "role"])
      .where("id", "=", userId)
      .executeTakeFirst();
    if (!user) throw new TitrateError("NOT_FOUND", "this account no longer exists");
    const removed: Record<string, number> = {};
    for (const table of tables) {
      const { n } = await untyped(tx)
        .selectFrom(table)
        .select(sql<number>`count(*)`.as("n"))
        .where("user_id", "=", userId)
        .executeTakeFirstOrThrow();
      if (Number(n) > 0) removed[table] = Number(n);
    }
    await tx.deleteFrom("users").where("id", "=", userId).execute();
    removed.users = 1;
    let newOwner: string | null = null;
    if (user.role === "owner") {
      const next = await tx
        .selectFrom("users")
        .select(["id", "username"])
        .orderBy("created_at")
        .orderBy("id")
        .executeTakeFirst();
      if (next) {
        await tx.updateTable("users").set({ role: "owner" }).where("id", "=", next.id).execute();
        newOwner = next.username;
      }
    }
    return { username: user.username, removed, newOwner };
  });
  await releaseDeletedRows(store);
  return result;
}

// Kysely cannot type a query over a table chosen at run time; the names come from the schema.
// biome-ignore lint/suspicious/noExplicitAny: see above.
const untyped = (db: Db): any => db;

/** Every table with a `user_id` column: all that an account owns. */
async function tablesWithUserId(): Promise<string[]> {
  // From the schema the migrations make, not the database's catalogue: on PostgreSQL that
  // would also list tables of other schemas in the same database.
  const tables = await journalTables();
  return tables
    .filter((t) => t.accountColumn === "user_id")
    .map((t) => t.name)
    .sort();
}
