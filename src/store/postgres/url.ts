/**
 * The PostgreSQL database a store opens, given as a URL (`postgres://user:pass@host/db`,
 * libpq's form). Checked before anything connects: the scheme, a database name, and TLS
 * for any server beyond this machine — a journal must not cross a network in clear text
 * because a URL forgot `sslmode`. The password never appears in a message: `redacted` is
 * what messages and logs show.
 */
import { TitrateError } from "../../core/errors.ts";

export interface DatabaseUrl {
  /** The URL as given, password included: for the driver only. */
  readonly url: string;
  /** The URL without its password, for messages. */
  readonly redacted: string;
  readonly host: string;
  readonly database: string;
}

const SCHEMES = new Set(["postgres:", "postgresql:"]);
const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);
/** sslmode values that encrypt; `disable` is accepted when said outright (a private network). */
const SSL_MODES = new Set([
  "disable",
  "prefer",
  "require",
  "verify-ca",
  "verify-full",
  "no-verify",
]);

/** True when `text` looks like a PostgreSQL URL (the scheme is enough to choose the backend). */
export function isDatabaseUrl(text: string): boolean {
  return /^postgres(?:ql)?:\/\//iu.test(text.trim());
}

/**
 * Parses and checks a database URL. CLI_INVALID_OPTION naming `field` when it is not a
 * PostgreSQL URL, has no database name, or reaches a server on another machine without
 * choosing a TLS mode (`?sslmode=verify-full`, or `?sslmode=disable` on purpose).
 */
export function parseDatabaseUrl(text: string, field = "database"): DatabaseUrl {
  const invalid = (why: string) =>
    new TitrateError("CLI_INVALID_OPTION", `--${field}: ${why}`, field);
  let parsed: URL;
  try {
    parsed = new URL(text.trim());
  } catch {
    throw invalid("is not a URL; write it like postgres://titrate@db.example.org/titrate");
  }
  if (!SCHEMES.has(parsed.protocol)) {
    throw invalid(
      `"${parsed.protocol}//…" is not a PostgreSQL URL; it starts with postgres:// (a SQLite journal is chosen with --data-dir)`,
    );
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//u, ""));
  if (database === "") {
    throw invalid("names no database; add it after the host, as in postgres://host/titrate");
  }
  const redactedUrl = new URL(parsed.href);
  if (redactedUrl.password !== "") redactedUrl.password = "***";
  const redacted = redactedUrl.href;
  // An empty host means a Unix socket (`?host=/run/postgresql`): this machine.
  const host = parsed.hostname;
  const socket = parsed.searchParams.get("host");
  const local = host === "" || LOOPBACK.has(host) || socket?.startsWith("/") === true;
  const sslmode = parsed.searchParams.get("sslmode");
  if (sslmode !== null && !SSL_MODES.has(sslmode)) {
    throw invalid(
      `sslmode=${sslmode} is not a TLS mode; use verify-full (or disable, on a private network)`,
    );
  }
  if (!local && sslmode === null) {
    throw invalid(
      `${redacted} is on another machine and the URL chooses no TLS mode: add ?sslmode=verify-full (with &sslrootcert=FILE for a private CA), or ?sslmode=disable if the network is private and you accept that the journal crosses it unencrypted`,
    );
  }
  return { url: text.trim(), redacted, host: host || "localhost", database };
}
