/**
 * `titrate store copy`: a SQLite journal moves into another store (PostgreSQL when the run
 * has one, else another SQLite journal) whole, checked table by table, or not at all.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, before, describe, test } from "node:test";
import { TitrateError } from "../../core/errors.ts";
import { DATABASE_FILE } from "../data-dir.ts";
import { buildJournalExport } from "../export.ts";
import { listApiTokens, listSessions } from "../repos/auth.ts";
import { listExperiments, listGuesses } from "../repos/experiments.ts";
import { listPresets } from "../repos/presets.ts";
import { createUser, listUsers } from "../repos/users.ts";
import type { Store } from "../store.ts";
import { FULL_JOURNAL_NOW, type FullJournal, writeFullJournal } from "../test-full-journal.ts";
import {
  createTestDatabase,
  dumpStore,
  needsPostgres,
  openTestStore,
  type TestDatabase,
  testBackend,
} from "../test-store.ts";
import { journalTables } from "./catalogue.ts";
import { copyJournal } from "./copy-journal.ts";
import { digestTable } from "./rows.ts";

const now = FULL_JOURNAL_NOW;
const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A personal journal on SQLite, closed, with a row in every table; its data directory. */
async function personalJournal(): Promise<{ dataDir: string; journal: FullJournal }> {
  const database = await createTestDatabase("sqlite");
  const root = (database.target as { dataDir: string }).dataDir;
  made.push(join(root, ".."));
  const store = await database.open();
  try {
    return { dataDir: root, journal: await writeFullJournal(store) };
  } finally {
    await store.close();
  }
}

const fileHash = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

function refusedWith(code: string) {
  return (error: unknown) => {
    assert.ok(error instanceof TitrateError, String(error));
    assert.equal(error.code, code, error.message);
    return true;
  };
}

/** What every repository reads of an account, for comparing two stores. */
async function readBack(store: Store, userId: string) {
  const [experiment] = await listExperiments(store.db, userId);
  return {
    export: await buildJournalExport(store, userId, { now, exportedBy: "test" }),
    presets: await listPresets(store.db, userId),
    sessions: await listSessions(store.db, userId, now),
    tokens: await listApiTokens(store.db, userId),
    experiments: await listExperiments(store.db, userId),
    guesses: experiment ? await listGuesses(store.db, userId, experiment.id) : [],
    users: (await listUsers(store.db)).map((u) => ({ ...u })),
  };
}

