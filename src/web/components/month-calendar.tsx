/**
 * A month as a table, Monday first: each day may carry a status (taken, late, missed,
 * skipped, due, next, planned, extra) and may fall in a break. The status is written in the
 * cell too, never shown by colour alone.
 */

export type DayStatus =
  | "taken"
  | "late"
  | "missed"
  | "skipped"
  | "due"
  | "next"
  | "planned"
  | "extra";

export interface MonthCalendarProps {
  /** YYYY-MM */
  readonly month: string;
  readonly statuses: ReadonlyMap<string, DayStatus>;
  readonly breaks: readonly { readonly from: string; readonly until: string }[];
  readonly today?: string;
  readonly caption: string;
}

const statusWords: Readonly<Record<DayStatus, string>> = {
  taken: "Taken",
  late: "Late",
  missed: "Missed",
  skipped: "Skipped",
  due: "Due",
  next: "Next",
  planned: "Planned",
  extra: "Extra",
};
const weekdays = [
  ["Mo", "Monday"],
  ["Tu", "Tuesday"],
  ["We", "Wednesday"],
  ["Th", "Thursday"],
  ["Fr", "Friday"],
  ["Sa", "Saturday"],
  ["Su", "Sunday"],
] as const;

function isoDate(year: number, monthIndex: number, day: number): string {
  return new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);
}

/** The month after (or before, with -1) `month`, as YYYY-MM. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7);
}

export function monthName(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat("en-GB", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}

export function MonthCalendar({ month, statuses, breaks, today, caption }: MonthCalendarProps) {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const monthIndex = monthNumber - 1;
  const first = new Date(Date.UTC(year, monthIndex, 1));
  const lead = (first.getUTCDay() + 6) % 7; // Monday = 0
  const days = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  const cells: (string | null)[] = [
    ...Array.from({ length: lead }, () => null),
    ...Array.from({ length: days }, (_, i) => isoDate(year, monthIndex, i + 1)),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  const inBreak = (date: string) => breaks.some((b) => date >= b.from && date <= b.until);
  return (
    <table class="calendar">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {weekdays.map(([short, long]) => (
            <th key={short} scope="col" abbr={long}>
              {short}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week.find((d) => d) ?? "empty"}>
            {week.map((date, i) => {
              if (!date) return <td key={`blank-${i}`} class="outside" aria-hidden="true" />;
              const status = statuses.get(date);
              const onBreak = inBreak(date);
              const classes = [status ?? "", onBreak ? "break" : ""].filter(Boolean).join(" ");
              return (
                <td
                  key={date}
                  class={classes || undefined}
                  aria-current={date === today ? "date" : undefined}
                >
                  <span class="day-number">{Number(date.slice(8))}</span>
                  {status ? <span class="mark">{statusWords[status]}</span> : null}
                  {onBreak && !status ? <span class="mark">Break</span> : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CalendarLegend() {
  return (
    <p class="legend">
      <span>Taken: on time</span>
      <span>Late: taken late</span>
      <span>Missed: not taken</span>
      <span>Skipped: too soon after a dose</span>
      <span>Due: take it now</span>
      <span>Next: the next dose</span>
      <span>Planned: later</span>
      <span>Break: a tolerance break</span>
    </p>
  );
}
