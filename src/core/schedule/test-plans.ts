/**
 * Plans for the schedule's tests: one valid plan, changed field by field.
 * (Imported by *.test.ts only.)
 */
import type { PlanDraft, PlanSchedule } from "../schemas/plan.ts";

/** Ketamine every 7 days at 09:00 in Europe/London from Sunday 2026-03-22, 3 doses: the example. */
export function planWith(overrides: Partial<PlanDraft> = {}): PlanDraft & PlanSchedule {
  return {
    substance: "ketamine",
    protocol: { kind: "every-n-days", intervalDays: 7 },
    cycle: null,
    startDate: "2026-03-22",
    localTime: "09:00",
    timeZone: "Europe/London",
    end: { kind: "count", count: 3 },
    acceptRisk: false,
    ...overrides,
  };
}
