import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { dose, evaluate, journal } from "../fixtures.ts";
import { aboveCeiling } from "./above-ceiling.ts";

describe("above-ceiling (FACTS K-DOSE-1, P-DOSE-1, DESIGN-1)", () => {
  test("70 kg: 14 mg of ketamine is at the ceiling and allowed; 14.1 mg is a warning", () => {
    const atCeiling = dose("2026-03-01T09:00:00Z", { id: "d1", amount: 14 });
    const above = dose("2026-03-08T09:00:00Z", { id: "d2", amount: 14.1 });
    const findings = evaluate(aboveCeiling, journal({ doses: [atCeiling, above] }));
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding?.severity, "warning");
    assert.equal(finding?.key, "above-ceiling:d2");
    assert.equal(finding?.subjectId, "d2");
    assert.equal(finding?.at, "2026-03-08T09:00:00Z");
    assert.equal(finding?.activeUntil, "2026-03-15T09:00:00Z", "no next dose: 7 days");
    assert.match(
      finding?.detail ?? "",
      /14\.1 mg of ketamine.*ceiling is 14\.0 mg \(0\.2 mg\/kg × 70 kg\).*K-DOSE-1/u,
    );
    assert.ok(finding?.sources.includes("DESIGN-1"));
  });

  test("0.5 mg/kg or more (35 mg at 70 kg, the research dose of FACTS K-DOSE-3) is a danger", () => {
    const doses = [
      dose("2026-03-01T09:00:00Z", { id: "under", amount: 34.9 }),
      dose("2026-03-08T09:00:00Z", { id: "research", amount: 35 }),
    ];
    const [far, under] = evaluate(aboveCeiling, journal({ doses })).sort((a, b) =>
      a.severity.localeCompare(b.severity),
    );
    assert.equal(under?.key, "above-ceiling:under");
    assert.equal(under?.severity, "warning");
    assert.equal(far?.key, "above-ceiling:research");
    assert.equal(far?.severity, "danger");
    assert.match(far?.title ?? "", /^Far above the ketamine microdose ceiling/u);
    assert.match(
      far?.detail ?? "",
      /0\.5 mg\/kg or more.*under medical supervision \(FACTS K-DOSE-3\)/u,
    );
    assert.match(far?.advice ?? "", /Do not take this amount again.*call 999/u);
    assert.ok(far?.sources.includes("K-DOSE-3"));
  });

  test("LSD at 2.5 times its ceiling (50 µg) is a danger, Titrate's threshold", () => {
    const lsd = { substance: "lsd" as const, unit: "µg" as const, route: "sublingual" as const };
    const doses = [
      dose("2026-03-01T09:00:00Z", { ...lsd, amount: 49 }),
      dose("2026-03-08T09:00:00Z", { ...lsd, amount: 50 }),
    ];
    const severities = evaluate(aboveCeiling, journal({ doses })).map((f) => f.severity);
    assert.deepEqual(severities.sort(), ["danger", "warning"]);
  });

  test("the ceiling counts the amount taken whatever the route, and µg are converted", () => {
    const oral = dose("2026-03-01T09:00:00Z", { amount: 15000, unit: "µg", route: "oral" });
    const findings = evaluate(aboveCeiling, journal({ doses: [oral] }));
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.detail ?? "", /15 mg/u);
  });

  test("a finding stays active until the next dose of the same substance", () => {
    const doses = [
      dose("2026-03-01T09:00:00Z", { id: "big", amount: 20 }),
      dose("2026-03-08T09:00:00Z", { id: "ok", amount: 7 }),
    ];
    const [finding] = evaluate(aboveCeiling, journal({ doses }));
    assert.equal(finding?.activeUntil, "2026-03-08T09:00:00Z");
  });

  test("LSD: 20 µg is allowed, 21 µg is above; dried mushrooms above 0.3 g", () => {
    const doses = [
      dose("2026-03-01T09:00:00Z", {
        substance: "lsd",
        amount: 20,
        unit: "µg",
        route: "sublingual",
      }),
      dose("2026-03-04T09:00:00Z", {
        substance: "lsd",
        amount: 21,
        unit: "µg",
        route: "sublingual",
      }),
      dose("2026-03-05T09:00:00Z", {
        substance: "mushrooms",
        amount: 350,
        unit: "mg",
        route: "oral",
      }),
    ];
    const findings = evaluate(aboveCeiling, journal({ doses }));
    assert.deepEqual(
      findings.map((f) => f.detail.match(/ceiling is ([^(]+?) \(/u)?.[1]),
      ["20 µg", "0.30 g"],
    );
    assert.ok(findings.every((f) => f.sources.includes("P-DOSE-1")));
  });

  test("without a weight: a caution to add it, and a warning above the 300 kg ceiling (60 mg)", () => {
    const doses = [
      dose("2026-03-01T09:00:00Z", { amount: 20 }),
      dose("2026-03-08T09:00:00Z", { id: "huge", amount: 61 }),
    ];
    const findings = evaluate(aboveCeiling, journal({ doses, profile: { weightKg: null } }));
    const byKey = new Map(findings.map((f) => [f.key, f]));
    assert.equal(byKey.get("above-ceiling:huge")?.severity, "warning");
    const noWeight = byKey.get("above-ceiling:no-weight:ketamine");
    assert.equal(noWeight?.severity, "caution");
    assert.match(noWeight?.detail ?? "", /^1 dose of ketamine could not be checked/u);
  });

  test("no finding for doses at or below the ceiling, or with an unknown amount", () => {
    const doses = [
      dose("2026-03-01T09:00:00Z", { amount: 7 }),
      dose("2026-03-08T09:00:00Z", { amount: null }),
      dose("2026-03-15T09:00:00Z", { amount: 13.9 }),
    ];
    assert.deepEqual(evaluate(aboveCeiling, journal({ doses })), []);
  });
});
