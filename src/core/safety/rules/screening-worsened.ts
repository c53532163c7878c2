/**
 * screening-worsened (FACTS Q-PHQ9, Q-GAD7):
 * - PHQ-9 up by 5 points or more (the minimal clinically important individual change, Löwe
 *   2004) from the previous PHQ-9 or from the lowest PHQ-9 in the 90 days before it
 *   (Titrate's window, so a slow slide is caught too), or into a more severe band: warning.
 * - GAD-7 into a more severe band than the previous GAD-7: caution (FACTS gives no
 *   individual-change threshold for the GAD-7).
 * Active until the next screening with the same questionnaire.
 */
import { gad7 } from "../../questionnaires/gad7.ts";
import type { Questionnaire } from "../../questionnaires/instrument.ts";
import { bandOf } from "../../questionnaires/instrument.ts";
import { phq9 } from "../../questionnaires/phq9.ts";
import type { Screening } from "../../schemas/journal.ts";
import type { Finding } from "../finding.ts";
import { countText } from "../format.ts";
import type { JournalView, Timed } from "../journal-view.ts";
import type { SafetyRule } from "../rule.ts";
import { nextScreeningAt, screeningsOf } from "../screening-list.ts";
import { DAY_MS, instantText } from "../time-math.ts";

/** FACTS Q-PHQ9: a change of 5 points is the minimal clinically important change. */
export const PHQ9_IMPORTANT_CHANGE = 5;
/** How far back the lowest earlier PHQ-9 is looked for (Titrate's choice). */
export const BASELINE_WINDOW_MS = 90 * DAY_MS;

export const screeningWorsened: SafetyRule = {
  id: "screening-worsened",
  summary: "PHQ-9 up 5 points or more, or into a more severe band; GAD-7 into a more severe band",
  sources: ["Q-PHQ9", "Q-GAD7"],
  evaluate(journal) {
    return [...worsened(journal, phq9), ...worsened(journal, gad7)];
  },
};

function worsened(journal: JournalView, instrument: Questionnaire): Finding[] {
  const list = screeningsOf(journal, instrument.id);
  const isPhq9 = instrument.id === "phq9";
  const findings: Finding[] = [];
  const bandIndex = (total: number) => instrument.bands.indexOf(bandOf(instrument, total));
  const describe = (s: Timed<Screening>) =>
    `${s.record.total} (${bandOf(instrument, s.record.total).label.toLowerCase()}) on ${journal.localDate(s.ms, s.record.timeZone)}`;
  list.forEach((current, i) => {
    const previous = list[i - 1];
    if (!previous) return;
    const reasons: string[] = [];
    const rise = current.record.total - previous.record.total;
    if (isPhq9 && rise >= PHQ9_IMPORTANT_CHANGE) {
      reasons.push(`up ${rise} points from ${describe(previous)}`);
    } else if (isPhq9) {
      let lowest = previous;
      for (let j = i - 1; j >= 0; j--) {
        const earlier = list[j] as Timed<Screening>;
        if (earlier.ms < current.ms - BASELINE_WINDOW_MS) break;
        if (earlier.record.total < lowest.record.total) lowest = earlier;
      }
      const fromLowest = current.record.total - lowest.record.total;
      if (fromLowest >= PHQ9_IMPORTANT_CHANGE) {
        reasons.push(
          `up ${fromLowest} points from your lowest in the 90 days before, ${describe(lowest)}`,
        );
      }
    }
    const byPoints = reasons.length > 0;
    if (bandIndex(current.record.total) > bandIndex(previous.record.total) && !byPoints) {
      reasons.push(`into a more severe band than ${describe(previous)}`);
    }
    if (reasons.length === 0) return;
    // The 5 points are said where they are the reason; a band crossed by fewer says so.
    const pointsNote = !isPhq9
      ? ""
      : byPoints
        ? " A change of 5 points is clinically important"
        : ` A rise of ${countText(rise, "point")} is under the 5 points that are clinically important on their own; the band is what changed`;
    const band = bandOf(instrument, current.record.total);
    const fact = instrument.facts[0] ?? "Q-PHQ9";
    findings.push({
      ruleId: "screening-worsened",
      severity: isPhq9 ? "warning" : "caution",
      title: `${instrument.name} score worse`,
      detail: `${instrument.name} on ${journal.localDate(current.ms, current.record.timeZone)}: ${current.record.total} (${band.label.toLowerCase()}), ${reasons.join("; ")}.${pointsNote} (FACTS ${fact}).`,
      advice: `Talk to a doctor or a mental-health professional about how you feel, and consider pausing the protocol: microdosing's benefits are unproven (FACTS K-DOSE-3, PLACEBO-1). Take the ${instrument.name} again in 2 weeks.`,
      sources: [fact, "K-DOSE-3", "PLACEBO-1"],
      key: `screening-worsened:${current.record.id}`,
      subjectId: current.record.id,
      at: instantText(current.ms),
      activeUntil: nextScreeningAt(list, i),
    });
  });
  return findings;
}
