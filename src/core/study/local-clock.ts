/**
 * Local dates, times and study days of entries for a study export: millions of rows, so the
 * time-zone work is done once per zone and quarter-hour (every offset change of the time-zone
 * database falls on a quarter-hour in UTC, so one lookup holds for the whole quarter), and the
 * rest is integer arithmetic (safety/time-math.ts). The answers are those of Temporal.
 */
import { Temporal } from "temporal-polyfill";
import { civilOfEpochDay, epochDay, epochDayOf, instantMs } from "../safety/time-math.ts";

const QUARTER_MS = 15 * 60_000;
const DAY_S = 86_400;

export interface LocalMoment {
  /** Days since 1970-01-01 of the local date. */
  readonly epochDay: number;
  /** Minutes since local midnight (0–1439). */
  readonly minutes: number;
}

/** One per export: remembers each zone's offset per quarter-hour it has seen. */
export class LocalClock {
  readonly #offsets = new Map<string, number>();

  /** The offset from UTC in seconds of `timeZone` at `ms` (UTC for an unknown zone). */
  offsetSeconds(ms: number, timeZone: string): number {
    const quarter = Math.floor(ms / QUARTER_MS);
    const key = `${timeZone} ${quarter}`;
    let offset = this.#offsets.get(key);
    if (offset === undefined) {
      try {
        const zoned = Temporal.Instant.fromEpochMilliseconds(
          quarter * QUARTER_MS,
        ).toZonedDateTimeISO(timeZone);
        offset = Math.round(zoned.offsetNanoseconds / 1e9);
      } catch {
        offset = 0;
      }
      if (this.#offsets.size > 500_000) this.#offsets.clear();
      this.#offsets.set(key, offset);
    }
    return offset;
  }

  /** The local date and time of an instant (ISO 8601 text, as stored) in `timeZone`. */
  local(at: string, timeZone: string): LocalMoment {
    const ms = canonicalMs(at) ?? instantMs(at);
    const seconds = Math.floor(ms / 1000) + this.offsetSeconds(ms, timeZone);
    const day = Math.floor(seconds / DAY_S);
    return { epochDay: day, minutes: Math.floor((seconds - day * DAY_S) / 60) };
  }
}

/**
 * Epoch milliseconds of an instant in the form the store writes (`2026-03-22T09:10:00Z`),
 * read digit by digit (a study's export reads millions, each once: no cache, no pattern);
 * undefined for any other form.
 */
export function canonicalMs(text: string): number | undefined {
  if (text.length !== 20 || text.charCodeAt(10) !== 84 || text.charCodeAt(19) !== 90) {
    return undefined;
  }
  const n = (from: number, to: number): number => {
    let value = 0;
    for (let i = from; i < to; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return Number.NaN;
      value = value * 10 + digit;
    }
    return value;
  };
  const ms =
    ((epochDayOf(n(0, 4), n(5, 7), n(8, 10)) * 24 + n(11, 13)) * 60 + n(14, 16)) * 60_000 +
    n(17, 19) * 1000;
  return Number.isNaN(ms) ? undefined : ms;
}

/** `YYYY-MM-DD` of a day number. */
export function dateOfEpochDay(day: number): string {
  const { year, month, dayOfMonth } = civilOfEpochDay(day);
  return `${String(year).padStart(4, "0")}-${two(month)}-${two(dayOfMonth)}`;
}

/** Days from `from` to `to`, both `YYYY-MM-DD` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
