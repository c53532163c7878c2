/**
 * Measuring tools and the error of a reading (FACTS MEAS-2). Titrate's estimate: each
 * reading is off by up to half the tool's smallest step (or by the accuracy the tool
 * states, when that is worse), and relative errors combine as a root sum of squares.
 * This is an estimate, not a worst case.
 */
import { TitrateError } from "../errors.ts";
import { formatAmount } from "../units.ts";

export interface MeasuringTools {
  /** Smallest step the scale shows, mg. */
  readonly scaleResolutionMg: number;
  /** Accuracy the scale's maker states (±mg), which replaces half a step when given. */
  readonly scaleAccuracyMg?: number | undefined;
  /** Smallest step the solvent is measured to, ml. */
  readonly solventResolutionMl: number;
  /** Smallest graduation of the dosing syringe, ml. */
  readonly syringeResolutionMl: number;
}

/** A 1 mg scale, water measured to 0.1 ml, a 1 ml syringe in 0.01 ml steps (FACTS MEAS-2). */
export const defaultTools: MeasuringTools = {
  scaleResolutionMg: 1,
  solventResolutionMl: 0.1,
  syringeResolutionMl: 0.01,
};

/** FACTS MEAS-2: Titrate's rule is to weigh at least 50 steps of the tool... */
export const RECOMMENDED_MIN_STEPS = 50;
/** ...and to refuse to call an amount under 10 steps measurable. */
export const MIN_MEASURABLE_STEPS = 10;

/** Reading error of a scale, mg: the stated accuracy when given, else half a step. */
export function scaleErrorMg(tools: MeasuringTools): number {
  return Math.max(tools.scaleAccuracyMg ?? 0, tools.scaleResolutionMg / 2);
}

/** Combines relative errors as a root sum of squares. Returns a fraction (0.05 = 5 %). */
export function combineRelativeErrors(errors: readonly number[]): number {
  return Math.sqrt(errors.reduce((sum, e) => sum + e * e, 0));
}

/** Whole steps of size `resolution` in `amount`, tolerant of binary rounding. */
export function stepsIn(amount: number, resolution: number): number {
  return Math.floor(amount / resolution + 1e-9);
}

/**
 * Refuses (MEASUREMENT_TOO_COARSE, naming `field`) an amount under 10 steps of its tool,
 * or, for a scale with a stated accuracy, under 10 times that accuracy. FACTS MEAS-2.
 */
export function assertMeasurable(
  amount: number,
  resolution: number,
  unit: string,
  field: string,
  tool: string,
): void {
  if (stepsIn(amount, resolution) < MIN_MEASURABLE_STEPS) {
    throw new TitrateError(
      "MEASUREMENT_TOO_COARSE",
      `${field}: ${formatAmount(amount, unit)} is under ${MIN_MEASURABLE_STEPS} steps of a ${tool} that reads ${formatAmount(resolution, unit)}; use a finer ${tool} or a larger amount (FACTS MEAS-2)`,
      field,
    );
  }
}
