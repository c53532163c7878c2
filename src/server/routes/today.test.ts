import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { decryptBackup } from "../../store/backup-format.ts";
import { seedJournal, send } from "../test-journal.ts";
import {
  CHEAP_COST,
  type Client,
  setUpOwner,
  startTestServer,
  type TestServer,
} from "../test-server.ts";

const BACKUP_PASSPHRASE = "automatic backups passphrase";

describe("GET /api/v1/today", () => {
  let server: TestServer;
  let alex: Client;
  before(async () => {
    server = await startTestServer();
    alex = await setUpOwner(server);
    await seedJournal(alex);
  });
  after(async () => {
    assert.deepEqual(server.serverErrors, []);
    await server.close();
  });

  test("gives the next dose per plan, the last dose, findings, crisis resources and backups", async () => {
    const today = await alex.get("/api/v1/today");
    assert.equal(today.status, 200);
    const { plans, unplanned, lastDose, findings, advisedNotToDose, crisis, backups } = today.body;
    assert.equal(plans.length, 1);
    assert.equal(plans[0].next.date, "2026-03-29");
    assert.equal(plans[0].next.isDue, false);
    assert.deepEqual(unplanned, []);
    assert.equal(lastDose.at, "2026-03-22T08:55:00Z");
    assert.ok(findings.active.length > 0);
    assert.equal(advisedNotToDose, false);
    assert.equal(crisis.emergencyNumber, "999");
    assert.deepEqual(backups, {
      enabled: false,
      keep: null,
      intervalHours: null,
      lastAttemptAt: null,
      lastSuccessAt: null,
      lastFile: null,
      failing: false,
      error: null,
      nextAt: null,
      overdue: false,
    });
  });

  test("a dose taken early pushes the next one back and says why", async () => {
    server.advance({ hours: 4 * 24 });
    await send(alex, "POST", "/api/v1/doses", { preset: "usual" });
    const today = await alex.get("/api/v1/today");
    const { next } = today.body.plans[0];
    // 2026-03-26 + 5 days is after the dose planned for 03-29 could be taken: it is skipped.
    assert.equal(next.pushedBack, true);
    assert.deepEqual(
      next.skipped.map((o: { date: string }) => o.date),
      ["2026-03-29"],
    );
    assert.equal(next.date, "2026-04-05");
    assert.match(next.reason, /at least 5 days/u);
  });

  test("an active danger advises not to dose, and comes first", async () => {
    await send(alex, "POST", "/api/v1/symptom-reports", {
      checklist: "bladder",
      symptoms: ["blood"],
    });
    const today = await alex.get("/api/v1/today");
    assert.equal(today.body.advisedNotToDose, true);
    assert.equal(today.body.findings.active[0].severity, "danger");
  });
});

describe("automatic backups", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "titrate-auto-backups-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("one at start, then daily, encrypted, keeping the newest seven; shown on Today", async () => {
    writeFileSync(join(dir, "notes.txt"), "mine, not Titrate's");
    const server = await startTestServer({
      automaticBackups: { dir, passphrase: BACKUP_PASSPHRASE },
      backupCost: CHEAP_COST,
    });
    try {
      const alex = await setUpOwner(server);
      await send(alex, "PATCH", "/api/v1/profile", { timeZone: "Europe/London" });
      await server.app.automaticBackups?.runNow();
      const first = (await alex.get("/api/v1/today")).body.backups;
      assert.equal(first.enabled, true);
      assert.equal(first.failing, false);
      assert.equal(first.lastSuccessAt, "2026-03-22T09:00:00Z");
      assert.equal(first.nextAt, "2026-03-23T09:00:00Z");
      assert.equal(first.keep, 7);
      assert.equal(first.intervalHours, 24);
      assert.equal(first.overdue, false);
      server.advance({ hours: 26 });
      const late = (await alex.get("/api/v1/today")).body.backups;
      assert.equal(late.overdue, true, "a backup that did not happen is not silent either");
      server.advance({ hours: -26 });
      const plain = decryptBackup(readFileSync(join(dir, first.lastFile)), BACKUP_PASSPHRASE);
      assert.equal(plain.subarray(0, 15).toString("latin1"), "SQLite format 3");
      for (let day = 1; day <= 8; day++) {
        server.advance({ hours: 24 });
        await server.app.automaticBackups?.runNow();
      }
      const files = readdirSync(dir).sort();
      assert.equal(files.length, 8, files.join(", "));
      assert.ok(files.includes("notes.txt"), "a file Titrate did not write is left alone");
      assert.equal(files[0], "notes.txt");
      assert.equal(files[1], "titrate-auto-backup-20260324T090000Z.tbk");
      assert.equal(files[7], "titrate-auto-backup-20260330T090000Z.tbk");
      assert.deepEqual(server.serverErrors, []);
    } finally {
      await server.close();
    }
  });

  test("a failed backup is reported on Today until one succeeds", async () => {
    const missing = join(dir, "unplugged-drive");
    const server = await startTestServer({
      automaticBackups: { dir: missing, passphrase: BACKUP_PASSPHRASE },
      backupCost: CHEAP_COST,
    });
    try {
      const alex = await setUpOwner(server);
      await send(alex, "PATCH", "/api/v1/profile", { timeZone: "Europe/London" });
      await server.app.automaticBackups?.runNow();
      const failed = (await alex.get("/api/v1/today")).body.backups;
      assert.equal(failed.failing, true);
      assert.equal(failed.lastSuccessAt, null);
      assert.equal(failed.lastAttemptAt, "2026-03-22T09:00:00Z");
      assert.match(failed.error, /does not exist/u);
      assert.equal(failed.nextAt, "2026-03-23T09:00:00Z", "it tries again");
    } finally {
      await server.close();
    }
  });
});
