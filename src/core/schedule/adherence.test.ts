import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Temporal } from "temporal-polyfill";
import { assessAdherence } from "./adherence.ts";
import { planWith } from "./test-plans.ts";

const at = (iso: string) => Temporal.Instant.from(iso);
const dose = (iso: string, substance = "ketamine") => ({ at: iso, substance, id: iso });
// Ketamine every 7 days at 09:00 UTC from Sunday 2026-03-01, 8 doses (to 04-19).
const weekly = planWith({
  startDate: "2026-03-01",
  timeZone: "UTC",
  end: { kind: "count", count: 8 },
});

describe("adherence", () => {
  test("every dose within its window is taken on time; the rest are pending", () => {
    const result = assessAdherence(
      weekly,
      [dose("2026-03-01T09:20:00Z"), dose("2026-03-08T07:00:00Z"), dose("2026-03-15T20:00:00Z")],
      at("2026-03-16T12:00:00Z"),
    );
    assert.deepEqual(
      result.entries.map((e) => e.status),
      ["taken", "taken", "taken", "pending", "pending", "pending", "pending", "pending"],
    );
    assert.deepEqual(
      result.entries.slice(0, 3).map((e) => e.minutesFromPlan),
      [20, -120, 660],
    );
    assert.equal(result.entries[0]?.dose?.id, "2026-03-01T09:20:00Z", "the record itself");
    assert.equal(result.summary.percentOnTime, 100);
    assert.equal(result.summary.due, 3);
    assert.equal(result.summary.pending, 5);
  });

  test("late, missed, skipped and extra, with percentages of the doses due", () => {
    const result = assessAdherence(
      weekly,
      [
        dose("2026-03-01T09:00:00Z"), // 03-01 taken
        dose("2026-03-01T21:00:00Z"), // a second dose that day: extra
        dose("2026-03-10T09:00:00Z"), // 03-08 late (2 days)
        // 03-15: too soon after 03-10 + 5 days (03-15 09:00 is inside, window to 21:00: not skipped) → missed
        dose("2026-03-26T12:00:00Z"), // 03-22 late (4 days)
        // 03-29: 03-26 12:00 + 5 days = 03-31, after the window closes → skipped
        dose("2026-04-05T10:00:00Z"), // 04-05 taken
        dose("2026-03-26T13:00:00Z", "lsd"), // another substance: not this plan's
      ],
      at("2026-04-06T00:00:00Z"),
    );
    assert.deepEqual(
      result.entries.map((e) => [e.occurrence.date, e.status]),
      [
        ["2026-03-01", "taken"],
        ["2026-03-08", "late"],
        ["2026-03-15", "missed"],
        ["2026-03-22", "late"],
        ["2026-03-29", "skipped"],
        ["2026-04-05", "taken"],
        ["2026-04-12", "pending"],
        ["2026-04-19", "pending"],
      ],
    );
    assert.deepEqual(
      result.extra.map((d) => d.at),
      ["2026-03-01T21:00:00Z"],
    );
    const s = result.summary;
    assert.deepEqual(
      [s.due, s.taken, s.late, s.missed, s.skipped, s.pending, s.extra],
      [6, 2, 2, 1, 1, 2, 1],
    );
    assert.equal(s.percentOnTime, 33.3);
    assert.equal(s.percentTaken, 66.7);
    assert.equal(s.percentLate, 33.3);
    assert.equal(s.percentMissed, 16.7);
    assert.equal(s.percentSkipped, 16.7);
  });

  test("a dose more than 3 hours early is extra, and keeps the occurrence from being taken too soon", () => {
    const result = assessAdherence(
      weekly,
      [dose("2026-03-01T09:00:00Z"), dose("2026-03-07T09:00:00Z")], // a day early for 03-08
      at("2026-03-09T00:00:00Z"),
    );
    assert.deepEqual(
      result.entries.slice(0, 2).map((e) => e.status),
      ["taken", "skipped"],
    );
    assert.equal(result.extra.length, 1);
  });

  test("nothing is due before the plan starts; doses before it are not this plan's", () => {
    const result = assessAdherence(
      weekly,
      [dose("2026-02-20T09:00:00Z")],
      at("2026-02-25T00:00:00Z"),
    );
    assert.equal(result.summary.due, 0);
    assert.equal(result.summary.percentOnTime, null);
    assert.equal(result.summary.extra, 0);
    assert.equal(result.summary.currentStreakWeeks, 0);
  });
});

