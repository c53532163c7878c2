import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { TitrateError } from "../errors.ts";
import { planOccurrences } from "./occurrences.ts";
import { planWith } from "./test-plans.ts";
import { movePlanToZone, viewInZone } from "./zones.ts";

describe("seeing a plan from another zone", () => {
  test("a London plan seen from New York: same instants, New York's wall clock", () => {
    // New York is on summer time from 03-08, London from 03-29: the gap is 4 hours, then 5.
    const viewed = viewInZone(planOccurrences(planWith()), "America/New_York");
    assert.deepEqual(
      viewed.map((o) => [o.date, o.localTime, o.at, o.viewer.date, o.viewer.localTime]),
      [
        ["2026-03-22", "09:00", "2026-03-22T09:00:00Z", "2026-03-22", "05:00"],
        ["2026-03-29", "09:00", "2026-03-29T08:00:00Z", "2026-03-29", "04:00"],
        ["2026-04-05", "09:00", "2026-04-05T08:00:00Z", "2026-04-05", "04:00"],
      ],
    );
    assert.equal(viewed[0]?.viewer.timeZone, "America/New_York");
  });

  test("the day can change: 09:00 in Tokyo is the evening before in Los Angeles", () => {
    const [first] = viewInZone(
      planOccurrences(planWith({ timeZone: "Asia/Tokyo" })),
      "america/los_angeles",
    );
    assert.deepEqual(first?.viewer, {
      timeZone: "America/Los_Angeles",
      date: "2026-03-21",
      localTime: "17:00",
      dayShift: -1,
    });
  });

  test("an unknown viewer zone is refused", () => {
    assert.throws(
      () => viewInZone([], "Nowhere/Land", "viewer"),
      (e: unknown) =>
        e instanceof TitrateError && e.code === "TIME_ZONE_UNKNOWN" && e.field === "viewer",
    );
  });
});

describe("moving a plan to a new zone", () => {
  test("keeps the local dates and time of day; the instants move", () => {
    const moved = movePlanToZone(planWith(), "America/New_York");
    assert.equal(moved.timeZone, "America/New_York");
    assert.equal(moved.localTime, "09:00");
    assert.deepEqual(
      planOccurrences(moved).map((o) => [o.date, o.localTime, o.at]),
      [
        ["2026-03-22", "09:00", "2026-03-22T13:00:00Z"],
        ["2026-03-29", "09:00", "2026-03-29T13:00:00Z"],
        ["2026-04-05", "09:00", "2026-04-05T13:00:00Z"],
      ],
    );
  });

  test("changes nothing else, and refuses an unknown zone", () => {
    const plan = planWith({ target: { amount: 7, unit: "mg" } });
    const moved = movePlanToZone(plan, "asia/tokyo");
    assert.deepEqual({ ...moved, timeZone: plan.timeZone }, plan);
    assert.equal(moved.timeZone, "Asia/Tokyo");
    assert.throws(() => movePlanToZone(plan, "GMT+25"), TitrateError);
  });
});
