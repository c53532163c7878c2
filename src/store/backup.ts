/**
 * `titrate backup`: a consistent copy of the whole journal (every account), taken with
 * SQLite's backup API while the database may be in use, checked, and written to a file
 * owner-only, in full or not at all. With a passphrase it is encrypted (backup-format.ts:
 * AES-256-GCM, key from scrypt); without one it is a plain SQLite file that any SQLite tool
 * opens (rollback-journal mode, so it also opens on read-only media).
 *
 * Automatic backups (the server's `--backup-dir`) are named so that `titrate erase` can find
 * them: `titrate-auto-backup-<UTC stamp>.db` (plain) or `….tbk` (encrypted). See
 * automaticBackupName and isAutomaticBackupName.
 */
import {
  closeSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
} from "node:fs";
import { basename, join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { Temporal } from "temporal-polyfill";
import { TitrateError } from "../core/errors.ts";
import { ensurePrivateDir, fileStamp, writePrivateFile } from "./backup-files.ts";
import {
  backupKind,
  DEFAULT_SCRYPT_COST,
  encryptBackup,
  type ScryptCost,
} from "./backup-format.ts";
import { integrityProblems } from "./backup-verify.ts";
import type { Store } from "./store.ts";

export interface BackupOptions {
  /** Where to write the backup. */
  readonly out: string;
  /** Encrypts the backup when given (not empty). */
  readonly passphrase?: string | null | undefined;
  /** scrypt cost; the default unless a test passes a cheap one. */
  readonly cost?: ScryptCost | undefined;
  /** Replace an existing file at `out` (atomically); otherwise FILE_EXISTS. */
  readonly overwrite?: boolean | undefined;
  /**
   * Keep only this account in the backup (its journal, profile and sign-in): what the API
   * gives one account, which must never receive another's data. Default: every account.
   */
  readonly accountId?: string | undefined;
}

export interface BackupResult {
  readonly path: string;
  readonly bytes: number;
  readonly encrypted: boolean;
  /** Accounts in the backup. */
  readonly accounts: number;
}

/** Staging folders in the data directory start with this; erase removes leftovers. */
export const BACKUP_STAGING_PREFIX = ".backup-";

/** Writes a checked, consistent copy of the journal to `options.out`. */
export async function createBackup(store: Store, options: BackupOptions): Promise<BackupResult> {
  const staging = mkdtempSync(join(store.stagingDir, BACKUP_STAGING_PREFIX));
  try {
    const copy = join(staging, "titrate.db");
    await store.copyTo(copy, { accountId: options.accountId });
    if (options.accountId !== undefined) keepOnlyAccount(copy, options.accountId);
    const accounts = checkCopy(copy);
    const plain = readFileSync(copy);
    const encrypted = options.passphrase !== undefined && options.passphrase !== null;
    const data = encrypted
      ? encryptBackup(plain, options.passphrase as string, options.cost ?? DEFAULT_SCRYPT_COST)
      : plain;
    writePrivateFile(options.out, data, { overwrite: options.overwrite ?? false, field: "out" });
    return { path: options.out, bytes: data.length, encrypted, accounts };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Deletes every other account from the copy (the foreign keys cascade to all they own), then
 * rebuilds the file so nothing of theirs is left in its free pages. NOT_FOUND when the copy
 * does not hold the account.
 */
function keepOnlyAccount(path: string, accountId: string): void {
  const raw = new DatabaseSync(path);
  try {
    raw.exec("pragma foreign_keys = on; pragma secure_delete = on;");
    const found = raw.prepare("select count(*) as n from users where id = ?").get(accountId) as {
      n: number;
    };
    if (found.n !== 1) throw new TitrateError("NOT_FOUND", "this account no longer exists");
    raw.prepare("delete from users where id <> ?").run(accountId);
    raw.exec("vacuum");
  } finally {
    raw.close();
  }
}

/**
 * Makes the copy self-contained (no -wal beside it) and checks it: a backup that would not
 * restore is worse than none. Returns the number of accounts in it.
 */
function checkCopy(path: string): number {
  const raw = new DatabaseSync(path);
  try {
    raw.exec("pragma journal_mode = delete");
    const problems = integrityProblems(raw);
    if (problems.length > 0) {
      throw new TitrateError(
        "STORE_DAMAGED",
        `the journal failed its integrity check (${problems.slice(0, 3).join("; ")}); no backup was written. Keep the data directory as it is, and restore an earlier backup`,
      );
    }
    return (raw.prepare("select count(*) as n from users").get() as { n: number }).n;
  } finally {
    raw.close();
  }
}

const AUTOMATIC_PREFIX = "titrate-auto-backup-";
const AUTOMATIC_NAME = /^titrate-auto-backup-\d{8}T\d{6}Z(?:-\d+)?\.(?:db|tbk)$/u;

/** The file name of an automatic backup taken at `now`: `titrate-auto-backup-20260322T091000Z.db`. */
export function automaticBackupName(now: Temporal.Instant, encrypted: boolean): string {
  return `${AUTOMATIC_PREFIX}${fileStamp(now)}.${encrypted ? "tbk" : "db"}`;
}

/** True for a name automaticBackupName gives (erase also checks the file's first bytes). */
export function isAutomaticBackupName(name: string): boolean {
  return AUTOMATIC_NAME.test(name);
}

/**
 * True for a file Titrate wrote as an automatic backup: its name (automaticBackupName) *and*
 * its first bytes (a SQLite database or an encrypted backup), so a file someone else put in
 * the folder is never taken for one and removed.
 */
export function isAutomaticBackupFile(path: string): boolean {
  if (!isAutomaticBackupName(basename(path))) return false;
  try {
    if (!lstatSync(path).isFile()) return false;
    const head = Buffer.alloc(32);
    const fd = openSync(path, "r");
    try {
      const read = readSync(fd, head, 0, head.length, 0);
      return backupKind(head.subarray(0, read)) !== "unknown";
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** The folder for backups Titrate makes itself inside a data directory. */
export function backupsDir(dataDir: string): string {
  return join(dataDir, "backups");
}

/** Creates the data directory's backups folder, owner-only. */
export function ensureBackupsDir(dataDir: string): string {
  const dir = backupsDir(dataDir);
  ensurePrivateDir(dir);
  return dir;
}
