/**
 * Reading the calendar parts of a plan with Temporal: dates, times of day, time zones and
 * instants. Every failure is a TitrateError naming the field, never a bare RangeError.
 */
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../errors.ts";

/** A calendar date (YYYY-MM-DD) that exists, e.g. not 2026-02-30. */
export function parsePlainDate(text: string, field: string): Temporal.PlainDate {
  if (/^\d{4}-\d{2}-\d{2}$/u.test(text)) {
    try {
      return Temporal.PlainDate.from(text, { overflow: "reject" });
    } catch {
      // fall through to the error below
    }
  }
  throw new TitrateError(
    "VALIDATION_FAILED",
    `${field}: "${text}" is not a calendar date; write YYYY-MM-DD, for example 2026-03-22`,
    field,
  );
}

/** A local time of day (HH:MM, 24-hour clock). */
export function parsePlainTime(text: string, field: string): Temporal.PlainTime {
  if (/^\d{2}:\d{2}$/u.test(text)) {
    try {
      return Temporal.PlainTime.from(text, { overflow: "reject" });
    } catch {
      // fall through to the error below
    }
  }
  throw new TitrateError(
    "VALIDATION_FAILED",
    `${field}: "${text}" is not a time of day; write HH:MM on a 24-hour clock, for example 09:00`,
    field,
  );
}

/**
 * The canonical IANA id of a time zone (`europe/london` → `Europe/London`), or
 * TIME_ZONE_UNKNOWN. Fixed offsets such as `+01:00` are accepted too: they never change.
 */
export function resolveTimeZone(name: string, field = "timeZone"): string {
  const trimmed = name.trim();
  try {
    if (trimmed !== "") {
      return Temporal.PlainDate.from("2000-01-01").toZonedDateTime({ timeZone: trimmed })
        .timeZoneId;
    }
  } catch {
    // fall through to the error below
  }
  throw new TitrateError(
    "TIME_ZONE_UNKNOWN",
    `${field}: "${name}" is not a time zone Titrate knows; use an IANA name such as Europe/London or America/New_York`,
    field,
  );
}

/** True when the zone is UTC or a fixed offset: no daylight saving, nothing to describe. */
export function isFixedZone(timeZone: string): boolean {
  return timeZone === "UTC" || /^[+-]\d{2}(?::?\d{2})?$/u.test(timeZone);
}

/** An ISO 8601 instant with its offset (`2026-03-22T09:00:00Z`); VALIDATION_FAILED otherwise. */
export function parseInstant(text: string, field: string): Temporal.Instant {
  try {
    return Temporal.Instant.from(text);
  } catch {
    throw new TitrateError(
      "VALIDATION_FAILED",
      `${field}: "${text}" is not an ISO 8601 instant with an offset, for example 2026-03-22T09:00:00Z`,
      field,
    );
  }
}

/** An instant as ISO 8601 UTC to the second: `2026-03-22T09:00:00Z`. */
export function formatInstant(instant: Temporal.Instant): string {
  return instant.toString({ smallestUnit: "second" });
}

/** A time of day as HH:MM. */
export function formatTime(time: Temporal.PlainTime): string {
  return time.toString({ smallestUnit: "minute" });
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Temporal.PlainDate, to: Temporal.PlainDate): number {
  return from.until(to, { largestUnit: "days" }).days;
}
