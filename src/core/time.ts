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
 * beyond a minute of clock skew, since a journal records what has happened.
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
  if (Temporal.Instant.compare(instant, now.add({ minutes: 1 })) > 0) {
    throw new TitrateError(
      "TIME_IN_FUTURE",
      `${field}: ${text} is in the future; the journal records what has already happened`,
      field,
    );
  }
  return instant;
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
