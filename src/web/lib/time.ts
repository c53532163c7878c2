/**
 * Times on the screen, without Temporal (which stays off the first screen, issue 11): the
 * journal stores UTC instants ("2026-03-22T09:10:00Z") and the zone they were entered in;
 * the screen shows them in the person's zone with the browser's Intl, and reads a
 * <input type="datetime-local"> value in that zone.
 */

/** The browser's IANA time zone, e.g. Europe/London (UTC when it cannot tell). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Now as a UTC instant to the second: 2026-03-22T09:10:00Z. */
export function nowInstant(now = new Date()): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** "Sun 22 Mar 2026, 09:10" in `timeZone`. */
export function formatWhen(instant: string, timeZone: string): string {
  return formatter(timeZone, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(instant));
}

/** "09:10" in `timeZone`. */
export function formatClock(instant: string, timeZone: string): string {
  return formatter(timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(instant),
  );
}

/** "Sun 22 Mar 2026" for a plain date (YYYY-MM-DD), read as a calendar date. */
export function formatDate(date: string): string {
  return formatter("UTC", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
  }).format(new Date(`${date}T12:00:00Z`));
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function partsIn(epochMs: number, timeZone: string): Parts {
  const parts = formatter(timeZone, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The local date (YYYY-MM-DD) of an instant in `timeZone`. */
export function localDate(instant: string | number, timeZone: string): string {
  const p = partsIn(typeof instant === "number" ? instant : Date.parse(instant), timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** An instant as a datetime-local value in `timeZone`: "2026-03-22T09:10". */
export function toLocalInput(instant: string, timeZone: string): string {
  const p = partsIn(Date.parse(instant), timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * A datetime-local value read in `timeZone`, as a UTC instant. A time the clocks skip is
 * read with the offset before the change, as calendar programs do; null when unreadable.
 */
export function fromLocalInput(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/u.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const offsetAt = (ms: number) => {
    const p = partsIn(ms, timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - ms;
  };
  // Two passes settle the offset everywhere but in a skipped hour, where the first wins.
  const guess = wallAsUtc - offsetAt(wallAsUtc);
  const settled = wallAsUtc - offsetAt(guess);
  const epoch = offsetAt(settled) === offsetAt(guess) ? settled : guess;
  return nowInstant(new Date(epoch));
}

/** Minutes → "40 min", "1 h 30 min". */
export function minutesText(minutes: number): string {
  const rounded = Math.round(minutes);
  if (rounded < 60) return `${rounded} min`;
  const h = Math.floor(rounded / 60);
  const m = rounded % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** How long ago or ahead, in plain words: "in 3 days", "2 h ago". */
export function relativeText(instant: string, now = Date.now()): string {
  const diffMin = (Date.parse(instant) - now) / 60_000;
  const abs = Math.abs(diffMin);
  const text =
    abs < 1 ? "now" : abs < 48 * 60 ? minutesText(abs) : `${Math.round(abs / (24 * 60))} days`;
  if (text === "now") return text;
  return diffMin > 0 ? `in ${text}` : `${text} ago`;
}

const YEAR_MS = 365.25 * 24 * 3_600_000;

/**
 * Why an entry's time cannot be right, the way src/core/time.ts's implausibleTime says it
 * (more than a minute in the future, or more than 30 years ago), or null when it can be.
 * Checked in the browser so the mistake shows under the field and no request fails.
 */
export function whenProblem(instant: string | null, now = Date.now()): string | null {
  if (instant === null) return "give a date and a time";
  const ms = Date.parse(instant);
  if (ms > now + 60_000) return "is in the future; the journal records what has already happened";
  if (ms < now - 30 * YEAR_MS) return "is more than 30 years ago; check the year (a typo?)";
  return null;
}
