/**
 * `titrate store copy`: moves a personal journal (a SQLite file) into another store, usually
 * a hosted PostgreSQL database, all of it or nothing.
 *
 * 1. The journal file is copied with SQLite's backup API into a private temporary folder
 *    (consistent even while a `titrate serve` has it open; the original is never written),
 *    checked (integrity, a Titrate journal, not from a newer Titrate) and brought up to the
 *    program's schema there.
 * 2. In one transaction on the target: refuse when the target already has any of its
 *    accounts (same id or same name); copy every table in foreign-key order; then count and
 *    checksum each table on both sides (rows.ts) and refuse any difference. Only then commit.
 *    Any failure rolls the whole copy back: the target is as it was (its schema was brought
 *    up to date when it was opened, as `titrate serve` would).
 * 3. A journal keeps one owner: when the target has one, the copied owner joins as a member.
 *    The checksums are of the rows as written, that change included.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { backup, DatabaseSync } from "node:sqlite";
import { TitrateError } from "../../core/errors.ts";
import { integrityProblems, messageOf } from "../backup-verify.ts";
import { DATABASE_FILE } from "../data-dir.ts";
import { migrations } from "../migrations/registry.ts";
import { openSqlite } from "../sqlite/open.ts";
import type { Store } from "../store.ts";
import { journalTables, type TableInfo } from "./catalogue.ts";
import { type CopyTablesOptions, copyTables } from "./copy-tables.ts";
import type { Row, TableDigest } from "./rows.ts";

export interface CopyJournalOptions {
  /** A journal file, or a data directory holding titrate.db. */
  readonly from: string;
  /** For tests: runs on the target after the rows are written, before they are checked. */
  readonly beforeVerify?: CopyTablesOptions["beforeVerify"];
}

export interface CopiedAccount {
  readonly username: string;
  /** The role it has in the target. */
  readonly role: "owner" | "member";
  /** True when it was the journal's owner and the target already had one. */
  readonly joinedAsMember: boolean;
}

export interface CopyJournalResult {
  /** The journal file copied. */
  readonly from: string;
  /** The target, without its password. */
  readonly to: string;
  readonly accounts: readonly CopiedAccount[];
  /** Rows and checksum of each table, the same on both sides. */
  readonly tables: readonly TableDigest[];
}

/** Copies the journal at `options.from` into `target` (see the top of this file). */
export async function copyJournal(
  target: Store,
  options: CopyJournalOptions,
): Promise<CopyJournalResult> {
  const from = journalFileOf(options.from);
  const staging = mkdtempSync(join(tmpdir(), "titrate-copy-"));
  try {
    await snapshot(from, join(staging, DATABASE_FILE));
    const source = await openSqlite({ dataDir: staging, stamp: "copy" });
    try {
      const accounts = await source.db
        .selectFrom("users")
        .select(["id", "username", "role"])
        .orderBy("id")
        .execute();
      if (accounts.length === 0) {
        throw new TitrateError(
          "STORE_NOT_INITIALISED",
          `from: ${from} holds no account: there is nothing to copy`,
          "from",
        );
      }
      const tables = await journalTables();
      return await target.transaction(async (tx) => {
        const clashes = await tx
          .selectFrom("users")
          .select("username")
          .where((eb) =>
            eb.or([
              eb(
                "id",
                "in",
                accounts.map((a) => a.id),
              ),
              eb(
                "username",
                "in",
                accounts.map((a) => a.username),
              ),
            ]),
          )
          .orderBy("username")
          .execute();
        if (clashes.length > 0) {
          throw new TitrateError(
            "STORE_COPY_CONFLICT",
            `the target already has the account${clashes.length === 1 ? "" : "s"} ${clashes.map((c) => `"${c.username}"`).join(", ")}; nothing was copied (a journal is copied once; to add entries to an account, use \`titrate import\`)`,
            "to",
          );
        }
        const hasOwner =
          (await tx
            .selectFrom("users")
            .select("id")
            .where("role", "=", "owner")
            .executeTakeFirst()) !== undefined;
        const transform = (table: TableInfo, row: Row): Row =>
          hasOwner && table.name === "users" && row.role === "owner"
            ? { ...row, role: "member" }
            : row;
        const digests = await copyTables(source.db, tx, tables, {
          accounts: accounts.map((a) => a.id),
          transform,
          beforeVerify: options.beforeVerify,
        });
        return {
          from,
          to: target.location,
          accounts: accounts.map((a) => {
            const joinedAsMember = hasOwner && a.role === "owner";
            return {
              username: a.username,
              role: a.role === "owner" && !joinedAsMember ? "owner" : "member",
              joinedAsMember,
            } as const;
          }),
          tables: digests,
        };
      });
    } finally {
      await source.db.destroy();
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function journalFileOf(path: string): string {
  const absolute = resolve(path);
  if (!existsSync(absolute)) {
    throw new TitrateError("NOT_FOUND", `from: there is no file or folder ${absolute}`, "from");
  }
  const file = statSync(absolute).isDirectory() ? join(absolute, DATABASE_FILE) : absolute;
  if (!existsSync(file)) {
    throw new TitrateError(
      "NOT_FOUND",
      `from: there is no journal (${DATABASE_FILE}) in ${absolute}`,
      "from",
    );
  }
  return file;
}

/** A consistent copy of the journal at `from` into `to`, checked: it is a sound Titrate journal. */
async function snapshot(from: string, to: string): Promise<void> {
  const unreadable = (why: string) =>
    new TitrateError("BACKUP_UNREADABLE", `from: ${from} ${why}; nothing was copied`, "from");
  let source: DatabaseSync;
  try {
    source = new DatabaseSync(from, { timeout: 10_000 });
  } catch (error) {
    throw unreadable(`cannot be opened as a database (${messageOf(error)})`);
  }
  try {
    // The backup API copies a consistent state even while another program writes.
    await backup(source, to);
  } catch (error) {
    throw unreadable(`is damaged or not a database (${messageOf(error)})`);
  } finally {
    source.close();
  }
  const copy = new DatabaseSync(to);
  try {
    const problems = integrityProblems(copy);
    if (problems.length > 0) {
      throw unreadable(`is damaged (integrity check: ${problems.slice(0, 3).join("; ")})`);
    }
    const applied = copy
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get()
      ? (copy.prepare("select name from kysely_migration").all() as { name: string }[]).map(
          (r) => r.name,
        )
      : [];
    if (!applied.includes(Object.keys(migrations)[0] ?? "")) {
      throw unreadable("is not a Titrate journal");
    }
  } finally {
    copy.close();
  }
}
