/**
 * Automatic backups, as `titrate serve --backup-dir` takes them: an encrypted backup of the
 * whole journal under automaticBackupName, then the oldest automatic backups in the folder
 * removed so that the newest `keep` remain, with the newest of each of the last `keep` days
 * that have one, and the one just written. Only files that are automatic backups by name and
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
  const kept = backupsToKeep(backups, options.keep ?? AUTOMATIC_BACKUPS_KEPT);
  // The backup just written is never pruned, even when a clock set back names it older.
  kept.add(result.path);
  const removed = backups.filter((path) => !kept.has(path));
  for (const path of removed) rmSync(path, { force: true });
  if (removed.length > 0) syncDir(options.dir);
  return { ...result, removed };
}

/**
 * Which of `backups` (oldest first) to keep: the newest `keep`, and the newest of each of the
 * `keep` most recent days that have one. Without the second rule a server restarted a few
 * times in a row (each start takes a backup; a crash loop takes one a second) would push the
 * whole week out, leaving only copies of the journal as it is now — the state a backup is
 * there to undo.
 */
function backupsToKeep(backups: readonly string[], keep: number): Set<string> {
  const kept = new Set(backups.slice(Math.max(0, backups.length - keep)));
  const newestOfDay = new Map<string, string>();
  for (const path of backups) newestOfDay.set(takenAt(path).stamp.slice(0, 8), path);
  const days = [...newestOfDay.keys()].sort().slice(-keep);
  for (const day of days) kept.add(newestOfDay.get(day) as string);
  return kept;
}

function takenAt(path: string): { stamp: string; n: number } {
  const match = /(\d{8}T\d{6}Z)(?:-(\d+))?\.(?:db|tbk)$/u.exec(path);
  return { stamp: match?.[1] ?? "", n: Number(match?.[2] ?? 1) };
}

/**
 * Oldest first: by the stamp in the name, then by the `-2`, `-3` suffix of a second backup
 * within the same second (plain text order would put `…Z-2.tbk` before `…Z.tbk`).
 */
function byTimeTaken(a: string, b: string): number {
  const x = takenAt(a);
  const y = takenAt(b);
  return x.stamp.localeCompare(y.stamp) || x.n - y.n;
}
