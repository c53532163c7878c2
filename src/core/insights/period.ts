/**
 * The period insights and reports cover: `--since 90d` (the last 90 days, today included),
 * `12w`, or a first date; `--until` a last date (default today). Dates are the person's local
 * dates.
 */
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../errors.ts";

export interface Period {
  /** First and last local dates, both included. */
  readonly from: string;
  readonly to: string;
  readonly days: number;
}

export const DEFAULT_SINCE = "90d";
/** About 27 years; longer periods are not a journal anyone has kept. */
export const MAX_PERIOD_DAYS = 10_000;
export const SINCE_PATTERN = /^(?:\d{1,5}[dw]|\d{4}-\d{2}-\d{2})$/u;

function readDate(text: string, field: string): Temporal.PlainDate {
  try {
    if (!/^\d{4}-\d{2}-\d{2}$/u.test(text)) throw new RangeError();
    return Temporal.PlainDate.from(text);
  } catch {
    throw new TitrateError(
      "VALIDATION_FAILED",
      `${field}: "${text}" is not a date; write it like 2026-03-22${field === "since" ? ", or a length such as 90d or 12w" : ""}`,
      field,
    );
  }
}

/** The period from `since` (default 90d) to `until` (default `today`). */
export function resolvePeriod(
  since: string | undefined,
  until: string | undefined,
  today: string,
): Period {
  const to = until === undefined ? Temporal.PlainDate.from(today) : readDate(until.trim(), "until");
  const text = (since ?? DEFAULT_SINCE).trim().toLowerCase();
  let from: Temporal.PlainDate;
  const length = /^(\d{1,5})([dw])$/u.exec(text);
  if (length) {
    const days = Number(length[1]) * (length[2] === "w" ? 7 : 1);
    if (days < 1 || days > MAX_PERIOD_DAYS) {
      throw new TitrateError(
        "VALIDATION_FAILED",
        `since: ${text} is not a length Titrate covers; use 1d to ${MAX_PERIOD_DAYS}d`,
        "since",
      );
    }
    from = to.subtract({ days: days - 1 });
  } else {
    from = readDate(text, "since");
  }
  const days = from.until(to, { largestUnit: "days" }).days + 1;
  if (days < 1) {
    throw new TitrateError(
      "VALIDATION_FAILED",
      `since: ${from} is after the period's last day, ${to}`,
      "since",
    );
  }
  if (days > MAX_PERIOD_DAYS) {
    throw new TitrateError(
      "VALIDATION_FAILED",
      `since: the period from ${from} to ${to} is longer than ${MAX_PERIOD_DAYS} days`,
      "since",
    );
  }
  return { from: from.toString(), to: to.toString(), days };
}
