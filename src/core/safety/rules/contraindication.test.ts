import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { conditionIds } from "../../schemas/journal.ts";
import { dose, evaluate, journal, plan } from "../fixtures.ts";
import { contraindication } from "./contraindication.ts";

const lsd = { substance: "lsd", amount: 10, unit: "µg", route: "sublingual" } as const;

describe("contraindication (FACTS K-CONTRA-1)", () => {
  test("psychosis history with a ketamine plan: danger, keyed by condition and group", () => {
    const findings = evaluate(
      contraindication,
      journal({ plans: [plan()], profile: { conditions: ["psychosis-history"] } }),
    );
    assert.deepEqual(
      findings.map((f) => [f.key, f.severity, f.at, f.activeUntil]),
      [["contraindication:psychosis-history:ketamine", "danger", null, null]],
    );
    assert.match(
      findings[0]?.detail ?? "",
      /You told Titrate: "Psychosis, now or in the past"\..*K-CONTRA-1/u,
    );
    assert.match(findings[0]?.advice ?? "", /^Do not take ketamine/u);
  });

  test("before any dose or plan, every group a condition rules out is named", () => {
    const findings = evaluate(
      contraindication,
      journal({ profile: { conditions: ["psychosis-history"] } }),
    );
    assert.deepEqual(findings.map((f) => f.key).sort(), [
      "contraindication:psychosis-history:ketamine",
      "contraindication:psychosis-history:psychedelics",
    ]);
  });

  test("bipolar disorder and family history rule out psychedelics, not ketamine", () => {
    const profile = { conditions: ["bipolar-history", "family-psychosis-or-bipolar"] as const };
    const ketamineOnly = evaluate(
      contraindication,
      journal({ plans: [plan()], profile: { conditions: [...profile.conditions] } }),
    );
    assert.deepEqual(ketamineOnly, []);
    const psychedelics = evaluate(
      contraindication,
      journal({
        doses: [dose("2026-03-01T09:00:00Z", lsd)],
        profile: { conditions: [...profile.conditions] },
      }),
    );
    assert.deepEqual(
      psychedelics.map((f) => f.severity),
      ["danger", "danger"],
    );
    // "Do not take LSD and psilocybin" would read as "not the two together".
    for (const finding of psychedelics) {
      assert.match(finding.advice, /^Do not take LSD or psilocybin \(mushrooms included\)\./u);
    }
  });

  test("heart disease: danger for ketamine, caution for psychedelics (FACTS P-RISK-1)", () => {
    const findings = evaluate(
      contraindication,
      journal({ profile: { conditions: ["heart-disease"] } }),
    );
    const bySeverity = Object.fromEntries(findings.map((f) => [f.key.split(":")[2], f.severity]));
    assert.deepEqual(bySeverity, { ketamine: "danger", psychedelics: "caution" });
  });

  test("every condition rules out at least one group", () => {
    for (const condition of conditionIds) {
      assert.ok(
        evaluate(contraindication, journal({ profile: { conditions: [condition] } })).length > 0,
        condition,
      );
    }
  });

  test("no conditions, no finding", () => {
    assert.deepEqual(evaluate(contraindication, journal({ plans: [plan()] })), []);
  });
});
