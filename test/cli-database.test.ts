/**
 * The journal on PostgreSQL from the terminal: `--database URL` or TITRATE_DATABASE_URL for
 * every journal command and `titrate serve`, `titrate store copy`, and clear refusals where
 * a command only works on a data directory.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  createTestDatabase,
  needsPostgres,
  type TestDatabase,
  testDatabaseUrl,
} from "../src/store/test-store.ts";
import { binPath, runCli, runJson } from "./helpers/cli.ts";
import { removeTempDirs, tempDataDir } from "./helpers/data-dir.ts";

after(removeTempDirs);

describe("choosing PostgreSQL, and what is refused before anything connects", () => {
  test("--database and --data-dir together, or both variables, are refused", async () => {
    const both = await runCli([
      "journal",
      "--database",
      "postgres://localhost/titrate",
      "--data-dir",
      tempDataDir(),
    ]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /CLI_INVALID_OPTION: --database and --data-dir/u);
    const env = await runCli(["journal"], {
      env: { TITRATE_DATABASE_URL: "postgres://localhost/titrate", TITRATE_DATA_DIR: "/tmp/x" },
    });
    assert.equal(env.code, 2);
    assert.match(env.stderr, /TITRATE_DATABASE_URL and TITRATE_DATA_DIR are both set/u);
  });

  test("a flag beats the environment: --data-dir wins over TITRATE_DATABASE_URL", async () => {
    const dataDir = tempDataDir();
    const env = { TITRATE_DATABASE_URL: "postgres://titrate@127.0.0.1:1/titrate" };
    const init = await runCli(["init", "--weight", "70kg", "--tz", "UTC", "--data-dir", dataDir], {
      env,
    });
    assert.equal(init.code, 0, init.stderr);
    assert.ok(existsSync(join(dataDir, "titrate.db")), "the journal is in the data directory");
  });

  test("a URL that is not PostgreSQL's, or crosses a network without TLS, is refused", async () => {
    const mysql = await runCli(["journal", "--database", "mysql://localhost/titrate"]);
    assert.equal(mysql.code, 2);
    assert.match(mysql.stderr, /not a PostgreSQL URL/u);
    const clear = await runCli([
      "journal",
      "--database",
      "postgres://titrate:s3cret@db.example.org/titrate",
    ]);
    assert.equal(clear.code, 2);
    assert.match(clear.stderr, /sslmode=verify-full/u);
    assert.doesNotMatch(clear.stderr, /s3cret/u);
  });

  test("backup, restore and erase say to use pg_dump instead, and touch nothing", async () => {
    const url = "postgres://titrate:s3cret@127.0.0.1:1/titrate";
    for (const args of [
      ["backup", "--out", "/tmp/never.db"],
      ["restore", "/tmp/never.db"],
      ["erase", "--yes"],
    ]) {
      const result = await runCli([...args, "--database", url]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(
        result.stderr,
        /STORE_SQLITE_ONLY: `titrate \w+` works on a SQLite data directory/u,
      );
      assert.doesNotMatch(result.stderr, /s3cret/u);
    }
    const backup = await runCli(["backup", "--out", "/tmp/never.db", "--database", url]);
    assert.match(backup.stderr, /pg_dump/u);
    const serve = await runCli(
      ["serve", "--database", url, "--backup-dir", "/tmp", "--backup-passphrase-file", "-"],
      { input: "a long enough passphrase\n" },
    );
    assert.equal(serve.code, 2);
    assert.match(serve.stderr, /STORE_SQLITE_ONLY: --backup-dir: .*pg_dump/u);
  });
});

describe("the journal on PostgreSQL from the terminal", needsPostgres, () => {
  let database: TestDatabase;
  let url: string;
  before(async () => {
    database = await createTestDatabase("postgres");
    url = (database.target as { databaseUrl: string }).databaseUrl;
  });
  after(() => database?.remove());

  test("init, log and journal with --database, then with TITRATE_DATABASE_URL", async () => {
    const init = await runJson<{ user: { username: string } }>([
      "init",
      "--weight",
      "70kg",
      "--tz",
      "Europe/London",
      "--database",
      url,
    ]);
    assert.equal(init.user.username, "owner");
    await runJson([
      "log",
      "dose",
      "5mg",
      "--substance",
      "ketamine",
      "--route",
      "nasal",
      "--database",
      url,
    ]);
    const env = { TITRATE_DATABASE_URL: url, TITRATE_DATA_DIR: undefined };
    await runJson(["log", "checkin", "--mood", "6"], { env });
    const journal = await runJson<{ entries: { kind: string }[] }>(["journal"], { env });
    assert.deepEqual(journal.entries.map((e) => e.kind).sort(), ["checkin", "dose"]);
  });

  test("store copy moves a personal journal in, and the journal reads it", async () => {
    const dataDir = tempDataDir();
    const demo = await runCli(["demo", "--days", "30", "--data-dir", dataDir]);
    assert.equal(demo.code, 0, demo.stderr);
    const target = await createTestDatabase("postgres");
    try {
      const targetUrl = (target.target as { databaseUrl: string }).databaseUrl;
      const copied = await runJson<{
        accounts: { username: string }[];
        tables: { rows: number }[];
      }>(["store", "copy", "--from", dataDir, "--to", targetUrl]);
      assert.deepEqual(
        copied.accounts.map((a) => a.username),
        ["demo"],
      );
      assert.ok(copied.tables.reduce((n, t) => n + t.rows, 0) > 30);
      const again = await runCli(["store", "copy", "--from", dataDir, "--to", targetUrl]);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /STORE_COPY_CONFLICT/u);
      const journal = await runJson<{ entries: unknown[] }>(["journal", "--database", targetUrl]);
      assert.ok(journal.entries.length > 0);
    } finally {
      await target.remove();
    }
  });

  test("a wrong password or a database that is not there is STORE_UNREACHABLE, without the password", async () => {
    const wrong = new URL(url);
    wrong.password = "s3cret-but-wrong";
    wrong.username = "titrate_test";
    const refused = await runCli(["journal", "--database", wrong.href]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /STORE_UNREACHABLE: .*refused the user name or password/u);
    assert.doesNotMatch(refused.stderr, /s3cret/u);
    const missing = new URL(url);
    missing.pathname = "/titrate_no_such_database";
    const none = await runCli(["journal", "--database", missing.href]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /there is no database "titrate_no_such_database"/u);
  });

  test("titrate serve --database answers and stops cleanly", { timeout: 30_000 }, async () => {
    const child = spawn(binPath, ["serve", "--json", "--port", "0", "--database", url], {
      env: { ...process.env, TITRATE_QUIET_STALE: "1", NO_COLOR: "1" },
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        let err = "";
        const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 20_000);
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
          err += chunk;
        });
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
          out += chunk;
          // The line that says where it listens (after the framework's own log line).
          const started = out.split("\n").find((l) => l.startsWith('{"url"'));
          if (started) {
            clearTimeout(timer);
            resolve(started);
          }
        });
        child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${err}`)));
      });
      const started = JSON.parse(line) as { url: string; database: string; setupNeeded: boolean };
      assert.equal(started.database, new URL(url).href.replace(/:[^:@/]*@/u, ":***@"));
      assert.equal(started.setupNeeded, true, "init made an owner, but no passphrase yet");
      const session = await fetch(`${started.url}api/v1/session`);
      assert.equal(session.status, 200);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
      child.kill("SIGTERM");
      assert.equal(await exited, 0);
    }
  });

  test("the test database URL is the one the run was given", () => {
    assert.ok(testDatabaseUrl);
  });
});
