/**
 * A plan's occurrences: the dosing days (dosing-days.ts) at the plan's local time in the
 * plan's time zone, each with its instant in UTC.
 *
 * "09:00 in Europe/London" stays 09:00 on the wall clock when the clocks change, so its UTC
 * instant moves by an hour. A local time that does not exist (inside a spring-forward gap)
 * or happens twice (fall back) is read as RFC 5545 and Temporal's `compatible`
 * disambiguation read it: in a gap, with the offset from before the gap (02:30 on the night
 * the clocks jump from 02:00 to 03:00 becomes 03:30); in an overlap, the earlier instant.
 * Calendar programs read the exported times the same way.
 */
import type { Temporal } from "temporal-polyfill";
import { TitrateError } from "../errors.ts";
import { PlanSchedule } from "../schemas/plan.ts";
import { parseWith } from "../schemas/validate.ts";
import {
  daysBetween,
  formatInstant,
  formatTime,
  parsePlainDate,
  parsePlainTime,
  resolveTimeZone,
} from "./calendar.ts";
import { dayOfWeekAt, isDosingDay, planSpacing } from "./dosing-days.ts";

/** One planned dose: a local date and time in the plan's zone, and its instant. */
export interface Occurrence {
  /** Local date in the plan's time zone, YYYY-MM-DD. */
  readonly date: string;
  /** Local wall-clock time in the plan's time zone, HH:MM (03:30 for a 02:30 inside a gap). */
  readonly localTime: string;
  /** The instant, ISO 8601 in UTC: `2026-03-22T09:00:00Z`. */
  readonly at: string;
}

/** A planned local time the clocks skip (gap) or pass twice (overlap) on that date. */
export interface ClockChange {
  readonly kind: "gap" | "overlap";
  readonly date: string;
  /** The time the plan asks for, HH:MM. */
  readonly plannedTime: string;
  /** The wall-clock time the dose is at: later than planned in a gap, the same in an overlap. */
  readonly localTime: string;
  readonly at: string;
}

export interface Schedule {
  readonly occurrences: readonly Occurrence[];
  readonly clockChanges: readonly ClockChange[];
  /** The plan's zone, canonical (`Europe/London`). */
  readonly timeZone: string;
}

/** The most occurrences one plan may have (the schema's largest count). */
export const MAX_OCCURRENCES = 1000;

/** The plan's occurrences in order. See generateSchedule. */
export function planOccurrences(plan: PlanSchedule): Occurrence[] {
  return [...generateSchedule(plan).occurrences];
}

/**
 * Every occurrence of the plan, in order, and the ones that fall on a clock change.
 * Ends after `end.count` doses or on `end.date` (inclusive). Throws VALIDATION_FAILED for
 * a date or time that does not exist, an end before the start, a plan with no dosing day,
 * or more than 1000 doses; TIME_ZONE_UNKNOWN for an unknown zone.
 */
export function generateSchedule(input: PlanSchedule): Schedule {
  // A plan's schedule depends only on its calendar fields (and the time-zone data), and the
  // Today data, the web app and `titrate next` ask for the same plans' schedules on every
  // request: Temporal's work for up to a thousand occurrences was a sixth of a Today
  // request. Remembered frozen, by the fields as given; a plan that fails its checks throws
  // every time.
  const key = JSON.stringify([
    input.substance,
    input.protocol,
    input.cycle,
    input.startDate,
    input.localTime,
    input.timeZone,
    input.end,
    input.acceptRisk,
  ]);
  const known = schedules.get(key);
  if (known) return known;
  const schedule = freezeSchedule(computeSchedule(input));
  if (schedules.size >= SCHEDULE_CACHE_SIZE) schedules.clear();
  schedules.set(key, schedule);
  return schedule;
}

const schedules = new Map<string, Schedule>();
const SCHEDULE_CACHE_SIZE = 500;

