/**
 * min-interval: a dose sooner than the catalog's minimum after the previous dose of the same
 * substance (FACTS K-DOSE-2: ketamine 5 days). Two counts, either of which is enough:
 * - calendar days between local dates in the later dose's time zone, as plans count them
 *   (two doses on the same day are `same-day-redose`);
 * - the time elapsed, when it is more than 12 hours short of the minimum in days of 24 hours:
 *   23:59 on the 1st and 00:01 on the 6th are five dates apart but only 4 days and 2 minutes.
 *   12 hours is the plan's on-time window (schedule/windows.ts): a dose taken late within its
 *   window and the next taken on time are never flagged, a dose half a day early is.
 * Active until the next dose of the same substance, or 7 days (ONE_OFF_FINDING_MS).
 */
import { doseWindow } from "../../schedule/windows.ts";
import type { Finding } from "../finding.ts";
import { countText, durationText, substanceText } from "../format.ts";
import { oneOffUntil } from "../journal-view.ts";
import type { SafetyRule } from "../rule.ts";
import { DAY_MS, HOUR_MS, instantText } from "../time-math.ts";

/** The most the elapsed time may fall short of the minimum: the plan's on-time window. */
export const ELAPSED_SLACK_MS = doseWindow.onTimeHours * HOUR_MS;

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
        if (days < 1) continue; // the same day: same-day-redose
        const elapsedMs = current.ms - previous.ms;
        const minimum = substance.minIntervalDays;
        const tooFewDays = days < minimum;
        const tooLittleTime = elapsedMs < minimum * DAY_MS - ELAPSED_SLACK_MS;
        if (!tooFewDays && !tooLittleTime) continue;
        const facts = substance.minIntervalFacts;
        const gap = tooFewDays
          ? `${countText(days, "day")} since your last dose`
          : `${countText(days, "calendar day")} but only ${durationText(elapsedMs)} since your last dose`;
        findings.push({
          ruleId: "min-interval",
          severity: "warning",
          title: `${substance.name} doses too close together`,
          detail: `${gap} (${journal.localText(previous.ms, zone)}, then ${journal.localText(current.ms, zone)}); ${substanceText(substance)} needs at least ${countText(minimum, "day")} (FACTS ${facts.join(", ")}).`,
          advice: `Leave at least ${countText(minimum, "day")} between doses: tolerance builds quickly${substance.id === "ketamine" ? ", and bladder harm rises with how often you dose (FACTS K-BLAD-1)" : ""}.`,
          sources: substance.id === "ketamine" ? [...facts, "K-BLAD-1"] : [...facts],
          key: `min-interval:${current.record.id}`,
          subjectId: current.record.id,
          at: instantText(current.ms),
          activeUntil: oneOffUntil(doses, i),
        });
      }
    }
    return findings;
  },
};
