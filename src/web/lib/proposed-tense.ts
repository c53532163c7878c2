/**
 * Findings about a dose not yet taken, in the tense of one. src/core's rules word their
 * findings for a logged dose ("On 2026-11-25 you took ketamine at 17:00", "You took 30 mg;
 * the ceiling is…") and checkProposedDose runs the same rules on the dose as proposed, so
 * the dose form says "you would take" instead. Only the dose's own verbs change: "you logged
 * alcohol" in a combination is about an entry that is in the journal, and stays.
 */
import type { Finding } from "../types.ts";

const took = /\b([Yy])ou took\b/gu;
const loggedDose = /^You logged /u;

/** `text` about the proposed dose, as a dose one would take. */
export function asProposed(text: string): string {
  return text
    .replace(took, (_, y: string) => `${y}ou would take`)
    .replace(loggedDose, "You would log ");
}

/** The finding with its title, detail and advice in the tense of a dose not yet taken. */
export function proposedFinding(finding: Finding): Finding {
  return {
    ...finding,
    title: asProposed(finding.title),
    detail: asProposed(finding.detail),
    advice: asProposed(finding.advice),
  };
}
