/**
 * The shape of a safety rule: a pure function over the prepared journal that returns
 * findings. Each rule lives in its own file under rules/; all-rules.ts lists them.
 */
import type { Finding } from "./finding.ts";
import type { JournalView } from "./journal-view.ts";

/**
 * The id a proposed dose carries while checkProposedDose runs the rules on it. A rule that
 * counts doses already taken leaves it out: it is not taken yet.
 */
export const PROPOSED_DOSE_ID = "proposed";

export interface SafetyRule {
  /** Stable kebab-case id; scripts and the UI rely on it. */
  readonly id: string;
  /** What triggers the rule, in one line (docs/safety.md has the full table). */
  readonly summary: string;
  /** The FACTS ids the rule rests on. */
  readonly sources: readonly string[];
  evaluate(journal: JournalView): Finding[];
}
