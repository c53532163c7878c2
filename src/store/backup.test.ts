import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, describe, test } from "node:test";
import { Kysely } from "kysely";
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../core/errors.ts";
import type { JournalExport } from "../core/schemas/export.ts";
import { writeAutomaticBackup } from "./automatic-backups.ts";
import { automaticBackupName, createBackup, isAutomaticBackupName } from "./backup.ts";
import { restoreBackup } from "./backup-restore.ts";
import { DATABASE_FILE } from "./data-dir.ts";
import { writeDemoJournal } from "./demo.ts";
import { eraseJournal } from "./erase.ts";
import { buildJournalExport } from "./export.ts";
import { migrateToLatest } from "./migrate.ts";
import { migrations } from "./migrations/registry.ts";
import { findOwner } from "./repos/users.ts";
import { NodeSqliteDialect } from "./sqlite/dialect.ts";
import { openStore } from "./store.ts";

const cheap = { log2N: 10, r: 8, p: 1 }; // tests only: the default costs half a second
const now = Temporal.Instant.from("2026-03-22T12:00:00Z");
const passphrase = "correct horse battery staple";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "titrate-backup-"));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A data directory holding the demo journal for `seed`. */
async function demoDir(seed: number, days = 30): Promise<string> {
  const dataDir = join(tempDir(), "data");
  const store = await openStore({ dataDir });
  try {
    await writeDemoJournal(store, { seed, days, endDate: "2026-03-22", now });
  } finally {
    await store.close();
  }
  return dataDir;
}

/** The whole journal of the owner, for comparing before and after (exportedAt left out). */
async function snapshotOf(dataDir: string): Promise<Omit<JournalExport, "exportedAt"> | null> {
  if (!existsSync(join(dataDir, DATABASE_FILE))) return null;
  const store = await openStore({ dataDir });
  try {
    const owner = await findOwner(store.db);
    if (!owner) return null;
    const { exportedAt: _, ...rest } = await buildJournalExport(store, owner.id, { now });
    return rest;
  } finally {
    await store.close();
  }
}

async function backupOf(dataDir: string, withPassphrase: boolean): Promise<string> {
  const out = join(tempDir(), withPassphrase ? "journal.tbk" : "journal.db");
  const store = await openStore({ dataDir });
  try {
    await createBackup(store, { out, passphrase: withPassphrase ? passphrase : null, cost: cheap });
  } finally {
    await store.close();
  }
  return out;
}

