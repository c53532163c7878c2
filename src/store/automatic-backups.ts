/**
 * Automatic backups, as `titrate serve --backup-dir` takes them: an encrypted backup of the
 * whole journal under automaticBackupName, then the oldest automatic backups in the folder
 * removed so that the newest `keep` remain. Only files that are automatic backups by name and
 * by their first bytes are ever removed (isAutomaticBackupFile).
 */
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Temporal } from "temporal-polyfill";
import {
  automaticBackupName,
  type BackupResult,
  createBackup,
  isAutomaticBackupFile,
} from "./backup.ts";
import { freePath, syncDir } from "./backup-files.ts";
import type { ScryptCost } from "./backup-format.ts";
import type { Store } from "./store.ts";

/** How many automatic backups a folder keeps: a week of daily ones. */
export const AUTOMATIC_BACKUPS_KEPT = 7;

export interface AutomaticBackupOptions {
  /** The folder; it must exist (a missing drive is a failure to report, not a folder to make). */
  readonly dir: string;
  readonly passphrase: string;
  readonly now: Temporal.Instant;
  readonly keep?: number | undefined;
  readonly cost?: ScryptCost | undefined;
}

export interface AutomaticBackupResult extends BackupResult {
  /** Older automatic backups removed to keep `keep`. */
  readonly removed: readonly string[];
}

/** Writes one encrypted automatic backup into `dir` and prunes the oldest. */
export async function writeAutomaticBackup(
  store: Store,
  options: AutomaticBackupOptions,
): Promise<AutomaticBackupResult> {
  const name = automaticBackupName(options.now, true);
  const out = freePath(options.dir, name.slice(0, -".tbk".length), ".tbk");
  const result = await createBackup(store, {
    out,
    passphrase: options.passphrase,
    cost: options.cost,
  });
  const backups = readdirSync(options.dir)
    .map((file) => join(options.dir, file))
    .filter(isAutomaticBackupFile)
    .sort(byTimeTaken);
  const removed = backups.slice(
    0,
    Math.max(0, backups.length - (options.keep ?? AUTOMATIC_BACKUPS_KEPT)),
  );
  for (const path of removed) rmSync(path, { force: true });
  if (removed.length > 0) syncDir(options.dir);
  return { ...result, removed };
}

/**
 * Oldest first: by the stamp in the name, then by the `-2`, `-3` suffix of a second backup
 * within the same second (plain text order would put `…Z-2.tbk` before `…Z.tbk`).
 */
function byTimeTaken(a: string, b: string): number {
  const key = (path: string) => {
    const match = /(\d{8}T\d{6}Z)(?:-(\d+))?\.(?:db|tbk)$/u.exec(path);
    return { stamp: match?.[1] ?? "", n: Number(match?.[2] ?? 1) };
  };
  const x = key(a);
  const y = key(b);
  return x.stamp.localeCompare(y.stamp) || x.n - y.n;
}
