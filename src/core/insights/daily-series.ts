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
import { mean } from "./summary-stats.ts";

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
  const sums = new Map<string, Record<RatingName, number[]>>();
  for (const checkIn of checkIns) {
    const date = localDateOf(checkIn);
    const day = sums.get(date) ?? perRating<number[]>(() => []);
    for (const name of ratingNames) {
      const value = checkIn[name];
      if (value !== null) day[name].push(value);
    }
    sums.set(date, day);
  }
  const result = new Map<string, Partial<Record<RatingName, number>>>();
  for (const [date, day] of sums) {
    const values: Partial<Record<RatingName, number>> = {};
    for (const name of ratingNames) if (day[name].length > 0) values[name] = mean(day[name]);
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
): DailySeries {
  const dates = datesBetween(from, to);
  const ratingsByDate = dailyRatings(checkIns);
  const dosed = doseDates(doses);
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
      const window = values
        .slice(i - ROLLING_WINDOW_DAYS + 1, i + 1)
        .filter((v): v is number => v !== null);
      rolling.push(window.length >= ROLLING_MIN_DAYS ? mean(window) : null);
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
