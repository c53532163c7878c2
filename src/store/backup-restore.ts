/**
 * `titrate restore`: brings a backup back into a data directory, empty or not, without ever
 * losing the journal that was there.
 *
 * 1. The file is read and, when encrypted, decrypted: a wrong passphrase or any changed byte
 *    is refused here (BACKUP_UNREADABLE), before anything is written.
 * 2. It is written to a private staging folder in the data directory and checked there: it
 *    opens, `PRAGMA integrity_check` is ok, it is a Titrate journal, its migrations are known
 *    (a newer one is refused); an older one is migrated, and checked again.
 * 3. The current journal is kept aside in `<data dir>/backups/pre-restore-<stamp>.db`:
 *    - when it is sound, as a consistent copy (backup API), checked; then the restored
 *      journal is written over it with the backup API, in one SQLite transaction, so a
 *      program that has it open sees either the old journal or the new one, never a mix,
 *      and its -wal and -shm stay SQLite's business;
 *    - when it is damaged (the reason to restore, often), its files (the database, -wal,
 *      -shm) are copied byte for byte into `pre-restore-<stamp>/` first, then, once no
 *      program has it open, replaced by the restored file;
 *    - when there is none, the restored file is moved in (with any stray -wal or -shm left
 *      without a database moved aside first, so they cannot be replayed into it).
 * 4. The result is checked once more; should that fail, the kept journal is put back.
 */
import {
  chmodSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdtempSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { backup, DatabaseSync } from "node:sqlite";
import type { Temporal } from "temporal-polyfill";
import { TitrateError } from "../core/errors.ts";
import { ensureBackupsDir } from "./backup.ts";
import { ensurePrivateDir, fileStamp, freePath, syncDir } from "./backup-files.ts";
import { backupKind, decryptBackup } from "./backup-format.ts";
import { assertJournalNotInUse } from "./backup-lock.ts";
import {
  brokenReferences,
  inspectJournalFile,
  integrityProblems,
  messageOf,
} from "./backup-verify.ts";
import { DATABASE_FILE, ensureDataDir } from "./data-dir.ts";
import { storeErrorOf } from "./sqlite/errors.ts";
import { openSqlite } from "./sqlite/open.ts";

/** Staging folders in the data directory start with this; erase removes leftovers. */
export const RESTORE_STAGING_PREFIX = ".restore-";
/** Copies of the journal a restore replaced: `pre-restore-<stamp>.db` or a folder of that name. */
export const PRE_RESTORE_PREFIX = "pre-restore-";

/** The files SQLite keeps beside a database. */
export const SIDE_FILES = ["-wal", "-shm", "-journal"] as const;

export interface RestoreOptions {
  readonly dataDir: string;
  /** The backup file's bytes. */
  readonly bytes: Uint8Array;
  /** Needed for an encrypted backup. */
  readonly passphrase?: string | null | undefined;
  readonly now: Temporal.Instant;
}

export interface RestoreResult {
  readonly dataDir: string;
  readonly path: string;
  readonly encrypted: boolean;
  /** Where the journal that was there is kept; null when there was none. */
  readonly previous: string | null;
  /** Whether the previous journal was sound (copied) or damaged (its files moved). */
  readonly previousState: "none" | "copied" | "moved";
  /** Migrations applied to bring an older backup up to date. */
  readonly migrated: readonly string[];
  readonly accounts: number;
}

/** Decrypts (if needed) and checks a backup; nothing is written. */
export function readBackup(
  bytes: Uint8Array,
  passphrase: string | null | undefined,
): { plain: Buffer; encrypted: boolean } {
  const kind = backupKind(bytes);
  if (kind === "encrypted") {
    if (passphrase === null || passphrase === undefined) {
      throw new TitrateError(
        "CLI_MISSING_OPTION",
        "passphrase-file: this backup is encrypted; give its passphrase with --passphrase-file FILE",
        "passphrase-file",
      );
    }
    return { plain: decryptBackup(bytes, passphrase), encrypted: true };
  }
  if (kind === "sqlite") return { plain: Buffer.from(bytes), encrypted: false };
  throw new TitrateError(
    "BACKUP_UNREADABLE",
    "file: this is not a Titrate backup (neither an encrypted backup nor a SQLite database); an export is brought back with `titrate import`",
    "file",
  );
}

/** Restores a backup into `dataDir` (see the top of this file). */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const { plain, encrypted } = readBackup(options.bytes, options.passphrase);
  const createdDir = !existsSync(options.dataDir);
  let staging: string;
  try {
    ensureDataDir(options.dataDir);
    staging = mkdtempSync(join(options.dataDir, RESTORE_STAGING_PREFIX));
  } catch (error) {
    // A read-only data directory or a full disk: in words, before anything was changed.
    throw storeErrorOf(error, `the data directory ${options.dataDir}`);
  }
  let succeeded = false;
  try {
    const stagedPath = join(staging, DATABASE_FILE);
    try {
      writeFileSync(stagedPath, plain, { mode: 0o600, flag: "wx" });
    } catch (error) {
      throw storeErrorOf(error, `the data directory ${options.dataDir}`);
    }
    const facts = inspectJournalFile(stagedPath);
    const stamp = fileStamp(options.now);
    await bringUpToDate(staging, stamp);
    const result = await putInPlace(options.dataDir, stagedPath, stamp);
    succeeded = true;
    return { ...result, encrypted, migrated: facts.pending, accounts: facts.accounts };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    if (!succeeded && createdDir) {
      try {
        rmdirSync(options.dataDir);
      } catch {
        // Not empty: something else is there now; leave it.
      }
    }
  }
}

