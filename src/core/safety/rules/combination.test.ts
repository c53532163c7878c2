import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { dose, evaluate, journal, medication, other, plan } from "../fixtures.ts";
import { combination } from "./combination.ts";

const ketamineAt = (at: string, fields = {}) => dose(at, { id: "k1", ...fields });
const lsd = { substance: "lsd", amount: 10, unit: "µg", route: "sublingual" } as const;

describe("combination: other substances near a dose (FACTS K-MIX-1)", () => {
  test("beer 3 h after a ketamine dose: danger, active for 12 h after the dose", () => {
    const findings = evaluate(
      combination,
      journal({
        doses: [ketamineAt("2026-03-21T17:00:00Z")],
        otherSubstances: [other("2026-03-21T20:00:00Z", "2 pints of beer")],
      }),
    );
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding?.severity, "danger");
    assert.equal(finding?.key, "combination:k1:alcohol");
    assert.equal(finding?.at, "2026-03-21T20:00:00Z");
    assert.equal(finding?.activeUntil, "2026-03-22T05:00:00Z");
    assert.match(
      finding?.detail ?? "",
      /you logged 2 pints of beer at 2026-03-21 20:00 \(3 h after it\)\. Together: slowed breathing.*\(FACTS K-MIX-1\)/u,
    );
    assert.match(
      finding?.advice ?? "",
      /Do not combine them.*24 hours before.*12 hours after.*call 999/u,
    );
  });

  test("windows: 24 h before counts, 24 h 1 min before does not; 12 h after counts, 12 h 1 min does not", () => {
    const at = "2026-03-21T12:00:00Z";
    const cases: [string, number][] = [
      ["2026-03-20T12:00:00Z", 1],
      ["2026-03-20T11:59:00Z", 0],
      ["2026-03-22T00:00:00Z", 1],
      ["2026-03-22T00:01:00Z", 0],
    ];
    for (const [when, expected] of cases) {
      const snapshot = journal({
        doses: [ketamineAt(at)],
        otherSubstances: [other(when, "vodka, alcohol")],
      });
      assert.equal(evaluate(combination, snapshot).length, expected, when);
    }
  });

  test("two drinks near one dose are one finding listing both", () => {
    const findings = evaluate(
      combination,
      journal({
        doses: [ketamineAt("2026-03-21T17:00:00Z")],
        otherSubstances: [
          other("2026-03-21T15:00:00Z", "wine"),
          other("2026-03-21T19:00:00Z", "beer"),
        ],
      }),
    );
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.detail ?? "", /wine at .*2 h before it\); beer at .*2 h after it\)/u);
  });

  test("benzodiazepines and stimulants are cautions", () => {
    const findings = evaluate(
      combination,
      journal({
        doses: [ketamineAt("2026-03-21T17:00:00Z")],
        otherSubstances: [
          other("2026-03-21T10:00:00Z", "Diazepam 5mg"),
          other("2026-03-21T18:00:00Z", "cocaine"),
        ],
      }),
    );
    assert.deepEqual(findings.map((f) => [f.key, f.severity]).sort(), [
      ["combination:k1:benzodiazepines", "caution"],
      ["combination:k1:stimulants", "caution"],
    ]);
  });

  test("grapefruit counts only for oral and sublingual ketamine (FACTS K-CYP-1)", () => {
    const grapefruit = [other("2026-03-21T08:00:00Z", "grapefruit juice")];
    const nasal = journal({
      doses: [ketamineAt("2026-03-21T09:00:00Z")],
      otherSubstances: grapefruit,
    });
    assert.deepEqual(evaluate(combination, nasal), []);
    const oral = journal({
      doses: [ketamineAt("2026-03-21T09:00:00Z", { route: "oral" })],
      otherSubstances: grapefruit,
    });
    const [finding] = evaluate(combination, oral);
    assert.equal(finding?.severity, "caution");
    assert.match(finding?.advice ?? "", /By mouth or under the tongue.*K-CYP-1/u);
  });

  test("LSD with lithium 20 h after is dangerous: the window after a psychedelic is 24 h (FACTS P-MIX-1)", () => {
    const findings = evaluate(
      combination,
      journal({
        doses: [dose("2026-03-21T08:00:00Z", { id: "l1", ...lsd })],
        otherSubstances: [other("2026-03-22T04:00:00Z", "lithium")],
      }),
    );
    assert.equal(findings[0]?.key, "combination:l1:lithium");
    assert.match(findings[0]?.advice ?? "", /seizure/u);
  });

  test("nothing that interacts, or nothing near: no finding", () => {
    const snapshot = journal({
      doses: [ketamineAt("2026-03-21T17:00:00Z")],
      otherSubstances: [
        other("2026-03-21T16:00:00Z", "coffee"),
        other("2026-03-21T16:00:00Z", "swine flu vaccine"),
        other("2026-03-18T16:00:00Z", "wine"),
      ],
    });
    assert.deepEqual(evaluate(combination, snapshot), []);
  });
});

describe("combination: medications in the profile count always", () => {
  test("tramadol with a ketamine plan and no dose yet: danger before the first dose", () => {
    const findings = evaluate(
      combination,
      journal({
        plans: [plan()],
        medications: [medication("Tramadol 50 mg", "2026-01-01T00:00:00Z", { id: "m1" })],
      }),
    );
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.key, "combination:medication:m1:ketamine:tramadol");
    assert.equal(findings[0]?.severity, "danger");
    assert.equal(findings[0]?.activeUntil, null);
    assert.match(findings[0]?.advice ?? "", /Do not take ketamine while you take Tramadol 50 mg/u);
  });

  test("an ended medication counts for the doses taken while it was current, and ends then", () => {
    const findings = evaluate(
      combination,
      journal({
        doses: [dose("2026-02-01T09:00:00Z"), dose("2026-03-15T09:00:00Z")],
        medications: [
          medication("sertraline and diazepam", "2026-01-01T00:00:00Z", {
            id: "m2",
            endedAt: "2026-02-15T00:00:00Z",
          }),
        ],
      }),
    );
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.severity, "caution");
    assert.equal(findings[0]?.at, "2026-02-01T09:00:00Z");
    assert.equal(findings[0]?.activeUntil, "2026-02-15T00:00:00Z");
    assert.match(
      findings[0]?.detail ?? "",
      /\(benzodiazepines\).*1 dose of ketamine was taken while on it/u,
    );
  });

  test("clarithromycin: nothing for a nasal-only journal; a caution once a dose was by mouth", () => {
    const med = medication("clarithromycin", "2026-03-01T00:00:00Z");
    const nasal = journal({ doses: [dose("2026-03-10T09:00:00Z")], medications: [med] });
    assert.deepEqual(evaluate(combination, nasal), []);
    const oral = journal({
      doses: [dose("2026-03-10T09:00:00Z", { route: "oral" })],
      medications: [med],
    });
    assert.equal(evaluate(combination, oral)[0]?.severity, "caution");
  });

  test("lithium with psilocybin in use: danger (FACTS P-MIX-1); a medication that does not interact: none", () => {
    const doses = [
      dose("2026-03-10T09:00:00Z", {
        substance: "psilocybin",
        amount: 1,
        unit: "mg",
        route: "oral",
      }),
    ];
    const lithium = evaluate(
      combination,
      journal({ doses, medications: [medication("Lithium carbonate", "2026-01-01T00:00:00Z")] }),
    );
    assert.equal(lithium[0]?.severity, "danger");
    const other = evaluate(
      combination,
      journal({ doses, medications: [medication("levothyroxine", "2026-01-01T00:00:00Z")] }),
    );
    assert.deepEqual(other, []);
  });
});
