/**
 * The minimum-interval rule: a plan that puts doses closer together than the substance's
 * minimum (catalog `minIntervalDays`; ketamine 5 days, FACTS K-DOSE-2) is refused, unless
 * the person explicitly accepted the risk, which is then carried as a warning wherever the
 * plan appears.
 */
import { TitrateError } from "../errors.ts";
import type { PlanSchedule } from "../schemas/plan.ts";
import { getSubstance } from "../substances/catalog.ts";
import type { Substance } from "../substances/substance.ts";
import { parsePlainDate } from "./calendar.ts";
import { planSpacing } from "./dosing-days.ts";
import type { PlanWarning } from "./warnings.ts";

export interface SpacingCheck {
  readonly substance: Substance;
  /** The catalog's minimum, whole days between two doses. */
  readonly minIntervalDays: number;
  /** The plan's shortest gap between two dosing days, in days. */
  readonly shortestSpacingDays: number;
  /**
   * The gap next-dose keeps after a dose actually taken, in days: the catalog minimum, or
   * the plan's own shorter spacing when the person accepted that risk.
   */
  readonly enforcedIntervalDays: number;
  readonly warnings: readonly PlanWarning[];
}

/**
 * Checks the plan's spacing against the substance's minimum interval. Returns the check, with
 * a PLAN_RISK_ACCEPTED warning when the plan is closer than the minimum and `acceptRisk` is
 * set; throws PLAN_INTERVAL_TOO_SHORT (naming the minimum and its FACTS ids) when it is not
 * set, SUBSTANCE_UNKNOWN for a substance outside the catalog.
 */
export function checkPlanSpacing(plan: PlanSchedule): SpacingCheck {
  const substance = getSubstance(plan.substance, "substance");
  const start = parsePlainDate(plan.startDate, "startDate");
  const spacing = planSpacing(plan.protocol, plan.cycle, start.dayOfWeek);
  if (spacing === null) {
    throw new TitrateError(
      "VALIDATION_FAILED",
      "protocol: no dosing day falls within the weeks on of the cycle",
      "protocol",
    );
  }
  const minIntervalDays = substance.minIntervalDays;
  const facts = substance.minIntervalFacts.join(", ");
  const gap = `${spacing.shortestDays} day${spacing.shortestDays === 1 ? "" : "s"}`;
  if (spacing.shortestDays >= minIntervalDays) {
    return {
      substance,
      minIntervalDays,
      shortestSpacingDays: spacing.shortestDays,
      enforcedIntervalDays: minIntervalDays,
      warnings: [],
    };
  }
  if (!plan.acceptRisk) {
    throw new TitrateError(
      "PLAN_INTERVAL_TOO_SHORT",
      `protocol: this plan puts ${substance.name} doses ${gap} apart, but Titrate's minimum is ${minIntervalDays} days between doses (FACTS ${facts}). Choose a longer interval, or accept the risk explicitly (--accept-risk).`,
      "protocol",
    );
  }
  const frequencyHarm =
    substance.id === "ketamine"
      ? " Bladder harm rises with how often ketamine is taken (FACTS K-BLAD-1)."
      : "";
  return {
    substance,
    minIntervalDays,
    shortestSpacingDays: spacing.shortestDays,
    enforcedIntervalDays: spacing.shortestDays,
    warnings: [
      {
        code: "PLAN_RISK_ACCEPTED",
        message: `Risk accepted: this plan puts ${substance.name} doses ${gap} apart, closer than Titrate's minimum of ${minIntervalDays} days (FACTS ${facts}).${frequencyHarm}`,
        facts: [...substance.minIntervalFacts, ...(frequencyHarm ? ["K-BLAD-1"] : [])],
      },
    ],
  };
}
