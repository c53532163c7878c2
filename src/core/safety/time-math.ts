/**
 * Fast, pure time arithmetic for the rules, which run over years of records on every write:
 * instants as epoch milliseconds, local dates as day numbers. Temporal does the time-zone
 * work; plain integer math does the rest.
 */
import { Temporal } from "temporal-polyfill";
import { formatInstant } from "../time.ts";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const utcPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/u;

/** Epoch milliseconds of an ISO 8601 instant ("2026-03-22T09:10:00Z", or with an offset). */
export function instantMs(text: string): number {
  const m = utcPattern.exec(text);
  if (!m) return Temporal.Instant.from(text).epochMilliseconds;
  const [, y, mo, d, h, mi, s, fraction = ""] = m;
  const day = epochDayOf(Number(y), Number(mo), Number(d));
  const ms = Number(fraction.padEnd(3, "0").slice(0, 3));
  return ((day * 24 + Number(h)) * 60 + Number(mi)) * MINUTE_MS + Number(s) * 1000 + ms;
}

/** The canonical UTC text of an instant in epoch milliseconds (whole seconds). */
export function instantText(ms: number): string {
  return formatInstant(Temporal.Instant.fromEpochMilliseconds(ms));
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Day number of a `YYYY-MM-DD` date. */
export function epochDay(date: string): number {
  return epochDayOf(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** The local date (`YYYY-MM-DD`) and time (`HH:MM`) of an instant in a zone (UTC if the zone is unknown). */
export function localDateTime(ms: number, timeZone: string): { date: string; time: string } {
  let zoned: Temporal.ZonedDateTime;
  try {
    zoned = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
  } catch {
    zoned = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO("UTC");
  }
  const text = zoned.toPlainDateTime().toString({ smallestUnit: "minute" });
  return { date: text.slice(0, 10), time: text.slice(11, 16) };
}

/** The instant a local date starts in a zone (midnight, or the first valid time on a DST day). */
export function startOfLocalDayMs(date: string, timeZone: string): number {
  try {
    return Temporal.PlainDate.from(date).toZonedDateTime({ timeZone }).epochMilliseconds;
  } catch {
    return Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: "UTC" }).epochMilliseconds;
  }
}

/** Index of the first element whose `ms` is at least `ms` (binary search over a sorted list). */
export function lowerBound(list: readonly { readonly ms: number }[], ms: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as { ms: number }).ms < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
