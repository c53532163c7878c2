/**
 * A tolerance signal: the same dose doing less over time, or the dose creeping up. Both are
 * slopes over the period with their 95 % intervals; a signal is raised only when the interval
 * lies wholly on the worrying side, and it is called a signal, not a finding: ratings move
 * for many reasons, and with five ratings checked one can cross zero by chance.
 *
 * - Dose trend: each dose day's total amount of the main substance against the date.
 * - Effect trend, per rating: on dose days at the steady dose (the most common amount), the
 *   day's rating minus the mean of the plain days (no dose that day or the day before) in the
 *   7 days before it; that lift against the date. At least 2 plain days are needed for a lift.
 *   Only a lift that was a benefit on average (higher, or for anxiety lower) can fade: a
 *   rating that is worse on dose days getting worse still is a growing downside, not
 *   tolerance, and shows in the comparisons instead.
 */

import { epochDay, shiftDate } from "../safety/time-math.ts";
import { getSubstance } from "../substances/catalog.ts";
import type { SubstanceDays } from "./dose-amounts.ts";
import { MIN_PER_GROUP, type NotEnoughData, notEnoughData, type Slope } from "./estimate.ts";
import { fitLine } from "./linear-fit.ts";
import { aRating, higherIsBetter, perRating, type RatingName, ratingNames } from "./ratings.ts";
import { mean, meanInterval } from "./summary-stats.ts";

export const LIFT_BASELINE_DAYS = 7;
const MIN_BASELINE_DAYS = 2;

export interface ToleranceSignal {
  readonly substance: string | null;
  readonly unit: string | null;
  /** The most common amount, in `unit`. */
  readonly steadyAmount: number | null;
  /** `unit` per 28 days. */
  readonly doseTrend: Slope | NotEnoughData;
  /** Rating points per 28 days, of the lift on dose days at the steady amount. */
  readonly effectTrend: Readonly<Record<RatingName, Slope | NotEnoughData>>;
  /** The mean lift on those days (rating points); null without any. */
  readonly meanLift: Readonly<Record<RatingName, number | null>>;
  /** Its 95 % interval (Student's t); null below MIN_PER_GROUP lifts, as every estimate. */
  readonly meanLiftCi95: Readonly<Record<RatingName, readonly [number, number] | null>>;
  /** "dose-rising" and "<rating>-fading" for each interval wholly on the worrying side. */
  readonly signals: readonly string[];
  readonly summary: string;
  readonly sources: readonly string[];
}

function modalAmount(amounts: readonly number[]): number | null {
  const counts = new Map<number, number>();
  for (const a of amounts) counts.set(a, (counts.get(a) ?? 0) + 1);
  const ranked = [...counts.entries()].sort(([a, x], [b, y]) => y - x || a - b);
  return ranked[0]?.[0] ?? null;
}

const shift = shiftDate;

