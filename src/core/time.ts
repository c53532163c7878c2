/**
 * Instants as Titrate stores and shows them: ISO 8601 in UTC at second precision
 * ("2026-03-22T09:10:00Z", which sorts as text), read from what a person types in their
 * time zone.
 */
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "./errors.ts";

/** The canonical text of an instant: UTC, whole seconds. */
export function formatInstant(instant: Temporal.Instant): string {
  return instant
    .round({ smallestUnit: "second", roundingMode: "trunc" })
    .toString({ smallestUnit: "second" });
}

/** Normalises any ISO 8601 instant text to the canonical form (throws RangeError when invalid). */
export function normaliseInstant(text: string): string {
  return formatInstant(Temporal.Instant.from(text));
}

/** The zone's canonical id, or TIME_ZONE_UNKNOWN naming `field`. */
export function parseTimeZone(zone: string, field = "timeZone"): string {
  try {
    return new Temporal.ZonedDateTime(0n, zone.trim()).timeZoneId;
  } catch {
    throw new TitrateError(
      "TIME_ZONE_UNKNOWN",
      `${field}: "${zone}" is not a time zone Titrate knows; use an IANA name such as Europe/London or America/New_York`,
      field,
    );
  }
}

/**
 * Reads when something happened. `now` is the word for the current instant; text with an
 * offset or `Z` is taken as given; a local date and time ("2026-03-22 09:10",
 * "2026-03-22T09:10") is read in `timeZone`, a nonexistent or repeated local time resolved
 * as calendar programs do (RFC 5545: Temporal's `compatible`). Refuses a time in the future
 * beyond a minute of clock skew, since a journal records what has happened, and one more than
 * 30 years ago, a likely typo (assertPlausibleTime).
 */
export function parseWhen(
  text: string,
  timeZone: string,
  now: Temporal.Instant,
  field = "at",
): Temporal.Instant {
  const trimmed = text.trim().replace(" ", "T");
  let instant: Temporal.Instant;
  if (trimmed.toLowerCase() === "now") {
    instant = now;
  } else if (/(?:[zZ]|[+-]\d{2}:?\d{2})$/u.test(trimmed)) {
    instant = attempt(() => Temporal.Instant.from(trimmed), text, field);
  } else {
    const local = attempt(() => Temporal.PlainDateTime.from(trimmed), text, field);
    instant = local.toZonedDateTime(timeZone, { disambiguation: "compatible" }).toInstant();
  }
  assertPlausibleTime(instant, now, field, text);
  return instant;
}

/**
 * How far back an entry may be: 30 years. Titrate's choice: no one keeps a microdosing
 * journal of longer, so an older time is a typo (2006 for 2026, 1926 for 2026), and a typo in
 * a date would put a dose outside every interval check.
 */
export const MAX_ENTRY_AGE_YEARS = 30;

/**
 * Why an entry's time cannot be right, or null when it can: more than a minute in the future
 * (clock skew; the journal records what has happened, TIME_IN_FUTURE), or more than
 * MAX_ENTRY_AGE_YEARS before `now` (a typo, TIME_TOO_OLD).
 */
export function implausibleTime(
  instant: Temporal.Instant,
  now: Temporal.Instant,
): { readonly code: "TIME_IN_FUTURE" | "TIME_TOO_OLD"; readonly message: string } | null {
  if (Temporal.Instant.compare(instant, now.add({ minutes: 1 })) > 0) {
    return {
      code: "TIME_IN_FUTURE",
      message: "is in the future; the journal records what has already happened",
    };
  }
  const oldest = now.toZonedDateTimeISO("UTC").subtract({ years: MAX_ENTRY_AGE_YEARS }).toInstant();
  if (Temporal.Instant.compare(instant, oldest) < 0) {
    return {
      code: "TIME_TOO_OLD",
      message: `is more than ${MAX_ENTRY_AGE_YEARS} years ago; check the year (a typo?)`,
    };
  }
  return null;
}

/** Throws TIME_IN_FUTURE or TIME_TOO_OLD (see implausibleTime), naming `field` and `text`. */
export function assertPlausibleTime(
  instant: Temporal.Instant,
  now: Temporal.Instant,
  field: string,
  text: string = formatInstant(instant),
): void {
  const problem = implausibleTime(instant, now);
  if (problem) throw new TitrateError(problem.code, `${field}: ${text} ${problem.message}`, field);
}

function attempt<T>(read: () => T, text: string, field: string): T {
  try {
    return read();
  } catch {
    throw new TitrateError(
      "VALIDATION_FAILED",
      `${field}: "${text}" is not a date and time; write it like 2026-03-22 09:10 (your time zone) or 2026-03-22T09:10:00Z`,
      field,
    );
  }
}

/** An instant as a local date and time in `timeZone`: "2026-03-22 09:10". */
export function localDateTimeText(instant: string, timeZone: string): string {
  const local = Temporal.Instant.from(instant).toZonedDateTimeISO(timeZone).toPlainDateTime();
  return `${local.toPlainDate().toString()} ${local.toPlainTime().toString({ smallestUnit: "minute" })}`;
}
