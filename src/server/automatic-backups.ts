/**
 * Automatic encrypted backups while the server runs (`titrate serve --backup-dir D
 * --backup-passphrase-file F`): one at start, then one every 24 hours, the newest 7 kept
 * (src/store/automatic-backups.ts). A failure never stops the server and is never silent: it
 * is logged, kept in the status, and the Today data (GET /api/v1/today) shows it to every
 * account until a backup succeeds again.
 */
import { basename } from "node:path";
import { Temporal } from "temporal-polyfill";
import { isTitrateError } from "../core/errors.ts";
import { formatInstant } from "../core/time.ts";
import { AUTOMATIC_BACKUPS_KEPT, writeAutomaticBackup } from "../store/automatic-backups.ts";
import type { ScryptCost } from "../store/backup-format.ts";
import type { Store } from "../store/store.ts";

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface AutomaticBackupSettings {
  /** The folder backups go to. It is not created: a missing drive is a failure to report. */
  readonly dir: string;
  /** Encrypts every backup (at least 10 characters). */
  readonly passphrase: string;
  /** How many to keep; default 7. */
  readonly keep?: number | undefined;
  /** Default 24 hours. */
  readonly intervalMs?: number | undefined;
}

/** What the Today data says about automatic backups. */
export interface BackupStatus {
  readonly enabled: boolean;
  readonly keep: number | null;
  readonly intervalHours: number | null;
  readonly lastAttemptAt: string | null;
  readonly lastSuccessAt: string | null;
  /** The newest backup's file name. */
  readonly lastFile: string | null;
  /** True when the last attempt failed: the journal is not being backed up. */
  readonly failing: boolean;
  /** What went wrong the last time, in words. */
  readonly error: string | null;
  readonly nextAt: string | null;
  /**
   * True when the next backup is more than an hour late (the machine slept, or the timer
   * never fired): backups are not happening, even though none failed.
   */
  readonly overdue: boolean;
}

export const BACKUPS_OFF: BackupStatus = {
  enabled: false,
  keep: null,
  intervalHours: null,
  lastAttemptAt: null,
  lastSuccessAt: null,
  lastFile: null,
  failing: false,
  error: null,
  nextAt: null,
  overdue: false,
};

export interface ScheduleOptions {
  readonly now: () => Temporal.Instant;
  readonly cost?: ScryptCost | undefined;
  /** Told about each failure (the server log). */
  readonly onFailure: (message: string) => void;
}

export class BackupSchedule {
  readonly #store: Store;
  readonly #settings: AutomaticBackupSettings;
  readonly #options: ScheduleOptions;
  #status: BackupStatus;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(store: Store, settings: AutomaticBackupSettings, options: ScheduleOptions) {
    this.#store = store;
    this.#settings = settings;
    this.#options = options;
    this.#status = {
      ...BACKUPS_OFF,
      enabled: true,
      keep: settings.keep ?? AUTOMATIC_BACKUPS_KEPT,
      intervalHours: this.#intervalMs / 3_600_000,
    };
  }

  get #intervalMs(): number {
    return this.#settings.intervalMs ?? DAY_MS;
  }

  status(): BackupStatus {
    const { nextAt } = this.#status;
    const late =
      nextAt !== null &&
      Temporal.Instant.compare(
        this.#options.now(),
        Temporal.Instant.from(nextAt).add({ hours: 1 }),
      ) > 0;
    return { ...this.#status, overdue: late };
  }

  /** Takes the first backup now, and one every interval after it. */
  start(): void {
    void this.runNow();
  }

  /** Runs a backup now (or joins the one running) and schedules the next. Never throws. */
  runNow(): Promise<void> {
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Stops the timer and waits for a backup in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  async #run(): Promise<void> {
    clearTimeout(this.#timer);
    const at = this.#options.now();
    try {
      const result = await writeAutomaticBackup(this.#store, {
        dir: this.#settings.dir,
        passphrase: this.#settings.passphrase,
        keep: this.#settings.keep,
        cost: this.#options.cost,
        now: at,
      });
      this.#status = {
        ...this.#status,
        lastAttemptAt: formatInstant(at),
        lastSuccessAt: formatInstant(at),
        lastFile: basename(result.path),
        failing: false,
        error: null,
      };
    } catch (error) {
      const message = describeFailure(error, this.#settings.dir);
      this.#status = {
        ...this.#status,
        lastAttemptAt: formatInstant(at),
        failing: true,
        error: message,
      };
      this.#options.onFailure(message);
    }
    if (this.#stopped) return;
    const next = at.add({ milliseconds: this.#intervalMs });
    this.#status = { ...this.#status, nextAt: formatInstant(next) };
    // The listening socket keeps the process alive; the timer alone must not.
    this.#timer = setTimeout(() => void this.runNow(), this.#intervalMs).unref();
  }
}

function describeFailure(error: unknown, dir: string): string {
  if (isTitrateError(error)) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return `the backup folder ${dir} does not exist (is its drive mounted?)`;
  if (code === "EACCES" || code === "EPERM") return `Titrate may not write into ${dir}`;
  if (code === "ENOSPC") return `the disk holding ${dir} is full`;
  return `the backup could not be written to ${dir} (${code ?? (error instanceof Error ? error.message : String(error))})`;
}
