/**
 * A dosing plan: substance, target dose, protocol (with an optional cycle of weeks on and
 * off), start, local time of day, time zone, and how it ends. Shared by the planner, the
 * safety rules, the store, the API and the forms.
 */
import * as z from "zod/mini";

export const weekdayIds = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const Weekday = z.enum(weekdayIds);
export type Weekday = z.infer<typeof Weekday>;

/** How dosing days repeat (FACTS K-DOSE-2, P-PROT-1). */
export const Protocol = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("every-n-days"),
    intervalDays: z.int().check(z.minimum(1), z.maximum(90)),
  }),
  /** One day on, two days off (FACTS P-PROT-1). */
  z.strictObject({ kind: z.literal("fadiman") }),
  /** Four days on, three off, repeating weekly from the start date (FACTS P-PROT-1 ⚠). */
  z.strictObject({ kind: z.literal("stamets") }),
  z.strictObject({ kind: z.literal("every-other-day") }),
  z.strictObject({
    kind: z.literal("weekdays"),
    weekdays: z.array(Weekday).check(z.minLength(1), z.maxLength(7)),
  }),
  /** A repeating pattern from the start date: `1` a dosing day, `0` a day off, e.g. `1001000`. */
  z.strictObject({
    kind: z.literal("pattern"),
    pattern: z.string().check(
      z.regex(/^[01]{2,56}$/u, { error: "must be 2–56 characters of 1 (dose) and 0 (no dose)" }),
      z.refine((p) => p.includes("1"), { error: "must contain at least one 1 (a dosing day)" }),
    ),
  }),
]);
export type Protocol = z.infer<typeof Protocol>;

/** Weeks on, then weeks off, repeating: a tolerance break (FACTS P-PROT-2, K-TOL-1). */
export const Cycle = z.strictObject({
  weeksOn: z.int().check(z.minimum(1), z.maximum(52)),
  weeksOff: z.int().check(z.minimum(1), z.maximum(52)),
});
export type Cycle = z.infer<typeof Cycle>;

export const PlanEnd = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("count"), count: z.int().check(z.minimum(1), z.maximum(1000)) }),
  z.strictObject({ kind: z.literal("until"), date: z.iso.date() }),
]);
export type PlanEnd = z.infer<typeof PlanEnd>;

/** A dose amount in `unit` (mg, µg, g). */
export const PlanTarget = z.strictObject({
  amount: z.number().check(z.positive()),
  unit: z.enum(["µg", "mg", "g"]),
});
export type PlanTarget = z.infer<typeof PlanTarget>;

/** What a person asks to plan. `amount` is in `unit`, the substance's unit (mg, µg, g). */
export const PlanInput = z.strictObject({
  substance: z.string().check(z.minLength(1), z.maxLength(60)),
  target: PlanTarget,
  protocol: Protocol,
  cycle: z.nullable(Cycle),
  startDate: z.iso.date(),
  /** Local time of day in the plan's zone, HH:MM. */
  localTime: z.iso.time({ precision: -1 }),
  /** IANA time zone, e.g. Europe/London. */
  timeZone: z.string().check(z.minLength(1), z.maxLength(64)),
  end: PlanEnd,
  /** The person chose to plan doses closer than the substance's minimum interval. */
  acceptRisk: z.boolean(),
});
export type PlanInput = z.infer<typeof PlanInput>;

/** The calendar part of a plan, everything but the dose: what the schedule needs to place doses. */
export const PlanSchedule = z.omit(PlanInput, { target: true });
export type PlanSchedule = z.infer<typeof PlanSchedule>;

/**
 * A plan being previewed: like PlanInput, but the target may be left out. Without a target
 * and without a way to size the start dose (ketamine needs a weight), no amount is proposed.
 */
export const PlanDraft = z.extend(PlanSchedule, { target: z.optional(PlanTarget) });
export type PlanDraft = z.infer<typeof PlanDraft>;
