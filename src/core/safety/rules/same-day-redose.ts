/**
 * same-day-redose: a second dose on the same local day (in the later dose's zone), counting
 * LSD, psilocybin and mushrooms as one, since they are cross-tolerant (FACTS P-TOL-1). When
 * the doses are of one substance with known amounts, their sum is compared with the ceiling
 * (K-DOSE-1, P-DOSE-1). Active until the next dose on a later day, or 7 days
 * (ONE_OFF_FINDING_MS).
 */
import type { Finding } from "../finding.ts";
import { amountText, groupBy, listText, substanceText, unique } from "../format.ts";
import type { DoseEntry } from "../journal-view.ts";
import type { SafetyRule } from "../rule.ts";
import { ceilingOf, isAbove } from "../sizing.ts";
import { instantText } from "../time-math.ts";
import { ONE_OFF_FINDING_MS, type ToleranceGroup, toleranceGroupOf } from "../windows.ts";

export const sameDayRedose: SafetyRule = {
  id: "same-day-redose",
  summary: "More than one dose on the same day (LSD and psilocybin counted together)",
  sources: ["K-DOSE-2", "K-TOL-1", "P-TOL-1", "K-DOSE-1", "P-DOSE-1"],
  evaluate(journal) {
    const findings: Finding[] = [];
    const groups = groupBy(journal.doses, (d) => toleranceGroupOf(d.substance.id));
    for (const [group, list] of groups) {
      for (let i = 1; i < list.length; i++) {
        const current = list[i] as DoseEntry;
        const zone = current.record.timeZone;
        const date = journal.localDate(current.ms, zone);
        const earlier: DoseEntry[] = [];
        for (let j = i - 1; j >= 0; j--) {
          const entry = list[j] as DoseEntry;
          if (journal.localDate(entry.ms, zone) !== date) break;
          earlier.unshift(entry);
        }
        if (earlier.length === 0) continue;
        let next: DoseEntry | undefined;
        for (let k = i + 1; k < list.length && !next; k++) {
          const entry = list[k] as DoseEntry;
          if (journal.localDate(entry.ms, zone) !== date) next = entry;
        }
        findings.push(redoseFinding(journal, group, [...earlier, current], date, next));
      }
    }
    return findings;
  },
};

function redoseFinding(
  journal: Parameters<SafetyRule["evaluate"]>[0],
  group: ToleranceGroup,
  sameDay: readonly DoseEntry[],
  date: string,
  next: DoseEntry | undefined,
): Finding {
  const current = sameDay.at(-1) as DoseEntry;
  const zone = current.record.timeZone;
  const names = unique(sameDay.map((d) => substanceText(d.substance)));
  const earlier = sameDay
    .slice(0, -1)
    .map(
      (d) =>
        `${journal.localText(d.ms, zone).slice(11)} (${d.amount === null ? "amount unknown" : amountText(d.amount, d.substance.unit)})`,
    );
  const parts = [
    `Dose ${sameDay.length} of ${listText(names)} on ${date}, at ${journal.localText(current.ms, zone).slice(11)}; earlier that day: ${listText(earlier)}.`,
  ];
  parts.push(
    group === "ketamine"
      ? "Ketamine doses belong at least 5 days apart (FACTS K-DOSE-2)."
      : "Tolerance to LSD and psilocybin is present within a day (FACTS P-TOL-1).",
  );
  const { substance } = current;
  const oneSubstance = sameDay.every((d) => d.substance.id === substance.id);
  const amounts = sameDay.map((d) => d.amount);
  const sources =
    group === "ketamine" ? ["K-DOSE-2", "K-TOL-1"] : ["P-TOL-1", ...substance.sizing.facts];
  if (oneSubstance && amounts.every((a) => a !== null)) {
    const total = amounts.reduce((sum: number, a) => sum + (a as number), 0);
    const ceiling = ceilingOf(substance, journal.snapshot.profile.weightKg);
    const above = ceiling !== null && isAbove(total, ceiling);
    parts.push(
      `Together ${amountText(total, substance.unit)}${above && ceiling ? `, above your ceiling of ${ceiling.text} (FACTS ${substance.sizing.facts[0]})` : ""}.`,
    );
  } else if (!oneSubstance) {
    parts.push("LSD and psilocybin are cross-tolerant, so they count together (FACTS P-TOL-1).");
  }
  return {
    ruleId: "same-day-redose",
    severity: "warning",
    title: "More than one dose in a day",
    detail: parts.join(" "),
    advice:
      group === "ketamine"
        ? "Take one dose on a dosing day at most, then leave at least 5 days before the next (FACTS K-DOSE-2). Doses close together add up, and tolerance builds quickly (FACTS K-TOL-1)."
        : "Take one dose on a dosing day at most: a second dose adds to the first, and tolerance is already present the next day (FACTS P-TOL-1).",
    sources: unique(sources),
    key: `same-day-redose:${current.record.id}`,
    subjectId: current.record.id,
    at: instantText(current.ms),
    activeUntil: instantText(
      Math.min(next?.ms ?? Number.POSITIVE_INFINITY, current.ms + ONE_OFF_FINDING_MS),
    ),
  };
}
