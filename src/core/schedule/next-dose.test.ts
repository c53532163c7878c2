import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../errors.ts";
import { nextDose } from "./next-dose.ts";
import { planWith } from "./test-plans.ts";

const at = (iso: string) => Temporal.Instant.from(iso);
const ketamine = (iso: string) => ({ at: iso, substance: "ketamine" });
// Ketamine every 7 days at 09:00 London from Sunday 2026-03-22 (GMT), 6 doses; BST from 03-29.
const weekly = planWith({ end: { kind: "count", count: 6 } });

describe("next dose", () => {
  test("with nothing taken yet, the first occurrence", () => {
    const next = nextDose(weekly, [], at("2026-03-20T12:00:00Z"));
    assert.equal(next?.at, "2026-03-22T09:00:00Z");
    assert.equal(next?.isDue, false);
    assert.equal(next?.pushedBack, false);
    assert.equal(next?.reason, null);
  });

  test("after a dose on time, the next planned occurrence", () => {
    const next = nextDose(weekly, [ketamine("2026-03-22T09:05:00Z")], at("2026-03-22T10:00:00Z"));
    assert.equal(next?.occurrence.date, "2026-03-29");
    assert.equal(next?.at, "2026-03-29T08:00:00Z");
    assert.equal(next?.localTime, "09:00");
    assert.equal(next?.pushedBack, false);
  });

  test("a dose due this morning and not yet taken is still the next dose", () => {
    const next = nextDose(weekly, [], at("2026-03-22T10:30:00Z"));
    assert.equal(next?.occurrence.date, "2026-03-22");
    assert.equal(next?.isDue, true);
  });

  test("a dose three days late pushes the next one back a week rather than 4 days after it", () => {
    // Due Sunday 03-29, taken Wednesday 04-01: Sunday 04-05 would be 4 days later.
    const next = nextDose(
      weekly,
      [ketamine("2026-03-22T09:00:00Z"), ketamine("2026-04-01T08:00:00Z")],
      at("2026-04-01T09:00:00Z"),
    );
    assert.equal(next?.occurrence.date, "2026-04-12");
    assert.equal(next?.at, "2026-04-12T08:00:00Z");
    assert.equal(next?.pushedBack, true);
    assert.deepEqual(
      next?.skipped.map((o) => o.date),
      ["2026-04-05"],
    );
    assert.equal(next?.earliestAt, "2026-04-06T08:00:00Z");
    assert.match(next?.reason ?? "", /last dose was at 2026-04-01 09:00 \(Europe\/London\)/);
    assert.match(next?.reason ?? "", /at least 5 days between doses \(FACTS K-DOSE-2/);
    assert.match(next?.reason ?? "", /2026-04-05 09:00 is skipped/);
  });

  test("a dose taken late in the evening moves the next one to that evening, within its day", () => {
    const next = nextDose(
      weekly,
      [ketamine("2026-03-31T20:00:00Z")], // 21:00 BST on Tuesday
      at("2026-04-01T09:00:00Z"),
    );
    assert.equal(next?.occurrence.date, "2026-04-05");
    assert.equal(next?.at, "2026-04-05T20:00:00Z");
    assert.equal(next?.localTime, "21:00");
    assert.equal(next?.pushedBack, true);
    assert.match(next?.reason ?? "", /2026-04-05 09:00 moves to 2026-04-05 21:00/);
  });

  test("the interval is in calendar days: 09:00 plus 5 days is 09:00 across the clock change", () => {
    const every5 = planWith({
      protocol: { kind: "every-n-days", intervalDays: 5 },
      startDate: "2026-03-26",
      end: { kind: "count", count: 3 },
    });
    // 09:00 GMT on 03-26; the next is 09:00 BST on 03-31, 4 days 23 hours later.
    const next = nextDose(every5, [ketamine("2026-03-26T09:00:00Z")], at("2026-03-27T00:00:00Z"));
    assert.equal(next?.at, "2026-03-31T08:00:00Z");
    assert.equal(next?.pushedBack, false);
  });

  test("no planned occurrence left: null", () => {
    assert.equal(nextDose(weekly, [], at("2026-06-01T00:00:00Z")), null);
  });

  test("cross-tolerant doses count: LSD yesterday evening moves today's psilocybin dose (FACTS P-TOL-1)", () => {
    const daily = planWith({
      substance: "psilocybin",
      protocol: { kind: "stamets" },
      timeZone: "UTC",
      end: { kind: "count", count: 8 },
    });
    const next = nextDose(
      daily,
      [{ at: "2026-03-22T20:00:00Z", substance: "lsd" }],
      at("2026-03-23T07:00:00Z"),
    );
    assert.equal(next?.occurrence.date, "2026-03-23");
    assert.equal(next?.at, "2026-03-23T20:00:00Z");
    assert.equal(next?.pushedBack, true);
    // Ketamine does not share tolerance with psilocybin.
    const unrelated = nextDose(
      daily,
      [{ at: "2026-03-22T20:00:00Z", substance: "ketamine" }],
      at("2026-03-23T07:00:00Z"),
    );
    assert.equal(unrelated?.at, "2026-03-23T09:00:00Z");
  });

  test("a plan with accepted risk keeps its own spacing after a dose, and its warning", () => {
    const risky = planWith({
      protocol: { kind: "every-n-days", intervalDays: 3 },
      acceptRisk: true,
      end: { kind: "count", count: 4 },
    });
    const next = nextDose(risky, [ketamine("2026-03-22T09:00:00Z")], at("2026-03-22T10:00:00Z"));
    assert.equal(next?.occurrence.date, "2026-03-25");
    assert.equal(next?.intervalDays, 3);
    assert.equal(next?.warnings[0]?.code, "PLAN_RISK_ACCEPTED");
  });

  test("a plan refused for its spacing has no next dose either", () => {
    assert.throws(
      () => nextDose(planWith({ protocol: { kind: "fadiman" } }), [], at("2026-03-20T00:00:00Z")),
      (error: unknown) => error instanceof TitrateError && error.code === "PLAN_INTERVAL_TOO_SHORT",
    );
  });

  test("a dose record without a valid instant is refused, naming it", () => {
    assert.throws(
      () => nextDose(weekly, [ketamine("yesterday")], at("2026-03-20T00:00:00Z")),
      (error: unknown) =>
        error instanceof TitrateError &&
        error.code === "VALIDATION_FAILED" &&
        error.field === "taken.0.at",
    );
  });
});
