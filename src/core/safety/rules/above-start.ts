/**
 * above-start: the first dose of a substance above its start amount (FACTS K-DOSE-1: start
 * at 0.1 mg/kg or less; P-DOSE-1: start with the low end; P-DOSE-2: psilocybin 1 mg).
 * Active until the next dose of the same substance, or 7 days (ONE_OFF_FINDING_MS).
 */
import type { Finding } from "../finding.ts";
import { substanceText } from "../format.ts";
import { describeDose, oneOffUntil } from "../journal-view.ts";
import type { SafetyRule } from "../rule.ts";
import { isAbove, startOf } from "../sizing.ts";
import { instantText } from "../time-math.ts";

export const aboveStart: SafetyRule = {
  id: "above-start",
  summary: "The first dose of a substance above its start amount",
  sources: ["K-DOSE-1", "P-DOSE-1", "P-DOSE-2"],
  evaluate(journal) {
    const findings: Finding[] = [];
    for (const doses of journal.dosesBySubstance.values()) {
      const first = doses[0];
      if (!first || first.amount === null) continue;
      const { substance } = first;
      const start = startOf(substance, journal.snapshot.profile.weightKg);
      if (!start || !isAbove(first.amount, start)) continue;
      const fact = substance.sizing.facts[0] ?? "K-DOSE-1";
      findings.push({
        ruleId: "above-start",
        severity: "caution",
        title: `First ${substanceText(substance)} dose above the start amount`,
        detail: `Your first dose was ${describeDose(journal, first)}; the start amount is ${start.text} (FACTS ${fact}).`,
        advice: `Begin at ${start.text.split(" (")[0]} or less and raise slowly, guided by your journal: people react differently, and there is no agreed microdose.`,
        sources: [...new Set([fact, ...substance.sizing.facts.filter((f) => f.startsWith("P-"))])],
        key: `above-start:${first.record.id}`,
        subjectId: first.record.id,
        at: instantText(first.ms),
        activeUntil: oneOffUntil(doses, 0),
      });
    }
    return findings;
  },
};