/** The tolerance signal over `from`…`to` for the period's main substance. */
export function toleranceSignal(
  main: SubstanceDays | null,
  ratingsByDate: ReadonlyMap<string, Partial<Record<RatingName, number>>>,
  doseDates: ReadonlySet<string>,
  from: string,
): ToleranceSignal {
  if (main === null) {
    const none = notEnoughData("no doses in this period", 0);
    return {
      substance: null,
      unit: null,
      steadyAmount: null,
      doseTrend: none,
      effectTrend: perRating(() => none),
      meanLift: perRating(() => null),
      meanLiftCi95: perRating(() => null),
      signals: [],
      summary: "No doses in this period, so no tolerance signal to look for.",
      sources: [],
    };
  }
  const substance = getSubstance(main.substance);
  const sources = main.substance === "ketamine" ? ["K-TOL-1"] : ["P-TOL-1"];
  const start = epochDay(from);
  const known = main.days.filter((d): d is { date: string; amount: number } => d.amount !== null);
  const doseTrend = fitLine(
    known.map((d) => ({ x: epochDay(d.date) - start, y: d.amount })),
    {
      unit: `${main.unit} per 28 days`,
      noun: "dose days with a known amount",
      xName: "the date",
      scale: 28,
    },
  );
  const steady = modalAmount(known.map((d) => d.amount));
  const steadyDays = known.filter(
    (d) => steady !== null && Math.abs(d.amount - steady) <= 1e-9 * Math.max(1, steady),
  );
  const isPlain = (date: string) => !doseDates.has(date) && !doseDates.has(shift(date, -1));

  // The plain days of the week before each steady dose day: the same for every rating.
  const baselineDates = steadyDays.map((d) =>
    Array.from({ length: LIFT_BASELINE_DAYS }, (_, i) => shift(d.date, -(i + 1))).filter(isPlain),
  );
  const liftsOf = (name: RatingName) =>
    steadyDays.flatMap((d, index) => {
      const value = ratingsByDate.get(d.date)?.[name];
      if (value === undefined) return [];
      const before = (baselineDates[index] as string[]).flatMap((date) => {
        const v = ratingsByDate.get(date)?.[name];
        return v === undefined ? [] : [v];
      });
      if (before.length < MIN_BASELINE_DAYS) return [];
      return [{ x: epochDay(d.date) - start, y: value - mean(before) }];
    });
  // Each rating's lifts once: the mean and the trend read the same list.
  const lifts = perRating(liftsOf);
  const meanLift = perRating((name) =>
    lifts[name].length === 0 ? null : mean(lifts[name].map((l) => l.y)),
  );
  const meanLiftCi95 = perRating((name) =>
    lifts[name].length < MIN_PER_GROUP ? null : meanInterval(lifts[name].map((l) => l.y)),
  );
  const effectTrend = perRating((name) =>
    fitLine(lifts[name], {
      unit: `${name} points per 28 days`,
      noun: `dose days at the steady amount with ${aRating(name)} and a baseline the week before`,
      xName: "the date",
      scale: 28,
    }),
  );

  const signals: string[] = [];
  if (doseTrend.enoughData && doseTrend.ci95[0] > 0) signals.push("dose-rising");
  for (const name of ratingNames) {
    const trend = effectTrend[name];
    const lift = meanLift[name];
    if (!trend.enoughData || lift === null) continue;
    const wasBenefit = higherIsBetter[name] ? lift > 0 : lift < 0;
    const fading = wasBenefit && (higherIsBetter[name] ? trend.ci95[1] < 0 : trend.ci95[0] > 0);
    if (fading) signals.push(`${name}-fading`);
  }

  const amountText = `${steady} ${main.unit}`;
  const parts: string[] = [];
  if (signals.includes("dose-rising"))
    parts.push(`Your ${substance.name.toLowerCase()} dose has been rising`);
  const fading = signals.filter((s) => s.endsWith("-fading")).map((s) => s.replace("-fading", ""));
  if (fading.length > 0)
    parts.push(`the lift in ${fading.join(", ")} on dose days at ${amountText} has been shrinking`);
  const nothing =
    !doseTrend.enoughData && ratingNames.every((name) => !effectTrend[name].enoughData);
  const summary = nothing
    ? `Not enough data yet to look for tolerance: a dose trend needs at least ${MIN_PER_GROUP} dose days with a known amount, and a fading effect as many at the same amount with check-ins around them.`
    : parts.length > 0
      ? `Possible tolerance: ${parts.join("; ")}. A signal to watch, not a diagnosis: consider a break (FACTS ${sources.join(", ")}).`
      : "No tolerance signal: no interval lies wholly on the side of a rising dose or a fading effect. With few dose days a real change can still hide inside wide intervals.";
  return {
    substance: main.substance,
    unit: main.unit,
    steadyAmount: steady,
    doseTrend,
    effectTrend,
    meanLift,
    meanLiftCi95,
    signals,
    summary,
    sources,
  };
}
