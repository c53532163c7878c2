/**
 * Where the journal lives: `--data-dir`, else TITRATE_DATA_DIR, else the platform's user data
 * directory. The directory is created owner-only (0700); the database file is made 0600.
 */
import { chmodSync, mkdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";

export const DATABASE_FILE = "titrate.db";

export interface DataDirSources {
  readonly flag?: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
  readonly home?: string;
  readonly cwd?: string;
}

/** The data directory to use, as an absolute path (not created). */
export function resolveDataDir(sources: DataDirSources): string {
  const cwd = sources.cwd ?? process.cwd();
  const chosen = sources.flag ?? sources.env.TITRATE_DATA_DIR;
  if (chosen !== undefined && chosen !== "")
    return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
  const home = sources.home ?? homedir();
  const platform = sources.platform ?? process.platform;
  if (platform === "darwin") return join(home, "Library", "Application Support", "titrate");
  if (platform === "win32") {
    const base = sources.env.LOCALAPPDATA ?? join(home, "AppData", "Local");
    return join(base, "titrate", "Data");
  }
  const xdg = sources.env.XDG_DATA_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, ".local", "share"), "titrate");
}

/** Creates the directory if needed and makes it owner-only (0700). */
export function ensureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== "win32" && (statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}
