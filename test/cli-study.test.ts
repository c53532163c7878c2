/**
 * Study mode from the terminal: `titrate demo --participants` into a data directory and into
 * PostgreSQL, and a coordinator's `titrate study list`, `dashboard` and `export`.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createTestDatabase, needsPostgres, type TestDatabase } from "../src/store/test-store.ts";
import { runCli, runJson } from "./helpers/cli.ts";
import { removeTempDirs, tempDataDir } from "./helpers/data-dir.ts";

after(removeTempDirs);

const demoArgs = [
  "demo",
  "--participants",
  "4",
  "--days",
  "30",
  "--seed",
  "3",
  "--end",
  "2026-03-20",
];

describe("a demo study in a data directory, and the coordinator's commands", () => {
  const dataDir = tempDataDir();
  let studyId: string;
  before(async () => {
    const written = await runJson<{ studyId: string; participants: number; rows: number }>([
      ...demoArgs,
      "--data-dir",
      dataDir,
    ]);
    studyId = written.studyId;
    assert.equal(written.participants, 4);
    assert.ok(written.rows > 150, `${written.rows} rows`);
  });

  test("the same seed gives the same study; a second demo is refused", async () => {
    const again = tempDataDir();
    const second = await runJson<{ studyId: string; counts: Record<string, number> }>([
      ...demoArgs,
      "--data-dir",
      again,
    ]);
    assert.equal(second.studyId, studyId);
    const refused = await runCli([...demoArgs, "--data-dir", dataDir]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /JOURNAL_NOT_EMPTY/u);
  });

  test("study list and dashboard act as the coordinator (the owner); another account has no study", async () => {
    const list = await runJson<{ studies: { id: string; participants: number }[] }>([
      "study",
      "list",
      "--data-dir",
      dataDir,
    ]);
    assert.deepEqual(
      list.studies.map((s) => [s.id, s.participants]),
      [[studyId, 4]],
    );
    const dashboard = await runJson<{ progress: { participant: string }[] }>([
      "study",
      "dashboard",
      "--study",
      studyId,
      "--data-dir",
      dataDir,
    ]);
    assert.equal(dashboard.progress.length, 4);
    assert.ok(dashboard.progress.every((p) => /^P-[0-9A-Z]{10}$/u.test(p.participant)));
    const other = await runCli([
      "study",
      "dashboard",
      "--study",
      studyId,
      "--user",
      "p00001",
      "--data-dir",
      dataDir,
    ]);
    assert.equal(other.code, 2);
    assert.match(other.stderr, /NOT_FOUND/u);
  });

  test("study export writes every collected table and the codebook, private, pseudonymous", async () => {
    const out = tempDataDir("titrate-study-out-");
    const result = await runJson<{ folder: string; files: string[] }>([
      "study",
      "export",
      "--study",
      studyId,
      "--out",
      out,
      "--data-dir",
      dataDir,
    ]);
    assert.deepEqual(readdirSync(result.folder).sort(), [
      "blood_pressures.csv",
      "check_ins.csv",
      "codebook.csv",
      "doses.csv",
      "other_substances.csv",
      "participants.csv",
      "questionnaires.csv",
      "symptom_reports.csv",
    ]);
    assert.equal(statSync(result.folder).mode & 0o777, 0o700);
    const checkIns = readFileSync(join(result.folder, "check_ins.csv"), "utf8");
    assert.match(checkIns, /^participant,day,time,mood,energy,focus,anxiety,sleep\r\n/u);
    assert.ok(!/p0000|2026-|Europe/u.test(checkIns));
    const codebook = readFileSync(join(result.folder, "codebook.csv"), "utf8");
    assert.match(codebook, /check_ins,mood,integer,always,/u);
  });
});

describe("a demo study on PostgreSQL", needsPostgres, () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase("postgres");
  });
  after(() => database?.remove());

  test("titrate demo --participants writes into an empty database, once", async () => {
    const url = (database.target as { databaseUrl: string }).databaseUrl;
    const written = await runJson<{ participants: number; counts: Record<string, number> }>([
      ...demoArgs,
      "--database",
      url,
    ]);
    assert.equal(written.counts.study_enrolments, 4);
    assert.equal(written.counts.users, 5);
    const list = await runJson<{ studies: { participants: number }[] }>([
      "study",
      "list",
      "--database",
      url,
    ]);
    assert.equal(list.studies[0]?.participants, 4);
    const refused = await runCli([...demoArgs, "--database", url]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /JOURNAL_NOT_EMPTY/u);
  });
});
