/**
 * For tests only: a fresh, empty store per test, on the backend the run asks for.
 *
 * - By default, SQLite in a new temporary data directory.
 * - With TITRATE_TEST_DATABASE_URL (a PostgreSQL server, and a role that may create
 *   databases), a new database with a random name, dropped when the store is closed. The
 *   databases compare text as American English (ICU), not byte by byte, so a query whose
 *   order would differ from SQLite's shows up in the tests (postgres/byte-order.ts is what
 *   makes them agree). When TITRATE_TEST_TEMPLATE names a migrated database (scripts/test.ts
 *   makes one per run), new databases are copied from it, which is faster than migrating.
 *
 * `npm test` runs the store and server tests once on SQLite and, when a server is given,
 * again on PostgreSQL (scripts/test.ts).
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { journalTables } from "./copy/catalogue.ts";
import { canonicalRow, tablePages } from "./copy/rows.ts";
import { openStore, type Store, type StoreKind } from "./store.ts";

/** The PostgreSQL server tests use, when there is one. */
export const testDatabaseUrl: string | undefined =
  process.env.TITRATE_TEST_DATABASE_URL || undefined;
/** The backend this test run's stores use. */
export const testBackend: StoreKind = testDatabaseUrl ? "postgres" : "sqlite";
/** True when PostgreSQL tests must run (CI): a missing server is then a failure, not a skip. */
export const isPostgresRequired = process.env.TITRATE_REQUIRE_PG === "1";

/**
 * Options for a test that needs PostgreSQL (node:test's `skip`): it runs when a server is
 * given, or when TITRATE_REQUIRE_PG=1 — then a missing server fails it (postgresUrl()).
 */
export const needsPostgres: { readonly skip?: string } =
  testBackend === "postgres" || isPostgresRequired
    ? {}
    : { skip: "needs PostgreSQL: set TITRATE_TEST_DATABASE_URL (README, Running on PostgreSQL)" };

/** The test server's URL; fails the test when PostgreSQL was required and none is given. */
export function postgresUrl(): string {
  if (!testDatabaseUrl) {
    throw new Error("TITRATE_REQUIRE_PG=1 but TITRATE_TEST_DATABASE_URL names no server");
  }
  return testDatabaseUrl;
}

/** Where a test journal is, to open it (again) with openStore. */
export type TestTarget = { readonly dataDir: string } | { readonly databaseUrl: string };

export interface TestDatabase {
  readonly kind: StoreKind;
  readonly target: TestTarget;
  /** Opens a store on it; the caller closes that store. */
  open(): Promise<Store>;
  /** Removes it (the folder, or DROP DATABASE); its stores must be closed first. */
  remove(): Promise<void>;
}

/** A new, empty journal location on `kind` (default: this run's backend); nothing is opened. */
export async function createTestDatabase(kind: StoreKind = testBackend): Promise<TestDatabase> {
  if (kind === "sqlite") {
    const root = mkdtempSync(join(tmpdir(), "titrate-store-"));
    const target = { dataDir: join(root, "data") };
    return {
      kind,
      target,
      open: () => openStore(target),
      remove: async () => rmSync(root, { recursive: true, force: true }),
    };
  }
  const name = await createPostgresDatabase();
  const target = { databaseUrl: databaseUrlFor(name) };
  return {
    kind,
    target,
    open: () => openStore({ ...target, poolSize: 4 }),
    remove: () => dropPostgresDatabase(name),
  };
}

/** A fresh store on this run's backend; closing it also removes it. */
export async function openTestStore(kind: StoreKind = testBackend): Promise<Store> {
  const database = await createTestDatabase(kind);
  let store: Store;
  try {
    store = await database.open();
  } catch (error) {
    await database.remove();
    throw error;
  }
  return removedOnClose(store, database);
}

function removedOnClose(store: Store, database: TestDatabase): Store {
  let closed = false;
  return Object.freeze({
    db: store.db,
    kind: store.kind,
    location: store.location,
    dataDir: store.dataDir,
    get stagingDir() {
      return store.stagingDir;
    },
    transaction: store.transaction,
    copyTo: store.copyTo,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await store.close();
      } finally {
        await database.remove();
      }
    },
  });
}

/**
 * Every row of every journal table, in key order, as text: equal before and after means the
 * journal did not change (a refused request must leave it exactly as it was).
 */
export async function dumpStore(store: Store): Promise<string> {
  const lines: string[] = [];
  for (const table of await journalTables()) {
    lines.push(`# ${table.name}`);
    for await (const page of tablePages(store.db, table)) {
      for (const row of page) lines.push(canonicalRow(table, row));
    }
  }
  return lines.join("\n");
}

// ---- PostgreSQL databases for tests --------------------------------------------------------

/**
 * Test databases are named `titrate_test_<machine>_<pid>_<random>`: scripts/test.ts drops
 * the ones this machine's crashed processes left, and never another machine's.
 */
export const TEST_DATABASE_PREFIX = `titrate_test_${createHash("sha256").update(hostname()).digest("hex").slice(0, 6)}_`;

let admin: pg.Pool | undefined;

function adminPool(): pg.Pool {
  // allowExitOnIdle: a test file's process ends when its tests do, without closing this.
  admin ??= new pg.Pool({ connectionString: postgresUrl(), max: 2, allowExitOnIdle: true });
  return admin;
}

/** The test server's URL with another database name. */
export function databaseUrlFor(name: string): string {
  const url = new URL(testDatabaseUrl ?? "postgres://localhost/postgres");
  url.pathname = `/${name}`;
  return url.href;
}

/**
 * Creates a database for one test: a copy of TITRATE_TEST_TEMPLATE when set, else (or with
 * `template` null) an empty one.
 */
export async function createPostgresDatabase(
  template: string | null = process.env.TITRATE_TEST_TEMPLATE || null,
): Promise<string> {
  const name = `${TEST_DATABASE_PREFIX}${process.pid}_${randomBytes(6).toString("hex")}`;
  const pool = adminPool();
  if (template) {
    await pool.query(`create database "${name}" template "${template}"`);
    return name;
  }
  try {
    await pool.query(
      `create database "${name}" template template0 encoding 'UTF8' locale_provider icu icu_locale 'en-US' lc_collate 'C' lc_ctype 'C'`,
    );
  } catch {
    // A server without ICU (or before PostgreSQL 15): its default collation, then.
    await pool.query(`create database "${name}" template template0 encoding 'UTF8'`);
  }
  return name;
}

export async function dropPostgresDatabase(name: string): Promise<void> {
  await adminPool().query(`drop database if exists "${name}" with (force)`);
}
