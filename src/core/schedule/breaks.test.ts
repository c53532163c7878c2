import assert from "node:assert/strict";
import { test } from "node:test";
import type { PlanSchedule } from "../schemas/plan.ts";
import { cycleBreaks } from "./breaks.ts";
import { planOccurrences } from "./occurrences.ts";

const plan: PlanSchedule = {
  substance: "ketamine",
  protocol: { kind: "every-n-days", intervalDays: 7 },
  cycle: { weeksOn: 4, weeksOff: 2 },
  startDate: "2026-03-02",
  localTime: "09:00",
  timeZone: "Europe/London",
  end: { kind: "count", count: 8 },
  acceptRisk: false,
};

test("lists each run of weeks off that comes before the plan's last dose", () => {
  const occurrences = planOccurrences(plan);
  // Doses on 03-02, 03-09, 03-16, 03-23; weeks off 03-30 … 04-12; doses from 04-13 to 05-04.
  assert.deepEqual(
    occurrences.map((o) => o.date),
    [
      "2026-03-02",
      "2026-03-09",
      "2026-03-16",
      "2026-03-23",
      "2026-04-13",
      "2026-04-20",
      "2026-04-27",
      "2026-05-04",
    ],
  );
  assert.deepEqual(cycleBreaks(plan, occurrences), [{ from: "2026-03-30", until: "2026-04-12" }]);
});

test("a plan without a cycle, or without doses, has no breaks", () => {
  assert.deepEqual(
    cycleBreaks({ ...plan, cycle: null }, planOccurrences({ ...plan, cycle: null })),
    [],
  );
  assert.deepEqual(cycleBreaks(plan, []), []);
});
