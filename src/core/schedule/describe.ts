/**
 * Plain-language names for protocols and cycles, shared by the CLI, the calendar and the web.
 */
import type { Cycle, Protocol } from "../schemas/plan.ts";

const weekdayNames: Readonly<Record<string, string>> = {
  mon: "Mon",
  tue: "Tue",
  wed: "Wed",
  thu: "Thu",
  fri: "Fri",
  sat: "Sat",
  sun: "Sun",
};

/** "every 7 days", "Fadiman: one day on, two days off", "on Mon and Thu", … */
export function describeProtocol(protocol: Protocol): string {
  switch (protocol.kind) {
    case "every-n-days":
      return protocol.intervalDays === 1 ? "every day" : `every ${protocol.intervalDays} days`;
    case "fadiman":
      return "Fadiman: one day on, two days off";
    case "stamets":
      return "Stamets: four days on, three days off";
    case "every-other-day":
      return "every other day";
    case "weekdays": {
      const names = protocol.weekdays.map((w) => weekdayNames[w] ?? w);
      return `on ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`}`;
    }
    case "pattern":
      return `the repeating pattern ${protocol.pattern} (1 = a dosing day)`;
  }
}

/** "4 weeks on, then 2 weeks off", or "no breaks". */
export function describeCycle(cycle: Cycle | null): string {
  if (cycle === null) return "no breaks";
  const weeks = (n: number) => `${n} week${n === 1 ? "" : "s"}`;
  return `${weeks(cycle.weeksOn)} on, then ${weeks(cycle.weeksOff)} off`;
}
