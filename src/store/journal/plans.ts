/**
 * Stored plans: created only after the same checks as a preview (minimum interval and
 * ceiling, FACTS K-DOSE-1, K-DOSE-2, P-PROT-1) and the safety rules on a dose of it, one active
 * plan per tolerance group (P-TOL-1); listed with their next dose and adherence, ended, and
 * moved to a new time zone explicitly.
 */
import type { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import { compareFindings as byDangerFirst, type Finding } from "../../core/safety/finding.ts";
import { checkProposedDose } from "../../core/safety/run-rules.ts";
import type { JournalSnapshot } from "../../core/safety/snapshot.ts";
import { type Adherence, assessAdherence } from "../../core/schedule/adherence.ts";
import { type BreakPeriod, cycleBreaks } from "../../core/schedule/breaks.ts";
import { describeProtocol } from "../../core/schedule/describe.ts";
import { type IcsOptions, planToIcs } from "../../core/schedule/ics.ts";
import { type NextDose, nextDose } from "../../core/schedule/next-dose.ts";
import {
  assertTargetCheckable,
  type PlanPreview,
  pastOccurrencesWarning,
  previewPlan,
  toPlanDraft,
} from "../../core/schedule/preview.ts";
import { sharesTolerance } from "../../core/schedule/taken-doses.ts";
import type { PlanWarning } from "../../core/schedule/warnings.ts";
import { movePlanToZone } from "../../core/schedule/zones.ts";
import type { Dose, Plan } from "../../core/schemas/journal.ts";
import { findSubstance } from "../../core/substances/catalog.ts";
import type { SubstanceId } from "../../core/substances/substance.ts";
import { formatInstant, localDateTimeText, parseTimeZone } from "../../core/time.ts";
import { doses, listEvents } from "../repos/events.ts";
import { createPlan, endPlan, getPlan, listPlans, setPlanTimeZone } from "../repos/plans.ts";
import { getProfile } from "../repos/profile.ts";
import { loadSnapshot } from "../snapshot.ts";
import type { Store } from "../store.ts";
import { requireProfile } from "./profile.ts";

export interface CheckedPlan {
  readonly preview: PlanPreview;
  /** The preview's warnings, with one when some doses are already past. */
  readonly warnings: readonly PlanWarning[];
  /**
   * What a dose of the plan would bring (checkProposedDose at its first dose still ahead):
   * a contraindication, a medication's combination, too soon after the last dose, an active
   * danger. Caution and above, danger first.
   */
  readonly findings: readonly Finding[];
}

export interface CreatedPlan extends CheckedPlan {
  readonly plan: Plan;
}

/**
 * Checks a plan for this person, storing nothing (the API's preview): previewPlan's checks,
 * a target that can be checked against the ceiling (WEIGHT_REQUIRED without a weight for
 * ketamine, FACTS K-DOSE-1), the doses already past, and the findings a dose would bring.
 */
export async function checkPlan(
  store: Store,
  userId: string,
  draft: unknown,
  now: Temporal.Instant,
  weightKg?: number,
): Promise<CheckedPlan> {
  const profile = await requireProfile(store, userId);
  const snapshot = await loadSnapshot(store.db, userId, profile, now);
  return checkPlanIn(snapshot, draft, now, weightKg ?? profile.weightKg ?? undefined);
}

function checkPlanIn(
  snapshot: JournalSnapshot,
  draft: unknown,
  now: Temporal.Instant,
  weightKg: number | undefined,
): CheckedPlan {
  const preview = previewPlan(draft, { weightKg });
  assertTargetCheckable(preview);
  const past = pastOccurrencesWarning(preview, now);
  const overlapping = overlappingPlan(snapshot, preview);
  const overlaps: PlanWarning[] = overlapping
    ? [{ code: "PLAN_OVERLAPS", message: overlapText(overlapping, preview), facts: ["P-TOL-1"] }]
    : [];
  return {
    preview,
    warnings: [...preview.warnings, ...(past ? [past] : []), ...overlaps],
    findings: plannedDoseFindings(snapshot, preview, now),
  };
}

/** An active plan of the same or a cross-tolerant substance (FACTS P-TOL-1), if any. */
function overlappingPlan(snapshot: JournalSnapshot, preview: PlanPreview): Plan | undefined {
  return snapshot.plans.find(
    (p) => p.endedAt === null && sharesPlanTolerance(preview.substance.id, p.substance),
  );
}

function overlapText(overlapping: Plan, preview: PlanPreview): string {
  const same = overlapping.substance === preview.substance.id;
  return `Your plan ${overlapping.id} (${overlapping.substance}, ${describeProtocol(overlapping.protocol)}, from ${overlapping.startDate}) is still active${same ? "" : `, and ${overlapping.substance} and ${preview.substance.id} are cross-tolerant (FACTS P-TOL-1)`}: two plans would schedule doses as if the other did not exist. End it first (titrate plan end ${overlapping.id})`;
}

/** The id a dose of a plan not yet stored carries while it is checked. */
const PROPOSED_PLAN_ID = "plan_proposed";

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The findings a dose of the plan would bring at its first dose still ahead (or now). */
function plannedDoseFindings(
  snapshot: JournalSnapshot,
  preview: PlanPreview,
  now: Temporal.Instant,
): Finding[] {
  const { plan, substance, dose } = preview;
  const nowText = formatInstant(now);
  const first = preview.occurrences.find((o) => o.at >= nowText);
  const proposed: Omit<Dose, "id"> = {
    at: first?.at ?? nowText,
    timeZone: plan.timeZone,
    substance: substance.id,
    amount: dose?.amount ?? null,
    unit: substance.unit,
    route: substance.defaultRoute,
    batchId: null,
    // The plan's own dose: not "outside a running plan" (the dependence rule), whatever else
    // is running (an overlapping plan is a warning of its own, above).
    planId: PROPOSED_PLAN_ID,
    isEstimate: false,
    note: null,
  };
  return checkProposedDose(snapshot, proposed)
    .filter((f) => f.severity !== "info")
    .sort(byDangerFirst);
}

/**
 * Checks and stores a plan. Without a target it takes the substance's start dose (ketamine:
 * from the profile's weight); a plan with no dose at all is refused (PLAN_TARGET_REQUIRED), a
 * target that cannot be checked without a weight too (WEIGHT_REQUIRED), and a second active
 * plan of the same or a cross-tolerant substance (PLAN_OVERLAPS, FACTS P-TOL-1: two plans
 * would each schedule doses as if the other did not exist; `acceptRisk` does not override
 * it). The answer carries the findings a dose of it would bring (checkPlan).
 */
export async function createStoredPlan(
  store: Store,
  userId: string,
  draft: unknown,
  now: Temporal.Instant,
  weightKg?: number,
): Promise<CreatedPlan> {
  const profile = await requireProfile(store, userId);
  return store.transaction(async (tx) => {
    const snapshot = await loadSnapshot(tx, userId, profile, now);
    const checked = checkPlanIn(snapshot, draft, now, weightKg ?? profile.weightKg ?? undefined);
    const { preview } = checked;
    const target = preview.plan.target;
    if (target === undefined) {
      throw new TitrateError(
        "PLAN_TARGET_REQUIRED",
        "target: a stored plan needs its dose; give a target, or record your weight in your profile for the start dose",
        "target",
      );
    }
    const overlapping = overlappingPlan(snapshot, preview);
    if (overlapping) {
      throw new TitrateError(
        "PLAN_OVERLAPS",
        `substance: ${lowerFirst(overlapText(overlapping, preview))}; --accept-risk does not override this`,
        "substance",
      );
    }
    const plan = await createPlan(tx, userId, { ...preview.plan, target }, formatInstant(now));
    return { ...checked, plan };
  });
}

function sharesPlanTolerance(planned: SubstanceId, other: string): boolean {
  const id = findSubstance(other)?.id;
  return id !== undefined && sharesTolerance(planned, id);
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

/**
 * Moves a plan to a new zone explicitly: the same local times there, so the instants change.
 * An ended plan is refused (PLAN_ENDED): its history stays as it was followed. Titrate keeps
 * one zone per plan, so the past occurrences of a moved plan are read in the new zone too,
 * and their adherence may change (docs/decisions.md, "Review fixes").
 */
export async function moveStoredPlan(
  store: Store,
  userId: string,
  id: string,
  zone: string,
): Promise<Plan> {
  const timeZone = parseTimeZone(zone, "tz");
  return store.transaction(async (tx) => {
    const plan = await getPlan(tx, userId, id);
    if (plan.endedAt !== null) {
      throw new TitrateError(
        "PLAN_ENDED",
        `plan: ${plan.id} ended on ${localDateTimeText(plan.endedAt, plan.timeZone)} (${plan.timeZone}); an ended plan keeps its zone, so its history stays as it was followed`,
        "plan",
      );
    }
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
