/**
 * A plan keeps its own time zone. A person who travels sees the plan's times converted to
 * where they are (viewInZone); moving the plan itself to a new zone is an explicit act
 * (movePlanToZone) that keeps the local dates and times of day.
 */
import { Temporal } from "temporal-polyfill";
import type { PlanSchedule } from "../schemas/plan.ts";
import { daysBetween, formatTime, parsePlainDate, resolveTimeZone } from "./calendar.ts";
import type { Occurrence } from "./occurrences.ts";

/** An occurrence as seen from another zone: the same instant, another wall clock. */
export interface ViewedOccurrence extends Occurrence {
  readonly viewer: {
    readonly timeZone: string;
    /** Local date and time in the viewer's zone. */
    readonly date: string;
    readonly localTime: string;
    /** Viewer's date minus the plan's date, in days (−1, 0, +1: the day before, same, after). */
    readonly dayShift: number;
  };
}

/**
 * The occurrences with their date and time in the viewer's `timeZone` added; the plan's own
 * date, time and instant are unchanged. Throws TIME_ZONE_UNKNOWN for an unknown zone.
 */
export function viewInZone(
  occurrences: readonly Occurrence[],
  timeZone: string,
  field = "timeZone",
): ViewedOccurrence[] {
  const zone = resolveTimeZone(timeZone, field);
  return occurrences.map((occurrence) => {
    const local = Temporal.Instant.from(occurrence.at).toZonedDateTimeISO(zone);
    const date = local.toPlainDate();
    return {
      ...occurrence,
      viewer: {
        timeZone: zone,
        date: date.toString(),
        localTime: formatTime(local.toPlainTime()),
        dayShift: daysBetween(parsePlainDate(occurrence.date, "date"), date),
      },
    };
  });
}

/**
 * The same plan in another zone: same start date, protocol and local time of day, so 09:00
 * stays 09:00 where the person now lives and every instant moves. Nothing else changes.
 * Moving east brings the next dose closer in elapsed time: nextDose still keeps the minimum
 * interval after the last dose actually taken. Throws TIME_ZONE_UNKNOWN for an unknown zone.
 */
export function movePlanToZone<P extends PlanSchedule>(plan: P, timeZone: string): P {
  return { ...plan, timeZone: resolveTimeZone(timeZone, "timeZone") };
}
