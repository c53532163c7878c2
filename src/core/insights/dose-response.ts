/**
 * Dose–response: does a larger amount go with a better (or worse) next day? For the main
 * substance of the period, each dose day's total amount against each rating on the next
 * day, as a least-squares slope with its 95 % interval (linear-fit.ts).
 */

import { nextDate } from "./daily-series.ts";
import type { SubstanceDays } from "./dose-amounts.ts";
import type { NotEnoughData, Slope } from "./estimate.ts";
import { notEnoughData } from "./estimate.ts";
import { fitLine } from "./linear-fit.ts";
import { aRating, perRating, type RatingName } from "./ratings.ts";

export interface DoseResponsePoint {
  /** The dose day. */
  readonly date: string;
  readonly amount: number;
  /** Each rating on the day after (null without one). */
  readonly nextDay: Readonly<Record<RatingName, number | null>>;
}

export interface DoseResponse {
  readonly substance: string | null;
  readonly unit: string | null;
  readonly points: readonly DoseResponsePoint[];
  /** Slope in rating points per `unit` of amount. */
  readonly ratings: Readonly<Record<RatingName, Slope | NotEnoughData>>;
}

/** Amount against the next day's ratings, for the main substance's dose days. */
export function doseResponse(
  main: SubstanceDays | null,
  ratingsByDate: ReadonlyMap<string, Partial<Record<RatingName, number>>>,
): DoseResponse {
  if (main === null) {
    return {
      substance: null,
      unit: null,
      points: [],
      ratings: perRating(() => notEnoughData("no doses in this period", 0)),
    };
  }
  const points: DoseResponsePoint[] = main.days.flatMap((day) => {
    if (day.amount === null) return [];
    const next = ratingsByDate.get(nextDate(day.date));
    return [
      { date: day.date, amount: day.amount, nextDay: perRating((name) => next?.[name] ?? null) },
    ];
  });
  return {
    substance: main.substance,
    unit: main.unit,
    points,
    ratings: perRating((name) =>
      fitLine(
        points.flatMap((p) => {
          const y = p.nextDay[name];
          return y === null ? [] : [{ x: p.amount, y }];
        }),
        {
          unit: `${name} points per ${main.unit}`,
          noun: `dose days with a known amount and ${aRating(name)} the next day`,
          xName: "the amount",
        },
      ),
    ),
  };
}
