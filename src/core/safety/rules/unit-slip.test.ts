import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { dose, evaluate, journal } from "../fixtures.ts";
import { unitSlip } from "./unit-slip.ts";

describe("unit-slip (Titrate's check of the unit; FACTS K-DOSE-1, MEAS-2)", () => {
  test("7 µg of ketamine, under its 0.1 mg step, asks to check the unit and shows the amount", () => {
    const doses = [dose("2026-03-22T09:00:00Z", { id: "tiny", amount: 7, unit: "µg" })];
    const [finding, ...rest] = evaluate(unitSlip, journal({ doses }));
    assert.equal(rest.length, 0);
    assert.equal(finding?.key, "unit-slip:tiny");
    assert.equal(finding?.severity, "warning");
    assert.match(finding?.detail ?? "", /0\.007 mg of ketamine/u);
    assert.match(finding?.detail ?? "", /less than the smallest step.*0\.1 mg/u);
    assert.match(finding?.advice ?? "", /titrate edit tiny --amount/u);
  });

  test("more than 10 times the ceiling (above 140 mg at 70 kg) reads as a slip; 140 mg does not", () => {
    const doses = [
      dose("2026-03-01T09:00:00Z", { id: "at", amount: 140 }),
      dose("2026-03-08T09:00:00Z", { id: "above", amount: 140.1 }),
    ];
    const findings = evaluate(unitSlip, journal({ doses }));
    assert.deepEqual(
      findings.map((f) => f.key),
      ["unit-slip:above"],
    );
    assert.match(findings[0]?.detail ?? "", /more than 10 times the ceiling of 14\.0 mg/u);
  });

  test("ordinary doses and unknown amounts give nothing", () => {
    const doses = [
      dose("2026-03-01T09:00:00Z", { amount: 7 }),
      dose("2026-03-08T09:00:00Z", { amount: null }),
      dose("2026-03-15T09:00:00Z", { amount: 0.1 }),
    ];
    assert.deepEqual(evaluate(unitSlip, journal({ doses })), []);
  });
});
