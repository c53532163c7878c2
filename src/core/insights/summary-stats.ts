/** Means and spreads of plain lists of numbers. */

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
