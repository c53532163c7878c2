/**
 * unit-slip: a dose whose amount suggests a slip of the unit or the decimal point rather than
 * a dose: more than 10 times the person's ceiling (70 mg of ketamine for 7 mg; 100 µg of LSD
 * written for 10), or less than the substance's smallest measurable step (7 µg of ketamine
 * where 7 mg was meant). Both limits are Titrate's choices: 10 is one decimal place, the
 * commonest slip; the step is the catalog's (0.1 mg of ketamine, FACTS MEAS-2). The entry is
 * kept as written (the journal tells the truth); the finding asks the person to check it.
 * A warning, active until the next dose of the substance, or 7 days (ONE_OFF_FINDING_MS).
 */
import type { Finding } from "../finding.ts";
import { amountText, substanceText } from "../format.ts";
import { describeDose, oneOffUntil } from "../journal-view.ts";
import type { SafetyRule } from "../rule.ts";
import { ceilingAtAnyWeight, ceilingOf } from "../sizing.ts";
import { instantText } from "../time-math.ts";

/** More than this many times the ceiling reads as a slip of a decimal place or a unit. */
export const UNIT_SLIP_RATIO = 10;

export const unitSlip: SafetyRule = {
  id: "unit-slip",
  summary: "A dose more than 10 times the ceiling, or under the smallest step: check the unit",
  sources: ["K-DOSE-1", "P-DOSE-1", "P-DOSE-2", "MEAS-2"],
  evaluate(journal) {
    const findings: Finding[] = [];
    const { weightKg } = journal.snapshot.profile;
    for (const doses of journal.dosesBySubstance.values()) {
      doses.forEach((entry, i) => {
        if (entry.amount === null) return;
        const { substance, record } = entry;
        const ceiling = ceilingOf(substance, weightKg) ?? ceilingAtAnyWeight(substance);
        const fact = substance.sizing.facts[0] ?? "K-DOSE-1";
        let why: string;
        if (entry.amount > ceiling.exact * UNIT_SLIP_RATIO) {
          why = `more than ${UNIT_SLIP_RATIO} times the ceiling of ${ceiling.text} (FACTS ${fact}): was it written in the wrong unit (mg for µg), or with the decimal point in the wrong place?`;
        } else if (entry.amount < substance.step * (1 - 1e-9)) {
          why = `less than the smallest step Titrate measures ${substanceText(substance)} in, ${amountText(substance.step, substance.unit)} (FACTS MEAS-2): was it written in the wrong unit (µg for mg), or with the decimal point in the wrong place?`;
        } else {
          return;
        }
        findings.push({
          ruleId: "unit-slip",
          severity: "warning",
          title: "Check the unit of this dose",
          detail: `You logged ${describeDose(journal, entry)}: ${why}`,
          advice: `If the amount or the unit is wrong, correct the entry (titrate edit ${record.id} --amount …, or edit it in the app), so that every check uses the real dose. If it is right, read the other findings about it.`,
          sources: [fact, "MEAS-2"],
          key: `unit-slip:${record.id}`,
          subjectId: record.id,
          at: instantText(entry.ms),
          activeUntil: oneOffUntil(doses, i),
        });
      });
    }
    return findings;
  },
};
