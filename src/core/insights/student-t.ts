/**
 * Student's t distribution for any positive degrees of freedom, whole or not (Welch's test
 * gives fractional ones): its density, its distribution function through the incomplete
 * beta function, and its quantile by safeguarded Newton steps. Checked against published
 * tables and SciPy in student-t.test.ts.
 */
import { incompleteBeta, lnGamma } from "./special-functions.ts";

/** The 97.5 % point of the standard normal distribution (scipy.stats.norm.ppf(0.975)). */
export const Z_975 = 1.959963984540054;

/** The density of t with `df` degrees of freedom at `t`. */
export function studentTDensity(t: number, df: number): number {
  const logDensity =
    lnGamma((df + 1) / 2) -
    lnGamma(df / 2) -
    0.5 * Math.log(df * Math.PI) -
    ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logDensity);
}

/** P(T > t) for t ≥ 0, computed directly so that small tails keep their precision. */
function upperTail(t: number, df: number): number {
  return 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** P(T ≤ t): the distribution function of t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  return t >= 0 ? 1 - upperTail(t, df) : upperTail(-t, df);
}

/**
 * A rough standard normal quantile (Abramowitz & Stegun 26.2.23, error below 4.5e-4), only
 * a starting point for the Newton steps below.
 */
function roughNormalQuantile(q: number): number {
  // q is an upper-tail probability in (0, 0.5].
  const t = Math.sqrt(-2 * Math.log(q));
  return (
    t -
    (2.515517 + 0.802853 * t + 0.010328 * t * t) /
      (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)))
  );
}

/**
 * The p-quantile of t with `df` degrees of freedom: the t with P(T ≤ t) = p. Exact formulas
 * for 1 and 2 degrees of freedom; otherwise Newton's method on the tail probability, kept
 * inside a bracket that shrinks every step (a bisection step whenever Newton would leave it).
 */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(df > 0)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  const sign = p > 0.5 ? 1 : -1;
  const q = p > 0.5 ? 1 - p : p; // the upper-tail probability of |t|

  // Cornish–Fisher expansion of the normal quantile (A&S 26.7.5) as the first guess.
  const z = roughNormalQuantile(q);
  let t =
    z +
    (z ** 3 + z) / (4 * df) +
    (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df) +
    (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3);
  if (!(t > 0) || !Number.isFinite(t)) t = 1;

  // Bracket [low, high] with upperTail(low) ≥ q ≥ upperTail(high).
  let low = 0;
  let high = t;
  while (upperTail(high, df) > q) {
    low = high;
    high *= 2;
  }
  for (let i = 0; i < 200; i++) {
    const f = upperTail(t, df) - q;
    if (f > 0) low = t;
    else high = t;
    const next = t + f / studentTDensity(t, df); // d(tail)/dt = −density
    const inside = next > low && next < high;
    const candidate = inside ? next : (low + high) / 2;
    if (Math.abs(candidate - t) <= 1e-15 * Math.max(1, t) || high - low <= 1e-15 * high) {
      t = candidate;
      break;
    }
    t = candidate;
  }
  return sign * t;
}
