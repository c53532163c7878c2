/**
 * Which days of a plan are dosing days: the protocol, with a cycle of weeks on and weeks
 * off on top. Days are counted from the plan's start date (day 0), so this is calendar-day
 * arithmetic only; times and time zones come later, in occurrences.ts.
 */
import type { Cycle, Protocol, Weekday } from "../schemas/plan.ts";
import { weekdayIds } from "../schemas/plan.ts";

/** ISO day of the week: 1 Monday … 7 Sunday (Temporal's `dayOfWeek`). */
export type IsoDayOfWeek = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Temporal's day-of-week number for a weekday id (`mon` → 1). */
export function isoDayOfWeek(weekday: Weekday): number {
  return weekdayIds.indexOf(weekday) + 1;
}

/** How many days the protocol takes to repeat (weekday plans repeat weekly). */
export function protocolPeriodDays(protocol: Protocol): number {
  switch (protocol.kind) {
    case "every-n-days":
      return protocol.intervalDays; // FACTS K-DOSE-2: ketamine every 7 days by default
    case "fadiman":
      return 3; // FACTS P-PROT-1: dose on day 1, off days 2–3, repeat
    case "stamets":
      return 7; // FACTS P-PROT-1 ⚠: 4 days on, 3 off (5/2 is also cited)
    case "every-other-day":
      return 2; // FACTS P-PROT-1
    case "weekdays":
      return 7; // FACTS P-PROT-1: fixed weekdays
    case "pattern":
      return protocol.pattern.length;
  }
}

/** Days in one full cycle (weeks on plus weeks off), or null without a cycle. */
export function cycleLengthDays(cycle: Cycle | null): number | null {
  return cycle === null ? null : (cycle.weeksOn + cycle.weeksOff) * 7;
}

/**
 * True when day `dayIndex` (0 = the start date) is a dosing day. With a cycle, days in the
 * weeks off are never dosing days (FACTS P-PROT-2, K-TOL-1), and the protocol starts again
 * from its first day at the start of every run of weeks on, so each run opens with a dose.
 * `dayOfWeek` is the ISO day of the week of that date (only weekday plans use it).
 */
export function isDosingDay(
  protocol: Protocol,
  cycle: Cycle | null,
  dayIndex: number,
  dayOfWeek: number,
): boolean {
  let position = dayIndex;
  if (cycle !== null) {
    position = dayIndex % ((cycle.weeksOn + cycle.weeksOff) * 7);
    if (position >= cycle.weeksOn * 7) return false;
  }
  switch (protocol.kind) {
    case "every-n-days":
      return position % protocol.intervalDays === 0;
    case "fadiman":
      return position % 3 === 0;
    case "stamets":
      return position % 7 < 4;
    case "every-other-day":
      return position % 2 === 0;
    case "weekdays":
      return protocol.weekdays.some((w) => isoDayOfWeek(w) === dayOfWeek);
    case "pattern":
      return protocol.pattern[position % protocol.pattern.length] === "1";
  }
}

/** ISO day of the week of day `dayIndex`, given the start date's. */
export function dayOfWeekAt(startDayOfWeek: number, dayIndex: number): number {
  return ((((startDayOfWeek - 1 + dayIndex) % 7) + 7) % 7) + 1;
}

export interface Spacing {
  /** Fewest days between two consecutive dosing days, over the whole (endless) plan. */
  readonly shortestDays: number;
  /** Dosing days in one repeat of the plan (the cycle, or the protocol's period). */
  readonly dosingDaysPerRepeat: number;
  /** Days in one repeat of the plan. */
  readonly repeatDays: number;
}

/**
 * The plan's spacing, found by walking two full repeats, so the gap from the last dose of
 * one repeat to the first of the next counts too (`1001` repeats as 1001 1001: one day apart).
 * Null when no day is a dosing day (a pattern whose 1s all fall in the weeks off).
 */
export function planSpacing(
  protocol: Protocol,
  cycle: Cycle | null,
  startDayOfWeek: number,
): Spacing | null {
  const period = protocolPeriodDays(protocol);
  // Weekday plans repeat weekly and every cycle is whole weeks, so this covers them too.
  const repeatDays = cycleLengthDays(cycle) ?? period;
  let previous: number | null = null;
  let shortestDays = Number.POSITIVE_INFINITY;
  let dosingDaysPerRepeat = 0;
  for (let day = 0; day <= 2 * repeatDays; day++) {
    if (!isDosingDay(protocol, cycle, day, dayOfWeekAt(startDayOfWeek, day))) continue;
    if (day < repeatDays) dosingDaysPerRepeat++;
    if (previous !== null) shortestDays = Math.min(shortestDays, day - previous);
    previous = day;
  }
  if (dosingDaysPerRepeat === 0) return null;
  return { shortestDays, dosingDaysPerRepeat, repeatDays };
}
