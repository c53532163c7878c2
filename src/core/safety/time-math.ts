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

/**
 * Instants already read, by their text: the rules and insights read every record's time on
 * every run, and a write runs the rules twice. Bounded like the local times below.
 */
const instantCache = new Map<string, number>();
const INSTANT_CACHE_SIZE = 50_000;

/** Epoch milliseconds of an ISO 8601 instant ("2026-03-22T09:10:00Z", or with an offset). */
export function instantMs(text: string): number {
  let ms = instantCache.get(text);
  if (ms === undefined) {
    if (instantCache.size >= INSTANT_CACHE_SIZE) instantCache.clear();
    ms = parseInstantMs(text);
    instantCache.set(text, ms);
  }
  return ms;
}

function parseInstantMs(text: string): number {
  const m = utcPattern.exec(text);
  if (!m) return Temporal.Instant.from(text).epochMilliseconds;
  const [, y, mo, d, h, mi, s, fraction = ""] = m;
  const day = epochDayOf(Number(y), Number(mo), Number(d));
  const ms = Number(fraction.padEnd(3, "0").slice(0, 3));
  return ((day * 24 + Number(h)) * 60 + Number(mi)) * MINUTE_MS + Number(s) * 1000 + ms;
}

/**
 * The canonical UTC text of an instant in epoch milliseconds (whole seconds), as
 * formatInstant writes it. Integer arithmetic for the years 1970 to 9999 (the rules format
 * thousands of instants on every write; Temporal's formatting was a fifth of a write's CPU
 * time), Temporal for anything else.
 */
export function instantText(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms >= MAX_FAST_MS) {
    return formatInstant(Temporal.Instant.fromEpochMilliseconds(ms));
  }
  const seconds = Math.floor(ms / 1000);
  const day = Math.floor(seconds / 86_400);
  const secondOfDay = seconds - day * 86_400;
  const { year, month, dayOfMonth } = civilOfEpochDay(day);
  const hour = Math.floor(secondOfDay / 3600);
  const minute = Math.floor((secondOfDay % 3600) / 60);
  const second = secondOfDay % 60;
  return `${String(year).padStart(4, "0")}-${two(month)}-${two(dayOfMonth)}T${two(hour)}:${two(minute)}:${two(second)}Z`;
}

/** 10000-01-01T00:00:00Z: from there on Temporal writes six-digit years. */
const MAX_FAST_MS = 253_402_300_800_000;

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The proleptic Gregorian date of a day number (Howard Hinnant's civil_from_days). */
export function civilOfEpochDay(epochDayNumber: number): {
  year: number;
  month: number;
  dayOfMonth: number;
} {
  const z = epochDayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const dayOfMonth = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, dayOfMonth };
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

/**
 * The date `days` days after `date` (before it when negative), both `YYYY-MM-DD`: what
 * `Temporal.PlainDate.from(date).add({ days }).toString()` answers, in integer arithmetic
 * (insights shift dates tens of thousands of times over ten years of journal; Temporal
 * took most of their time). Anything but a valid date of the years 1 to 9999 goes to
 * Temporal, so invalid text still throws its RangeError.
 */
export function shiftDate(date: string, days: number): string {
  const day = Number.isInteger(days) ? validEpochDay(date) : undefined;
  if (day !== undefined) {
    const shifted = civilOfEpochDay(day + days);
    if (shifted.year >= 1 && shifted.year <= 9999) {
      return `${String(shifted.year).padStart(4, "0")}-${two(shifted.month)}-${two(shifted.dayOfMonth)}`;
    }
  }
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** The day number of a valid `YYYY-MM-DD` date of the years 1 to 9999; undefined otherwise. */
function validEpochDay(date: string): number | undefined {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) {
    return undefined;
  }
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 7);
  const dayOfMonth = digits(date, 8, 10);
  if (year < 1 || month < 1 || month > 12 || dayOfMonth < 1) return undefined;
  if (dayOfMonth > daysInMonth(year, month)) return undefined;
  return epochDayOf(year, month, dayOfMonth);
}

/** The number written by the ASCII digits from `start` to `end`; -1 if one is not a digit. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day number of a `YYYY-MM-DD` date. */
export function epochDay(date: string): number {
  return epochDayOf(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/**
 * Local dates and times already worked out, by zone and instant. The rules read the local
 * day of every record on every run, and a write runs them twice over the same records (and
 * the next request once more): Temporal's time-zone work was a tenth of a write's CPU time.
 * The answer depends only on the instant, the zone and the time-zone data, so remembering it
 * changes no result. Bounded: emptied when full (a year's journal holds about 900 instants).
 */
const localCache = new Map<string, LocalDateTime>();
const LOCAL_CACHE_SIZE = 50_000;

interface LocalDateTime {
  readonly date: string;
  readonly time: string;
}

/** The local date (`YYYY-MM-DD`) and time (`HH:MM`) of an instant in a zone (UTC if the zone is unknown). */
export function localDateTime(ms: number, timeZone: string): LocalDateTime {
  const key = `${timeZone} ${ms}`;
  let local = localCache.get(key);
  if (local === undefined) {
    if (localCache.size >= LOCAL_CACHE_SIZE) localCache.clear();
    local = Object.freeze(computeLocalDateTime(ms, timeZone));
    localCache.set(key, local);
  }
  return local;
}

function computeLocalDateTime(ms: number, timeZone: string): LocalDateTime {
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