async function refusal(work: () => Promise<unknown>, code: string): Promise<TitrateError> {
  try {
    await work();
  } catch (error) {
    assert.ok(error instanceof TitrateError, String(error));
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected ${code}`);
}

describe("backup", () => {
  test("a plain backup is a self-contained SQLite file, owner-only, that passes its integrity check", async () => {
    const dataDir = await demoDir(1);
    const out = await backupOf(dataDir, false);
    assert.equal(statSync(out).mode & 0o777, 0o600);
    assert.equal(readFileSync(out).subarray(0, 15).toString("latin1"), "SQLite format 3");
    const raw = new DatabaseSync(out, { readOnly: true });
    try {
      assert.equal(raw.prepare("pragma journal_mode").get()?.journal_mode, "delete");
      assert.equal(raw.prepare("pragma integrity_check").get()?.integrity_check, "ok");
    } finally {
      raw.close();
    }
    assert.deepEqual(
      readdirSync(dataDir).filter((n) => n.startsWith(".")),
      [],
      "no staging left behind",
    );
  });

  test("an encrypted backup does not hold the journal in the clear", async () => {
    const dataDir = await demoDir(1);
    const out = await backupOf(dataDir, true);
    const bytes = readFileSync(out);
    assert.equal(bytes.subarray(0, 14).toString("latin1"), "TITRATE-BACKUP");
    assert.ok(!bytes.includes(Buffer.from("Europe/London")));
  });

  test("it refuses to write over an existing file unless told", async () => {
    const dataDir = await demoDir(1);
    const out = join(tempDir(), "taken.db");
    writeFileSync(out, "mine");
    const store = await openStore({ dataDir });
    try {
      await refusal(() => createBackup(store, { out }), "FILE_EXISTS");
      assert.equal(readFileSync(out, "utf8"), "mine");
      await createBackup(store, { out, overwrite: true });
      assert.notEqual(readFileSync(out, "utf8"), "mine");
    } finally {
      await store.close();
    }
  });

  test("the copy is consistent while another connection writes", async () => {
    const dataDir = await demoDir(1, 10);
    const store = await openStore({ dataDir });
    const out = join(tempDir(), "live.db");
    try {
      const writer = new DatabaseSync(join(dataDir, DATABASE_FILE), { timeout: 5000 });
      const owner = await findOwner(store.db);
      let i = 0;
      const timer = setInterval(() => {
        writer
          .prepare(
            "insert into notes (id, user_id, at, time_zone, text, source, created_at) values (?, ?, ?, 'UTC', 'n', 'manual', ?)",
          )
          .run(`not_live${i++}`, owner?.id ?? "", now.toString(), now.toString());
      }, 1);
      await createBackup(store, { out });
      clearInterval(timer);
      writer.close();
      const raw = new DatabaseSync(out);
      assert.equal(raw.prepare("pragma integrity_check").get()?.integrity_check, "ok");
      raw.close();
    } finally {
      await store.close();
    }
  });
});

describe("restore", () => {
  for (const encrypted of [false, true]) {
    const kind = encrypted ? "an encrypted" : "a plain";
    test(`${kind} backup restored into a fresh data directory gives the same journal`, async () => {
      const source = await demoDir(1);
      const file = await backupOf(source, encrypted);
      const target = join(tempDir(), "fresh", "data");
      const result = await restoreBackup({
        dataDir: target,
        bytes: readFileSync(file),
        passphrase: encrypted ? passphrase : null,
        now,
      });
      assert.equal(result.previous, null);
      assert.equal(result.encrypted, encrypted);
      assert.equal(statSync(join(target, DATABASE_FILE)).mode & 0o777, 0o600);
      assert.deepEqual(await snapshotOf(target), await snapshotOf(source));
      assert.deepEqual(
        readdirSync(target).filter((n) => n.startsWith(".")),
        [],
        "no staging left",
      );
    });

    test(`${kind} backup restored over an existing journal keeps the old one aside`, async () => {
      const source = await demoDir(1);
      const file = await backupOf(source, encrypted);
      const target = await demoDir(2);
      const before = await snapshotOf(target);
      const result = await restoreBackup({
        dataDir: target,
        bytes: readFileSync(file),
        passphrase: encrypted ? passphrase : null,
        now,
      });
      assert.equal(result.previousState, "copied");
      assert.ok(result.previous?.startsWith(join(target, "backups", "pre-restore-")));
      assert.deepEqual(await snapshotOf(target), await snapshotOf(source));
      // The journal that was there is intact in the copy.
      const aside = join(tempDir(), "aside");
      mkdirSync(aside);
      writeFileSync(join(aside, DATABASE_FILE), readFileSync(result.previous ?? ""));
      assert.deepEqual(await snapshotOf(aside), before);
    });
  }

  test("a restore while another connection has the journal open replaces it for that connection too", async () => {
    const source = await demoDir(1, 5);
    const file = await backupOf(source, false);
    const target = await demoDir(2, 5);
    const reader = new DatabaseSync(join(target, DATABASE_FILE));
    try {
      reader.prepare("select count(*) from doses").get();
      await restoreBackup({ dataDir: target, bytes: readFileSync(file), now });
      const users = reader.prepare("select id from users").all() as { id: string }[];
      const expected = await snapshotOf(source);
      assert.deepEqual(
        users.map((u) => u.id),
        [expected?.user.id],
      );
    } finally {
      reader.close();
    }
  });

  describe("refusals change nothing", () => {
    const cases: [string, (file: Buffer) => Buffer, string | null, string][] = [
      ["a wrong passphrase", (f) => f, "not the passphrase", "BACKUP_UNREADABLE"],
      [
        "a changed byte",
        (f) => {
          const t = Buffer.from(f);
          const i = Math.floor(t.length / 2);
          t.writeUInt8(t.readUInt8(i) ^ 1, i);
          return t;
        },
        passphrase,
        "BACKUP_UNREADABLE",
      ],
      [
        "a truncated file",
        (f) => f.subarray(0, Math.floor(f.length / 2)),
        passphrase,
        "BACKUP_UNREADABLE",
      ],
      ["no passphrase for an encrypted backup", (f) => f, null, "CLI_MISSING_OPTION"],
      [
        "a file that is not a backup",
        () => Buffer.from('{"format":"titrate-journal"}'),
        null,
        "BACKUP_UNREADABLE",
      ],
    ];
    for (const [name, change, given, code] of cases) {
      test(name, async () => {
        const file = readFileSync(await backupOf(await demoDir(1, 5), true));
        const target = await demoDir(2, 5);
        const before = await snapshotOf(target);
        const listing = readdirSync(target).sort();
        await refusal(
          () => restoreBackup({ dataDir: target, bytes: change(file), passphrase: given, now }),
          code,
        );
        assert.deepEqual(await snapshotOf(target), before);
        assert.deepEqual(readdirSync(target).sort(), listing);
      });
    }

    test("a truncated plain backup", async () => {
      const file = readFileSync(await backupOf(await demoDir(1, 60), false));
      const target = await demoDir(2, 5);
      const before = await snapshotOf(target);
      await refusal(
        () =>
          restoreBackup({
            dataDir: target,
            bytes: file.subarray(0, Math.floor(file.length / 2)),
            now,
          }),
        "BACKUP_UNREADABLE",
      );
      assert.deepEqual(await snapshotOf(target), before);
    });

    test("a SQLite database that is not a Titrate journal", async () => {
      const other = join(tempDir(), "other.db");
      const raw = new DatabaseSync(other);
      raw.exec("create table t (x); insert into t values (1)");
      raw.close();
      const target = await demoDir(2, 5);
      const before = await snapshotOf(target);
      const error = await refusal(
        () => restoreBackup({ dataDir: target, bytes: readFileSync(other), now }),
        "BACKUP_UNREADABLE",
      );
      assert.match(error.message, /not a Titrate journal/u);
      assert.deepEqual(await snapshotOf(target), before);
    });

    test("a backup from a newer Titrate", async () => {
      const file = await backupOf(await demoDir(1, 5), false);
      const raw = new DatabaseSync(file);
      raw.exec(
        "insert into kysely_migration (name, timestamp) values ('9999-future', '2030-01-01')",
      );
      raw.close();
      const target = await demoDir(2, 5);
      const before = await snapshotOf(target);
      await refusal(
        () => restoreBackup({ dataDir: target, bytes: readFileSync(file), now }),
        "STORE_NEWER_THAN_PROGRAM",
      );
      assert.deepEqual(await snapshotOf(target), before);
    });
  });

  test("a backup from an older Titrate is migrated", async () => {
    const file = join(tempDir(), "old.db");
    const raw = new DatabaseSync(file);
    const db = new Kysely<unknown>({ dialect: new NodeSqliteDialect(raw) });
    const first = Object.keys(migrations)[0] ?? "";
    await migrateToLatest(db, { stamp: "x", migrations: { [first]: migrations[first] as never } });
    raw.exec(
      "insert into users (id, username, role, created_at) values ('usr_old000000000', 'owner', 'owner', '2025-01-01T00:00:00Z')",
    );
    await db.destroy();
    const target = join(tempDir(), "data");
    const result = await restoreBackup({ dataDir: target, bytes: readFileSync(file), now });
    assert.deepEqual(result.migrated, Object.keys(migrations).slice(1));
    const check = new DatabaseSync(join(target, DATABASE_FILE));
    const names = (
      check.prepare("select name from kysely_migration").all() as { name: string }[]
    ).map((r) => r.name);
    check.close();
    assert.deepEqual(names, Object.keys(migrations));
  });

  test("a damaged journal is moved aside as it is, with its -wal, and the backup takes its place", async () => {
    const source = await demoDir(1, 5);
    const file = await backupOf(source, false);
    const target = join(tempDir(), "data");
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, DATABASE_FILE), "SQLite format 3\0 but then nothing sensible");
    writeFileSync(join(target, `${DATABASE_FILE}-wal`), "old wal");
    const result = await restoreBackup({ dataDir: target, bytes: readFileSync(file), now });
    assert.equal(result.previousState, "moved");
    // (A -shm that the read-only check created is an index, not data.)
    assert.deepEqual(
      readdirSync(result.previous ?? "")
        .filter((n) => !n.endsWith("-shm"))
        .sort(),
      [DATABASE_FILE, `${DATABASE_FILE}-wal`],
    );
    assert.equal(
      readFileSync(join(result.previous ?? "", DATABASE_FILE), "latin1"),
      "SQLite format 3\0 but then nothing sensible",
    );
    assert.equal(
      readFileSync(join(result.previous ?? "", `${DATABASE_FILE}-wal`), "utf8"),
      "old wal",
    );
    assert.deepEqual(await snapshotOf(target), await snapshotOf(source));
  });

  test("a stray -wal without a database is moved aside, never replayed into the restored one", async () => {
    const source = await demoDir(1, 5);
    const file = await backupOf(source, false);
    const target = join(tempDir(), "data");
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, `${DATABASE_FILE}-wal`), "stale");
    const result = await restoreBackup({ dataDir: target, bytes: readFileSync(file), now });
    assert.equal(result.previousState, "moved");
    assert.deepEqual(await snapshotOf(target), await snapshotOf(source));
  });
});

describe("erase", () => {
  test("removes the database, its side files, Titrate's copies and automatic backups, and says so", async () => {
    const dataDir = await demoDir(1, 5);
    const backups = join(dataDir, "backups");
    mkdirSync(backups, { recursive: true });
    writeFileSync(
      join(backups, "pre-migration-20260101T000000Z-0001-journal.db"),
      "SQLite format 3\0",
    );
    mkdirSync(join(backups, "pre-restore-20260101T000000Z"));
    writeFileSync(join(backups, "pre-restore-20260101T000000Z", DATABASE_FILE), "x");
    const auto = automaticBackupName(now, false);
    writeFileSync(join(backups, auto), "SQLite format 3\0");
    mkdirSync(join(dataDir, ".restore-aB3xY9"));
    writeFileSync(join(dataDir, ".restore-aB3xY9", DATABASE_FILE), "SQLite format 3\0");
    writeFileSync(join(dataDir, `${DATABASE_FILE}-shm`), "");
    const serverBackups = join(tempDir(), "server-backups");
    mkdirSync(serverBackups);
    writeFileSync(join(serverBackups, automaticBackupName(now, true)), "TITRATE-BACKUP\n...");
    writeFileSync(join(serverBackups, "titrate-auto-backup-20260322T120000Z-2.db"), "not a db");
    writeFileSync(join(serverBackups, "holiday.jpg"), "mine");

    const result = eraseJournal({ dataDir, backupDirs: [serverBackups] });
    const kinds = result.removed.map((r) => r.kind).sort();
    assert.ok(kinds.includes("database"));
    assert.ok(kinds.includes("pre-migration-copy"));
    assert.ok(kinds.includes("pre-restore-copy"));
    assert.equal(kinds.filter((k) => k === "automatic-backup").length, 2);
    assert.ok(kinds.includes("staging"));
    assert.equal(existsSync(dataDir), false, "the emptied data directory is removed");
    assert.deepEqual(readdirSync(serverBackups).sort(), [
      "holiday.jpg",
      "titrate-auto-backup-20260322T120000Z-2.db",
    ]);
  });

  test("keeps files Titrate did not make, and the folder that holds them", async () => {
    const dataDir = await demoDir(1, 5);
    writeFileSync(join(dataDir, "notes.txt"), "mine");
    // A home folder given as the data directory by mistake: its own dot-folders stay.
    mkdirSync(join(dataDir, ".backup-photos"));
    writeFileSync(join(dataDir, ".backup-photos", "holiday.jpg"), "mine");
    mkdirSync(join(dataDir, ".restore-x1y2z3"));
    writeFileSync(join(dataDir, ".restore-x1y2z3", "plan.txt"), "mine");
    const result = eraseJournal({ dataDir });
    const mine = [".backup-photos", ".restore-x1y2z3", "notes.txt"];
    assert.deepEqual(
      result.kept,
      mine.map((name) => join(dataDir, name)),
    );
    assert.deepEqual(readdirSync(dataDir).sort(), mine);
    assert.equal(readFileSync(join(dataDir, ".backup-photos", "holiday.jpg"), "utf8"), "mine");
  });

  test("refuses while another program has the journal open, and changes nothing", async () => {
    const dataDir = await demoDir(1, 5);
    const before = await snapshotOf(dataDir);
    const child = spawn(
      process.execPath,
      [
        "-e",
        `const { DatabaseSync } = require("node:sqlite"); const d = new DatabaseSync(${JSON.stringify(join(dataDir, DATABASE_FILE))}); d.prepare("select 1 from users").get(); console.log("open"); setTimeout(() => d.close(), 20000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
      assert.throws(
        () => eraseJournal({ dataDir, waitMs: 100 }),
        (e: unknown) => e instanceof TitrateError && e.code === "STORE_IN_USE",
      );
    } finally {
      child.kill();
    }
    await new Promise((resolve) => child.once("exit", resolve));
    assert.deepEqual(await snapshotOf(dataDir), before);
  });

  test("automatic backup names are recognised exactly", () => {
    assert.equal(automaticBackupName(now, false), "titrate-auto-backup-20260322T120000Z.db");
    assert.equal(automaticBackupName(now, true), "titrate-auto-backup-20260322T120000Z.tbk");
    assert.ok(isAutomaticBackupName("titrate-auto-backup-20260322T120000Z-3.tbk"));
    assert.ok(!isAutomaticBackupName("titrate-auto-backup-20260322.db"));
    assert.ok(!isAutomaticBackupName("my-titrate-auto-backup-20260322T120000Z.db"));
  });
});

