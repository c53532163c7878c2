/**
 * Which substance a finding is about, read from its rule and subject: so that logging a dose
 * can always show the dangers that concern it, and an experiment cannot start while one is
 * active. A finding that concerns everyone who doses (thoughts of self-harm, signs of
 * psychosis) concerns every substance.
 */

import type { Dose } from "../schemas/journal.ts";
import { findSubstance } from "../substances/catalog.ts";
import type { SubstanceId } from "../substances/substance.ts";
import type { Finding } from "./finding.ts";
import { substanceText } from "./format.ts";
import type { JournalSnapshot } from "./snapshot.ts";
import { toleranceGroupOf } from "./windows.ts";

/** Rules whose findings say to take nothing, whatever the substance. */
const everySubstance = new Set(["self-harm-thoughts", "psychosis-signs"]);

/** Rules about harms FACTS gives for ketamine only (K-BLAD-1, K-HARM-2). */
const ketamineOnly = new Set(["bladder-signs", "kidney-liver-signs"]);

/**
 * True when `finding` concerns doses of `substance`: the rule is about every substance, or
 * about this one (a contraindication of its group; a medication's combination with it; a
 * batch of it; a dose of it or of one cross-tolerant with it).
 */
export function concernsSubstance(
  finding: Finding,
  substance: SubstanceId,
  snapshot: Pick<JournalSnapshot, "doses" | "batches">,
): boolean {
  if (everySubstance.has(finding.ruleId)) return true;
  if (ketamineOnly.has(finding.ruleId)) return substance === "ketamine";
  const group = toleranceGroupOf(substance);
  const parts = finding.key.split(":");
  if (finding.ruleId === "contraindication") return parts[2] === group;
  if (finding.ruleId === "combination" && parts[1] === "medication") return parts[3] === substance;
  const subject = finding.subjectId;
  if (subject === null) return false;
  const batch = snapshot.batches.find((b) => b.id === subject);
  if (batch) return findSubstance(batch.substance)?.id === substance;
  const dose = snapshot.doses.find((d) => d.id === subject);
  const dosed = dose ? findSubstance(dose.substance) : undefined;
  if (!dosed) return false;
  // A combination concerns the dosed substance itself; other dose findings its tolerance group.
  return finding.ruleId === "combination"
    ? dosed.id === substance
    : toleranceGroupOf(dosed.id) === group;
}

/**
 * The active danger findings that advise against dosing `substanceId` now, for a screen that
 * knows the active findings and the last dose but not the whole journal (Today, `titrate
 * next`): concernsSubstance with the last dose for doses, and two differences —
 * - a combination about an earlier dose is read from its title ("… ketamine with alcohol");
 * - a reagent mismatch rules out its batch, not the substance (the dose form warns about the
 *   batch; the experiment treats it the same way).
 */
export function dangersAdvisingAgainst(
  active: readonly Finding[],
  substanceId: string,
  lastDose: Dose | null = null,
): Finding[] {
  const substance = findSubstance(substanceId);
  if (!substance) return [];
  const doses = lastDose ? [lastDose] : [];
  return active.filter((finding) => {
    if (finding.severity !== "danger" || finding.ruleId === "reagent-mismatch") return false;
    if (concernsSubstance(finding, substance.id, { doses, batches: [] })) return true;
    return (
      finding.ruleId === "combination" &&
      !doses.some((d) => d.id === finding.subjectId) &&
      finding.title.toLowerCase().includes(substanceText(substance).toLowerCase())
    );
  });
}
