/**
 * A straight line through points by ordinary least squares: the slope with its 95 %
 * confidence interval from the t distribution with n − 2 degrees of freedom. Checked against
 * scipy.stats.linregress in linear-fit.test.ts.
 */
import { MIN_PER_GROUP, type NotEnoughData, notEnoughData, type Slope } from "./estimate.ts";
import { studentTQuantile } from "./student-t.ts";
import { mean } from "./summary-stats.ts";

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface FitOptions {
  /** The slope's unit, e.g. "mood points per mg". */
  readonly unit: string;
  /** Plural noun for the reason text: "dose days followed by a check-in". */
  readonly noun: string;
  /** What varies along x, for the reason text: "the amount". */
  readonly xName: string;
  /** Scales the slope (and its interval): 28 turns "per day" into "per 28 days". */
  readonly scale?: number;
  readonly minPoints?: number;
}

/**
 * The least-squares slope of y on x. No number with fewer than `minPoints` points (default 5)
 * or when x never changes (every dose the same amount: nothing to compare).
 */
export function fitLine(points: readonly Point[], options: FitOptions): Slope | NotEnoughData {
  const n = points.length;
  const minPoints = options.minPoints ?? MIN_PER_GROUP;
  if (n < Math.max(3, minPoints)) {
    return notEnoughData(`${options.noun}: ${n}; at least ${Math.max(3, minPoints)} are needed`, n);
  }
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const meanX = mean(xs);
  const meanY = mean(ys);
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - meanX) ** 2;
    sxy += (p.x - meanX) * (p.y - meanY);
  }
  if (sxx === 0) {
    return notEnoughData(
      `${options.xName} was the same for all ${n} ${options.noun}, so there is nothing to compare`,
      n,
    );
  }
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  let sse = 0;
  for (const p of points) sse += (p.y - (intercept + slope * p.x)) ** 2;
  const df = n - 2;
  const standardError = Math.sqrt(sse / df / sxx);
  const margin = studentTQuantile(0.975, df) * standardError;
  const scale = options.scale ?? 1;
  return {
    enoughData: true,
    kind: "slope",
    unit: options.unit,
    estimate: slope * scale,
    ci95: [(slope - margin) * scale, (slope + margin) * scale],
    n,
    intercept,
    standardError: standardError * scale,
    df,
  };
}
