/**
 * What a plan warns about. Warnings never block: refusals throw a TitrateError instead.
 * Each names its reason and the FACTS ids behind it.
 */

export type PlanWarningCode =
  | "PLAN_RISK_ACCEPTED"
  | "PLAN_NO_BREAKS"
  | "PLAN_CYCLE_OUTSIDE"
  | "TARGET_NOT_CHECKED"
  | "TARGET_ROUNDED"
  | "TARGET_ABOVE_START"
  | "PLAN_STARTS_IN_PAST"
  | "PLAN_OVERLAPS"
  | "CLOCK_GAP"
  | "CLOCK_OVERLAP";

export interface PlanWarning {
  readonly code: PlanWarningCode;
  /** A sentence for people, naming the reason and its FACTS ids. */
  readonly message: string;
  readonly facts: readonly string[];
}
