import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { dose, evaluate, journal, plan, report } from "../fixtures.ts";
import { dependenceSigns } from "./dependence-signs.ts";

describe("dependence-signs (FACTS K-DEP-1)", () => {
  test("cravings on the checklist: a warning to pause and talk to someone", () => {
    const reports = [
      report("2026-03-21T08:00:00Z", "dependence", ["cravings", "coping"], { id: "c1" }),
    ];
    const [finding] = evaluate(dependenceSigns, journal({ symptomReports: reports }));
    assert.equal(finding?.severity, "warning");
    assert.equal(finding?.key, "dependence-signs:c1");
    assert.match(finding?.detail ?? "", /cravings for it and using it to cope/u);
    assert.match(finding?.advice ?? "", /Pause the protocol and talk to someone/u);
  });

  test("a dose larger than its plan's target is a caution; the target itself is not", () => {
    const p = plan({ id: "p1", target: { amount: 7, unit: "mg" } });
    const doses = [
      dose("2026-03-08T09:00:00Z", { planId: "p1", amount: 7 }),
      dose("2026-03-15T09:00:00Z", { id: "big", planId: "p1", amount: 9 }),
    ];
    const findings = evaluate(dependenceSigns, journal({ doses, plans: [p] }));
    assert.deepEqual(
      findings.map((f) => [f.key, f.severity]),
      [["dependence-signs:dose:big", "caution"]],
    );
    assert.match(findings[0]?.detail ?? "", /9 mg of ketamine .*larger than your plan's 7 mg/u);
  });

  test("a dose with no plan while a plan was running is a caution; before or after the plan it is not", () => {
    const p = plan({
      id: "p1",
      createdAt: "2026-03-01T08:00:00Z",
      endedAt: "2026-03-20T00:00:00Z",
    });
    const doses = [
      dose("2026-02-20T09:00:00Z"),
      dose("2026-03-10T09:00:00Z", { id: "off" }),
      dose("2026-03-21T09:00:00Z"),
    ];
    const findings = evaluate(dependenceSigns, journal({ doses, plans: [p] }));
    assert.deepEqual(
      findings.map((f) => f.key),
      ["dependence-signs:dose:off"],
    );
    assert.match(findings[0]?.detail ?? "", /outside your ketamine plan/u);
  });

  test("no reports and doses on plan: no finding", () => {
    const p = plan({ id: "p1" });
    const doses = [dose("2026-03-08T09:00:00Z", { planId: "p1", amount: 6.5 })];
    assert.deepEqual(evaluate(dependenceSigns, journal({ doses, plans: [p] })), []);
  });
});
