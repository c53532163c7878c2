/**
 * above-ceiling: a dose above the microdose ceiling for the person (FACTS K-DOSE-1: ketamine
 * 0.2 mg/kg; P-DOSE-1: LSD 20 µg, dried mushrooms 0.3 g; P-DOSE-2: psilocybin 3 mg). The
 * ceiling applies to the amount taken, whatever the route (DESIGN-1). Without a weight, a
 * ketamine dose is checked against the ceiling at 300 kg, and a caution asks for the weight.
 *
 * A warning; a danger at 2.5 times the ceiling or more: for ketamine that is 0.5 mg/kg, the
 * antidepressant research dose, given intravenously under medical supervision (FACTS
 * K-DOSE-3), no longer a microdose by any reading. For LSD and psilocybin FACTS gives no such
 * dose: the same ratio is Titrate's choice. Active until the next dose of the same substance,
 * or 7 days (ONE_OFF_FINDING_MS).
 */

import { crisisResources } from "../../crisis.ts";
import type { Substance } from "../../substances/substance.ts";
import type { Finding } from "../finding.ts";
import { substanceText, unique } from "../format.ts";
import { describeDose, type JournalView, oneOffUntil } from "../journal-view.ts";
import type { SafetyRule } from "../rule.ts";
import { ceilingAtAnyWeight, ceilingOf, isAbove, LIMIT_EPSILON, type Limit } from "../sizing.ts";
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
          const far = entry.amount >= ceiling.exact * FAR_ABOVE_RATIO * (1 - LIMIT_EPSILON);
          const stay = `Stay at or below ${ceiling.text.split(" (")[0]}. Titrate never proposes more, and a route that absorbs less does not allow more (FACTS DESIGN-1).${substance.id === "ketamine" ? " Bladder and other harms rise with dose (FACTS K-BLAD-1)." : ""}`;
          findings.push({
            ruleId: "above-ceiling",
            severity: far ? "danger" : "warning",
            title: far
              ? `Far above the ${substanceText(substance)} microdose ceiling`
              : `Above the ${substanceText(substance)} microdose ceiling`,
            detail: `You took ${describeDose(journal, entry)}; ${ownCeiling ? "your" : "the"} ceiling is ${ceiling.text} (FACTS ${facts[0]}).${far ? ` ${farText(substance, ceiling)}` : ""}`,
            advice: far ? `${farAdvice(journal, substance)} ${stay}` : stay,
            sources: unique([
              ...facts,
              ...(substance.id === "ketamine" ? ["K-BLAD-1"] : []),
              ...(far && substance.id === "ketamine" ? ["K-DOSE-3"] : []),
              ...(far ? ["CRISIS-1"] : []),
            ]),
            key: `above-ceiling:${entry.record.id}`,
            subjectId: entry.record.id,
            at: instantText(entry.ms),
            activeUntil: oneOffUntil(doses, i),
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

/**
 * From 2.5 times the ceiling a dose is a danger, not a warning. For ketamine 2.5 × 0.2 mg/kg
 * is 0.5 mg/kg, the antidepressant research dose given intravenously over 40 minutes under
 * supervision (FACTS K-DOSE-3). For LSD and psilocybin, whose sources give no such dose,
 * the same ratio is Titrate's choice (50 µg of LSD; 7.5 mg of psilocybin; 0.75 g of dried
 * mushrooms).
 */
export const FAR_ABOVE_RATIO = 2.5;

function farText(substance: Substance, ceiling: Limit): string {
  const amount = ceiling.text.split(" (")[0];
  return substance.id === "ketamine"
    ? "That is 0.5 mg/kg or more: the dose used in antidepressant research, given into a vein over 40 minutes under medical supervision (FACTS K-DOSE-3), not a microdose."
    : `That is ${FAR_ABOVE_RATIO} times the ceiling of ${amount} or more: far beyond any microdose (Titrate's threshold; FACTS ${substance.sizing.facts[0]}).`;
}

function farAdvice(journal: JournalView, substance: Substance): string {
  const call = crisisResources(journal.snapshot.profile).emergencyText;
  return `Do not take this amount again, and do not stay alone while it acts. If someone becomes hard to wake, confused or breathes slowly${substance.id === "ketamine" ? "" : ", or is very distressed"}, call ${call}.`;
}
