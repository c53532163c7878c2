/**
 * combination: another substance near a dose, or a medicine in the profile, that is
 * dangerous or needs caution with the dosed substance (FACTS K-MIX-1: alcohol, GHB/GBL,
 * opioids, tramadol, sedating antihistamines are dangerous with ketamine; benzodiazepines,
 * pregabalin and gabapentin, stimulants and MAOIs need caution. K-CYP-1: grapefruit,
 * ticlopidine and clarithromycin raise ketamine exposure by mouth and under the tongue
 * only. P-MIX-1: lithium and tramadol are dangerous with LSD and psilocybin).
 *
 * Windows (Titrate's choice; see windows.ts and docs/safety.md):
 * - a logged substance counts when taken up to 24 h before the dose, or up to 12 h after a
 *   ketamine dose (24 h after LSD or psilocybin). Active until that after-window ends.
 * - a medication in the profile counts for every dose while it is current (from addedAt
 *   until endedAt), and for the substances the person uses or plans while it is current.
 *   Active until the medication ends.
 */
import { crisisResources } from "../../crisis.ts";
import type { Medication, OtherSubstance } from "../../schemas/journal.ts";
import { getSubstance } from "../../substances/catalog.ts";
import type { Combination, Substance } from "../../substances/substance.ts";
import { agentLabel, combinationsNamed } from "../agent-match.ts";
import type { Finding } from "../finding.ts";
import { countText, durationText, substanceText, unique } from "../format.ts";
import type { DoseEntry, JournalView, Timed } from "../journal-view.ts";
import type { SafetyRule } from "../rule.ts";
import { HOUR_MS, instantMs, instantText, lowerBound } from "../time-math.ts";
import { MAX_NEAR_AFTER_DOSE_MS, NEAR_BEFORE_DOSE_MS, nearAfterDoseMs } from "../windows.ts";

export const combination: SafetyRule = {
  id: "combination",
  summary:
    "A medication in the profile, or another substance logged near a dose, that interacts with it",
  sources: ["K-MIX-1", "K-CYP-1", "P-MIX-1", "K-ROUTE-2", "K-BP-1"],
  evaluate(journal) {
    return [...nearDoses(journal), ...medications(journal)];
  },
};

function isRouteAffected(c: Combination, route: string): boolean {
  return c.routes === undefined || (c.routes as readonly string[]).includes(route);
}

function emergencyAdvice(journal: JournalView, c: Combination): string {
  const call = crisisResources(journal.snapshot.profile).emergencyText;
  return /seizure/u.test(c.reason)
    ? `If someone has a seizure or cannot be woken, call ${call}.`
    : `If someone is hard to wake, or breathing slowly or strangely, call ${call} and lay them on their side.`;
}

function cautionAdvice(c: Combination, substance: Substance, other: string): string {
  if (c.routes) {
    return `By mouth or under the tongue, ${other} raises ${substanceText(substance)} exposure: avoid it around oral and sublingual doses, or ask a doctor or pharmacist (FACTS ${c.facts.join(", ")}).`;
  }
  return `Avoid combining them, or ask a doctor or pharmacist first, and never dose alone (FACTS ${c.facts.join(", ")}, K-DRIVE-1).`;
}

function sourcesOf(c: Combination): string[] {
  return unique([...c.facts, ...(c.severity === "caution" && !c.routes ? ["K-DRIVE-1"] : [])]);
}

interface Near {
  readonly dose: DoseEntry;
  readonly combination: Combination;
  readonly others: Timed<OtherSubstance>[];
}

