/**
 * Brings a database to the program's schema: refuses a database newer than the program,
 * copies the file aside before any migration runs (keeping the last 3 copies), then applies
 * the pending migrations in one transaction.
 */
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type Kysely, sql } from "kysely";
import { type Migration, Migrator } from "kysely/migration";
import { TitrateError } from "../core/errors.ts";
import { migrations } from "./migrations/registry.ts";

export const PRE_MIGRATION_PREFIX = "pre-migration-";
const KEEP_PRE_MIGRATION_COPIES = 3;

export interface MigrateOptions {
  /** Where pre-migration copies go; none are made when absent (e.g. PostgreSQL, :memory:). */
  readonly backupDir?: string | undefined;
  /** Makes a consistent copy of the database at `path` (SQLite: VACUUM INTO). */
  readonly copyTo?: ((path: string) => Promise<void>) | undefined;
  /** Used to name the copies; the store passes the real time, tests a fixed one. */
  readonly stamp: string;
  /** The migrations to apply; the program's own list unless a test passes another. */
  readonly migrations?: Readonly<Record<string, Migration>>;
}

export interface MigrateResult {
  readonly applied: readonly string[];
  readonly copy: string | null;
}

/** Names of the migrations this database has applied (empty for a new database). */
export async function appliedMigrations(db: Kysely<unknown>): Promise<string[]> {
  // One query, not an introspection of every table: this runs at every start-up. A new
  // database has no migration table yet, which is the one error expected here.
  try {
    const result = await sql<{
      name: string;
    }>`select name from kysely_migration order by name`.execute(db);
    return result.rows.map((r) => r.name);
  } catch (error) {
    if (/kysely_migration/u.test(String((error as Error).message))) return [];
    throw error;
  }
}

export async function migrateToLatest(
  db: Kysely<unknown>,
  options: MigrateOptions,
): Promise<MigrateResult> {
  const all = options.migrations ?? migrations;
  const known = Object.keys(all);
  const applied = await appliedMigrations(db);
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new TitrateError(
      "STORE_NEWER_THAN_PROGRAM",
      `this journal was written by a newer Titrate (it has migration ${unknown.join(", ")}, which this version does not know); update Titrate, or restore a backup made by this version`,
    );
  }
  const pending = known.filter((name) => !applied.includes(name));
  if (pending.length === 0) return { applied: [], copy: null };

  let copy: string | null = null;
  if (applied.length > 0 && options.backupDir && options.copyTo) {
    copy = join(options.backupDir, `${PRE_MIGRATION_PREFIX}${options.stamp}-${applied.at(-1)}.db`);
    await options.copyTo(copy);
    pruneCopies(options.backupDir);
  }

  const migrator = new Migrator({ db, provider: { getMigrations: async () => all } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new TitrateError(
      "STORE_MIGRATION_FAILED",
      `migration ${failed} failed and nothing was changed${copy ? `; a copy of the journal from before is at ${copy}` : ""}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { applied: (results ?? []).map((r) => r.migrationName), copy };
}

function pruneCopies(dir: string): void {
  const copies = readdirSync(dir)
    .filter((name) => name.startsWith(PRE_MIGRATION_PREFIX))
    .sort();
  for (const old of copies.slice(0, Math.max(0, copies.length - KEEP_PRE_MIGRATION_COPIES))) {
    rmSync(join(dir, old), { force: true });
  }
}
