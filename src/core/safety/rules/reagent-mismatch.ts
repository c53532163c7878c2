/**
 * reagent-mismatch: a reagent result that does not match what the substance gives (FACTS
 * TEST-1 for ketamine; P-TEST-1: a blotter that does not turn Ehrlich purple may hold an
 * NBOMe). Danger: do not take it. The verdict is re-read from the result text, so a stale
 * stored "match" never hides a mismatch. Active until resolved: a later matching test does
 * not clear a batch that once reacted wrongly.
 */
import { findSubstance } from "../../substances/catalog.ts";
import type { Finding } from "../finding.ts";
import { countText, substanceText } from "../format.ts";
import { dosesByBatch } from "../journal-view.ts";
import { effectiveVerdict, findReagentExpectation } from "../reagent-verdict.ts";
import type { SafetyRule } from "../rule.ts";
import { instantMs, instantText } from "../time-math.ts";

export const reagentMismatch: SafetyRule = {
  id: "reagent-mismatch",
  summary: "A reagent test result that does not match the expected substance",
  sources: ["TEST-1", "P-TEST-1"],
  evaluate(journal) {
    const byBatch = dosesByBatch(journal);
    const findings: Finding[] = [];
    for (const batch of journal.snapshot.batches) {
      const substance = findSubstance(batch.substance);
      if (!substance) continue;
      for (const test of batch.reagentTests) {
        if (effectiveVerdict(substance, test) !== "mismatch") continue;
        const testMs = instantMs(test.at);
        const expected =
          findReagentExpectation(substance, test.reagent)?.expected ?? "another result";
        const after = (byBatch.get(batch.id) ?? []).filter((d) => d.ms >= testMs).length;
        const isLsd = substance.id === "lsd";
        const fact = isLsd ? "P-TEST-1" : "TEST-1";
        findings.push({
          ruleId: "reagent-mismatch",
          severity: "danger",
          title: `Reagent test does not match: ${batch.label}`,
          detail: `${test.reagent} on batch "${batch.label}", ${journal.localText(testMs, journal.snapshot.profile.timeZone)}: "${test.result}"; ${substanceText(substance)} gives ${expected} (FACTS ${fact}).${after > 0 ? ` ${countText(after, "dose")} taken from it since.` : ""}`,
          advice: isLsd
            ? "Do not take it. A blotter that does not turn Ehrlich reagent purple may hold an NBOMe, and NBOMes have killed people (FACTS P-TEST-1)."
            : `Do not take it: it may not be ${substanceText(substance)}, or may hold something else as well. Reagents show identity, not purity, and look-alikes can react too (FACTS TEST-1).`,
          sources: [fact],
          key: `reagent-mismatch:${batch.id}:${test.id}`,
          subjectId: batch.id,
          at: instantText(testMs),
          activeUntil: null,
        });
      }
    }
    return findings;
  },
};