describe(`store copy from SQLite into ${testBackend}`, () => {
  let from: { dataDir: string; journal: FullJournal };
  before(async () => {
    from = await personalJournal();
  });

  test("copies every table, counts and checksums agree, and every repository reads the same", async () => {
    const before = fileHash(join(from.dataDir, DATABASE_FILE));
    const target = await openTestStore();
    try {
      const result = await copyJournal(target, { from: from.dataDir });
      const tables = await journalTables();
      assert.deepEqual(
        result.tables.map((t) => t.table),
        tables.map((t) => t.name),
      );
      assert.ok(
        result.tables.every((t) => t.rows > 0),
        "a row in every table was copied",
      );
      assert.deepEqual(
        result.accounts
          .map((a) => [a.username, a.role, a.joinedAsMember])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        [
          ["demo", "owner", false],
          ["kim", "member", false],
        ],
      );
      assert.equal(
        fileHash(join(from.dataDir, DATABASE_FILE)),
        before,
        "the original is not written",
      );
      // The same digest function, run afresh on each side, agrees.
      const reopened = await openOriginal(from.dataDir);
      try {
        for (const table of tables) {
          assert.deepEqual(
            await digestTable(target.db, table),
            await digestTable(reopened.db, table),
            table.name,
          );
        }
        assert.deepEqual(
          await readBack(target, from.journal.ownerId),
          await readBack(reopened, from.journal.ownerId),
        );
        assert.deepEqual(
          await readBack(target, from.journal.memberId),
          await readBack(reopened, from.journal.memberId),
        );
      } finally {
        await reopened.close();
      }
    } finally {
      await target.close();
    }
  });

  test("refuses a target that already has one of the accounts, and changes nothing", async () => {
    const target = await openTestStore();
    try {
      await createUser(target.db, { username: "kim", role: "owner", createdAt: now.toString() });
      const before = await dumpStore(target);
      await assert.rejects(
        copyJournal(target, { from: from.dataDir }),
        refusedWith("STORE_COPY_CONFLICT"),
      );
      assert.equal(await dumpStore(target), before);
    } finally {
      await target.close();
    }
  });

  test("joins a target that has other accounts; its owner stays the one owner", async () => {
    const target = await openTestStore();
    try {
      const boss = await createUser(target.db, {
        username: "practice",
        role: "owner",
        createdAt: now.toString(),
      });
      const result = await copyJournal(target, { from: from.dataDir });
      assert.deepEqual(
        result.accounts.find((a) => a.username === "demo"),
        { username: "demo", role: "member", joinedAsMember: true },
      );
      const owners = (await listUsers(target.db)).filter((u) => u.role === "owner");
      assert.deepEqual(
        owners.map((u) => u.id),
        [boss.id],
      );
      const users = result.tables.find((t) => t.table === "users");
      assert.equal(users?.rows, 2, "the checksum covers the copied accounts only");
    } finally {
      await target.close();
    }
  });

  test("a failure in the middle of the copy leaves the target exactly as it was", async () => {
    // A dose pointing at a batch that does not exist: SQLite took it with its foreign keys
    // off; the target refuses it when it gets to doses, after the tables before it were written.
    const broken = await personalJournal();
    const raw = new DatabaseSync(join(broken.dataDir, DATABASE_FILE));
    raw.exec("pragma foreign_keys = off");
    raw
      .prepare(
        "update doses set batch_id = 'bat_nowhere' where rowid = (select min(rowid) from doses)",
      )
      .run();
    raw.close();
    const target = await openTestStore();
    try {
      await createUser(target.db, {
        username: "practice",
        role: "owner",
        createdAt: now.toString(),
      });
      const before = await dumpStore(target);
      await assert.rejects(copyJournal(target, { from: broken.dataDir }), (error: unknown) => {
        refusedWith("STORE_COPY_MISMATCH")(error);
        assert.match((error as Error).message, /^doses: the target refused a row/u);
        return true;
      });
      assert.equal(await dumpStore(target), before);
    } finally {
      await target.close();
    }
  });

  test("a copy whose checksum does not match is undone", async () => {
    const target = await openTestStore();
    try {
      const before = await dumpStore(target);
      await assert.rejects(
        copyJournal(target, {
          from: from.dataDir,
          // Something between the write and the check changes one value.
          beforeVerify: async (tx) => {
            await tx.updateTable("check_ins").set({ mood: 0 }).where("mood", "=", 7).execute();
          },
        }),
        (error: unknown) => {
          refusedWith("STORE_COPY_MISMATCH")(error);
          assert.match((error as Error).message, /^check_ins: the copy does not match/u);
          return true;
        },
      );
      assert.equal(await dumpStore(target), before);
    } finally {
      await target.close();
    }
  });

  test("refuses what is not a Titrate journal, a missing one, and one from a newer Titrate", async () => {
    const target = await openTestStore();
    const dir = mkdtempSync(join(tmpdir(), "titrate-copy-test-"));
    made.push(dir);
    try {
      writeFileSync(join(dir, "notes.txt"), "not a database");
      await assert.rejects(
        copyJournal(target, { from: join(dir, "notes.txt") }),
        refusedWith("BACKUP_UNREADABLE"),
      );
      await assert.rejects(
        copyJournal(target, { from: join(dir, "none") }),
        refusedWith("NOT_FOUND"),
      );
      const other = new DatabaseSync(join(dir, "other.db"));
      other.exec("create table t (x integer); insert into t values (1);");
      other.close();
      await assert.rejects(
        copyJournal(target, { from: join(dir, "other.db") }),
        refusedWith("BACKUP_UNREADABLE"),
      );
      const newer = await personalJournal();
      const raw = new DatabaseSync(join(newer.dataDir, DATABASE_FILE));
      raw
        .prepare("insert into kysely_migration (name, timestamp) values ('9999-future', 'x')")
        .run();
      raw.close();
      await assert.rejects(
        copyJournal(target, { from: newer.dataDir }),
        refusedWith("STORE_NEWER_THAN_PROGRAM"),
      );
      assert.deepEqual(await listUsers(target.db), []);
    } finally {
      await target.close();
    }
  });
});

describe("store copy into PostgreSQL: what only PostgreSQL refuses", needsPostgres, () => {
  let database: TestDatabase;
  let target: Store;
  before(async () => {
    database = await createTestDatabase("postgres");
    target = await database.open();
  });
  after(async () => {
    await target?.close();
    await database?.remove();
  });

  test("text where a number belongs, which SQLite kept, is refused and nothing is written", async () => {
    const broken = await personalJournal();
    const raw = new DatabaseSync(join(broken.dataDir, DATABASE_FILE));
    raw
      .prepare(
        "update check_ins set mood = 'great' where rowid = (select max(rowid) from check_ins)",
      )
      .run();
    raw.close();
    await assert.rejects(copyJournal(target, { from: broken.dataDir }), (error: unknown) => {
      refusedWith("STORE_COPY_MISMATCH")(error);
      assert.match((error as Error).message, /^check_ins: the target refused a row/u);
      return true;
    });
    assert.deepEqual(await listUsers(target.db), []);
  });

  test("bytes where text belongs are caught by the checksum, and nothing is written", async () => {
    const broken = await personalJournal();
    const raw = new DatabaseSync(join(broken.dataDir, DATABASE_FILE));
    raw
      .prepare("update notes set text = x'c3a9' where rowid = (select max(rowid) from notes)")
      .run();
    raw.close();
    await assert.rejects(copyJournal(target, { from: broken.dataDir }), (error: unknown) => {
      refusedWith("STORE_COPY_MISMATCH")(error);
      assert.match((error as Error).message, /^notes: the copy does not match the original/u);
      return true;
    });
    assert.deepEqual(await listUsers(target.db), []);
  });
});

/** The personal journal, opened again as a store (SQLite), to read it the same way. */
async function openOriginal(dataDir: string): Promise<Store> {
  const { openStore } = await import("../store.ts");
  return openStore({ dataDir });
}