/** Migrates the staged journal (an older backup) and checks it again. */
async function bringUpToDate(staging: string, stamp: string): Promise<void> {
  const handle = await openSqlite({ dataDir: staging, stamp });
  try {
    const problems = [...integrityProblems(handle.raw), ...brokenReferences(handle.raw)];
    if (problems.length > 0) {
      throw new TitrateError(
        "BACKUP_UNREADABLE",
        `file: the backup is damaged (${problems.slice(0, 3).join("; ")}); nothing was restored`,
        "file",
      );
    }
    // A self-contained file: everything in the database, no -wal beside it.
    handle.raw.exec("pragma wal_checkpoint(truncate)");
  } finally {
    await handle.db.destroy();
  }
}

type Placed = Pick<RestoreResult, "dataDir" | "path" | "previous" | "previousState">;

async function putInPlace(dataDir: string, staged: string, stamp: string): Promise<Placed> {
  const target = join(dataDir, DATABASE_FILE);
  if (!existsSync(target)) {
    const strays = SIDE_FILES.filter((s) => existsSync(`${target}${s}`));
    const previous = strays.length > 0 ? moveAside(dataDir, target, stamp) : null;
    linkSync(staged, target); // fails rather than replace a journal that appeared meanwhile
    if (process.platform !== "win32") chmodSync(target, 0o600);
    syncDir(dataDir);
    await checkPlaced(target, () => rmSync(target, { force: true }));
    return { dataDir, path: target, previous, previousState: previous ? "moved" : "none" };
  }

  if (isSound(target)) {
    const keep = freePath(ensureBackupsDir(dataDir), `${PRE_RESTORE_PREFIX}${stamp}`, ".db");
    const current = new DatabaseSync(target, { timeout: 10_000 });
    try {
      await backup(current, keep);
    } finally {
      current.close();
    }
    if (process.platform !== "win32") chmodSync(keep, 0o600);
    const kept = new DatabaseSync(keep);
    try {
      kept.exec("pragma journal_mode = delete");
      const problems = integrityProblems(kept);
      if (problems.length > 0) {
        throw new TitrateError(
          "STORE_DAMAGED",
          `the copy of the current journal failed its check (${problems.slice(0, 3).join("; ")}); nothing was restored`,
        );
      }
    } finally {
      kept.close();
    }
    await copyInto(staged, target);
    await checkPlaced(target, () => copyInto(keep, target));
    return { dataDir, path: target, previous: keep, previousState: "copied" };
  }

  // A damaged journal: keep its files exactly as they are. They are copied byte for byte
  // before anything else opens them: SQLite, closing the last connection to a file it cannot
  // read, deletes the -wal beside it, and that -wal may hold the latest entries.
  const previous = copyAside(dataDir, target, stamp);
  try {
    assertJournalNotInUse(target, "restore");
  } catch (error) {
    rmSync(previous, { recursive: true, force: true });
    throw error;
  }
  for (const suffix of ["", ...SIDE_FILES]) rmSync(`${target}${suffix}`, { force: true });
  linkSync(staged, target);
  if (process.platform !== "win32") chmodSync(target, 0o600);
  syncDir(dataDir);
  await checkPlaced(target, () => {
    rmSync(target, { force: true });
    for (const suffix of ["", ...SIDE_FILES]) {
      const from = join(previous, `${DATABASE_FILE}${suffix}`);
      if (existsSync(from)) copyFileSync(from, `${target}${suffix}`);
    }
  });
  return { dataDir, path: target, previous, previousState: "moved" };
}

