/** Means and spreads of plain lists of numbers. */

import { studentTQuantile } from "./student-t.ts";

/** The arithmetic mean; NaN for an empty list. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/**
 * The sample variance (divisor n − 1), computed around the mean in two passes so that
 * values far from zero keep their precision; NaN with fewer than two values.
 */
export function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const m = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - m) ** 2;
  return squares / (values.length - 1);
}

/** The sample standard deviation (divisor n − 1). */
export function sampleSd(values: readonly number[]): number {
  return Math.sqrt(sampleVariance(values));
}

/**
 * The 95 % confidence interval of a mean, from Student's t with n − 1 degrees of freedom
 * (what R's `t.test(x)$conf.int` gives); null with fewer than two values.
 */
export function meanInterval(values: readonly number[]): [number, number] | null {
  if (values.length < 2) return null;
  const m = mean(values);
  const half =
    studentTQuantile(0.975, values.length - 1) * (sampleSd(values) / Math.sqrt(values.length));
  return [m - half, m + half];
}