describe("automatic backups' rotation", () => {
  async function takeAt(dataDir: string, dir: string, at: string): Promise<string> {
    const store = await openStore({ dataDir });
    try {
      const result = await writeAutomaticBackup(store, {
        dir,
        passphrase,
        cost: cheap,
        now: Temporal.Instant.from(at),
      });
      return basename(result.path);
    } finally {
      await store.close();
    }
  }

  test("restarts in a row never push the older days out", async () => {
    const dataDir = await demoDir(11, 5);
    const dir = tempDir();
    for (let day = 14; day <= 20; day++) await takeAt(dataDir, dir, `2026-03-${day}T09:00:00Z`);
    // A server in a crash loop: each start takes a backup.
    for (let second = 0; second < 10; second++) {
      await takeAt(dataDir, dir, `2026-03-21T09:00:0${second}Z`);
    }
    const files = readdirSync(dir).sort();
    for (let day = 15; day <= 20; day++) {
      assert.ok(files.includes(`titrate-auto-backup-202603${day}T090000Z.tbk`), files.join(", "));
    }
    assert.ok(!files.includes("titrate-auto-backup-20260314T090000Z.tbk"), "the 8th day back goes");
    assert.equal(files.length, 6 + 7, files.join(", "));
  });

  test("the backup just written is kept even when the clock was set back", async () => {
    const dataDir = await demoDir(12, 5);
    const dir = tempDir();
    for (let day = 14; day <= 20; day++) await takeAt(dataDir, dir, `2026-03-${day}T09:00:00Z`);
    const name = await takeAt(dataDir, dir, "2020-01-01T00:00:00Z");
    assert.ok(readdirSync(dir).includes(name), "the newest copy of the journal is not deleted");
  });
});
