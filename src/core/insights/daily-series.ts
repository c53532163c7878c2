/**
 * The journal as days: each rating's value per day (the mean of that day's check-ins), its
 * 7-day rolling mean, and which days had a dose. A day is the person's local date: each
 * entry's date in the time zone it was entered in, as everywhere in Titrate.
 *
 * Built as columns (one array per measure, all as long as `dates`), which is the shape chart
 * libraries such as uPlot take as they are.
 */
import { Temporal } from "temporal-polyfill";
import { instantMs, localDateTime, shiftDate } from "../safety/time-math.ts";
import type { CheckIn, Dose } from "../schemas/journal.ts";
import { perRating, type RatingName, ratingNames } from "./ratings.ts";

/** A trailing 7-day mean needs at least this many days with a value, else it is null. */
export const ROLLING_WINDOW_DAYS = 7;
export const ROLLING_MIN_DAYS = 4;

export interface RatingSeries {
  /** The day's mean rating, or null without a check-in rating that day. */
  readonly daily: readonly (number | null)[];
  /** Mean of the 7 days ending that day; null with fewer than 4 of them rated. */
  readonly rolling7: readonly (number | null)[];
}

export interface DailySeries {
  /** Every local date from the period's first to its last, `YYYY-MM-DD`. */
  readonly dates: readonly string[];
  /** A dose of any substance was taken that day. */
  readonly doseDay: readonly boolean[];
  /** The day before had a dose. */
  readonly dayAfterDose: readonly boolean[];
  readonly checkIns: readonly number[];
  readonly ratings: Readonly<Record<RatingName, RatingSeries>>;
}

/** The local date (`YYYY-MM-DD`) of an entry, in the zone it was entered in. */
export function localDateOf(entry: { readonly at: string; readonly timeZone: string }): string {
  return localDateTime(instantMs(entry.at), entry.timeZone).date;
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  // Checked by Temporal (a RangeError for an invalid date), then counted in day numbers.
  const count = Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to)).days;
  for (let i = 0; i <= count; i++) dates.push(shiftDate(from, i));
  return dates;
}

/** The date before `date`. */
export function previousDate(date: string): string {
  return shiftDate(date, -1);
}

/** The date after `date`. */
export function nextDate(date: string): string {
  return shiftDate(date, 1);
}

/** Each date's check-in ratings, averaged per rating (dates without a value are absent). */
export function dailyRatings(
  checkIns: readonly CheckIn[],
): ReadonlyMap<string, Partial<Record<RatingName, number>>> {
  // Running sums in the check-ins' order: the same additions, in the same order, as the mean
  // of each day's list of values, so the same numbers, without a list per day and rating.
  const sums = new Map<string, { sum: number[]; count: number[] }>();
  for (const checkIn of checkIns) {
    const date = localDateOf(checkIn);
    let day = sums.get(date);
    if (!day) {
      day = { sum: ratingNames.map(() => 0), count: ratingNames.map(() => 0) };
      sums.set(date, day);
    }
    for (let i = 0; i < ratingNames.length; i++) {
      const value = checkIn[ratingNames[i] as RatingName];
      if (value !== null) {
        day.sum[i] = (day.sum[i] as number) + value;
        day.count[i] = (day.count[i] as number) + 1;
      }
    }
  }
  const result = new Map<string, Partial<Record<RatingName, number>>>();
  for (const [date, day] of sums) {
    const values: Partial<Record<RatingName, number>> = {};
    ratingNames.forEach((name, i) => {
      const count = day.count[i] as number;
      if (count > 0) values[name] = (day.sum[i] as number) / count;
    });
    result.set(date, values);
  }
  return result;
}

/** The local dates with at least one dose. */
export function doseDates(doses: readonly Dose[]): ReadonlySet<string> {
  return new Set(doses.map(localDateOf));
}

/** The daily series over `from`…`to` (inclusive) from the whole journal's entries. */
export function buildDailySeries(
  from: string,
  to: string,
  checkIns: readonly CheckIn[],
  doses: readonly Dose[],
  /** dailyRatings(checkIns) and doseDates(doses), when the caller has them already. */
  known?: {
    readonly ratingsByDate: ReadonlyMap<string, Partial<Record<RatingName, number>>>;
    readonly doseDates: ReadonlySet<string>;
  },
): DailySeries {
  const dates = datesBetween(from, to);
  const ratingsByDate = known?.ratingsByDate ?? dailyRatings(checkIns);
  const dosed = known?.doseDates ?? doseDates(doses);
  const countByDate = new Map<string, number>();
  for (const checkIn of checkIns) {
    const date = localDateOf(checkIn);
    countByDate.set(date, (countByDate.get(date) ?? 0) + 1);
  }
  // The rolling mean looks back 6 days before the period's first day too.
  const lookBack = datesBetween(
    Temporal.PlainDate.from(from)
      .subtract({ days: ROLLING_WINDOW_DAYS - 1 })
      .toString(),
    to,
  );
  const ratings = perRating((name): RatingSeries => {
    const values = lookBack.map((date) => ratingsByDate.get(date)?.[name] ?? null);
    const rolling: (number | null)[] = [];
    for (let i = ROLLING_WINDOW_DAYS - 1; i < values.length; i++) {
      // The window's mean, summed in order as mean() would, without a list per day.
      let sum = 0;
      let count = 0;
      for (let j = i - ROLLING_WINDOW_DAYS + 1; j <= i; j++) {
        const value = values[j];
        if (value !== null && value !== undefined) {
          sum += value;
          count++;
        }
      }
      rolling.push(count >= ROLLING_MIN_DAYS ? sum / count : null);
    }
    return { daily: values.slice(ROLLING_WINDOW_DAYS - 1), rolling7: rolling };
  });
  return {
    dates,
    doseDay: dates.map((date) => dosed.has(date)),
    dayAfterDose: dates.map((date) => dosed.has(previousDate(date))),
    checkIns: dates.map((date) => countByDate.get(date) ?? 0),
    ratings,
  };
}
