import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { dose, evaluate, journal } from "../fixtures.ts";
import { aboveStart } from "./above-start.ts";

describe("above-start (FACTS K-DOSE-1, P-DOSE-1)", () => {
  test("70 kg: a first ketamine dose of 7 mg is the start; 7.1 mg is a caution", () => {
    assert.deepEqual(
      evaluate(aboveStart, journal({ doses: [dose("2026-03-01T09:00:00Z", { amount: 7 })] })),
      [],
    );
    const first = dose("2026-03-01T09:00:00Z", { id: "first", amount: 7.1 });
    const second = dose("2026-03-08T09:00:00Z", { amount: 10 });
    const findings = evaluate(aboveStart, journal({ doses: [first, second] }));
    assert.equal(findings.length, 1, "only the first dose is judged");
    assert.equal(findings[0]?.severity, "caution");
    assert.equal(findings[0]?.key, "above-start:first");
    assert.equal(findings[0]?.activeUntil, "2026-03-08T09:00:00Z");
    assert.match(findings[0]?.detail ?? "", /start amount is 7\.0 mg \(0\.1 mg\/kg × 70 kg\)/u);
  });

  test("an imported first dose of years ago is not active for years: it ends 7 days after", () => {
    const first = dose("2019-03-01T09:00:00Z", { id: "old", amount: 9 });
    const [finding] = evaluate(aboveStart, journal({ doses: [first] }));
    assert.equal(finding?.activeUntil, "2019-03-08T09:00:00Z");
  });

  test("each substance has its own first dose: LSD above 5 µg", () => {
    const doses = [
      dose("2026-03-01T09:00:00Z", { amount: 7 }),
      dose("2026-03-02T09:00:00Z", {
        substance: "lsd",
        amount: 10,
        unit: "µg",
        route: "sublingual",
      }),
    ];
    const findings = evaluate(aboveStart, journal({ doses }));
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.detail ?? "", /10 µg of LSD.*start amount is 5 µg/u);
  });

  test("no finding without a weight for ketamine, or for an unknown first amount", () => {
    const doses = [dose("2026-03-01T09:00:00Z", { amount: 12 })];
    assert.deepEqual(evaluate(aboveStart, journal({ doses, profile: { weightKg: null } })), []);
    assert.deepEqual(
      evaluate(aboveStart, journal({ doses: [dose("2026-03-01T09:00:00Z", { amount: null })] })),
      [],
    );
  });
});
