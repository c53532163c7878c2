/**
 * dosing-day: information on every day with a dose (FACTS K-DRIVE-1): no driving, machinery
 * or other hazardous activity until the next day after restful sleep; do not dose alone, in
 * water or at heights. K-DRIVE-1 comes from the esketamine label; Titrate gives the same
 * advice for LSD and psilocybin, whose effects on driving FACTS does not cover. One finding
 * per local day (in the first dose's zone), active until 24 h after the day's last dose
 * (Titrate's reading of "the next day after restful sleep").
 */
import type { Finding } from "../finding.ts";
import { groupBy, listText, substanceText, unique } from "../format.ts";
import type { DoseEntry } from "../journal-view.ts";
import type { SafetyRule } from "../rule.ts";
import { DAY_MS, instantText } from "../time-math.ts";

export const dosingDay: SafetyRule = {
  id: "dosing-day",
  summary: "Every dosing day: no driving or hazardous activity until the next day; not alone",
  sources: ["K-DRIVE-1", "K-BP-1"],
  evaluate(journal) {
    const days = groupBy(journal.doses, (d) => journal.localDate(d.ms, d.record.timeZone));
    const findings: Finding[] = [];
    for (const [date, doses] of days) {
      const first = doses[0] as DoseEntry;
      const last = doses.at(-1) as DoseEntry;
      const zone = first.record.timeZone;
      const taken = doses.map(
        (d) => `${substanceText(d.substance)} at ${journal.localText(d.ms, zone).slice(11)}`,
      );
      const hasKetamine = doses.some((d) => d.substance.id === "ketamine");
      findings.push({
        ruleId: "dosing-day",
        severity: "info",
        title: "Dosing day: no driving, not alone",
        detail: `On ${date} you took ${listText(unique(taken))}. ${effectsText(
          hasKetamine,
          doses.some((d) => d.substance.id !== "ketamine"),
        )}`,
        advice: `Do not drive, use machinery or do anything hazardous until the next day, after restful sleep. Do not dose alone, in water or at heights (FACTS K-DRIVE-1).${hasKetamine ? " Check your blood pressure before a ketamine dose (FACTS K-BP-1)." : ""}`,
        sources: hasKetamine ? ["K-DRIVE-1", "K-BP-1"] : ["K-DRIVE-1"],
        key: `dosing-day:${date}`,
        subjectId: first.record.id,
        at: instantText(first.ms),
        activeUntil: instantText(last.ms + DAY_MS),
      });
    }
    return findings;
  },
};

/**
 * What the day's doses can do, in the sources' words: dissociation and sedation are
 * ketamine's (K-DRIVE-1, from the esketamine label); for LSD and psilocybin FACTS describes no
 * effect on driving, so Titrate says so rather than borrowing ketamine's words.
 */
function effectsText(hasKetamine: boolean, hasPsychedelic: boolean): string {
  const ketamine =
    "With ketamine, dissociation and sedation can come on suddenly (FACTS K-DRIVE-1).";
  const psychedelic =
    "Titrate's sources do not describe how LSD or psilocybin affect driving; the advice for ketamine (FACTS K-DRIVE-1) is given for them too, to be safe.";
  if (hasKetamine && hasPsychedelic) return `${ketamine} ${psychedelic}`;
  return hasKetamine ? ketamine : psychedelic;
}
