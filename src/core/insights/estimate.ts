/**
 * The shape of every number the insights report: an estimate with its 95 % confidence
 * interval and the number of observations behind it, or, below the minimum, no number at all
 * but the reason why (DESIGN: "nothing is called an effect without a confidence interval").
 */

/** [low, high], both in the estimate's unit. */
export type Interval = readonly [low: number, high: number];

/**
 * The fewest observations in each group (or points on a line) before Titrate shows a number:
 * 5. With fewer, a 95 % interval from the t distribution is so wide (t₀.₉₇₅ with 3 degrees of
 * freedom is 3.18) that the number mostly shows noise; with 5 per group it is already wide,
 * and the interval says so. docs/decisions.md, "Insights".
 */
export const MIN_PER_GROUP = 5;

export interface NotEnoughData {
  readonly enoughData: false;
  /** Why there is no number, in plain words ("dose days with a mood rating: 3, other days with a mood rating: 40; at least 5 of each are needed"). */
  readonly reason: string;
  /** Observations there are (for two groups, both together). */
  readonly n: number;
  /** For two groups: how many each has. */
  readonly nA?: number;
  readonly nB?: number;
}

export interface Estimate {
  readonly enoughData: true;
  readonly estimate: number;
  readonly ci95: Interval;
  readonly n: number;
}

/** An effect size with its approximate 95 % interval. */
export interface EffectSize {
  readonly estimate: number;
  readonly ci95: Interval;
}

/** Group A's mean minus group B's, with Welch's interval. */
export interface MeanDifference extends Estimate {
  readonly kind: "mean-difference";
  readonly nA: number;
  readonly nB: number;
  readonly meanA: number;
  readonly meanB: number;
  readonly sdA: number;
  readonly sdB: number;
  readonly standardError: number;
  /** Welch–Satterthwaite degrees of freedom (usually not a whole number). */
  readonly df: number;
  /** Hedges' g: the difference in pooled standard deviations, corrected for small samples. */
  readonly hedgesG: EffectSize;
}

/** The slope of a least-squares line, in `unit`. */
export interface Slope extends Estimate {
  readonly kind: "slope";
  readonly unit: string;
  readonly intercept: number;
  readonly standardError: number;
  readonly df: number;
}

/** A proportion of successes, with the exact (Clopper–Pearson) interval. */
export interface Proportion extends Estimate {
  readonly kind: "proportion";
  readonly successes: number;
}

export type Result<E extends Estimate> = E | NotEnoughData;

/** True when `result` carries a number. */
export function hasEstimate<E extends Estimate>(result: Result<E>): result is E {
  return result.enoughData;
}

export function notEnoughData(
  reason: string,
  n: number,
  groups?: { readonly nA: number; readonly nB: number },
): NotEnoughData {
  return groups
    ? { enoughData: false, reason, n, nA: groups.nA, nB: groups.nB }
    : { enoughData: false, reason, n };
}

/** True when `value` lies within the interval (ends included). */
export function contains(interval: Interval, value: number): boolean {
  return interval[0] <= value && value <= interval[1];
}
