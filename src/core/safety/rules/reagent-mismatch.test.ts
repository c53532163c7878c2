import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { batch, dose, evaluate, journal } from "../fixtures.ts";
import { reagentMismatch } from "./reagent-mismatch.ts";

describe("reagent-mismatch (FACTS TEST-1, P-TEST-1)", () => {
  test("Marquis turning black on ketamine: danger, do not take it", () => {
    const b = batch({
      id: "b1",
      label: "Bottle A",
      reagentTests: [
        {
          id: "t1",
          reagent: "Marquis",
          result: "black",
          at: "2026-03-05T10:00:00Z",
          verdict: "mismatch",
        },
      ],
    });
    const findings = evaluate(
      reagentMismatch,
      journal({ batches: [b], doses: [dose("2026-03-06T09:00:00Z", { batchId: "b1" })] }),
    );
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding?.severity, "danger");
    assert.equal(finding?.key, "reagent-mismatch:b1:t1");
    assert.equal(finding?.activeUntil, null);
    assert.match(
      finding?.detail ?? "",
      /Marquis on batch "Bottle A", 2026-03-05 10:00: "black"; ketamine gives no change \(FACTS TEST-1\)\. 1 dose taken from it since\./u,
    );
    assert.match(finding?.advice ?? "", /^Do not take it/u);
  });

  test("an LSD blotter with no Ehrlich colour names the NBOMe danger", () => {
    const b = batch({
      substance: "lsd",
      form: "blotter",
      reagentTests: [
        {
          id: "t2",
          reagent: "Ehrlich",
          result: "no colour",
          at: "2026-03-05T10:00:00Z",
          verdict: "mismatch",
        },
      ],
    });
    const [finding] = evaluate(reagentMismatch, journal({ batches: [b] }));
    assert.match(finding?.advice ?? "", /NBOMe.*killed people.*P-TEST-1/u);
  });

  test("a stored 'match' whose result reads as a mismatch is still a mismatch", () => {
    const b = batch({
      reagentTests: [
        {
          id: "t3",
          reagent: "Mandelin",
          result: "dark green",
          at: "2026-03-05T10:00:00Z",
          verdict: "match",
        },
      ],
    });
    assert.equal(evaluate(reagentMismatch, journal({ batches: [b] })).length, 1);
  });

  test("matching and unreadable results are no mismatch", () => {
    const b = batch({
      reagentTests: [
        {
          id: "t4",
          reagent: "Morris",
          result: "purple",
          at: "2026-03-05T10:00:00Z",
          verdict: "match",
        },
        {
          id: "t5",
          reagent: "Morris",
          result: "hmm",
          at: "2026-03-05T10:00:00Z",
          verdict: "unknown",
        },
      ],
    });
    assert.deepEqual(evaluate(reagentMismatch, journal({ batches: [b] })), []);
  });
});
