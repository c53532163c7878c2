/**
 * A proportion with its exact 95 % interval (Clopper & Pearson, 1934): the interval that
 * never covers less than 95 %, which is what matters with the dozen or so guesses of a
 * self-experiment. Checked against scipy.stats.binomtest(...).proportion_ci(method="exact").
 */
import { type NotEnoughData, notEnoughData, type Proportion } from "./estimate.ts";
import { inverseIncompleteBeta } from "./special-functions.ts";

/** `successes` of `trials` as a proportion (0–1) with its exact interval. */
export function estimateProportion(
  successes: number,
  trials: number,
  noun: string,
  minTrials: number,
): Proportion | NotEnoughData {
  if (trials < minTrials) {
    return notEnoughData(`${noun}: ${trials}; at least ${minTrials} are needed`, trials);
  }
  const low = successes === 0 ? 0 : inverseIncompleteBeta(0.025, successes, trials - successes + 1);
  const high =
    successes === trials ? 1 : inverseIncompleteBeta(0.975, successes + 1, trials - successes);
  return {
    enoughData: true,
    kind: "proportion",
    estimate: successes / trials,
    ci95: [low, high],
    n: trials,
    successes,
  };
}
