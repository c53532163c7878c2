/**
 * `npm test`: every test on SQLite; then, when TITRATE_TEST_DATABASE_URL names a PostgreSQL
 * server (a role that may create databases), the store and server tests once more on it —
 * every test file that opens its stores through src/store/test-store.ts or its server through
 * src/server/test-server.ts.
 *
 * Without a server the PostgreSQL pass is skipped with a line that says so, unless
 * TITRATE_REQUIRE_PG=1 (CI): then a missing or unreachable server fails the run.
 * `bash scripts/with-postgres.sh npm test` runs both passes on a throwaway cluster.
 *
 * `npm test -- --postgres` runs only the PostgreSQL pass, `npm test -- --sqlite` only the first.
 *
 * The PostgreSQL pass migrates one template database first and every test copies it
 * (CREATE DATABASE … TEMPLATE), which is quicker than migrating each; the template, and any
 * database a crashed test process left behind, is dropped at the end.
 */
import { spawnSync } from "node:child_process";
import { globSync, readFileSync } from "node:fs";
import pg from "pg";

const root = new URL("..", import.meta.url).pathname;
const ALL = [
  "src/**/*.test.ts",
  "test/**/*.test.ts",
  "scripts/**/*.test.ts",
  "e2e/**/*.test.ts",
  "bench/**/*.test.ts",
];
/** A file runs again on PostgreSQL when it opens stores or servers through these helpers. */
const USES_TEST_STORE = /(?:test-store|test-server)\.ts["']/u;
const POSTGRES_VARIABLES = [
  "TITRATE_TEST_DATABASE_URL",
  "TITRATE_REQUIRE_PG",
  "TITRATE_TEST_TEMPLATE",
];

const url = process.env.TITRATE_TEST_DATABASE_URL || undefined;
const required = process.env.TITRATE_REQUIRE_PG === "1";

function runTests(files: readonly string[], env: NodeJS.ProcessEnv): number {
  const result = spawnSync(
    process.execPath,
    ["--test", "--test-reporter=spec", "--test-concurrency=2", ...files],
    { cwd: root, env, stdio: "inherit" },
  );
  return result.status ?? 1;
}

function say(line: string): void {
  console.log(`\n▶ ${line}\n`);
}

const only = process.argv.includes("--postgres")
  ? "postgres"
  : process.argv.includes("--sqlite")
    ? "sqlite"
    : undefined;

let sqliteStatus = 0;
if (only !== "postgres") {
  const sqliteEnv = { ...process.env };
  for (const name of POSTGRES_VARIABLES) delete sqliteEnv[name];
  say("the whole suite, on SQLite");
  sqliteStatus = runTests(ALL, sqliteEnv);
}
const postgresStatus = only === "sqlite" ? 0 : await postgresPass();
process.exitCode = sqliteStatus !== 0 || postgresStatus !== 0 ? 1 : 0;

async function postgresPass(): Promise<number> {
  if (!url) {
    if (required) {
      say("FAILED: TITRATE_REQUIRE_PG=1, but TITRATE_TEST_DATABASE_URL names no PostgreSQL server");
      return 1;
    }
    say("PostgreSQL pass skipped: set TITRATE_TEST_DATABASE_URL (README, Running on PostgreSQL)");
    return 0;
  }
  const redacted = url.replace(/:[^:@/]*@/u, ":***@");
  const admin = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 10_000 });
  try {
    try {
      await admin.query("select 1");
    } catch (error) {
      say(
        `${required ? "FAILED" : "PostgreSQL pass skipped"}: cannot reach ${redacted} (${(error as Error).message})`,
      );
      return required ? 1 : 0;
    }
    const { createPostgresDatabase, databaseUrlFor } = await import("../src/store/test-store.ts");
    const { openStore } = await import("../src/store/store.ts");
    const template = await createPostgresDatabase(null);
    try {
      const store = await openStore({ databaseUrl: databaseUrlFor(template), poolSize: 1 });
      await store.close();
      const files = globSync(["src/**/*.test.ts", "test/**/*.test.ts"], { cwd: root })
        .filter((file) =>
          USES_TEST_STORE.test(readFileSync(new URL(file, `file://${root}`), "utf8")),
        )
        .sort();
      say(`the store and server tests again, on PostgreSQL at ${redacted} (${files.length} files)`);
      return runTests(files, { ...process.env, TITRATE_TEST_TEMPLATE: template });
    } finally {
      await admin.query(`drop database if exists "${template}" with (force)`);
      await dropLeftovers(admin);
    }
  } finally {
    await admin.end();
  }
}

/** Drops test databases whose process is gone (a test file that crashed before cleaning up). */
async function dropLeftovers(admin: pg.Pool): Promise<void> {
  const { TEST_DATABASE_PREFIX } = await import("../src/store/test-store.ts");
  const { rows } = await admin.query<{ datname: string }>("select datname from pg_database");
  for (const { datname } of rows) {
    if (!datname.startsWith(TEST_DATABASE_PREFIX)) continue;
    const pid = Number(/^(\d+)_/u.exec(datname.slice(TEST_DATABASE_PREFIX.length))?.[1]);
    if (!Number.isInteger(pid) || isRunning(pid)) continue;
    await admin.query(`drop database if exists "${datname}" with (force)`);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
