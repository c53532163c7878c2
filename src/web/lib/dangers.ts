/**
 * Which active danger findings advise against a substance, so Today does not schedule the
 * next ketamine dose while bladder signs say "stop ketamine". The rule is src/core's
 * concernsSubstance (safety/finding-substance.ts), the same the dose form and the experiment
 * use: thoughts of self-harm and signs of psychosis concern every substance, bladder and
 * kidney signs ketamine, a contraindication its group, a combination its substance. Two
 * differences, for Today, which knows only the last dose and no batches:
 * - a combination about an earlier dose is read from its title ("… ketamine with alcohol");
 * - a reagent mismatch rules out its batch, not the substance (the dose form warns about the
 *   batch; the experiment treats it the same way).
 */
import { concernsSubstance } from "../../core/safety/finding-substance.ts";
import { substanceText } from "../../core/safety/format.ts";
import { findSubstance } from "../../core/substances/catalog.ts";
import type { Dose, Finding } from "../types.ts";

/** True when the active danger `finding` advises against dosing `substanceId`. */
export function advisesAgainst(
  finding: Finding,
  substanceId: string,
  lastDose: Dose | null = null,
): boolean {
  const substance = findSubstance(substanceId);
  if (!substance || finding.severity !== "danger") return false;
  if (finding.ruleId === "reagent-mismatch") return false;
  const doses = lastDose ? [lastDose] : [];
  if (concernsSubstance(finding, substance.id, { doses, batches: [] })) return true;
  if (finding.ruleId === "combination" && !doses.some((d) => d.id === finding.subjectId)) {
    return finding.title.toLowerCase().includes(substanceText(substance).toLowerCase());
  }
  return false;
}

/** The active danger findings that advise against dosing `substanceId` now. */
export function dangersFor(
  active: readonly Finding[],
  substanceId: string,
  lastDose: Dose | null = null,
): Finding[] {
  return active.filter((f) => advisesAgainst(f, substanceId, lastDose));
}