function freezeSchedule(schedule: Schedule): Schedule {
  for (const o of schedule.occurrences) Object.freeze(o);
  for (const c of schedule.clockChanges) Object.freeze(c);
  Object.freeze(schedule.occurrences);
  Object.freeze(schedule.clockChanges);
  return Object.freeze(schedule);
}

function computeSchedule(input: PlanSchedule): Schedule {
  const plan = checkedSchedule(input);
  const timeZone = resolveTimeZone(plan.timeZone, "timeZone");
  const start = parsePlainDate(plan.startDate, "startDate");
  const time = parsePlainTime(plan.localTime, "localTime");
  const spacing = planSpacing(plan.protocol, plan.cycle, start.dayOfWeek);
  if (spacing === null) {
    throw new TitrateError(
      "VALIDATION_FAILED",
      "protocol: no dosing day falls within the weeks on of the cycle; shorten the pattern or lengthen the weeks on",
      "protocol",
    );
  }
  const lastDay = plan.end.kind === "until" ? lastDayIndex(start, plan.end.date) : null;
  const wanted = plan.end.kind === "count" ? plan.end.count : null;

  const occurrences: Occurrence[] = [];
  const clockChanges: ClockChange[] = [];
  for (let day = 0; lastDay === null || day <= lastDay; day++) {
    if (wanted !== null && occurrences.length >= wanted) break;
    if (!isDosingDay(plan.protocol, plan.cycle, day, dayOfWeekAt(start.dayOfWeek, day))) continue;
    if (occurrences.length >= MAX_OCCURRENCES) {
      throw new TitrateError(
        "VALIDATION_FAILED",
        `end.date: the plan would have more than ${MAX_OCCURRENCES} doses; choose an earlier end date`,
        "end.date",
      );
    }
    const planned = start.add({ days: day }).toPlainDateTime(time);
    const zoned = planned.toZonedDateTime(timeZone, { disambiguation: "compatible" });
    const occurrence: Occurrence = {
      date: zoned.toPlainDate().toString(),
      localTime: formatTime(zoned.toPlainTime()),
      at: formatInstant(zoned.toInstant()),
    };
    occurrences.push(occurrence);
    const change = clockChangeAt(planned, zoned, timeZone);
    if (change) {
      clockChanges.push({ kind: change, plannedTime: formatTime(time), ...occurrence });
    }
  }
  if (occurrences.length === 0) {
    throw new TitrateError(
      "VALIDATION_FAILED",
      "end.date: no dosing day falls between the start date and the end date",
      "end.date",
    );
  }
  return { occurrences, clockChanges, timeZone };
}

/**
 * The calendar part of any plan (a PlanInput, a draft or a stored plan), checked against the
 * schema, so a malformed plan from anywhere fails with the field at fault and never loops.
 */
export function checkedSchedule(plan: PlanSchedule): PlanSchedule {
  return parseWith(PlanSchedule, {
    substance: plan.substance,
    protocol: plan.protocol,
    cycle: plan.cycle,
    startDate: plan.startDate,
    localTime: plan.localTime,
    timeZone: plan.timeZone,
    end: plan.end,
    acceptRisk: plan.acceptRisk,
  });
}

function lastDayIndex(start: Temporal.PlainDate, endText: string): number {
  const end = parsePlainDate(endText, "end.date");
  const days = daysBetween(start, end);
  if (days < 0) {
    throw new TitrateError(
      "VALIDATION_FAILED",
      `end.date: ${endText} is before the start date ${start.toString()}`,
      "end.date",
    );
  }
  return days;
}

/** Whether the planned wall-clock time was skipped (gap) or repeated (overlap) that day. */
function clockChangeAt(
  planned: Temporal.PlainDateTime,
  zoned: Temporal.ZonedDateTime,
  timeZone: string,
): ClockChange["kind"] | null {
  if (!zoned.toPlainDateTime().equals(planned)) return "gap";
  const later = planned.toZonedDateTime(timeZone, { disambiguation: "later" });
  return later.epochNanoseconds === zoned.epochNanoseconds ? null : "overlap";
}
