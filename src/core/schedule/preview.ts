/**
 * A plan preview: the checked plan, its occurrences and its warnings. Everything that shows
 * or exports a plan (the CLI, the calendar export, later the journal and the API) goes
 * through here, so no plan appears without its minimum-interval and ceiling checks.
 */
import type { Temporal } from "temporal-polyfill";
import { calculateDose, checkAmountAgainstCeiling } from "../dose.ts";
import { TitrateError } from "../errors.ts";
import { countText } from "../safety/format.ts";
import { instantMs } from "../safety/time-math.ts";
import { PlanDraft, type PlanSchedule, type PlanTarget } from "../schemas/plan.ts";
import { parseWith } from "../schemas/validate.ts";
import type { Substance } from "../substances/substance.ts";
import { convert, floorToStep, formatAmount, roundTo } from "../units.ts";
import { daysBetween, parsePlainDate } from "./calendar.ts";
import { type ClockChange, generateSchedule, type Occurrence } from "./occurrences.ts";
import { checkPlanSpacing } from "./spacing-rule.ts";
import type { PlanWarning } from "./warnings.ts";

export interface PreviewOptions {
  /** Body weight in kg: checks a ketamine target against the person's own ceiling. */
  readonly weightKg?: number | undefined;
}

/** The dose of each occurrence, in the substance's unit, rounded down to its step. */
export interface PlannedDose {
  readonly amount: number;
  readonly unit: Substance["unit"];
  /** True when no target was given and the substance's start dose was used. */
  readonly isStartDose: boolean;
}

export interface PlanPreview {
  /** The plan as checked: catalog id, canonical zone, target in the substance's unit (absent if none). */
  readonly plan: PlanDraft;
  readonly substance: Substance;
  /** Null when no amount can be proposed: ketamine without a target or a weight. */
  readonly dose: PlannedDose | null;
  readonly occurrences: readonly Occurrence[];
  readonly clockChanges: readonly ClockChange[];
  readonly warnings: readonly PlanWarning[];
  /** The catalog's minimum days between doses, and the plan's shortest gap. */
  readonly minIntervalDays: number;
  readonly shortestSpacingDays: number;
  /** Days kept after a dose: the minimum, or the plan's own shorter spacing if the risk was accepted. */
  readonly intervalDays: number;
}

/**
 * Checks a plan and lists its occurrences. Throws VALIDATION_FAILED (naming the field) for a
 * malformed plan, TIME_ZONE_UNKNOWN, SUBSTANCE_UNKNOWN, PLAN_INTERVAL_TOO_SHORT when doses
 * are closer than the substance's minimum without `acceptRisk` (FACTS K-DOSE-2, P-PROT-1),
 * DOSE_ABOVE_CEILING for a target above the microdose ceiling (FACTS K-DOSE-1, P-DOSE-1),
 * never clamped. Without a target, the dose is the substance's start dose when it can be
 * sized (psychedelics always; ketamine with a weight), and none otherwise.
 */
export function previewPlan(input: unknown, options: PreviewOptions = {}): PlanPreview {
  const draft = parseWith(PlanDraft, input);
  const spacing = checkPlanSpacing(draft);
  const schedule = generateSchedule(draft);
  const { substance } = spacing;
  const { dose, warnings: doseWarnings } = planDose(substance, draft.target, options.weightKg);
  const warnings: PlanWarning[] = [...spacing.warnings, ...doseWarnings];
  const breaks = missingBreaks(draft, substance, schedule.occurrences);
  if (breaks) warnings.push(breaks);
  const cycle = cycleOutsideProtocol(draft, substance, schedule.occurrences);
  if (cycle) warnings.push(cycle);
  for (const change of schedule.clockChanges)
    warnings.push(clockWarning(change, schedule.timeZone));

  const plan: PlanDraft = {
    ...draft,
    substance: substance.id,
    timeZone: schedule.timeZone,
    ...(dose ? { target: { amount: dose.amount, unit: dose.unit } } : {}),
  };
  return {
    plan,
    substance,
    dose,
    occurrences: schedule.occurrences,
    clockChanges: schedule.clockChanges,
    warnings,
    minIntervalDays: spacing.minIntervalDays,
    shortestSpacingDays: spacing.shortestSpacingDays,
    intervalDays: spacing.enforcedIntervalDays,
  };
}

/**
 * The draft fields of any plan-shaped record (a stored plan with its id and dates, say), so it
 * can go through previewPlan, whose schema refuses unknown fields.
 */
