/**
 * Which report sections a safety finding reveals. A finding's title and detail name the
 * records it is about ("Dangerous combination: ketamine with alcohol", the words quoted from a
 * check-in, a medication's name), so a section the person leaves out of the report must take
 * the findings about it with it, or the report would show what they kept back.
 */
import type { ReportSection } from "./report-data.ts";

const doseRules = new Set([
  "above-ceiling",
  "above-start",
  "unit-slip",
  "min-interval",
  "same-day-redose",
  "dose-creep",
  "no-break",
  "dosing-day",
]);
const symptomRules = new Set([
  "bladder-signs",
  "kidney-liver-signs",
  "nasal-signs",
  "psychosis-signs",
]);
const screeningRules = new Set(["screening-high", "screening-worsened", "self-harm-thoughts"]);

/**
 * The sections whose records the finding names, read from its rule and key (`combination:
 * medication:…` is about a medication of the profile; `combination:<dose id>:…` about a dose
 * and another substance logged near it). Batches and reagent tests are no section: their
 * findings reveal nothing left out.
 */
export function sectionsOfFinding(finding: {
  readonly ruleId: string;
  readonly key: string;
}): ReportSection[] {
  const { ruleId, key } = finding;
  if (doseRules.has(ruleId)) return ["doses"];
  if (symptomRules.has(ruleId)) return ["symptoms"];
  if (screeningRules.has(ruleId)) return ["screenings"];
  switch (ruleId) {
    case "combination":
      return key.startsWith("combination:medication:")
        ? ["profile", "doses"]
        : ["doses", "other-substances"];
    case "contraindication":
      return ["profile"];
    case "dependence-signs":
      return key.startsWith("dependence-signs:dose:") ? ["doses", "plan"] : ["symptoms"];
    case "blood-pressure":
      return ["blood-pressure"];
    // It quotes the person's own words from a check-in.
    case "text-signs":
      return ["notes"];
    default:
      return [];
  }
}
