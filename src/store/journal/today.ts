/**
 * What matters now: the next dose of each active plan (or, without a plan, the earliest a
 * next dose may be), the last dose, and the active findings — the Today data of the CLI's
 * `titrate next`, the API and the web app.
 */
import { Temporal } from "temporal-polyfill";
import { type NextDose, nextDose } from "../../core/schedule/next-dose.ts";
import type { Dose, Plan } from "../../core/schemas/journal.ts";
import { getSubstance } from "../../core/substances/catalog.ts";
import { formatInstant } from "../../core/time.ts";
import { doses as doseKind, listEvents } from "../repos/events.ts";
import { listPlans } from "../repos/plans.ts";
import type { Store } from "../store.ts";
import { type CurrentFindings, currentFindings } from "./findings.ts";

export interface PlanNext {
  readonly plan: Plan;
  readonly next: NextDose | null;
}

/** Without a plan: the last dose of a substance and the earliest the next may be (its minimum interval). */
export interface SubstanceNext {
  readonly substance: string;
  readonly lastDose: Dose;
  /** The last dose's local time plus the minimum interval in calendar days, ISO UTC. */
  readonly earliestAt: string;
  readonly minIntervalDays: number;
  readonly minIntervalFacts: readonly string[];
}

export interface Today {
  readonly plans: readonly PlanNext[];
  readonly unplanned: readonly SubstanceNext[];
  readonly lastDose: Dose | null;
  readonly findings: CurrentFindings;
  /** True when an active danger finding advises against dosing now. */
  readonly advisedNotToDose: boolean;
}

export async function today(store: Store, userId: string, now: Temporal.Instant): Promise<Today> {
  const [plans, taken, findings] = await Promise.all([
    listPlans(store.db, userId),
    listEvents(store.db, doseKind, userId),
    currentFindings(store, userId, now),
  ]);
  const active = plans.filter((p) => p.endedAt === null);
  const planned = new Set(active.map((p) => p.substance));
  const lastBySubstance = new Map<string, Dose>();
  for (const dose of taken) lastBySubstance.set(dose.substance, dose);
  const unplanned = [...lastBySubstance.values()]
    .filter((d) => !planned.has(d.substance))
    .map((lastDose) => {
      const substance = getSubstance(lastDose.substance);
      const earliest = Temporal.Instant.from(lastDose.at)
        .toZonedDateTimeISO(lastDose.timeZone)
        .add({ days: substance.minIntervalDays })
        .toInstant();
      return {
        substance: substance.id,
        lastDose,
        earliestAt: formatInstant(earliest),
        minIntervalDays: substance.minIntervalDays,
        minIntervalFacts: substance.minIntervalFacts,
      };
    });
  return {
    plans: active.map((plan) => ({ plan, next: nextDose(plan, taken, now) })),
    unplanned,
    lastDose: taken.at(-1) ?? null,
    findings,
    advisedNotToDose: findings.active.some((f) => f.severity === "danger"),
  };
}
