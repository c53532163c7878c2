/**
 * Checks that a database file is a sound Titrate journal before it is trusted: SQLite opens
 * it, `PRAGMA integrity_check` says ok, it has Titrate's migration table, and every
 * migration it has applied is one this program knows (a journal from a newer Titrate is
 * refused, one from an older Titrate is brought up to date by the caller).
 */
import { DatabaseSync } from "node:sqlite";
import { TitrateError } from "../core/errors.ts";
import { migrations } from "./migrations/registry.ts";

export interface JournalFileFacts {
  /** Migrations the file has applied, in order. */
  readonly applied: readonly string[];
  /** Migrations this program has and the file has not (an older journal). */
  readonly pending: readonly string[];
  readonly accounts: number;
}

function unreadable(message: string): TitrateError {
  return new TitrateError("BACKUP_UNREADABLE", `file: ${message}; nothing was restored`, "file");
}

/** The problems `PRAGMA integrity_check` finds; empty when the file is sound. */
export function integrityProblems(raw: DatabaseSync): string[] {
  const rows = raw.prepare("pragma integrity_check").all() as { integrity_check: string }[];
  const lines = rows.map((r) => r.integrity_check);
  return lines.length === 1 && lines[0] === "ok" ? [] : lines;
}

/**
 * Opens `path` and checks it (see the top of this file). BACKUP_UNREADABLE for a damaged
 * file or one that is not a Titrate journal; STORE_NEWER_THAN_PROGRAM for a newer one.
 */
export function inspectJournalFile(path: string): JournalFileFacts {
  let raw: DatabaseSync;
  try {
    raw = new DatabaseSync(path);
  } catch (error) {
    throw unreadable(`the backup cannot be opened as a database (${messageOf(error)})`);
  }
  try {
    let problems: string[];
    try {
      problems = integrityProblems(raw);
    } catch (error) {
      throw unreadable(`the backup is damaged or not a database (${messageOf(error)})`);
    }
    if (problems.length > 0) {
      throw unreadable(
        `the backup is damaged (integrity check: ${problems.slice(0, 3).join("; ")})`,
      );
    }
    const hasMigrations = raw
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get();
    if (!hasMigrations) throw unreadable("this database is not a Titrate journal");
    const applied = (
      raw.prepare("select name from kysely_migration order by name").all() as { name: string }[]
    ).map((r) => r.name);
    const known = Object.keys(migrations);
    if (!applied.includes(known[0] ?? "")) {
      throw unreadable("this database is not a Titrate journal");
    }
    const unknown = applied.filter((name) => !known.includes(name));
    if (unknown.length > 0) {
      throw new TitrateError(
        "STORE_NEWER_THAN_PROGRAM",
        `file: this backup was made by a newer Titrate (it has migration ${unknown.join(", ")}, which this version does not know); update Titrate to restore it. Nothing was restored`,
        "file",
      );
    }
    const accounts = (raw.prepare("select count(*) as n from users").get() as { n: number }).n;
    return { applied, pending: known.filter((n) => !applied.includes(n)), accounts };
  } finally {
    raw.close();
  }
}

/** The foreign keys that point nowhere (`PRAGMA foreign_key_check`), as `table rowid`. */
export function brokenReferences(raw: DatabaseSync): string[] {
  const rows = raw.prepare("pragma foreign_key_check").all() as {
    table: string;
    rowid: number;
    parent: string;
  }[];
  return rows.map((r) => `${r.table} row ${r.rowid} → ${r.parent}`);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