/** True when the journal at `path` opens and passes SQLite's quick check. */
function isSound(path: string): boolean {
  let raw: DatabaseSync | undefined;
  try {
    // Read-only: a connection that can write would delete the -wal of a file it cannot read.
    raw = new DatabaseSync(path, { timeout: 10_000, readOnly: true });
    const rows = raw.prepare("pragma quick_check").all() as { quick_check: string }[];
    return rows.length === 1 && rows[0]?.quick_check === "ok";
  } catch {
    return false;
  } finally {
    try {
      raw?.close();
    } catch {
      // nothing to release
    }
  }
}

/** Writes the journal at `from` over the one at `to`, in one transaction (backup API). */
async function copyInto(from: string, to: string): Promise<void> {
  const source = new DatabaseSync(from, { readOnly: false });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await backup(source, to);
        return;
      } catch (error) {
        // Another program is writing: wait for it, as SQLite's busy timeout would.
        if (attempt >= 40 || !/locked|busy/iu.test(messageOf(error))) {
          throw new TitrateError(
            /locked|busy/iu.test(messageOf(error)) ? "STORE_BUSY" : "STORE_DAMAGED",
            `the journal could not be replaced (${messageOf(error)}); it is unchanged`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    source.close();
  }
}

/** Checks the journal now in place; on failure puts the previous one back (`undo`) and refuses. */
async function checkPlaced(path: string, undo: () => Promise<void> | void): Promise<void> {
  let problem: string | null = null;
  try {
    inspectJournalFile(path);
  } catch (error) {
    problem = messageOf(error);
  }
  if (problem === null) return;
  let undoProblem: string | null = null;
  try {
    await undo();
  } catch (error) {
    undoProblem = messageOf(error);
  }
  throw new TitrateError(
    "STORE_DAMAGED",
    `the restored journal failed its check once in place (${problem}); ${
      undoProblem === null
        ? "the previous journal was put back"
        : `putting the previous journal back failed too (${undoProblem}); it is kept in the backups folder`
    }`,
  );
}

/** Copies the database and its side files, byte for byte, into `backups/pre-restore-<stamp>/`. */
function copyAside(dataDir: string, target: string, stamp: string): string {
  const folder = freePath(ensureBackupsDir(dataDir), `${PRE_RESTORE_PREFIX}${stamp}`, "");
  ensurePrivateDir(folder);
  for (const suffix of ["", ...SIDE_FILES]) {
    const from = `${target}${suffix}`;
    if (existsSync(from)) {
      const to = join(folder, `${DATABASE_FILE}${suffix}`);
      copyFileSync(from, to);
      if (process.platform !== "win32") chmodSync(to, 0o600);
    }
  }
  syncDir(folder);
  return folder;
}

/** Moves the database and its side files into `backups/pre-restore-<stamp>/`; returns the folder. */
function moveAside(dataDir: string, target: string, stamp: string): string {
  const folder = freePath(ensureBackupsDir(dataDir), `${PRE_RESTORE_PREFIX}${stamp}`, "");
  ensurePrivateDir(folder);
  for (const suffix of ["", ...SIDE_FILES]) {
    const from = `${target}${suffix}`;
    if (existsSync(from)) renameSync(from, join(folder, `${DATABASE_FILE}${suffix}`));
  }
  syncDir(folder);
  syncDir(dataDir);
  return folder;
}
