/**
 * no-break: use without a break for longer than the protocol's weeks on (FACTS P-PROT-2:
 * 4–8 weeks on, then 2–4 off; K-TOL-1; article 000: a break every few weeks). The cycle is
 * that of the plan of the latest dose that names one, else the substance's default (4 weeks
 * on, 2 off). A break is a gap of the cycle's weeks off without a dose of the same group
 * (LSD, psilocybin and mushrooms count together: FACTS P-TOL-1). Active until that break
 * has been taken after the last dose.
 */
import type { Cycle } from "../../schemas/plan.ts";
import type { Finding } from "../finding.ts";
import { countText, groupBy, listText, substanceText, unique } from "../format.ts";
import type { DoseEntry, JournalView } from "../journal-view.ts";
import type { SafetyRule } from "../rule.ts";
import { DAY_MS, instantText } from "../time-math.ts";
import { type ToleranceGroup, toleranceGroupOf } from "../windows.ts";

export const noBreak: SafetyRule = {
  id: "no-break",
  summary: "Continuous use beyond the protocol's weeks on, without the weeks off",
  sources: ["P-PROT-2", "K-TOL-1", "P-TOL-1", "K-BLAD-1", "P-RISK-1"],
  evaluate(journal) {
    const findings: Finding[] = [];
    const groups = groupBy(journal.doses, (d) => toleranceGroupOf(d.substance.id));
    for (const [group, doses] of groups) {
      let run: DoseEntry[] = [];
      let cycle: Cycle = (doses[0] as DoseEntry).substance.defaultCycle;
      const close = () => {
        const finding = judgeRun(journal, group, run, cycle);
        if (finding) findings.push(finding);
      };
      for (const entry of doses) {
        const previous = run.at(-1);
        const planned = planCycle(journal, entry);
        if (previous && entry.ms - previous.ms >= cycle.weeksOff * 7 * DAY_MS) {
          close();
          run = [];
        }
        if (planned) cycle = planned;
        run.push(entry);
      }
      close();
    }
    return findings;
  },
};

function planCycle(journal: JournalView, entry: DoseEntry): Cycle | null {
  const planId = entry.record.planId;
  return (planId && journal.plansById.get(planId)?.cycle) || null;
}

function judgeRun(
  journal: JournalView,
  group: ToleranceGroup,
  run: readonly DoseEntry[],
  cycle: Cycle,
): Finding | null {
  const first = run[0];
  const last = run.at(-1);
  if (!first || !last) return null;
  const limitDays = cycle.weeksOn * 7;
  const zone = last.record.timeZone;
  const beyond = run.find((d) => journal.calendarDays(first.ms, d.ms, zone) >= limitDays);
  if (!beyond) return null;
  const weeks = Math.floor(journal.calendarDays(first.ms, last.ms, zone) / 7);
  const names = listText(unique(run.map((d) => substanceText(d.substance))));
  const isKetamine = group === "ketamine";
  return {
    ruleId: "no-break",
    severity: isKetamine ? "warning" : "caution",
    title: "Time for a break",
    detail: `You have taken ${names} since ${journal.localDate(first.ms, zone)} (${countText(weeks, "week")}) without a break of ${countText(cycle.weeksOff, "week")}; your cycle is ${countText(cycle.weeksOn, "week")} on, ${cycle.weeksOff} off (FACTS P-PROT-2).`,
    advice: isKetamine
      ? `Take a break of at least ${countText(cycle.weeksOff, "week")} now: tolerance is gone after 1–2 weeks (FACTS K-TOL-1), and bladder harm rises with how often and how long you use ketamine (FACTS K-BLAD-1).`
      : `Take a break of at least ${countText(cycle.weeksOff, "week")} now (2–4 weeks is usual, FACTS P-PROT-2): tolerance fades after about 5 days off (FACTS P-TOL-1), and long-term frequent use has a theoretical heart-valve risk (FACTS P-RISK-1).`,
    sources: isKetamine ? ["P-PROT-2", "K-TOL-1", "K-BLAD-1"] : ["P-PROT-2", "P-TOL-1", "P-RISK-1"],
    key: `no-break:${group}:${first.record.id}`,
    subjectId: beyond.record.id,
    at: instantText(beyond.ms),
    activeUntil: instantText(last.ms + cycle.weeksOff * 7 * DAY_MS),
  };
}