export function toPlanDraft(
  plan: PlanSchedule & { readonly target?: PlanTarget | undefined },
): PlanDraft {
  return {
    substance: plan.substance,
    protocol: plan.protocol,
    cycle: plan.cycle,
    startDate: plan.startDate,
    localTime: plan.localTime,
    timeZone: plan.timeZone,
    end: plan.end,
    acceptRisk: plan.acceptRisk,
    ...(plan.target === undefined ? {} : { target: plan.target }),
  };
}

/**
 * Refuses (WEIGHT_REQUIRED) a plan whose target could not be checked against the person's
 * ceiling: a per-kg substance (ketamine) with a target and no weight (FACTS K-DOSE-1). Every
 * plan that is created or previewed for a person goes through it; previewPlan alone only
 * warns (TARGET_NOT_CHECKED), so a plan stored earlier is still shown when the profile has
 * lost its weight.
 */
export function assertTargetCheckable(preview: PlanPreview): void {
  if (!preview.warnings.some((w) => w.code === "TARGET_NOT_CHECKED")) return;
  const { substance } = preview;
  const sizing = substance.sizing;
  const perKg = sizing.kind === "per-kg" ? `${sizing.ceilingPerKg} ${substance.unit}/kg` : "";
  throw new TitrateError(
    "WEIGHT_REQUIRED",
    `weight: ${substance.name} is dosed by body weight, and without your weight Titrate cannot check the target against your ceiling of ${perKg} (FACTS ${sizing.facts[0]}); set your weight (titrate profile set --weight 70kg, or the profile in the app), or give --weight`,
    "weight",
  );
}

/**
 * A warning when some of the plan's doses are already past at `now` (a start date in the
 * past): they would show as missed from the first day. Null when none are.
 */
export function pastOccurrencesWarning(
  preview: PlanPreview,
  now: Temporal.Instant,
): PlanWarning | null {
  const past = preview.occurrences.filter((o) => instantMs(o.at) < now.epochMilliseconds);
  if (past.length === 0) return null;
  const all = preview.occurrences.length;
  return {
    code: "PLAN_STARTS_IN_PAST",
    message: `${all === 1 ? "The one planned dose is" : `${past.length === all ? "All" : `${past.length} of the`} ${all} planned doses ${past.length === 1 ? "is" : "are"}`} already in the past (the plan starts on ${preview.plan.startDate}): ${past.length === 1 ? "it counts" : "they count"} as missed unless you logged ${past.length === 1 ? "it" : "them"}. Start today or later for a plan to follow.`,
    facts: [],
  };
}

function planDose(
  substance: Substance,
  target: PlanTarget | undefined,
  weightKg: number | undefined,
): { dose: PlannedDose | null; warnings: PlanWarning[] } {
  const { unit, step, sizing } = substance;
  const warnings: PlanWarning[] = [];
  const requested = target === undefined ? undefined : convert(target.amount, target.unit, unit);
  if (sizing.kind === "absolute" || weightKg !== undefined) {
    // calculateDose refuses a target above the ceiling (DOSE_ABOVE_CEILING) and rounds down.
    const result = calculateDose({
      substance,
      weightKg,
      target: requested === undefined ? undefined : { kind: "amount", amount: requested },
    });
    if (requested === undefined) {
      return { dose: { amount: result.start, unit, isStartDose: true }, warnings };
    }
    if (roundTo(requested, 9) !== result.target) warnings.push(rounded(substance, result.target));
    if (result.target > result.start) {
      warnings.push({
        code: "TARGET_ABOVE_START",
        message: `The target of ${formatAmount(result.target, unit, step)} is above the start dose of ${formatAmount(result.start, unit, step)}: begin at the start dose and raise slowly, guided by your journal (FACTS ${sizing.facts[0]}).`,
        facts: [sizing.facts[0] ?? ""],
      });
    }
    return { dose: { amount: result.target, unit, isStartDose: false }, warnings };
  }
  if (requested === undefined) return { dose: null, warnings };
  // A per-kg substance without a weight: refuse anything above the ceiling at any weight
  // Titrate accepts, and say that the person's own ceiling was not checked.
  const notes = checkAmountAgainstCeiling(substance, requested, undefined, "target");
  const amount = floorToStep(requested, step);
  if (amount <= 0) {
    throw new TitrateError(
      "MEASUREMENT_TOO_COARSE",
      `target: ${formatAmount(requested, unit)} is less than the smallest measurable step of ${formatAmount(step, unit, step)}`,
      "target",
    );
  }
  if (roundTo(requested, 9) !== amount) warnings.push(rounded(substance, amount));
  if (notes.length > 0) {
    warnings.push({
      code: "TARGET_NOT_CHECKED",
      message: `Without your weight Titrate cannot check ${formatAmount(amount, unit, step)} against your own ceiling of ${sizing.ceilingPerKg} ${unit}/kg (FACTS ${sizing.facts[0]}); add your weight to check it.`,
      facts: [sizing.facts[0] ?? ""],
    });
  }
  return { dose: { amount, unit, isStartDose: false }, warnings };
}

