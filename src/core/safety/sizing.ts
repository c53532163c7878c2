/**
 * A person's start amount and microdose ceiling for a substance, in its unit, with the
 * words that explain them (FACTS K-DOSE-1, P-DOSE-1, P-DOSE-2). The same formulas as
 * src/core/dose.ts: per kg of body weight for ketamine, absolute for the others.
 */
import type { Substance } from "../substances/substance.ts";
import { BODY_WEIGHT_RANGE_KG, floorToStep, formatAmount, formatNumber } from "../units.ts";

export interface Limit {
  /** The exact limit, in the substance's unit, for comparisons. */
  readonly exact: number;
  /** The limit as Titrate shows it, rounded down to a measurable step, with its basis. */
  readonly text: string;
}

/** Relative tolerance when comparing an amount typed as a decimal with a computed limit. */
export const LIMIT_EPSILON = 1e-9;

export function isAbove(amount: number, limit: Limit): boolean {
  return amount > limit.exact * (1 + LIMIT_EPSILON);
}

function limitOf(substance: Substance, perKg: number, absolute: number, weightKg: number | null) {
  const { sizing, unit, step } = substance;
  if (sizing.kind === "absolute") {
    return { exact: absolute, text: formatAmount(absolute, unit, step) };
  }
  if (weightKg === null) return null;
  const exact = perKg * weightKg;
  return {
    exact,
    text: `${formatAmount(floorToStep(exact, step), unit, step)} (${perKg} ${unit}/kg × ${formatNumber(weightKg, 2)} kg)`,
  };
}

/** The ceiling for this person; null for a per-kg substance when the weight is unknown. */
export function ceilingOf(substance: Substance, weightKg: number | null): Limit | null {
  const { sizing } = substance;
  return sizing.kind === "absolute"
    ? limitOf(substance, 0, sizing.ceiling, weightKg)
    : limitOf(substance, sizing.ceilingPerKg, 0, weightKg);
}

/** The start amount for this person; null for a per-kg substance when the weight is unknown. */
export function startOf(substance: Substance, weightKg: number | null): Limit | null {
  const { sizing } = substance;
  return sizing.kind === "absolute"
    ? limitOf(substance, 0, sizing.start, weightKg)
    : limitOf(substance, sizing.startPerKg, 0, weightKg);
}

/** For a per-kg substance without a weight: the ceiling at the heaviest weight Titrate accepts. */
export function ceilingAtAnyWeight(substance: Substance): Limit {
  const { sizing, unit, step } = substance;
  if (sizing.kind === "absolute") return ceilingOf(substance, null) as Limit;
  const exact = sizing.ceilingPerKg * BODY_WEIGHT_RANGE_KG.max;
  return {
    exact,
    text: `${formatAmount(exact, unit, step)} (${sizing.ceilingPerKg} ${unit}/kg at ${BODY_WEIGHT_RANGE_KG.max} kg, the heaviest weight Titrate accepts)`,
  };
}
