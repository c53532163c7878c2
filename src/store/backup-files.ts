/**
 * Files that hold a person's data outside the database (exports, backups): written owner-only
 * (0600, folders 0700), in full or not at all (a temporary file beside the target, flushed to
 * disk, then renamed into place), and never over an existing file unless asked.
 */
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Temporal } from "temporal-polyfill";
import { TitrateError } from "../core/errors.ts";
import { formatInstant } from "../core/time.ts";

const isPosix = process.platform !== "win32";

/** A compact UTC stamp for file names: `20260322T091000Z`. */
export function fileStamp(now: Temporal.Instant): string {
  return formatInstant(now).replace(/[-:]/gu, "");
}

/** Creates `dir` (and its parents) owner-only if it does not exist. */
export function ensurePrivateDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (isPosix) chmodSync(dir, 0o700);
}

/** Flushes a directory entry (a rename or a new file) to disk; a no-op where unsupported. */
export function syncDir(dir: string): void {
  if (!isPosix) return;
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Some file systems cannot fsync a directory; the data itself was already flushed.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface WriteOptions {
  /** Replace an existing file (atomically); otherwise FILE_EXISTS. */
  readonly overwrite?: boolean;
  /** The option named in FILE_EXISTS, e.g. `out`. */
  readonly field?: string;
}

/**
 * Writes `data` to `path`, owner-only, all or nothing: a temporary file in the same folder is
 * written and flushed, then renamed (overwrite) or hard-linked (no overwrite, so a file that
 * appeared meanwhile is never replaced) into place.
 */
export function writePrivateFile(
  path: string,
  data: string | Uint8Array,
  options: WriteOptions = {},
): void {
  const field = options.field ?? "out";
  if (!options.overwrite && existsSync(path)) throw fileExists(path, field);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const fd = openSync(temp, "wx", 0o600);
  try {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    if (options.overwrite) {
      renameSync(temp, path);
    } else {
      try {
        linkSync(temp, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") throw fileExists(path, field);
        throw error;
      }
    }
  } finally {
    rmSync(temp, { force: true });
  }
  syncDir(dirname(path));
}

function fileExists(path: string, field: string): TitrateError {
  return new TitrateError(
    "FILE_EXISTS",
    `${field}: ${path} already exists; choose another name, or pass --force to replace it`,
    field,
  );
}

/** A path in `dir` named `base` + `ext` that does not exist yet (`base-2.ext`, … on a clash). */
export function freePath(dir: string, base: string, ext: string): string {
  for (let n = 1; ; n++) {
    const path = join(dir, `${base}${n === 1 ? "" : `-${n}`}${ext}`);
    if (!existsSync(path)) return path;
  }
}

/** Reads a file the person named; FILE_UNREADABLE naming `field` when it cannot. */
export function readInputFile(path: string, field = "file"): Buffer {
  try {
    if (statSync(path).isDirectory()) {
      throw new TitrateError("FILE_UNREADABLE", `${field}: ${path} is a folder, not a file`, field);
    }
    return readFileSync(path);
  } catch (error) {
    if (error instanceof TitrateError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "does not exist"
        : code === "EACCES" || code === "EPERM"
          ? "cannot be read (permission denied)"
          : `cannot be read (${code ?? String(error)})`;
    throw new TitrateError("FILE_UNREADABLE", `${field}: ${path} ${why}`, field);
  }
}

/**
 * A passphrase from a file (`-` reads standard input, given by the caller): its text without
 * one trailing line break. VALIDATION_FAILED when it is empty.
 */
export function passphraseFromText(text: string, field = "passphrase-file"): string {
  const passphrase = text.replace(/\r?\n$/u, "");
  if (passphrase.length === 0) {
    throw new TitrateError("VALIDATION_FAILED", `${field}: the passphrase file is empty`, field);
  }
  return passphrase;
}