function nearDoses(journal: JournalView): Finding[] {
  const found = new Map<string, Near>();
  const named = new Map<string, Combination[]>();
  for (const other of journal.otherSubstances) {
    const last = other.ms + NEAR_BEFORE_DOSE_MS;
    for (
      let i = lowerBound(journal.doses, other.ms - MAX_NEAR_AFTER_DOSE_MS);
      i < journal.doses.length;
      i++
    ) {
      const dose = journal.doses[i] as DoseEntry;
      if (dose.ms > last) break;
      const delta = dose.ms - other.ms; // > 0: the other substance came first
      const near = delta >= 0 || -delta <= nearAfterDoseMs(dose.substance.id);
      if (!near) continue;
      const cacheKey = `${dose.substance.id}\u0000${other.record.name}`;
      let combinations = named.get(cacheKey);
      if (!combinations) {
        combinations = combinationsNamed(dose.substance, other.record.name);
        named.set(cacheKey, combinations);
      }
      for (const c of combinations) {
        if (!isRouteAffected(c, dose.record.route)) continue;
        const key = `combination:${dose.record.id}:${c.agent}`;
        const entry = found.get(key) ?? { dose, combination: c, others: [] };
        entry.others.push(other);
        found.set(key, entry);
      }
    }
  }
  return [...found].map(([key, { dose, combination: c, others }]) => {
    const { substance, record } = dose;
    const zone = record.timeZone;
    const label = agentLabel(c);
    const logged = others.map((o) => {
      const delta = dose.ms - o.ms;
      const when =
        delta === 0
          ? "at the same time"
          : `${durationText(delta)} ${delta > 0 ? "before" : "after"} it`;
      return `${o.record.name} at ${journal.localText(o.ms, zone)} (${when})`;
    });
    const afterHours = nearAfterDoseMs(substance.id) / HOUR_MS;
    const lastMs = Math.max(dose.ms, ...others.map((o) => o.ms));
    const advice =
      c.severity === "danger"
        ? `Do not combine them. Keep ${label} out of the 24 hours before a ${substanceText(substance)} dose and the ${afterHours} hours after it (Titrate's window). ${emergencyAdvice(journal, c)}`
        : cautionAdvice(c, substance, label);
    return {
      ruleId: "combination",
      severity: c.severity,
      title: `${c.severity === "danger" ? "Dangerous combination" : "Caution"}: ${substanceText(substance)} with ${label}`,
      detail: `Near your ${substanceText(substance)} dose (${record.route}) on ${journal.localText(dose.ms, zone)} you logged ${logged.join("; ")}. Together: ${c.reason} (FACTS ${c.facts.join(", ")}).`,
      advice,
      sources: sourcesOf(c),
      key,
      subjectId: record.id,
      at: instantText(lastMs),
      activeUntil: instantText(dose.ms + nearAfterDoseMs(substance.id)),
    };
  });
}

function medications(journal: JournalView): Finding[] {
  const findings: Finding[] = [];
  for (const medication of journal.snapshot.medications) {
    const fromMs = instantMs(medication.addedAt);
    const toMs =
      medication.endedAt === null ? Number.POSITIVE_INFINITY : instantMs(medication.endedAt);
    const isCurrent = fromMs <= journal.nowMs && journal.nowMs < toMs;
    for (const substanceId of journal.substancesInUse) {
      const doses = journal.dosesBySubstance.get(substanceId) ?? [];
      const substance = getSubstance(substanceId);
      for (const c of combinationsNamed(substance, medication.name)) {
        const during = doses.filter(
          (d) => d.ms >= fromMs && d.ms < toMs && isRouteAffected(c, d.record.route),
        );
        const latest = doses.at(-1);
        const prospective =
          isCurrent && (latest === undefined || isRouteAffected(c, latest.record.route));
        if (during.length === 0 && !prospective) continue;
        findings.push(medicationFinding(journal, medication, substance, c, during));
      }
    }
  }
  return findings;
}

function medicationFinding(
  journal: JournalView,
  medication: Medication,
  substance: Substance,
  c: Combination,
  during: readonly DoseEntry[],
): Finding {
  const zone = journal.snapshot.profile.timeZone;
  const since = journal.localDate(instantMs(medication.addedAt), zone);
  const until = medication.endedAt
    ? ` until ${journal.localDate(instantMs(medication.endedAt), zone)}`
    : "";
  const taken =
    during.length > 0
      ? ` ${countText(during.length, "dose")} of ${substanceText(substance)} ${during.length === 1 ? "was" : "were"} taken while on it.`
      : "";
  const routes = c.routes
    ? ` This applies to ${substanceText(substance)} by mouth or under the tongue.`
    : "";
  const advice =
    c.severity === "danger"
      ? `Do not take ${substanceText(substance)} while you take ${medication.name}; talk to the doctor who prescribed it. ${emergencyAdvice(journal, c)}`
      : c.routes
        ? `While you take ${medication.name}, avoid ${substanceText(substance)} by mouth or under the tongue, or ask your doctor or pharmacist (FACTS ${c.facts.join(", ")}).`
        : `Talk to your doctor or pharmacist before taking ${substanceText(substance)} with ${medication.name}, and never dose alone (FACTS K-DRIVE-1).`;
  const label = agentLabel(c);
  const kind = medication.name.toLowerCase().includes(label.toLowerCase()) ? "" : ` (${label})`;
  const first = during[0];
  return {
    ruleId: "combination",
    severity: c.severity,
    title: `${c.severity === "danger" ? "Dangerous combination" : "Caution"}: ${substanceText(substance)} with ${medication.name}`,
    detail: `${medication.name}${kind} is in your medications (since ${since}${until}). With ${substanceText(substance)}: ${c.reason} (FACTS ${c.facts.join(", ")}).${taken}${routes}`,
    advice,
    sources: sourcesOf(c),
    key: `combination:medication:${medication.id}:${substance.id}:${c.agent}`,
    subjectId: medication.id,
    at: first ? instantText(first.ms) : instantText(instantMs(medication.addedAt)),
    activeUntil: medication.endedAt === null ? null : instantText(instantMs(medication.endedAt)),
  };
}
