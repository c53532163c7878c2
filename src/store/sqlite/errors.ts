/**
 * SQLite's and the file system's failures that are not bugs, said in words with a stable code:
 * another program held the journal past the busy timeout (STORE_BUSY), or its file or folder
 * cannot be written — read-only, or a full disk (STORE_NOT_WRITABLE). Anything else is passed
 * on unchanged (a bug: INTERNAL).
 */
import { TitrateError } from "../../core/errors.ts";

// SQLite's primary result codes (https://sqlite.org/rescode.html); extended codes keep them
// in their low byte.
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_READONLY = 8;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;

const NOT_WRITABLE_ERRNO = new Set(["EACCES", "EPERM", "EROFS"]);
const FULL_ERRNO = new Set(["ENOSPC", "EDQUOT"]);

/** The TitrateError `error` stands for, or `error` itself when it is unexpected. */
export function storeErrorOf(error: unknown, where = "the journal"): unknown {
  if (error instanceof TitrateError || typeof error !== "object" || error === null) return error;
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  const primary = code === "ERR_SQLITE_ERROR" && typeof errcode === "number" ? errcode & 0xff : 0;
  if (primary === SQLITE_BUSY || primary === SQLITE_LOCKED) {
    return new TitrateError(
      "STORE_BUSY",
      `another program kept ${where} busy for too long (a long import, a restore or a backup?); nothing was written: try again`,
    );
  }
  if (primary === SQLITE_FULL || (typeof code === "string" && FULL_ERRNO.has(code))) {
    return new TitrateError(
      "STORE_NOT_WRITABLE",
      `the disk holding ${where} is full; nothing was written: free some space and try again`,
    );
  }
  if (
    primary === SQLITE_READONLY ||
    primary === SQLITE_CANTOPEN ||
    (typeof code === "string" && NOT_WRITABLE_ERRNO.has(code))
  ) {
    return new TitrateError(
      "STORE_NOT_WRITABLE",
      `${where} cannot be written (its file or folder is read-only, or belongs to another user); nothing was written: check the permissions of the data directory and its files`,
    );
  }
  return error;
}
