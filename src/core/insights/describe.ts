/**
 * Estimates in words, the same for the terminal, the clinician report and screen readers:
 * every number with its interval and its n, and below the minimum "not enough data yet" with
 * the reason instead of a number.
 */
import type { MeanDifference, NotEnoughData, Slope } from "./estimate.ts";
import { higherIsBetter, type RatingName } from "./ratings.ts";

/**
 * "+0.8", "-1.2": a sign always, `decimals` places. A negative value that rounds to zero keeps
 * its sign ("-0.0"), so an interval from -0.01 to 2.1 still reads as including zero.
 */
export function signed(value: number, decimals = 1): string {
  return `${value < 0 ? "-" : "+"}${Math.abs(value).toFixed(decimals)}`;
}

/** "95 % CI -0.1 to +1.7". */
export function intervalText(ci95: readonly [number, number], decimals = 1): string {
  return `95 % CI ${signed(ci95[0], decimals)} to ${signed(ci95[1], decimals)}`;
}

export const NOT_ENOUGH = "not enough data yet";

/** "not enough data yet: 3 dose days …". */
export function notEnoughText(result: NotEnoughData): string {
  return `${NOT_ENOUGH}: ${result.reason}`;
}

/**
 * What a difference of group A minus group B means, for a rating: "higher on dose days",
 * "lower on dose days (better)" for anxiety, or "no clear difference (the interval includes
 * 0)".
 */
export function verdictText(result: MeanDifference, rating: RatingName, groupA: string): string {
  const [low, high] = result.ci95;
  if (low <= 0 && high >= 0) return "no clear difference (the interval includes 0)";
  const higher = low > 0;
  const better = higher === higherIsBetter[rating];
  return `${higher ? "higher" : "lower"} on ${groupA} (${better ? "better" : "worse"})`;
}

/**
 * "mood +0.8 points (95 % CI -0.1 to +1.7), 8 vs 74 days, Hedges' g +0.6 (95 % CI -0.1 to
 * +1.3): no clear difference …": g with its interval too, like every number shown.
 */
export function differenceText(
  rating: RatingName,
  result: MeanDifference | NotEnoughData,
  groupA: string,
): string {
  if (!result.enoughData) return `${rating}: ${notEnoughText(result)}`;
  return `${rating} ${signed(result.estimate)} points (${intervalText(result.ci95)}), ${result.nA} vs ${result.nB} days, Hedges' g ${signed(result.hedgesG.estimate)} (${intervalText(result.hedgesG.ci95)}): ${verdictText(result, rating, groupA)}`;
}

/** "+0.4 mood points per mg (95 % CI -0.2 to +1.0), 9 dose days". */
export function slopeText(result: Slope | NotEnoughData, decimals = 2): string {
  if (!result.enoughData) return notEnoughText(result);
  return `${signed(result.estimate, decimals)} ${result.unit} (${intervalText(result.ci95, decimals)}), n = ${result.n}`;
}

/** A series of daily values in words: where it started and ended, its lowest and highest. */
export function seriesText(
  name: string,
  values: readonly (number | null)[],
  dates: readonly string[],
): string {
  const points = values.flatMap((v, i) => (v === null ? [] : [{ v, date: dates[i] as string }]));
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return `${name}: ${NOT_ENOUGH}`;
  if (points.length === 1) return `${name}: ${first.v.toFixed(1)} on ${first.date}, the only one`;
  const low = points.reduce((a, b) => (b.v < a.v ? b : a));
  const high = points.reduce((a, b) => (b.v > a.v ? b : a));
  return `${name}: ${first.v.toFixed(1)} on ${first.date}, ${last.v.toFixed(1)} on ${last.date}; lowest ${low.v.toFixed(1)} (${low.date}), highest ${high.v.toFixed(1)} (${high.date})`;
}

/**
 * When no rating has a number, one line for all of them: "not enough data yet: <the reason
 * they share, worded for any rating>", or with counts that differ between ratings, "not
 * enough data yet for any rating (mood: …)". Null when some rating has a number.
 */
export function notEnoughForAll(
  results: readonly ({ enoughData: true } | NotEnoughData)[],
): string | null {
  const reasons = results.flatMap((r) => (r.enoughData ? [] : [r.reason]));
  const first = reasons[0];
  if (first === undefined || reasons.length < results.length) return null;
  const general = (text: string) =>
    text.replace(/\b(?:a|an) (?:mood|energy|focus|anxiety|sleep) rating\b/gu, "a rating");
  return reasons.every((r) => general(r) === general(first))
    ? `${NOT_ENOUGH}: ${general(first)}`
    : `${NOT_ENOUGH} for any rating (mood: ${first})`;
}