function rounded(substance: Substance, amount: number): PlanWarning {
  const { unit, step } = substance;
  return {
    code: "TARGET_ROUNDED",
    message: `The target was rounded down to ${formatAmount(amount, unit, step)}, the nearest step of ${formatAmount(step, unit, step)} you can measure.`,
    facts: [],
  };
}

/** A warning when a plan without a cycle doses for longer than the default weeks on. */
function missingBreaks(
  plan: PlanDraft,
  substance: Substance,
  occurrences: readonly Occurrence[],
): PlanWarning | null {
  const first = occurrences[0];
  const last = occurrences.at(-1);
  if (plan.cycle !== null || !first || !last) return null;
  const { weeksOn, weeksOff } = substance.defaultCycle; // FACTS P-PROT-2
  const spanDays = daysBetween(
    parsePlainDate(first.date, "date"),
    parsePlainDate(last.date, "date"),
  );
  if (spanDays < weeksOn * 7) return null;
  const tolerance = substance.id === "ketamine" ? "K-TOL-1" : "P-TOL-1";
  return {
    code: "PLAN_NO_BREAKS",
    message: `No tolerance breaks: this plan doses for ${countText(Math.floor(spanDays / 7) + 1, "week")} without one. Tolerance builds quickly (FACTS ${tolerance}); a common pattern is 4–8 weeks on, then 2–4 weeks off (FACTS P-PROT-2), for example a cycle of ${weeksOn}w/${weeksOff}w.`,
    facts: [tolerance, "P-PROT-2"],
  };
}

/** FACTS P-PROT-2 ⚠: breaks are 4–8 weeks on, then 2–4 weeks off. */
const PROTOCOL_MAX_WEEKS_ON = 8;
const PROTOCOL_MIN_WEEKS_OFF = 2;

/**
 * A warning when the plan's own cycle is longer on, or shorter off, than FACTS P-PROT-2's
 * 4–8 weeks on and 2–4 off, and the plan lasts long enough for it to matter. The cycle also
 * sets when the no-break rule speaks, so a 12w/1w plan would otherwise silence it.
 */
function cycleOutsideProtocol(
  plan: PlanDraft,
  substance: Substance,
  occurrences: readonly Occurrence[],
): PlanWarning | null {
  const first = occurrences[0];
  const last = occurrences.at(-1);
  if (plan.cycle === null || !first || !last) return null;
  const { weeksOn, weeksOff } = plan.cycle;
  const spanDays = daysBetween(
    parsePlainDate(first.date, "date"),
    parsePlainDate(last.date, "date"),
  );
  const problems: string[] = [];
  if (weeksOn > PROTOCOL_MAX_WEEKS_ON && spanDays >= PROTOCOL_MAX_WEEKS_ON * 7) {
    problems.push(`${countText(weeksOn, "week")} on is longer than ${PROTOCOL_MAX_WEEKS_ON}`);
  }
  if (weeksOff < PROTOCOL_MIN_WEEKS_OFF && spanDays >= weeksOn * 7) {
    problems.push(`${countText(weeksOff, "week")} off is shorter than ${PROTOCOL_MIN_WEEKS_OFF}`);
  }
  if (problems.length === 0) return null;
  const tolerance = substance.id === "ketamine" ? "K-TOL-1" : "P-TOL-1";
  return {
    code: "PLAN_CYCLE_OUTSIDE",
    message: `This plan's cycle is outside the usual pattern of 4–8 weeks on, then 2–4 weeks off (FACTS P-PROT-2): ${problems.join(", and ")}. Tolerance builds quickly (FACTS ${tolerance}); Titrate's break reminder follows your cycle, so it will wait as long as the cycle does.`,
    facts: ["P-PROT-2", tolerance],
  };
}

function clockWarning(change: ClockChange, timeZone: string): PlanWarning {
  const utc = change.at.slice(11, 16);
  return change.kind === "gap"
    ? {
        code: "CLOCK_GAP",
        message: `${change.date}: ${change.plannedTime} does not exist in ${timeZone} (the clocks go forward), so this dose is at ${change.localTime} (${utc} UTC), as calendar programs read it.`,
        facts: [],
      }
    : {
        code: "CLOCK_OVERLAP",
        message: `${change.date}: ${change.plannedTime} happens twice in ${timeZone} (the clocks go back); this dose is at the first ${change.plannedTime} (${utc} UTC), as calendar programs read it.`,
        facts: [],
      };
}
