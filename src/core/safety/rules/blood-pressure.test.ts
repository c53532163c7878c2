import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { dose, evaluate, journal, plan, bloodPressure as reading } from "../fixtures.ts";
import { bloodPressure } from "./blood-pressure.ts";

describe("blood-pressure (FACTS K-BP-1)", () => {
  test("152/94 with ketamine 30 min later: a warning that names the dose", () => {
    const findings = evaluate(
      bloodPressure,
      journal({
        bloodPressures: [reading("2026-03-22T08:30:00Z", 152, 94, { id: "bp1" })],
        doses: [dose("2026-03-22T09:00:00Z")],
      }),
    );
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding?.severity, "warning");
    assert.equal(finding?.key, "blood-pressure:bp1");
    assert.equal(finding?.activeUntil, null);
    assert.match(
      finding?.detail ?? "",
      /152\/94 mmHg on 2026-03-22 08:30, above 140\/90 \(FACTS K-BP-1\)\. You took ketamine 30 min later\./u,
    );
    assert.match(finding?.advice ?? "", /delay the dose/u);
  });

  test("boundaries: 140/90 is not above; 141/90 and 140/91 are", () => {
    const withPlan = (s: number, d: number) =>
      evaluate(
        bloodPressure,
        journal({ plans: [plan()], bloodPressures: [reading("2026-03-22T08:00:00Z", s, d)] }),
      ).length;
    assert.equal(withPlan(140, 90), 0);
    assert.equal(withPlan(141, 90), 1);
    assert.equal(withPlan(140, 91), 1);
  });

  test("a later reading ends the finding, and doses after it are not blamed on the first", () => {
    const findings = evaluate(
      bloodPressure,
      journal({
        bloodPressures: [
          reading("2026-03-22T07:00:00Z", 150, 95),
          reading("2026-03-22T08:00:00Z", 128, 80),
        ],
        doses: [dose("2026-03-22T09:00:00Z")],
      }),
    );
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.activeUntil, "2026-03-22T08:00:00Z");
    assert.doesNotMatch(findings[0]?.detail ?? "", /You took ketamine/u);
  });

  test("no ketamine in use, or a normal reading: no finding", () => {
    const lsd = dose("2026-03-22T09:00:00Z", {
      substance: "lsd",
      amount: 10,
      unit: "µg",
      route: "sublingual",
    });
    assert.deepEqual(
      evaluate(
        bloodPressure,
        journal({ doses: [lsd], bloodPressures: [reading("2026-03-22T08:00:00Z", 160, 100)] }),
      ),
      [],
    );
    assert.deepEqual(
      evaluate(
        bloodPressure,
        journal({ plans: [plan()], bloodPressures: [reading("2026-03-22T08:00:00Z", 120, 80)] }),
      ),
      [],
    );
  });
});
