/**
 * blood-pressure: a reading above 140/90 mmHg (systolic above 140 or diastolic above 90)
 * for someone who uses or plans ketamine (FACTS K-BP-1: ketamine raises blood pressure,
 * peaking about 40 min after a dose and lasting about 4 h; the esketamine labels advise
 * checking before dosing and weighing the risk or delaying above about 140/90). The detail
 * names any ketamine dose taken within 24 h after the reading (Titrate's window for a
 * pre-dose reading) and before the next reading. Active until the next reading.
 */
import type { Finding } from "../finding.ts";
import { countText, durationText } from "../format.ts";
import type { DoseEntry } from "../journal-view.ts";
import type { SafetyRule } from "../rule.ts";
import { instantText, lowerBound } from "../time-math.ts";
import { BLOOD_PRESSURE_BEFORE_DOSE_MS } from "../windows.ts";

/** FACTS K-BP-1: above about 140/90 mmHg. */
export const SYSTOLIC_LIMIT_MM_HG = 140;
export const DIASTOLIC_LIMIT_MM_HG = 90;

export const bloodPressure: SafetyRule = {
  id: "blood-pressure",
  summary: "A blood pressure above 140/90 mmHg when ketamine is used or planned",
  sources: ["K-BP-1"],
  evaluate(journal) {
    if (!journal.substancesInUse.has("ketamine")) return [];
    const ketamine = journal.dosesBySubstance.get("ketamine") ?? [];
    const readings = journal.bloodPressures;
    const findings: Finding[] = [];
    readings.forEach((reading, i) => {
      const { systolicMmHg: systolic, diastolicMmHg: diastolic } = reading.record;
      if (systolic <= SYSTOLIC_LIMIT_MM_HG && diastolic <= DIASTOLIC_LIMIT_MM_HG) return;
      const next = readings[i + 1];
      const end = Math.min(
        reading.ms + BLOOD_PRESSURE_BEFORE_DOSE_MS,
        next ? next.ms - 1 : Number.POSITIVE_INFINITY,
      );
      const after: DoseEntry[] = [];
      for (let j = lowerBound(ketamine, reading.ms); j < ketamine.length; j++) {
        const entry = ketamine[j] as DoseEntry;
        if (entry.ms > end) break;
        after.push(entry);
      }
      const zone = reading.record.timeZone;
      const firstDose = after[0];
      const followed = firstDose
        ? after.length === 1
          ? ` You took ketamine ${durationText(firstDose.ms - reading.ms)} later.`
          : ` ${countText(after.length, "ketamine dose")} followed within 24 h, the first ${durationText(firstDose.ms - reading.ms)} later.`
        : "";
      findings.push({
        ruleId: "blood-pressure",
        severity: "warning",
        title: "Blood pressure above 140/90 mmHg",
        detail: `Your blood pressure was ${systolic}/${diastolic} mmHg on ${journal.localText(reading.ms, zone)}, above ${SYSTOLIC_LIMIT_MM_HG}/${DIASTOLIC_LIMIT_MM_HG} (FACTS K-BP-1).${followed}`,
        advice:
          "Ketamine raises blood pressure, most about 40 minutes after a dose, for about 4 hours. Above 140/90, delay the dose: rest, measure again, and talk to a doctor before dosing if it stays high (FACTS K-BP-1).",
        sources: ["K-BP-1"],
        key: `blood-pressure:${reading.record.id}`,
        subjectId: reading.record.id,
        at: instantText(reading.ms),
        activeUntil: next ? instantText(next.ms) : null,
      });
    });
    return findings;
  },
};
