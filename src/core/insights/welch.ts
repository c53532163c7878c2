/**
 * Two groups compared: the difference of their means with Welch's 95 % confidence interval
 * (no assumption that the spreads are equal; degrees of freedom by Welch–Satterthwaite), and
 * Hedges' g as the effect size. Checked against scipy.stats.ttest_ind(equal_var=False) in
 * welch.test.ts.
 */
import {
  type MeanDifference,
  MIN_PER_GROUP,
  type NotEnoughData,
  notEnoughData,
} from "./estimate.ts";
import { lnGamma } from "./special-functions.ts";
import { studentTQuantile } from "./student-t.ts";
import { mean, sampleVariance } from "./summary-stats.ts";

export interface GroupLabels {
  /** Plural nouns for the reason text: "dose days", "other days". */
  readonly a: string;
  readonly b: string;
}

/**
 * Hedges' exact small-sample correction J(df) = Γ(df/2) / (√(df/2) Γ((df−1)/2)) (Hedges 1981),
 * close to the familiar 1 − 3 / (4 df − 1).
 */
export function hedgesCorrection(df: number): number {
  return Math.exp(lnGamma(df / 2) - 0.5 * Math.log(df / 2) - lnGamma((df - 1) / 2));
}

/**
 * Mean of `a` minus mean of `b`, with Welch's interval and Hedges' g; or no number when a
 * group has fewer than `minPerGroup` values, or when neither group varies at all (then no
 * spread, and so no interval, can be estimated).
 */
export function compareMeans(
  a: readonly number[],
  b: readonly number[],
  labels: GroupLabels = { a: "values in group A", b: "values in group B" },
  minPerGroup = MIN_PER_GROUP,
): MeanDifference | NotEnoughData {
  const nA = a.length;
  const nB = b.length;
  const groups = { nA, nB };
  if (nA < minPerGroup || nB < minPerGroup) {
    return notEnoughData(
      `${labels.a}: ${nA}, ${labels.b}: ${nB}; at least ${minPerGroup} of each are needed`,
      nA + nB,
      groups,
    );
  }
  const meanA = mean(a);
  const meanB = mean(b);
  const varA = sampleVariance(a);
  const varB = sampleVariance(b);
  if (varA === 0 && varB === 0) {
    return notEnoughData(
      `every value is the same within both ${labels.a} and ${labels.b}, so their spread, and an interval, cannot be estimated`,
      nA + nB,
      groups,
    );
  }
  const shareA = varA / nA;
  const shareB = varB / nB;
  const standardError = Math.sqrt(shareA + shareB);
  // Welch–Satterthwaite: (sA²/nA + sB²/nB)² / ((sA²/nA)²/(nA−1) + (sB²/nB)²/(nB−1)).
  const df = (shareA + shareB) ** 2 / (shareA ** 2 / (nA - 1) + shareB ** 2 / (nB - 1));
  const difference = meanA - meanB;
  const margin = studentTQuantile(0.975, df) * standardError;

  // Hedges' g on the pooled standard deviation. Its interval is Welch's, in the same units
  // (× J / pooled SD), so it includes 0 exactly when the difference's does: the large-sample
  // interval of Hedges & Olkin (normal quantile, equal spreads) is narrower with a small group
  // and could call "no clear difference" a clear effect size. docs/decisions.md, "Insights".
  const pooledDf = nA + nB - 2;
  const pooledSd = Math.sqrt(((nA - 1) * varA + (nB - 1) * varB) / pooledDf);
  const scale = hedgesCorrection(pooledDf) / pooledSd;
  const g = scale * difference;

  return {
    enoughData: true,
    kind: "mean-difference",
    estimate: difference,
    ci95: [difference - margin, difference + margin],
    n: nA + nB,
    nA,
    nB,
    meanA,
    meanB,
    sdA: Math.sqrt(varA),
    sdB: Math.sqrt(varB),
    standardError,
    df,
    hedgesG: { estimate: g, ci95: [scale * (difference - margin), scale * (difference + margin)] },
  };
}
