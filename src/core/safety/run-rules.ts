/**
 * Runs the safety rules over a journal: every finding of the whole history, danger first.
 * `titrate check`, the server and the web app show the ones active now; the history keeps
 * the rest (an import of years of journal lists its past findings too).
 */
import type { Temporal } from "temporal-polyfill";
import type { Dose } from "../schemas/journal.ts";
import { safetyRules } from "./all-rules.ts";
import { compareFindings, type Finding, isActive } from "./finding.ts";
import { viewJournal } from "./journal-view.ts";
import { PROPOSED_DOSE_ID, type SafetyRule } from "./rule.ts";
import type { JournalSnapshot } from "./snapshot.ts";
import { instantMs } from "./time-math.ts";

/**
 * Every finding of every rule over the whole journal, sorted: danger first, then the most
 * recent. Pure and deterministic; the snapshot is prepared (sorted, parsed) once for all rules.
 */
export function runRules(
  snapshot: JournalSnapshot,
  rules: readonly SafetyRule[] = safetyRules,
): Finding[] {
  const journal = viewJournal(snapshot);
  return rules.flatMap((rule) => rule.evaluate(journal)).sort(compareFindings);
}

/** The findings active at `now` (see isActive), in the same order. */
export function activeFindings(findings: readonly Finding[], now: Temporal.Instant): Finding[] {
  return findings.filter((f) => isActive(f, now));
}

export { PROPOSED_DOSE_ID } from "./rule.ts";

/**
 * Checks a dose before it is taken or saved: runs the rules with the dose added (as
 * PROPOSED_DOSE_ID) and returns the findings about it, then every other finding active at
 * its time (a bladder danger, a contraindication…). Danger first. A finding of the journal
 * as it stands that the proposed dose only rewords (the dosing day's "you took ketamine at
 * 09:00 and ketamine at 09:05") is given as it stands: it is active whatever is taken, and
 * the proposed dose is not yet taken.
 */
export function checkProposedDose(
  snapshot: JournalSnapshot,
  dose: Omit<Dose, "id">,
  rules: readonly SafetyRule[] = safetyRules,
): Finding[] {
  const proposed: Dose = { ...dose, id: PROPOSED_DOSE_ID };
  const findings = runRules({ ...snapshot, doses: [...snapshot.doses, proposed] }, rules);
  const atMs = instantMs(dose.at);
  const about = findings.filter((f) => f.subjectId === PROPOSED_DOSE_ID);
  const standing = new Map(runRules(snapshot, rules).map((f) => [f.key, f]));
  const context = findings
    .flatMap((f) => {
      if (f.subjectId === PROPOSED_DOSE_ID) return [];
      return [standing.get(f.key) ?? f];
    })
    .filter((f) => {
      const started = f.at === null || instantMs(f.at) <= atMs;
      const ongoing = f.activeUntil === null || instantMs(f.activeUntil) > atMs;
      return started && ongoing;
    });
  return [...about, ...context];
}
