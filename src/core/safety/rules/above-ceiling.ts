/**
 * above-ceiling: a dose above the microdose ceiling for the person (FACTS K-DOSE-1: ketamine
 * 0.2 mg/kg; P-DOSE-1: LSD 20 µg, dried mushrooms 0.3 g; P-DOSE-2: psilocybin 3 mg). The
 * ceiling applies to the amount taken, whatever the route (DESIGN-1). Without a weight, a
 * ketamine dose is checked against the ceiling at 300 kg, and a caution asks for the weight.
 * Active until the next dose of the same substance.
 */
import type { Finding } from "../finding.ts";
import { substanceText, unique } from "../format.ts";
import { describeDose, nextDoseAt } from "../journal-view.ts";
import type { SafetyRule } from "../rule.ts";
import { ceilingAtAnyWeight, ceilingOf, isAbove } from "../sizing.ts";
import { instantText } from "../time-math.ts";

export const aboveCeiling: SafetyRule = {
  id: "above-ceiling",
  summary: "A dose above the microdose ceiling for the person's weight or the substance",
  sources: ["K-DOSE-1", "DESIGN-1", "P-DOSE-1", "P-DOSE-2"],
  evaluate(journal) {
    const findings: Finding[] = [];
    const { weightKg } = journal.snapshot.profile;
    for (const [substanceId, doses] of journal.dosesBySubstance) {
      const substance = doses[0]?.substance;
      if (!substance) continue;
      const ownCeiling = ceilingOf(substance, weightKg);
      const ceiling = ownCeiling ?? ceilingAtAnyWeight(substance);
      const facts = unique([
        ...substance.sizing.facts.filter((f) => f !== "MEAS-4" && f !== "K-DOSE-3"),
        "DESIGN-1",
      ]);
      let unchecked = 0;
      let lastUnchecked: number | null = null;
      doses.forEach((entry, i) => {
        if (entry.amount === null) return;
        if (isAbove(entry.amount, ceiling)) {
          findings.push({
            ruleId: "above-ceiling",
            severity: "warning",
            title: `Above the ${substanceText(substance)} microdose ceiling`,
            detail: `You took ${describeDose(journal, entry)}; ${ownCeiling ? "your" : "the"} ceiling is ${ceiling.text} (FACTS ${facts[0]}).`,
            advice: `Stay at or below ${ceiling.text.split(" (")[0]}. Titrate never proposes more, and a route that absorbs less does not allow more (FACTS DESIGN-1).${substance.id === "ketamine" ? " Bladder and other harms rise with dose (FACTS K-BLAD-1)." : ""}`,
            sources: substance.id === "ketamine" ? [...facts, "K-BLAD-1"] : facts,
            key: `above-ceiling:${entry.record.id}`,
            subjectId: entry.record.id,
            at: instantText(entry.ms),
            activeUntil: nextDoseAt(doses, i),
          });
        } else if (!ownCeiling) {
          unchecked++;
          lastUnchecked = entry.ms;
        }
      });
      if (lastUnchecked !== null && substance.sizing.kind === "per-kg") {
        findings.push({
          ruleId: "above-ceiling",
          severity: "caution",
          title: `Add your weight to check ${substanceText(substance)} doses`,
          detail: `${unchecked === 1 ? "1 dose" : `${unchecked} doses`} of ${substanceText(substance)} could not be checked against your ceiling of ${substance.sizing.ceilingPerKg} ${substance.unit}/kg, because your profile has no weight (FACTS K-DOSE-1).`,
          advice: "Add your body weight to your profile so Titrate can check every dose.",
          sources: ["K-DOSE-1"],
          key: `above-ceiling:no-weight:${substanceId}`,
          subjectId: null,
          at: instantText(lastUnchecked),
          activeUntil: null,
        });
      }
    }
    return findings;
  },
};
