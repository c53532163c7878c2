/**
 * dependence-signs (FACTS K-DEP-1): cravings, larger or more frequent doses than intended,
 * dosing outside the plan, using to cope, withdrawal symptoms between doses.
 * - A yes on the dependence checklist: warning, active until a later report with none.
 * - A dose larger than its plan's target, or a dose with no plan while a plan for the same
 *   substance was running: caution, active until the next dose of that substance, or 7 days.
 */
import { convert } from "../../units.ts";
import { amountText, substanceText } from "../format.ts";
import { describeDose, oneOffUntil } from "../journal-view.ts";
import type { SafetyRule } from "../rule.ts";
import { LIMIT_EPSILON } from "../sizing.ts";
import { symptomRule } from "../symptom-rule.ts";
import { instantMs, instantText } from "../time-math.ts";

const advice =
  "Pause the protocol and talk to someone you trust or a professional. Dependence is possible, mostly psychological, and easier to turn around early (FACTS K-DEP-1).";

const reported = symptomRule({
  id: "dependence-signs",
  checklist: "dependence",
  severity: "warning",
  title: "Signs of dependence",
  summary: "",
  sources: ["K-DEP-1"],
  advice: () => advice,
});

export const dependenceSigns: SafetyRule = {
  id: "dependence-signs",
  summary:
    "A yes on the dependence checklist; a dose larger than planned, or outside a running plan",
  sources: ["K-DEP-1"],
  evaluate(journal) {
    const findings = reported.evaluate(journal);
    const plans = journal.snapshot.plans.map((p) => ({
      plan: p,
      fromMs: instantMs(p.createdAt),
      toMs: p.endedAt === null ? Number.POSITIVE_INFINITY : instantMs(p.endedAt),
    }));
    for (const doses of journal.dosesBySubstance.values()) {
      doses.forEach((entry, i) => {
        const { record, substance } = entry;
        let problem: string | null = null;
        const plan = record.planId ? journal.plansById.get(record.planId) : undefined;
        if (plan && record.amount !== null) {
          const planned = convert(plan.target.amount, plan.target.unit, record.unit);
          if (record.amount > planned * (1 + LIMIT_EPSILON)) {
            problem = `larger than your plan's ${amountText(plan.target.amount, plan.target.unit)}`;
          }
        } else if (record.planId === null) {
          const running = plans.find(
            (p) => p.plan.substance === substance.id && p.fromMs <= entry.ms && entry.ms < p.toMs,
          );
          if (running) problem = `outside your ${substanceText(substance)} plan, which was running`;
        }
        if (!problem) return;
        findings.push({
          ruleId: "dependence-signs",
          severity: "caution",
          title: "A dose outside the plan",
          detail: `You took ${describeDose(journal, entry)}, ${problem}. Using more, or more often, than planned can be an early sign of dependence (FACTS K-DEP-1).`,
          advice:
            "Keep to the plan, and notice what led to the change. If it happens again, pause and talk to someone you trust (FACTS K-DEP-1).",
          sources: ["K-DEP-1"],
          key: `dependence-signs:dose:${record.id}`,
          subjectId: record.id,
          at: instantText(entry.ms),
          activeUntil: oneOffUntil(doses, i),
        });
      });
    }
    return findings;
  },
};
