/**
 * Opens a journal on PostgreSQL through Kysely's Postgres dialect and `pg`, and brings its
 * schema up to date with the same migration files as SQLite.
 *
 * - One pool per store; `types` gives it Titrate's number parsing (types.ts) without touching
 *   pg's global parsers.
 * - The first connection is made here, so a wrong password, an unknown database or a server
 *   that is down is one clear STORE_UNREACHABLE (naming the URL without its password), not a
 *   failure at the first request.
 * - A pool emits `error` when an idle connection dies (the server restarted): it is reported
 *   to `onIdleError` and the pool connects again on next use; unhandled, it would end the
 *   process.
 * - Migrations take Kysely's migration lock, so two servers starting at once apply them once.
 *   No pre-migration copy is made: PostgreSQL's migrations are transactional, and its backups
 *   are pg_dump's business (docs/deploy.md).
 */
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { TitrateError } from "../../core/errors.ts";
import type { Database } from "../database.ts";
import { migrateToLatest } from "../migrate.ts";
import { collateTextByBytes } from "./byte-order.ts";
import { titrateTypes } from "./types.ts";
import { type DatabaseUrl, parseDatabaseUrl } from "./url.ts";

/** Connections per store: enough for a busy server on a small database machine. */
export const DEFAULT_POOL_SIZE = 10;
/** How long to wait for the first connection before saying the server is unreachable, ms. */
const CONNECT_TIMEOUT_MS = 10_000;

export interface OpenPostgresOptions {
  readonly databaseUrl: string;
  readonly poolSize?: number | undefined;
  /** Told when an idle connection fails (the server restarted); default: ignored. */
  readonly onIdleError?: ((error: Error) => void) | undefined;
}

export interface PostgresHandle {
  readonly db: Kysely<Database>;
  readonly url: DatabaseUrl;
}

export async function openPostgres(options: OpenPostgresOptions): Promise<PostgresHandle> {
  const url = parseDatabaseUrl(options.databaseUrl);
  const pool = new pg.Pool({
    connectionString: url.url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    types: titrateTypes,
    application_name: "titrate",
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  pool.on("error", (error) => options.onIdleError?.(error));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw unreachable(url, error);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db as Kysely<unknown>, { stamp: "postgres" });
    await collateTextByBytes(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, url };
}

/** STORE_UNREACHABLE in words a person can act on; the password is never in it. */
export function unreachable(url: DatabaseUrl, error: unknown): TitrateError {
  const code = (error as { code?: string }).code;
  const reason =
    code === "28P01" || code === "28000"
      ? "the server refused the user name or password"
      : code === "3D000"
        ? `there is no database "${url.database}" (create it first: createdb ${url.database})`
        : code === "ECONNREFUSED"
          ? "nothing is listening there (is PostgreSQL running?)"
          : code === "ENOTFOUND" || code === "EAI_AGAIN"
            ? `the host ${url.host} is not known`
            : (error instanceof Error ? error.message : String(error)).replaceAll(url.url, "…");
  return new TitrateError(
    "STORE_UNREACHABLE",
    `cannot open the journal on PostgreSQL at ${url.redacted}: ${reason}`,
    "database",
  );
}
