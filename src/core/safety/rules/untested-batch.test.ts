import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { batch, dose, evaluate, journal } from "../fixtures.ts";
import { checkProposedDose } from "../run-rules.ts";
import { untestedBatch } from "./untested-batch.ts";

const morris = (at: string, result: string, verdict: "match" | "mismatch" | "unknown") => ({
  id: `t-${at}`,
  reagent: "Morris",
  result,
  at,
  verdict,
});

describe("untested-batch (FACTS TEST-1, TEST-2, P-TEST-1)", () => {
  test("a batch with no test is a warning, with how to test it", () => {
    const b = batch({ id: "b1", label: "Bottle A" });
    const findings = evaluate(
      untestedBatch,
      journal({ batches: [b], doses: [dose("2026-03-10T09:00:00Z", { batchId: "b1" })] }),
    );
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding?.severity, "warning");
    assert.equal(finding?.key, "untested-batch:b1");
    assert.equal(finding?.activeUntil, null);
    assert.match(
      finding?.detail ?? "",
      /Batch "Bottle A" \(ketamine\) has no reagent test\. 1 dose taken from it untested\./u,
    );
    assert.match(
      finding?.advice ?? "",
      /Morris \(lavender to purple precipitate\).*Marquis \(no change\).*fentanyl strips.*TEST-2/u,
    );
  });

  test("an LSD blotter names the NBOMe risk and Ehrlich", () => {
    const b = batch({ substance: "lsd", form: "blotter", label: "Sheet" });
    const [finding] = evaluate(untestedBatch, journal({ batches: [b] }));
    assert.match(finding?.detail ?? "", /NBOMes, which have killed people/u);
    assert.match(finding?.advice ?? "", /Ehrlich \(purple/u);
  });

  test("a matching Morris test clears it; doses taken before the test keep a past finding", () => {
    const tested = batch({
      id: "b2",
      reagentTests: [morris("2026-03-05T10:00:00Z", "purple", "match")],
    });
    assert.deepEqual(evaluate(untestedBatch, journal({ batches: [tested] })), []);
    const findings = evaluate(
      untestedBatch,
      journal({ batches: [tested], doses: [dose("2026-03-02T09:00:00Z", { batchId: "b2" })] }),
    );
    assert.equal(findings[0]?.activeUntil, "2026-03-05T10:00:00Z");
  });

  test("a result Titrate cannot read, or only a weak Liebermann match, does not count as tested", () => {
    const unreadable = batch({ reagentTests: [morris("2026-03-05T10:00:00Z", "hmm", "unknown")] });
    assert.match(
      evaluate(untestedBatch, journal({ batches: [unreadable] }))[0]?.detail ?? "",
      /no test result Titrate can read/u,
    );
    const weak = batch({
      reagentTests: [
        {
          id: "t1",
          reagent: "Liebermann",
          result: "faint yellow",
          at: "2026-03-05T10:00:00Z",
          verdict: "match",
        },
      ],
    });
    assert.equal(evaluate(untestedBatch, journal({ batches: [weak] })).length, 1);
  });

  test("a batch with a mismatch is left to reagent-mismatch", () => {
    const bad = batch({
      reagentTests: [morris("2026-03-05T10:00:00Z", "no reaction", "mismatch")],
    });
    assert.deepEqual(evaluate(untestedBatch, journal({ batches: [bad] })), []);
  });

  test("a dose being checked is not counted as taken from the batch", () => {
    const b = batch({ id: "b3", label: "Bottle A" });
    const proposed = dose("2026-03-10T09:00:00Z", { batchId: "b3" });
    const { id: _id, ...unsaved } = proposed;
    const findings = checkProposedDose(journal({ batches: [b] }), unsaved, [untestedBatch]);
    assert.equal(findings.length, 1);
    assert.doesNotMatch(findings[0]?.detail ?? "", /taken from it/u);
    const once = checkProposedDose(
      journal({ batches: [b], doses: [proposed] }),
      {
        ...unsaved,
        at: "2026-03-17T09:00:00Z",
      },
      [untestedBatch],
    );
    assert.match(once[0]?.detail ?? "", /\b1 dose taken from it untested\./u);
  });
});
