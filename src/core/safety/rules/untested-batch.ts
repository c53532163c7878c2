/**
 * untested-batch: a batch with no reagent test that identifies the substance (FACTS TEST-1,
 * TEST-2: test every time, even from a known source; P-TEST-1: blotters sold as LSD may hold
 * NBOMes, which have killed people). A test counts when its verdict is a match from a reagent
 * whose expectation is not weak (⚠). A batch with a mismatch is `reagent-mismatch` instead.
 * Active until the first identifying test; a batch tested after doses were taken from it
 * keeps a past finding for those doses. A proposed dose (checkProposedDose) is not counted
 * as taken.
 */
import { findSubstance } from "../../substances/catalog.ts";
import type { Finding } from "../finding.ts";
import { countText, substanceText } from "../format.ts";
import { dosesByBatch } from "../journal-view.ts";
import { effectiveVerdict, howToTest, isReliableMatch } from "../reagent-verdict.ts";
import { PROPOSED_DOSE_ID, type SafetyRule } from "../rule.ts";
import { instantMs, instantText } from "../time-math.ts";

export const untestedBatch: SafetyRule = {
  id: "untested-batch",
  summary: "A batch with no reagent test that identifies the substance",
  sources: ["TEST-1", "TEST-2", "P-TEST-1"],
  evaluate(journal) {
    const byBatch = dosesByBatch(journal);
    const findings: Finding[] = [];
    for (const batch of journal.snapshot.batches) {
      const substance = findSubstance(batch.substance);
      if (!substance) continue;
      if (batch.reagentTests.some((t) => effectiveVerdict(substance, t) === "mismatch")) continue;
      const tested = batch.reagentTests
        .filter((t) => isReliableMatch(substance, t))
        .map((t) => instantMs(t.at))
        .sort((a, b) => a - b)[0];
      const doses = byBatch.get(batch.id) ?? [];
      const untestedDoses = tested === undefined ? doses : doses.filter((d) => d.ms < tested);
      if (tested !== undefined && untestedDoses.length === 0) continue;
      const unreadable = batch.reagentTests.length > 0 && tested === undefined;
      const parts = [
        `Batch "${batch.label}" (${substanceText(substance)}) has ${unreadable ? "no test result Titrate can read as a match" : "no reagent test"}${tested !== undefined ? " before the doses below" : ""}.`,
      ];
      // A dose being checked before it is taken is not one "taken from it untested".
      const taken = untestedDoses.filter((d) => d.record.id !== PROPOSED_DOSE_ID).length;
      if (taken > 0) {
        parts.push(`${countText(taken, "dose")} taken from it untested.`);
      }
      parts.push(
        substance.id === "lsd"
          ? "Blotters sold as LSD may hold NBOMes, which have killed people (FACTS P-TEST-1)."
          : "A reagent test shows whether it is what it claims to be (FACTS TEST-1).",
      );
      findings.push({
        ruleId: "untested-batch",
        severity: "warning",
        title: `Untested batch: ${batch.label}`,
        detail: parts.join(" "),
        advice: howToTest(substance),
        sources: substance.id === "lsd" ? ["P-TEST-1", "TEST-2"] : ["TEST-1", "TEST-2"],
        key: `untested-batch:${batch.id}`,
        subjectId: batch.id,
        at: instantText(instantMs(batch.createdAt)),
        activeUntil: tested === undefined ? null : instantText(tested),
      });
    }
    return findings;
  },
};
