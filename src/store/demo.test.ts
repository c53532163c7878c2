import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../core/errors.ts";
import { runRules } from "../core/safety/run-rules.ts";
import { generateSchedule } from "../core/schedule/occurrences.ts";
import { JournalExport } from "../core/schemas/export.ts";
import { parseWith } from "../core/schemas/validate.ts";
import { generateDemoJournal, writeDemoJournal } from "./demo.ts";
import { seededRandom } from "./demo-random.ts";
import type { ImportPayload } from "./import.ts";
import { openTestStore } from "./test-store.ts";

const now = Temporal.Instant.from("2026-03-22T23:00:00Z");
const demo = (seed: number, days: number, at = now): ImportPayload =>
  generateDemoJournal({ seed, days, endDate: "2026-03-22", now: at });
const hour = 3_600_000;
const ms = (instant: string) => Temporal.Instant.from(instant).epochMilliseconds;

describe("the demo journal", () => {
  const journal = demo(1, 90);
  const { tables } = journal;

  test("the same seed and end date give the same journal; another seed another one", () => {
    assert.deepEqual(demo(1, 90), journal);
    assert.notDeepEqual(demo(2, 90).tables.checkIns, tables.checkIns);
  });

  test("is a valid export: every record passes the import schema", () => {
    parseWith(JournalExport, {
      format: "titrate-journal",
      version: 1,
      exportedAt: now.toString(),
      user: journal.user,
      profile: journal.profile,
      ...tables,
    });
    for (const table of Object.values(tables)) {
      for (const record of table as { source?: string }[]) {
        if ("source" in record) assert.equal(record.source, "demo");
      }
    }
  });

  test("the owner weighs 70 kg and lives in Europe/London", () => {
    assert.equal(journal.user?.role, "owner");
    assert.equal(journal.profile?.weightKg, 70);
    assert.equal(journal.profile?.timeZone, "Europe/London");
  });

  test("doses follow the 7-day, 4 weeks on / 2 off plan, with one late and one missed", () => {
    const [plan] = tables.plans;
    assert.ok(plan);
    assert.deepEqual(plan.protocol, { kind: "every-n-days", intervalDays: 7 });
    assert.deepEqual(plan.cycle, { weeksOn: 4, weeksOff: 2 });
    const due = generateSchedule(plan).occurrences.filter((o) => ms(o.at) <= now.epochMilliseconds);
    assert.equal(tables.doses.length, due.length - 1, "one occurrence missed");
    const offsets = tables.doses.map((d) => {
      const nearest = due.reduce((best, o) =>
        Math.abs(ms(o.at) - ms(d.at)) < Math.abs(ms(best.at) - ms(d.at)) ? o : best,
      );
      return (ms(d.at) - ms(nearest.at)) / hour;
    });
    assert.equal(offsets.filter((h) => h > 12).length, 1, "one dose more than 12 h late");
    assert.ok(offsets.every((h) => h >= -0.25 && h <= 27));
    for (const dose of tables.doses) {
      assert.equal(dose.amount, 7);
      assert.equal(dose.route, "nasal");
      assert.equal(dose.planId, plan.id);
      assert.ok(tables.batches.some((b) => b.id === dose.batchId));
    }
  });

  test("the batch is tested with passing reagents, and each dose has a blood pressure before it", () => {
    for (const batch of tables.batches) {
      assert.deepEqual(
        batch.reagentTests.map((t) => [t.reagent, t.verdict]),
        [
          ["morris", "match"],
          ["mandelin", "match"],
        ],
      );
    }
    assert.equal(tables.bloodPressures.length, tables.doses.length);
    for (const bp of tables.bloodPressures)
      assert.ok(bp.systolicMmHg < 140 && bp.diastolicMmHg < 90);
  });

  test("check-ins show a small lift on dose days", () => {
    const doseDays = new Set(tables.doses.map((d) => d.at.slice(0, 10)));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const long = demo(5, 720).tables;
    const longDoseDays = new Set(long.doses.map((d) => d.at.slice(0, 10)));
    const on = long.checkIns.filter((c) => longDoseDays.has(c.at.slice(0, 10)));
    const off = long.checkIns.filter((c) => !longDoseDays.has(c.at.slice(0, 10)));
    const lift = mean(on.map((c) => c.mood ?? 0)) - mean(off.map((c) => c.mood ?? 0));
    assert.ok(lift > 0.3 && lift < 1.5, `mood lift ${lift}`);
    assert.ok(tables.checkIns.length > 75 && tables.checkIns.length <= 90);
    assert.ok(tables.checkIns.some((c) => doseDays.has(c.at.slice(0, 10)) && c.effects !== null));
  });

  test("a PHQ-9 every week, improving, never with thoughts of self-harm", () => {
    const totals = tables.screenings.map((s) => s.total);
    assert.equal(totals.length, 13);
    assert.ok(tables.screenings.every((s) => s.instrument === "phq9" && s.answers[8] === 0));
    const firstFour = totals.slice(0, 4).reduce((a, b) => a + b, 0);
    const lastFour = totals.slice(-4).reduce((a, b) => a + b, 0);
    assert.ok(lastFour < firstFour, totals.join(","));
  });

  test("alcohol stays away from doses except once, which the combination rule finds", () => {
    const near = tables.otherSubstances.filter((o) =>
      tables.doses.some((d) => ms(o.at) > ms(d.at) - 24 * hour && ms(o.at) < ms(d.at) + 12 * hour),
    );
    assert.equal(near.length, 1);
    assert.ok(tables.otherSubstances.length > 3);
    assert.equal(tables.symptomReports.length, 1);
    const profile = journal.profile ?? assert.fail();
    const findings = runRules({
      now,
      profile,
      medications: tables.medications,
      plans: tables.plans,
      doses: tables.doses,
      otherSubstances: tables.otherSubstances,
      checkIns: tables.checkIns,
      symptomReports: tables.symptomReports,
      bloodPressures: tables.bloodPressures,
      screenings: tables.screenings,
      batches: tables.batches,
    });
    const rules = findings.map((f) => f.ruleId);
    assert.equal(rules.filter((r) => r === "combination").length, 1, rules.join(", "));
    assert.ok(rules.includes("bladder-signs"), rules.join(", "));
  });

  test("leaves out what has not happened yet on its last day", () => {
    const morning = demo(1, 90, Temporal.Instant.from("2026-03-22T06:00:00Z")).tables;
    assert.ok(morning.checkIns.every((c) => c.at <= "2026-03-22T06:00:00Z"));
    assert.ok(morning.checkIns.length < tables.checkIns.length);
  });

  test("refuses a number of days out of range", () => {
    assert.throws(() => demo(1, 0), TitrateError);
    assert.throws(() => demo(1, 10_001), TitrateError);
  });

  test("ten years are written in one transaction, fast", async () => {
    const store = await openTestStore();
    try {
      const started = performance.now();
      const summary = await writeDemoJournal(store, {
        seed: 1,
        days: 3650,
        endDate: "2026-03-22",
        now,
      });
      const elapsed = performance.now() - started;
      assert.ok((summary.counts.checkIns ?? 0) > 3300);
      assert.ok(elapsed < 5000, `${elapsed} ms`);
      await assert.rejects(
        writeDemoJournal(store, { seed: 2, days: 5, endDate: "2026-03-22", now }),
        (e: unknown) => e instanceof TitrateError && e.code === "JOURNAL_NOT_EMPTY",
      );
    } finally {
      await store.close();
    }
  });
});

test("the seeded generator repeats itself and spreads evenly", () => {
  const a = seededRandom(42);
  const b = seededRandom(42);
  const xs = Array.from({ length: 10_000 }, () => a.next());
  assert.deepEqual(
    xs.slice(0, 5),
    Array.from({ length: 5 }, () => b.next()),
  );
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.02, String(mean));
});
