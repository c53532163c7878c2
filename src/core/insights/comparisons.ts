/**
 * The three comparisons of days the insights make, each for every rating, as a mean
 * difference with Welch's 95 % interval (welch.ts):
 *
 * - dose days vs other days: days with a dose against every other day in the period;
 * - the day after a dose vs baseline: days following a dose day (not themselves dose days)
 *   against days that are neither a dose day nor the day after one;
 * - on-protocol weeks vs a pre-start baseline: days in the period within 7 days of a dose
 *   (the dose day and the 6 after it), from the first dose on, against every rated day in
 *   the journal before the first dose ever. Breaks longer than a week fall out of the first
 *   group, so "on protocol" means while dosing.
 *
 * The unit is the day (one value per day: the mean of its check-ins).
 */
import { epochDay, shiftDate } from "../safety/time-math.ts";
import {
  type MeanDifference,
  MIN_PER_GROUP,
  type NotEnoughData,
  notEnoughData,
} from "./estimate.ts";
import { aRating, perRating, type RatingName } from "./ratings.ts";
import { compareMeans } from "./welch.ts";

export const comparisonIds = ["dose-days", "day-after", "on-protocol"] as const;
export type ComparisonId = (typeof comparisonIds)[number];

export interface Comparison {
  readonly id: ComparisonId;
  readonly title: string;
  /** Plural nouns for the two groups: group A minus group B is the difference. */
  readonly groupA: string;
  readonly groupB: string;
  readonly ratings: Readonly<Record<RatingName, MeanDifference | NotEnoughData>>;
}

export interface DayFacts {
  /** Dates in the period, in order. */
  readonly dates: readonly string[];
  /** Each date's mean ratings, over the whole journal. */
  readonly ratingsByDate: ReadonlyMap<string, Partial<Record<RatingName, number>>>;
  /** Dates with a dose, over the whole journal. */
  readonly doseDates: ReadonlySet<string>;
}

/** Days within this many days after a dose (the dose day included) count as on protocol. */
export const ON_PROTOCOL_DAYS = 7;

const shift = shiftDate;

function valuesOn(dates: readonly string[], facts: DayFacts, name: RatingName): number[] {
  return dates.flatMap((date) => {
    const value = facts.ratingsByDate.get(date)?.[name];
    return value === undefined ? [] : [value];
  });
}

function comparison(
  id: ComparisonId,
  title: string,
  groupA: string,
  groupB: string,
  datesA: readonly string[],
  datesB: readonly string[],
  facts: DayFacts,
): Comparison {
  return {
    id,
    title,
    groupA,
    groupB,
    ratings: perRating((name) =>
      compareMeans(valuesOn(datesA, facts, name), valuesOn(datesB, facts, name), {
        a: `${groupA} with ${aRating(name)}`,
        b: `${groupB} with ${aRating(name)}`,
      }),
    ),
  };
}

/** The three comparisons over the period's days. */
export function compareDays(facts: DayFacts): Comparison[] {
  const isDose = (date: string) => facts.doseDates.has(date);
  const isDayAfter = (date: string) => !isDose(date) && isDose(shift(date, -1));

  const doseDays = facts.dates.filter(isDose);
  const otherDays = facts.dates.filter((d) => !isDose(d));
  const dayAfter = facts.dates.filter(isDayAfter);
  const baseline = facts.dates.filter((d) => !isDose(d) && !isDayAfter(d));

  const first = [...facts.doseDates].sort()[0];
  // In day numbers: the same dates as shifting each date back day by day, without building
  // seven date texts for every day of the period.
  const doseDayNumbers = new Set([...facts.doseDates].map(epochDay));
  const isOnProtocol = (date: string) => {
    const day = epochDay(date);
    for (let back = 0; back < ON_PROTOCOL_DAYS; back++) {
      if (doseDayNumbers.has(day - back)) return true;
    }
    return false;
  };
  const onProtocol =
    first === undefined ? [] : facts.dates.filter((date) => date >= first && isOnProtocol(date));
  const preStart =
    first === undefined ? [] : [...facts.ratingsByDate.keys()].filter((d) => d < first).sort();

  const onProtocolTitle = "On-protocol weeks vs before the first dose";
  const noBaseline = first !== undefined && preStart.length === 0;
  return [
    comparison(
      "dose-days",
      "Dose days vs other days",
      "dose days",
      "other days",
      doseDays,
      otherDays,
      facts,
    ),
    comparison(
      "day-after",
      "The day after a dose vs baseline",
      "days after a dose",
      "baseline days",
      dayAfter,
      baseline,
      facts,
    ),
    noBaseline
      ? {
          id: "on-protocol",
          title: onProtocolTitle,
          groupA: "on-protocol days",
          groupB: "days before the first dose",
          ratings: perRating(() =>
            notEnoughData(
              `no check-ins before the first dose (${first}): this comparison needs at least ${MIN_PER_GROUP} rated days from before you started`,
              onProtocol.length,
              { nA: onProtocol.length, nB: 0 },
            ),
          ),
        }
      : comparison(
          "on-protocol",
          onProtocolTitle,
          "on-protocol days",
          "days before the first dose",
          onProtocol,
          preStart,
          facts,
        ),
  ];
}
