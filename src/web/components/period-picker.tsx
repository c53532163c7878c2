/**
 * The period of the insights and of the report: the last 30 or 90 days, 26 or 52 weeks, or
 * two dates. A choice from the list applies at once; two dates apply with "Show". The
 * period travels as the API's own `since` (90d, 12w or a first date) and `until`.
 */
import { useState } from "preact/hooks";
import { formatDate } from "../lib/time.ts";
import { describedBy, Field } from "./field.tsx";

export interface PeriodChoice {
  readonly since: string;
  /** The last day (YYYY-MM-DD); absent for "up to today". */
  readonly until?: string | undefined;
}

const lengths: readonly (readonly [since: string, label: string])[] = [
  ["30d", "The last 30 days"],
  ["90d", "The last 90 days"],
  ["26w", "The last 26 weeks"],
  ["52w", "The last 52 weeks"],
];

const DATE = /^\d{4}-\d{2}-\d{2}$/u;

/** The period's query string for the API: "since=90d", "since=2026-01-01&until=2026-03-31". */
export function periodQuery(period: PeriodChoice): string {
  const query = new URLSearchParams({ since: period.since });
  if (period.until) query.set("until", period.until);
  return query.toString();
}

/** The period named by the address (?since=&until=), else the last 90 days. */
export function periodFromAddress(): PeriodChoice {
  const query = new URLSearchParams(window.location.search);
  const since = query.get("since") ?? "90d";
  const until = query.get("until") ?? undefined;
  return /^\d{1,5}[dw]$|^\d{4}-\d{2}-\d{2}$/u.test(since) && (!until || DATE.test(until))
    ? { since, until }
    : { since: "90d" };
}

export interface PeriodPickerProps {
  readonly id: string;
  readonly value: PeriodChoice;
  readonly onChange: (period: PeriodChoice) => void;
  /** Today in the person's zone, the latest "to" date. */
  readonly today: string;
}

/** "The last 12 weeks" for 12w; null for a date. */
function lengthLabel(since: string): string | null {
  const known = lengths.find(([s]) => s === since);
  if (known) return known[1];
  const m = /^(\d{1,5})([dw])$/u.exec(since);
  if (!m) return null;
  const unit = m[2] === "w" ? "week" : "day";
  return `The last ${m[1]} ${unit}${m[1] === "1" ? "" : "s"}`;
}

export function PeriodPicker({ id, value, onChange, today }: PeriodPickerProps) {
  const currentLength = lengthLabel(value.since);
  const choices =
    currentLength && !lengths.some(([s]) => s === value.since)
      ? [...lengths, [value.since, currentLength] as const]
      : lengths;
  const [custom, setCustom] = useState(currentLength === null);
  const [from, setFrom] = useState(DATE.test(value.since) ? value.since : "");
  const [to, setTo] = useState(value.until ?? today);
  const [error, setError] = useState<string | undefined>(undefined);

  function choose(choice: string) {
    if (choice === "custom") {
      setCustom(true);
      return;
    }
    setCustom(false);
    setError(undefined);
    onChange({ since: choice });
  }

  function showDates(event: Event) {
    event.preventDefault();
    if (!DATE.test(from) || !DATE.test(to)) {
      setError("Choose both dates.");
    } else if (from > to) {
      setError("The first day must come before the last.");
    } else {
      setError(undefined);
      onChange({ since: from, until: to });
    }
  }

  return (
    <form class="period" onSubmit={showDates} noValidate>
      <Field id={`${id}-choice`} label="Period">
        <select
          {...describedBy(`${id}-choice`, {})}
          value={custom ? "custom" : value.since}
          onChange={(ev) => choose(ev.currentTarget.value)}
        >
          {choices.map(([since, label]) => (
            <option key={since} value={since}>
              {label}
            </option>
          ))}
          <option value="custom">Choose the dates…</option>
        </select>
      </Field>
      {!custom && value.until ? (
        <p class="hint period-end">ending on {formatDate(value.until)}</p>
      ) : null}
      {custom ? (
        <div class="period-dates">
          <Field id={`${id}-from`} label="From" error={error}>
            <input
              {...describedBy(`${id}-from`, { error })}
              type="date"
              max={today}
              value={from}
              onInput={(ev) => setFrom(ev.currentTarget.value)}
            />
          </Field>
          <Field id={`${id}-to`} label="To">
            <input
              {...describedBy(`${id}-to`, {})}
              type="date"
              max={today}
              value={to}
              onInput={(ev) => setTo(ev.currentTarget.value)}
            />
          </Field>
          <button type="submit" class="button secondary">
            Show
          </button>
        </div>
      ) : null}
    </form>
  );
}
