/**
 * Stored plans: created only after the same checks as a preview (minimum interval and
 * ceiling, FACTS K-DOSE-1, K-DOSE-2, P-PROT-1), listed with their next dose and adherence,
 * ended, and moved to a new time zone explicitly.
 */
import type { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import { type Adherence, assessAdherence } from "../../core/schedule/adherence.ts";
import { type BreakPeriod, cycleBreaks } from "../../core/schedule/breaks.ts";
import { type IcsOptions, planToIcs } from "../../core/schedule/ics.ts";
import { type NextDose, nextDose } from "../../core/schedule/next-dose.ts";
import { type PlanPreview, previewPlan, toPlanDraft } from "../../core/schedule/preview.ts";
import type { PlanWarning } from "../../core/schedule/warnings.ts";
import { movePlanToZone } from "../../core/schedule/zones.ts";
import type { Dose, Plan } from "../../core/schemas/journal.ts";
import { formatInstant, parseTimeZone } from "../../core/time.ts";
import { doses, listEvents } from "../repos/events.ts";
import { createPlan, endPlan, getPlan, listPlans, setPlanTimeZone } from "../repos/plans.ts";
import { getProfile } from "../repos/profile.ts";
import type { Store } from "../store.ts";
import { requireProfile } from "./profile.ts";

export interface CreatedPlan {
  readonly plan: Plan;
  readonly preview: PlanPreview;
}

/**
 * Checks and stores a plan. Without a target it takes the substance's start dose (ketamine:
 * from the profile's weight); a plan with no dose at all is refused (PLAN_TARGET_REQUIRED).
 */
export async function createStoredPlan(
  store: Store,
  userId: string,
  draft: unknown,
  now: Temporal.Instant,
  weightKg?: number,
): Promise<CreatedPlan> {
  const profile = await requireProfile(store, userId);
  const preview = previewPlan(draft, { weightKg: weightKg ?? profile.weightKg ?? undefined });
  const target = preview.plan.target;
  if (target === undefined) {
    throw new TitrateError(
      "PLAN_TARGET_REQUIRED",
      "target: a stored plan needs its dose; give a target, or record your weight in your profile for the start dose",
      "target",
    );
  }
  const plan = await store.transaction((tx) =>
    createPlan(tx, userId, { ...preview.plan, target }, formatInstant(now)),
  );
  return { plan, preview };
}

export interface PlanStatus {
  readonly plan: Plan;
  readonly isActive: boolean;
  readonly next: NextDose | null;
  readonly adherence: Adherence<Dose>;
  readonly warnings: readonly PlanWarning[];
}

/** Every plan of the account with its next dose and adherence, newest first. */
export async function planStatuses(
  store: Store,
  userId: string,
  now: Temporal.Instant,
): Promise<PlanStatus[]> {
  const [plans, taken, weightKg] = await Promise.all([
    listPlans(store.db, userId),
    listEvents(store.db, doses, userId),
    currentWeightKg(store, userId),
  ]);
  return plans.reverse().map((plan) => statusOf(plan, taken, now, weightKg));
}

/** The profile's weight, so a plan's target is checked against the person's own ceiling. */
async function currentWeightKg(store: Store, userId: string): Promise<number | undefined> {
  return (await getProfile(store.db, userId))?.weightKg ?? undefined;
}

/** The status of one plan given the doses taken (and the weight, for the ceiling check). */
export function statusOf(
  plan: Plan,
  taken: readonly Dose[],
  now: Temporal.Instant,
  weightKg?: number,
): PlanStatus {
  const isActive = plan.endedAt === null;
  const preview = previewPlan(toPlanDraft(plan), { weightKg });
  return {
    plan,
    isActive,
    next: isActive ? nextDose(plan, taken, now) : null,
    adherence: assessAdherence(plan, taken, now),
    warnings: preview.warnings,
  };
}

export async function endStoredPlan(
  store: Store,
  userId: string,
  id: string,
  now: Temporal.Instant,
): Promise<Plan> {
  return store.transaction((tx) => endPlan(tx, userId, id, formatInstant(now)));
}

/** Moves a plan to a new zone explicitly: the same local times there, so the instants change. */
export async function moveStoredPlan(
  store: Store,
  userId: string,
  id: string,
  zone: string,
): Promise<Plan> {
  const timeZone = parseTimeZone(zone, "tz");
  return store.transaction(async (tx) => {
    const plan = await getPlan(tx, userId, id);
    const moved = movePlanToZone(plan, timeZone);
    return setPlanTimeZone(tx, userId, id, moved.timeZone);
  });
}

export interface PlanCalendar extends PlanStatus {
  /** The cycle's weeks off, as local dates in the plan's zone. */
  readonly breaks: readonly BreakPeriod[];
}

/** One plan's occurrences with their status (taken, late, missed, skipped, pending), and its breaks. */
export async function planCalendar(
  store: Store,
  userId: string,
  id: string,
  now: Temporal.Instant,
): Promise<PlanCalendar> {
  const [plan, taken, weightKg] = await Promise.all([
    getPlan(store.db, userId, id),
    listEvents(store.db, doses, userId),
    currentWeightKg(store, userId),
  ]);
  const status = statusOf(plan, taken, now, weightKg);
  const occurrences = status.adherence.entries.map((e) => e.occurrence);
  return { ...status, breaks: cycleBreaks(plan, occurrences) };
}

/** A stored plan as an iCalendar file (planToIcs), its UIDs stable across downloads. */
export async function storedPlanIcs(
  store: Store,
  userId: string,
  id: string,
  now: Temporal.Instant,
  options: Omit<IcsOptions, "dtstamp" | "planId">,
): Promise<{ plan: Plan; ics: string }> {
  const plan = await getPlan(store.db, userId, id);
  const weightKg = await currentWeightKg(store, userId);
  const ics = planToIcs(previewPlan(toPlanDraft(plan), { weightKg }), {
    ...options,
    dtstamp: now,
    planId: plan.id,
  });
  return { plan, ics };
}

/** The plans that are not ended. */
export async function activePlans(store: Store, userId: string): Promise<Plan[]> {
  return (await listPlans(store.db, userId)).filter((p) => p.endedAt === null);
}
