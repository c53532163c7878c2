import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, describe, test } from "node:test";
import { Kysely, sql } from "kysely";
import { TitrateError } from "../../core/errors.ts";
import { appliedMigrations } from "../migrate.ts";
import { migrations } from "../migrations/registry.ts";
import { NodeSqliteDialect } from "./dialect.ts";
import { openSqlite } from "./open.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "titrate-open-"));
  dirs.push(dir);
  return join(dir, "data");
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("openSqlite", () => {
  test("creates an owner-only directory and file, in WAL mode with durable settings", async () => {
    const dataDir = tempDir();
    const { db, raw, path } = await openSqlite({ dataDir, stamp: "20260101T000000Z" });
    try {
      assert.equal(statSync(dataDir).mode & 0o777, 0o700);
      assert.equal(statSync(path).mode & 0o777, 0o600);
      const pragma = (name: string) => Object.values(raw.prepare(`pragma ${name}`).get() ?? {})[0];
      assert.equal(pragma("journal_mode"), "wal");
      assert.equal(pragma("synchronous"), 2, "FULL");
      assert.equal(pragma("foreign_keys"), 1);
      assert.equal(pragma("secure_delete"), 1);
      assert.deepEqual(await appliedMigrations(db as never), Object.keys(migrations));
    } finally {
      await db.destroy();
    }
  });

  test("a second open applies nothing and makes no copy", async () => {
    const dataDir = tempDir();
    (await openSqlite({ dataDir, stamp: "a" })).db.destroy();
    const again = await openSqlite({ dataDir, stamp: "b" });
    await again.db.destroy();
    assert.deepEqual(
      readdirSync(dataDir).filter((f) => f === "backups"),
      [],
    );
  });

  test("refuses a journal written by a newer Titrate, and leaves it as it was", async () => {
    const dataDir = tempDir();
    const first = await openSqlite({ dataDir, stamp: "a" });
    await sql`insert into kysely_migration (name, timestamp) values ('9999-future', '2030-01-01')`.execute(
      first.db,
    );
    await first.db.destroy();
    await assert.rejects(openSqlite({ dataDir, stamp: "b" }), (error: unknown) => {
      assert.ok(error instanceof TitrateError);
      assert.equal(error.code, "STORE_NEWER_THAN_PROGRAM");
      assert.match(error.message, /9999-future/);
      return true;
    });
  });

  test("runs queries through Kysely with numbers, text and nulls", async () => {
    const { db } = await openSqlite({ dataDir: tempDir(), stamp: "a" });
    try {
      await db
        .insertInto("users")
        .values({
          id: "u1",
          username: "owner",
          passphrase_hash: null,
          role: "owner",
          created_at: "2026-01-01T00:00:00Z",
        })
        .execute();
      const rows = await db.selectFrom("users").selectAll().execute();
      assert.deepEqual(
        { ...rows[0] },
        {
          id: "u1",
          username: "owner",
          passphrase_hash: null,
          role: "owner",
          created_at: "2026-01-01T00:00:00Z",
        },
      );
      const count = await db
        .selectFrom("users")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      assert.equal(count.n, 1);
    } finally {
      await db.destroy();
    }
  });

  test("a failed transaction writes nothing", async () => {
    const { db } = await openSqlite({ dataDir: tempDir(), stamp: "a" });
    try {
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto("users")
            .values({
              id: "u1",
              username: "a",
              passphrase_hash: null,
              role: "owner",
              created_at: "x",
            })
            .execute();
          await trx
            .insertInto("users")
            .values({
              id: "u1",
              username: "b",
              passphrase_hash: null,
              role: "owner",
              created_at: "x",
            })
            .execute();
        }),
      );
      assert.equal((await db.selectFrom("users").selectAll().execute()).length, 0);
    } finally {
      await db.destroy();
    }
  });

  test("another program holding the journal past the busy timeout is STORE_BUSY, not a crash", async () => {
    const { db, path } = await openSqlite({ dataDir: tempDir(), stamp: "a" });
    await db.destroy();
    const holder = new DatabaseSync(path);
    // The same dialect as the store's, with a short busy timeout so the test does not wait 10 s.
    const waiter = new Kysely<unknown>({
      dialect: new NodeSqliteDialect(new DatabaseSync(path, { timeout: 50 })),
    });
    try {
      holder.exec("begin immediate");
      await assert.rejects(
        waiter.transaction().execute(async (trx) => {
          await sql`insert into users (id, username, role, created_at) values ('u1', 'a', 'owner', 'x')`.execute(
            trx,
          );
        }),
        (error: unknown) => error instanceof TitrateError && error.code === "STORE_BUSY",
      );
      holder.exec("rollback");
      const rows = await sql<{ n: number }>`select count(*) as n from users`.execute(waiter);
      assert.equal(rows.rows[0]?.n, 0);
    } finally {
      await waiter.destroy();
      holder.close();
    }
  });

  test("a journal that cannot be written is STORE_NOT_WRITABLE, not a crash", async () => {
    const { db, path } = await openSqlite({ dataDir: tempDir(), stamp: "a" });
    await db.destroy();
    // Read-only as a read-only mount or another user's file would be (tests may run as root,
    // for whom file modes do not apply).
    const readOnly = new Kysely<unknown>({
      dialect: new NodeSqliteDialect(new DatabaseSync(path, { readOnly: true })),
    });
    try {
      await assert.rejects(
        sql`insert into users (id, username, role, created_at) values ('u1', 'a', 'owner', 'x')`.execute(
          readOnly,
        ),
        (error: unknown) => error instanceof TitrateError && error.code === "STORE_NOT_WRITABLE",
      );
    } finally {
      await readOnly.destroy();
    }
  });

  test("concurrent transactions on one connection do not interleave", async () => {
    const { db } = await openSqlite({ dataDir: tempDir(), stamp: "a" });
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          db.transaction().execute(async (trx) => {
            await trx
              .insertInto("users")
              .values({
                id: `u${i}`,
                username: `n${i}`,
                passphrase_hash: null,
                role: "owner",
                created_at: "x",
              })
              .execute();
            await new Promise((r) => setTimeout(r, 1));
            await trx
              .updateTable("users")
              .set({ role: "member" })
              .where("id", "=", `u${i}`)
              .execute();
          }),
        ),
      );
      const members = await db
        .selectFrom("users")
        .where("role", "=", "member")
        .selectAll()
        .execute();
      assert.equal(members.length, 20);
    } finally {
      await db.destroy();
    }
  });
});