describe("streak of on-plan weeks", () => {
  const onTime = ["2026-03-01", "2026-03-08", "2026-03-15", "2026-03-22"].map((d) =>
    dose(`${d}T09:00:00Z`),
  );

  test("counts complete weeks back from the last complete one", () => {
    // Now: Sunday morning of week 5 (03-29 to 04-04), before its dose; weeks 1–4 were on plan.
    const result = assessAdherence(weekly, onTime, at("2026-03-29T08:00:00Z"));
    assert.equal(result.summary.currentStreakWeeks, 4);
  });

  test("a missed dose in the current week resets it to 0; an extra dose breaks the week it is in", () => {
    const missed = assessAdherence(weekly, onTime, at("2026-03-30T12:00:00Z"));
    assert.equal(missed.entries[4]?.status, "missed");
    assert.equal(missed.summary.currentStreakWeeks, 0);
    const extra = assessAdherence(
      weekly,
      [...onTime, dose("2026-03-19T09:00:00Z")],
      at("2026-03-29T12:00:00Z"),
    );
    assert.equal(extra.summary.extra, 1);
    assert.equal(extra.summary.currentStreakWeeks, 1); // week 4 only; week 3 had the extra dose
  });

  test("weeks of a planned break count as on plan when no dose was taken", () => {
    const cycled = planWith({
      startDate: "2026-03-01",
      timeZone: "UTC",
      cycle: { weeksOn: 2, weeksOff: 2 },
      end: { kind: "count", count: 4 },
    });
    const result = assessAdherence(
      cycled,
      ["2026-03-01", "2026-03-08", "2026-03-29"].map((d) => dose(`${d}T09:00:00Z`)),
      at("2026-04-01T12:00:00Z"),
    );
    assert.equal(result.summary.currentStreakWeeks, 4);
  });
});

describe("days since the last break", () => {
  test("counts from the first dose when there was never a break, and restarts after one", () => {
    const none = assessAdherence(
      weekly,
      [dose("2026-03-01T09:00:00Z")],
      at("2026-03-05T12:00:00Z"),
    );
    assert.equal(none.summary.breakDays, 14); // the default cycle's 2 weeks off (FACTS P-PROT-2)
    assert.equal(none.summary.daysSinceLastBreak, 4);

    const afterBreak = assessAdherence(
      weekly,
      ["2026-03-01", "2026-03-08", "2026-03-29", "2026-04-05"].map((d) => dose(`${d}T09:00:00Z`)),
      at("2026-04-06T12:00:00Z"),
    );
    assert.equal(afterBreak.summary.daysSinceLastBreak, 8); // 20 dose-free days before 03-29
  });

  test("is 0 during a break and null before any dose", () => {
    const onBreak = assessAdherence(
      weekly,
      [dose("2026-03-01T09:00:00Z")],
      at("2026-03-20T00:00:00Z"),
    );
    assert.equal(onBreak.summary.daysSinceLastBreak, 0);
    assert.equal(
      assessAdherence(weekly, [], at("2026-03-20T00:00:00Z")).summary.daysSinceLastBreak,
      null,
    );
  });

  test("uses the plan's own weeks off when it has a cycle", () => {
    const cycled = planWith({ startDate: "2026-03-01", cycle: { weeksOn: 4, weeksOff: 3 } });
    assert.equal(assessAdherence(cycled, [], at("2026-03-01T00:00:00Z")).summary.breakDays, 21);
  });
});
