/**
 * Numbers come back as numbers on every backend: node:sqlite gives JavaScript numbers, and
 * pg would give strings for int8 and numeric (count(*), sums, averages) if the store did not
 * parse them (postgres/types.ts). Checked on a journal with a row in every table, through raw
 * rows, aggregates and the repositories.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { journalTables } from "./copy/catalogue.ts";
import { tablePages } from "./copy/rows.ts";
import { eraseAccount } from "./erase-account.ts";
import { buildJournalExport } from "./export.ts";
import { listExperiments, listGuesses } from "./repos/experiments.ts";
import { listPresets } from "./repos/presets.ts";
import { getProfile, weightHistory } from "./repos/profile.ts";
import { loadSnapshot } from "./snapshot.ts";
import type { Store } from "./store.ts";
import { FULL_JOURNAL_NOW, type FullJournal, writeFullJournal } from "./test-full-journal.ts";
import { openTestStore, testBackend } from "./test-store.ts";

/** Fields of the core's records that hold numbers (or null). */
const NUMERIC_FIELDS = new Set([
  "amount",
  "weightKg",
  "mood",
  "energy",
  "focus",
  "anxiety",
  "sleep",
  "systolicMmHg",
  "diastolicMmHg",
  "pulseBpm",
  "total",
  "intervalDays",
  "sessions",
  "blockSize",
  "session",
  "sprays",
  "volumeMl",
  "concentrationMgPerMl",
  "mlPerSpray",
  "purityPercent",
]);

/** Every numeric field anywhere in `value` is a number or null; returns how many were seen. */
function assertNumericFields(value: unknown, path = "$"): number {
  if (Array.isArray(value)) {
    return value.reduce((n: number, v, i) => n + assertNumericFields(v, `${path}[${i}]`), 0);
  }
  if (value === null || typeof value !== "object") {
    assert.notEqual(typeof value, "bigint", path);
    return 0;
  }
  let seen = 0;
  for (const [key, v] of Object.entries(value)) {
    if (NUMERIC_FIELDS.has(key) && (v === null || typeof v !== "object")) {
      assert.ok(v === null || typeof v === "number", `${path}.${key} is ${typeof v} ${String(v)}`);
      if (typeof v === "number") seen++;
    } else {
      seen += assertNumericFields(v, `${path}.${key}`);
    }
  }
  return seen;
}

describe(`numbers come back as numbers (${testBackend})`, () => {
  let store: Store;
  let journal: FullJournal;
  before(async () => {
    store = await openTestStore();
    journal = await writeFullJournal(store);
  });
  after(() => store?.close());

  test("every column of every table holds what its migration declares: a number, text or null", async () => {
    for (const table of await journalTables()) {
      let rows = 0;
      for await (const page of tablePages(store.db, table)) {
        for (const row of page) {
          rows++;
          for (const column of table.columns) {
            const value = row[column];
            const type = table.types[column];
            const want = type === "text" ? "string" : "number";
            assert.ok(
              value === null || typeof value === want,
              `${table.name}.${column} (${type}) is ${typeof value}: ${String(value)}`,
            );
          }
        }
      }
      assert.ok(rows > 0, `${table.name} has a row to check`);
    }
  });

  test("count(*), sum and avg are numbers, not pg's strings", async () => {
    const row = await store.db
      .selectFrom("check_ins")
      .select((eb) => [
        eb.fn.countAll<number>().as("n"),
        eb.fn.sum<number>("mood").as("moodSum"),
        eb.fn.avg<number>("mood").as("moodMean"),
        eb.fn.max<number>("sleep").as("sleepMax"),
      ])
      .executeTakeFirstOrThrow();
    for (const [name, value] of Object.entries(row)) {
      assert.equal(typeof value, "number", `${name}: ${String(value)}`);
    }
    assert.ok(row.n > 50);
    assert.ok(Math.abs(row.moodMean - row.moodSum / row.n) < 1e-9);
    const raw = await sql<{ n: number }>`select count(*) as n from doses`.execute(store.db);
    assert.equal(typeof raw.rows[0]?.n, "number");
  });

  test("the repositories hand out numbers", async () => {
    const profile = await getProfile(store.db, journal.ownerId);
    assert.ok(profile);
    const snapshot = await loadSnapshot(store.db, journal.ownerId, profile, FULL_JOURNAL_NOW);
    const exported = await buildJournalExport(store, journal.ownerId, { now: FULL_JOURNAL_NOW });
    const [experiment] = await listExperiments(store.db, journal.ownerId);
    assert.ok(experiment);
    const seen =
      assertNumericFields(snapshot) +
      assertNumericFields(exported) +
      assertNumericFields(await listPresets(store.db, journal.ownerId)) +
      assertNumericFields(await weightHistory(store.db, journal.memberId)) +
      assertNumericFields(experiment) +
      assertNumericFields(await listGuesses(store.db, journal.ownerId, experiment.id));
    assert.ok(seen > 500, `${seen} numbers seen`);
  });

  test("erasing an account counts what it removed in numbers", async () => {
    const erased = await eraseAccount(store, journal.memberId);
    assert.deepEqual(erased.removed, {
      profiles: 1,
      study_consents: 1,
      study_enrolments: 1,
      users: 1,
      weights: 1,
    });
  });
});