describe("migrations", () => {
  test("copies the journal aside before migrating, keeps the last 3 copies, and rolls back a failure", async () => {
    const dataDir = tempDir();
    const handle = await openSqlite({ dataDir, stamp: "0" });
    const { migrateToLatest } = await import("../migrate.ts");
    const backupDir = join(dataDir, "backups");
    const copyTo = async (target: string) => {
      const { mkdirSync } = await import("node:fs");
      mkdirSync(backupDir, { recursive: true });
      handle.raw.prepare("vacuum into ?").run(target);
    };
    const extra: Record<string, (typeof migrations)[string]> = { ...migrations };
    try {
      for (let i = 1; i <= 4; i++) {
        extra[`900${i}-test`] = {
          up: async (db) => {
            await db.schema.createTable(`t${i}`).addColumn("x", "integer").execute();
          },
        };
        const result = await migrateToLatest(handle.db as never, {
          stamp: `${i}`,
          backupDir,
          copyTo,
          migrations: extra,
        });
        assert.deepEqual(result.applied, [`900${i}-test`]);
        assert.ok(result.copy?.includes(`pre-migration-${i}-`));
      }
      assert.deepEqual(readdirSync(backupDir).sort(), [
        "pre-migration-2-9001-test.db",
        "pre-migration-3-9002-test.db",
        "pre-migration-4-9003-test.db",
      ]);

      extra["9009-broken"] = {
        up: async (db) => {
          await db.schema.createTable("half").addColumn("x", "integer").execute();
          await sql`this is not sql`.execute(db);
        },
      };
      await assert.rejects(
        migrateToLatest(handle.db as never, { stamp: "5", backupDir, copyTo, migrations: extra }),
        (error: unknown) =>
          error instanceof TitrateError && error.code === "STORE_MIGRATION_FAILED",
      );
      const tables = (await handle.db.introspection.getTables()).map((t) => t.name);
      assert.ok(!tables.includes("half"), "the failed migration left nothing behind");
    } finally {
      await handle.db.destroy();
    }
  });
});
