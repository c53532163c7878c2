/**
 * A plan's tolerance breaks: the runs of weeks off in its cycle (FACTS P-PROT-2, K-TOL-1), as
 * local dates in the plan's zone, for a calendar to show. Only breaks that begin before the
 * plan's last dose are listed: after it the plan is over, not on a break.
 */
import { Temporal } from "temporal-polyfill";
import type { PlanSchedule } from "../schemas/plan.ts";
import { parsePlainDate } from "./calendar.ts";
import type { Occurrence } from "./occurrences.ts";

export interface BreakPeriod {
  /** First day off, YYYY-MM-DD. */
  readonly from: string;
  /** Last day off, YYYY-MM-DD (inclusive). */
  readonly until: string;
}

/** The cycle's weeks off between the first and the last of `occurrences`; none without a cycle. */
export function cycleBreaks(
  plan: Pick<PlanSchedule, "cycle" | "startDate">,
  occurrences: readonly Occurrence[],
): BreakPeriod[] {
  const last = occurrences.at(-1);
  if (plan.cycle === null || last === undefined) return [];
  const { weeksOn, weeksOff } = plan.cycle;
  const start = parsePlainDate(plan.startDate, "startDate");
  const lastDose = parsePlainDate(last.date, "date");
  const breaks: BreakPeriod[] = [];
  for (let cycle = 0; ; cycle++) {
    const from = start.add({ days: cycle * (weeksOn + weeksOff) * 7 + weeksOn * 7 });
    if (Temporal.PlainDate.compare(from, lastDose) > 0) break;
    breaks.push({
      from: from.toString(),
      until: from.add({ days: weeksOff * 7 - 1 }).toString(),
    });
  }
  return breaks;
}
