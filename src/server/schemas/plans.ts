/** Request and response schemas of plans: preview, store, list, calendar, end and move. */
import * as z from "zod/mini";
import { Finding } from "../../core/safety/finding.ts";
import { Dose, Plan } from "../../core/schemas/journal.ts";
import { PlanDraft } from "../../core/schemas/plan.ts";
import { Instant, QueryFlag } from "./common.ts";

/** A plan as the person asks for it; `timeZone` defaults to the profile's, `target` to the start dose. */
export const PlanBody = z.extend(PlanDraft, {
  timeZone: z.optional(PlanDraft.shape.timeZone),
});

export const Occurrence = z.strictObject({
  date: z.string().check(z.describe("Local date in the plan's zone, YYYY-MM-DD.")),
  localTime: z.string().check(z.describe("Local time, HH:MM.")),
  at: Instant,
});

export const PlanWarning = z.strictObject({
  code: z.string(),
  message: z.string(),
  facts: z.array(z.string()),
});

export const ClockChange = z.strictObject({
  kind: z.enum(["gap", "overlap"]),
  date: z.string(),
  plannedTime: z.string(),
  localTime: z.string(),
  at: Instant,
});

export const PlanPreview = z.strictObject({
  plan: PlanDraft,
  substance: z.strictObject({
    id: z.string(),
    name: z.string(),
    unit: z.string(),
    step: z.number(),
  }),
  dose: z.nullable(
    z.strictObject({ amount: z.number(), unit: z.string(), isStartDose: z.boolean() }),
  ),
  occurrences: z.array(Occurrence),
  clockChanges: z.array(ClockChange),
  warnings: z.array(PlanWarning),
  findings: z
    .array(Finding)
    .check(
      z.describe(
        "What the safety rules say about a dose of the plan at its first dose ahead, caution and above, danger first.",
      ),
    ),
  minIntervalDays: z.number(),
  shortestSpacingDays: z.number(),
  intervalDays: z.number(),
});

export const PlanCreated = z.strictObject({
  plan: Plan,
  warnings: z.array(PlanWarning),
  findings: z.optional(
    z
      .array(Finding)
      .check(
        z.describe(
          "What the safety rules say about a dose of the plan at its first dose ahead, caution and above, danger first.",
        ),
      ),
  ),
});
export const PlanAnswer = z.strictObject({ plan: Plan });

export const NextDose = z.strictObject({
  occurrence: Occurrence,
  at: Instant.check(z.describe("When to take it: the planned time, or later when pushed back.")),
  date: z.string(),
  localTime: z.string(),
  timeZone: z.string(),
  isDue: z.boolean(),
  pushedBack: z.boolean(),
  reason: z
    .nullable(z.string())
    .check(
      z.describe("Why it is not sooner (the minimum interval after your last dose), or null."),
    ),
  skipped: z.array(Occurrence),
  lastDoseAt: z.nullable(Instant),
  earliestAt: z.nullable(Instant),
  intervalDays: z.number(),
  warnings: z.array(PlanWarning),
});

export const AdherenceSummary = z.strictObject({
  due: z.int(),
  taken: z.int(),
  late: z.int(),
  missed: z.int(),
  skipped: z.int(),
  pending: z.int(),
  extra: z.int(),
  percentOnTime: z.nullable(z.number()),
  percentTaken: z.nullable(z.number()),
  percentLate: z.nullable(z.number()),
  percentMissed: z.nullable(z.number()),
  percentSkipped: z.nullable(z.number()),
  currentStreakWeeks: z.int(),
  daysSinceLastBreak: z.nullable(z.int()),
  breakDays: z.int(),
});

export const PlanList = z.strictObject({
  plans: z.array(
    z.strictObject({
      plan: Plan,
      isActive: z.boolean(),
      next: z.nullable(NextDose),
      adherence: AdherenceSummary,
      warnings: z.array(PlanWarning),
    }),
  ),
});

export const CalendarQuery = z.strictObject({
  month: z.optional(
    z
      .string()
      .check(
        z.regex(/^\d{4}-(?:0[1-9]|1[0-2])$/u, { error: "must be a month such as 2026-03" }),
        z.describe("Only this month (YYYY-MM, in the plan's zone); default the whole plan."),
      ),
  ),
});

export const PlanCalendar = z.strictObject({
  plan: Plan,
  timeZone: z.string(),
  month: z.nullable(z.string()),
  occurrences: z.array(
    z.strictObject({
      ...Occurrence.shape,
      status: z.enum(["taken", "late", "missed", "skipped", "pending"]),
      doseId: z.nullable(z.string()).check(z.describe("The dose that counted for it.")),
      minutesFromPlan: z.nullable(z.int()),
    }),
  ),
  extra: z
    .array(z.strictObject({ dose: Dose, date: z.string() }))
    .check(z.describe("Doses of the plan's substance that match no occurrence.")),
  breaks: z
    .array(z.strictObject({ from: z.string(), until: z.string() }))
    .check(z.describe("The cycle's weeks off: first and last day, inclusive.")),
  next: z.nullable(NextDose),
  summary: AdherenceSummary,
});

export const IcsQuery = z.strictObject({
  utc: z.optional(QueryFlag.check(z.describe("Times in UTC instead of the plan's zone."))),
  remindMinutes: z.optional(
    z.string().check(
      z.regex(/^\d{1,5}$/u, { error: "must be a whole number of minutes" }),
      z.refine((m) => Number(m) <= 7 * 24 * 60, { error: "must be at most 10080 (a week)" }),
      z.describe("Minutes before each dose the reminder fires; default 15, 0 at the time."),
    ),
  ),
  discreet: z.optional(
    QueryFlag.check(z.describe("Leave the substance and dose out of the events.")),
  ),
});

export const MoveZoneBody = z.strictObject({
  timeZone: z.string().check(z.minLength(1), z.maxLength(64)),
});
