/**
 * `titrate erase`: removes every trace of the journal from a data directory, and the
 * automatic backups Titrate made, and says what it removed.
 *
 * In the data directory: the database (`titrate.db`) and SQLite's -wal, -shm and -journal
 * files beside it; in its `backups/` folder the copies taken before a migration
 * (`pre-migration-*`), the journals a restore replaced (`pre-restore-*`) and automatic
 * backups; leftover staging folders of an interrupted backup or restore (`.backup-*`,
 * `.restore-*`); then the `backups/` folder and the data directory themselves when they are
 * empty. In each `--backup-dir`: automatic backups only, known by their name
 * (`titrate-auto-backup-<stamp>.db|.tbk`) *and* their first bytes (a SQLite database or a
 * Titrate encrypted backup), so a file Titrate did not write is never touched. Exports and
 * backups the person wrote elsewhere with `--out` are theirs to delete.
 *
 * Files are removed, not overwritten: SQLite's secure_delete has already zeroed deleted
 * entries inside the file. A journal another program has open is not erased (STORE_IN_USE).
 */
import { existsSync, lstatSync, readdirSync, rmdirSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { BACKUP_STAGING_PREFIX, backupsDir, isAutomaticBackupFile } from "./backup.ts";
import { syncDir } from "./backup-files.ts";
import { assertJournalNotInUse } from "./backup-lock.ts";
import { PRE_RESTORE_PREFIX, RESTORE_STAGING_PREFIX, SIDE_FILES } from "./backup-restore.ts";
import { DATABASE_FILE } from "./data-dir.ts";
import { PRE_MIGRATION_PREFIX } from "./migrate.ts";

export interface EraseOptions {
  readonly dataDir: string;
  /** Folders where automatic backups were written (the server's --backup-dir). */
  readonly backupDirs?: readonly string[] | undefined;
  /** How long to wait for another program to let go of the journal, ms (default 2 s). */
  readonly waitMs?: number | undefined;
}

export interface RemovedPath {
  readonly path: string;
  readonly kind:
    | "database"
    | "database-side-file"
    | "pre-migration-copy"
    | "pre-restore-copy"
    | "automatic-backup"
    | "staging"
    | "folder";
  /** Bytes removed (a folder's contents summed). */
  readonly bytes: number;
}

export interface EraseResult {
  readonly dataDir: string;
  readonly removed: readonly RemovedPath[];
  /** Files left because Titrate did not make them. */
  readonly kept: readonly string[];
}

/** Erases the journal in `options.dataDir` (see the top of this file). */
export function eraseJournal(options: EraseOptions): EraseResult {
  const { dataDir } = options;
  const removed: RemovedPath[] = [];
  const kept: string[] = [];
  const remove = (path: string, kind: RemovedPath["kind"]) => {
    const bytes = sizeOf(path);
    rmSync(path, { recursive: true, force: true });
    removed.push({ path, kind, bytes });
  };

  const database = join(dataDir, DATABASE_FILE);
  if (existsSync(database)) {
    assertJournalNotInUse(database, "erase", options.waitMs);
    remove(database, "database");
  }
  for (const suffix of SIDE_FILES) {
    if (existsSync(`${database}${suffix}`)) remove(`${database}${suffix}`, "database-side-file");
  }

  for (const name of listDir(dataDir)) {
    if (isStagingLeftover(join(dataDir, name))) remove(join(dataDir, name), "staging");
  }

  const ownBackups = backupsDir(dataDir);
  for (const name of listDir(ownBackups)) {
    const path = join(ownBackups, name);
    if (name.startsWith(PRE_MIGRATION_PREFIX)) remove(path, "pre-migration-copy");
    else if (name.startsWith(PRE_RESTORE_PREFIX)) remove(path, "pre-restore-copy");
    else if (isAutomaticBackupFile(path)) remove(path, "automatic-backup");
    else kept.push(path);
  }
  removeIfEmpty(ownBackups, removed);

  for (const dir of options.backupDirs ?? []) {
    for (const name of listDir(dir)) {
      const path = join(dir, name);
      if (isAutomaticBackupFile(path)) remove(path, "automatic-backup");
    }
  }

  for (const name of listDir(dataDir)) kept.push(join(dataDir, name));
  removeIfEmpty(dataDir, removed);
  if (existsSync(dataDir)) syncDir(dataDir);
  return { dataDir, removed, kept };
}

/**
 * True for a folder an interrupted backup or restore left: its name is what mkdtemp made of
 * `.backup-` or `.restore-` (six random characters), and it holds nothing but a journal's
 * files (`titrate.db` and its side files, and the `backups/pre-migration-*` copy a restore's
 * migration makes). A person's own `.backup-photos` in a folder named as the data directory
 * by mistake is not one.
 */
function isStagingLeftover(path: string): boolean {
  const name = basename(path);
  const prefix = [BACKUP_STAGING_PREFIX, RESTORE_STAGING_PREFIX].find((p) => name.startsWith(p));
  if (prefix === undefined || !/^[A-Za-z0-9]{6}$/u.test(name.slice(prefix.length))) return false;
  const onlyJournalFiles = (dir: string, depth: number): boolean => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (depth > 0 || entry.name !== "backups") return false;
        if (!onlyJournalFiles(join(dir, entry.name), depth + 1)) return false;
      } else if (
        !entry.isFile() ||
        !(entry.name.startsWith(DATABASE_FILE) || entry.name.startsWith(PRE_MIGRATION_PREFIX))
      ) {
        return false;
      }
    }
    return true;
  };
  try {
    return lstatSync(path).isDirectory() && onlyJournalFiles(path, 0);
  } catch {
    return false;
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function sizeOf(path: string): number {
  try {
    const stat = lstatSync(path);
    if (!stat.isDirectory()) return stat.size;
    return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
  } catch {
    return 0;
  }
}

function removeIfEmpty(dir: string, removed: RemovedPath[]): void {
  if (!existsSync(dir) || readdirSync(dir).length > 0) return;
  rmdirSync(dir);
  removed.push({ path: dir, kind: "folder", bytes: 0 });
}
