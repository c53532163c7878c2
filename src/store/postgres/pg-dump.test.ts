/**
 * The backup docs/deploy.md prescribes, tested: pg_dump of a journal, pg_restore into an
 * empty database, and the restored journal is the same row for row, opens without a
 * migration, and takes new entries.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { after, describe, test } from "node:test";
import { sql } from "kysely";
import pg from "pg";
import { journalTables } from "../copy/catalogue.ts";
import { digestTable } from "../copy/rows.ts";
import { migrations } from "../migrations/registry.ts";
import { insertEvent, notes } from "../repos/events.ts";
import { openStore, type Store } from "../store.ts";
import { FULL_JOURNAL_NOW, writeFullJournal } from "../test-full-journal.ts";
import {
  createPostgresDatabase,
  databaseUrlFor,
  dropPostgresDatabase,
  dumpStore,
  needsPostgres,
} from "../test-store.ts";

/** PostgreSQL's client programs: on PATH, else Debian's newest /usr/lib/postgresql/N/bin. */
function pgProgram(name: string): string {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, "bin", name)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined) throw new Error(`${name} not found: install PostgreSQL's client`);
  return join(root, versions[0], "bin", name);
}

describe("pg_dump and pg_restore bring a journal back whole", needsPostgres, () => {
  const databases: string[] = [];
  const folder = mkdtempSync(join(tmpdir(), "titrate-pgdump-"));
  after(async () => {
    for (const name of databases) await dropPostgresDatabase(name);
    rmSync(folder, { recursive: true, force: true });
  });

  test("dump, restore into an empty database, compare every table, and keep writing", async () => {
    const original = await createPostgresDatabase();
    databases.push(original);
    let store: Store = await openStore({ databaseUrl: databaseUrlFor(original), poolSize: 2 });
    let before: string;
    let digests: unknown[];
    let ownerId: string;
    try {
      ownerId = (await writeFullJournal(store)).ownerId;
      before = await dumpStore(store);
      digests = await Promise.all((await journalTables()).map((t) => digestTable(store.db, t)));
    } finally {
      await store.close();
    }

    const file = join(folder, "titrate.dump");
    execFileSync(
      pgProgram("pg_dump"),
      ["--format=custom", "--no-owner", `--file=${file}`, `--dbname=${databaseUrlFor(original)}`],
      { stdio: ["ignore", "ignore", "pipe"], timeout: 60_000 },
    );
    assert.ok(statSync(file).size > 1000);

    const restored = await createPostgresDatabase(null);
    databases.push(restored);
    execFileSync(
      pgProgram("pg_restore"),
      [
        "--no-owner",
        "--exit-on-error",
        "--single-transaction",
        `--dbname=${databaseUrlFor(restored)}`,
        file,
      ],
      { stdio: ["ignore", "ignore", "pipe"], timeout: 60_000 },
    );

    // Before Titrate opens it: the restored database already has every migration.
    const restoredMigrations = new pg.Client({
      connectionString: databaseUrlFor(restored),
    });
    await restoredMigrations.connect();
    try {
      const { rows } = await restoredMigrations.query<{ name: string }>(
        "select name from kysely_migration order by name",
      );
      assert.deepEqual(
        rows.map((r) => r.name),
        Object.keys(migrations),
      );
    } finally {
      await restoredMigrations.end();
    }

    store = await openStore({ databaseUrl: databaseUrlFor(restored), poolSize: 2 });
    try {
      assert.equal(await dumpStore(store), before);
      assert.deepEqual(
        await Promise.all((await journalTables()).map((t) => digestTable(store.db, t))),
        digests,
      );
      const { rows } = await sql<{ collation: string }>`
        select distinct coll.collname as collation
        from pg_attribute a
        join pg_class c on c.oid = a.attrelid
        join pg_namespace n on n.oid = c.relnamespace
        join pg_collation coll on coll.oid = a.attcollation
        where n.nspname = current_schema() and c.relkind = 'r' and a.attnum > 0
          and c.relname not like 'kysely\\_%'`.execute(store.db);
      assert.deepEqual(rows, [{ collation: "C" }], "text still compares by bytes");
      await insertEvent(
        store.db,
        notes,
        ownerId,
        { id: "not_afterrestore", at: "2026-03-22T12:30:00Z", timeZone: "UTC", text: "still here" },
        { source: "manual", fingerprint: null, createdAt: FULL_JOURNAL_NOW.toString() },
      );
    } finally {
      await store.close();
    }
  });
});
