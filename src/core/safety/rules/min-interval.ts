/**
 * min-interval: a dose fewer calendar days after the previous dose of the same substance
 * than the catalog's minimum (FACTS K-DOSE-2: ketamine 5 days). Days are counted between
 * local dates in the later dose's time zone, as plans count them; two doses on the same day
 * are `same-day-redose`. Active until the next dose of the same substance.
 */
import type { Finding } from "../finding.ts";
import { countText, substanceText } from "../format.ts";
import { nextDoseAt } from "../journal-view.ts";
import type { SafetyRule } from "../rule.ts";
import { instantText } from "../time-math.ts";

export const minInterval: SafetyRule = {
  id: "min-interval",
  summary: "A dose sooner than the substance's minimum interval after the previous one",
  sources: ["K-DOSE-2", "K-TOL-1"],
  evaluate(journal) {
    const findings: Finding[] = [];
    for (const doses of journal.dosesBySubstance.values()) {
      for (let i = 1; i < doses.length; i++) {
        const previous = doses[i - 1];
        const current = doses[i];
        if (!previous || !current) continue;
        const { substance } = current;
        const zone = current.record.timeZone;
        const days = journal.calendarDays(previous.ms, current.ms, zone);
        if (days < 1 || days >= substance.minIntervalDays) continue;
        const facts = substance.minIntervalFacts;
        findings.push({
          ruleId: "min-interval",
          severity: "warning",
          title: `${substance.name} doses too close together`,
          detail: `${countText(days, "day")} since your last dose (${journal.localText(previous.ms, zone)}, then ${journal.localText(current.ms, zone)}); ${substanceText(substance)} needs at least ${substance.minIntervalDays} (FACTS ${facts.join(", ")}).`,
          advice: `Leave at least ${substance.minIntervalDays} days between doses: tolerance builds quickly${substance.id === "ketamine" ? ", and bladder harm rises with how often you dose (FACTS K-BLAD-1)" : ""}.`,
          sources: substance.id === "ketamine" ? [...facts, "K-BLAD-1"] : [...facts],
          key: `min-interval:${current.record.id}`,
          subjectId: current.record.id,
          at: instantText(current.ms),
          activeUntil: nextDoseAt(doses, i),
        });
      }
    }
    return findings;
  },
};
