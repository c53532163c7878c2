import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ShulginRating } from "../../schemas/journal.ts";
import { checkIn, dose, evaluate, journal } from "../fixtures.ts";
import { doseCreep } from "./dose-creep.ts";

/** Weekly ketamine doses from 2026-01-05 with these amounts, ids w0, w1, … */
function weekly(amounts: readonly (number | null)[], startDay = 5) {
  return amounts.map((amount, i) => {
    const day = new Date(Date.UTC(2026, 0, startDay + 7 * i)).toISOString().slice(0, 10);
    return dose(`${day}T09:00:00Z`, { id: `w${i}`, amount });
  });
}

describe("dose-creep: rising doses (FACTS K-TOL-1)", () => {
  test("7, 7, 7, 8, 8, 9: the median of the last 3 (8) is 14 % up, no finding yet", () => {
    assert.deepEqual(evaluate(doseCreep, journal({ doses: weekly([7, 7, 7, 8, 8, 9]) })), []);
  });

  test("7, 7, 7, 8.75, 8.75, 8.75: exactly 25 % up at the 6th dose is a caution", () => {
    const findings = evaluate(doseCreep, journal({ doses: weekly([7, 7, 7, 8.75, 8.75, 8.75]) }));
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding?.key, "dose-creep:w5");
    assert.equal(finding?.severity, "caution");
    assert.match(
      finding?.detail ?? "",
      /median 8\.75 mg\) are 25 % above your first 3 since 2026-01-05 \(median 7 mg\)/u,
    );
    // Still rising at the last dose: active until a 14-day break after it (w5 on 2026-02-09).
    assert.equal(finding?.activeUntil, "2026-02-23T09:00:00Z");
  });

  test("the finding closes when the doses come back down", () => {
    const findings = evaluate(doseCreep, journal({ doses: weekly([7, 7, 7, 9, 9, 9, 7, 7]) }));
    assert.equal(findings.length, 1);
    assert.equal(
      findings[0]?.activeUntil,
      "2026-02-23T09:00:00Z",
      "closed by w7, whose last 3 are 9, 7, 7",
    );
  });

  test("a break of 14 days starts a new run with a new baseline", () => {
    const first = weekly([7, 7, 7]);
    const second = weekly([9, 9, 9, 9, 9, 9], 5 + 7 * 2 + 14);
    assert.deepEqual(evaluate(doseCreep, journal({ doses: [...first, ...second] })), []);
  });

  test("fewer than 6 known amounts: no judgement", () => {
    assert.deepEqual(evaluate(doseCreep, journal({ doses: weekly([7, 7, null, 10, 10, 10]) })), []);
  });
});

describe("dose-creep: fading effects at a steady dose", () => {
  function rated(ratings: readonly ShulginRating[], amounts: readonly number[]) {
    const doses = weekly(amounts);
    const checkIns = doses.map((d, i) =>
      checkIn(d.at.replace("09:00", "11:00"), { shulgin: ratings[i] ?? null }),
    );
    return journal({ doses, checkIns });
  }

  test("ratings ++, ++, ++, +, +, + at 7 mg: a caution", () => {
    const findings = evaluate(
      doseCreep,
      rated(["++", "++", "++", "+", "+", "+"], [7, 7, 7, 7, 7, 7]),
    );
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.key, "dose-creep:fading:w5");
    assert.match(findings[0]?.detail ?? "", /averaged 2\.0 .* down from 3\.0/u);
  });

  test("less than a full step down is no finding; nor is a fade while the dose changed", () => {
    assert.deepEqual(
      evaluate(doseCreep, rated(["++", "++", "++", "++", "+", "+"], [7, 7, 7, 7, 7, 7])),
      [],
    );
    assert.deepEqual(
      evaluate(doseCreep, rated(["++", "++", "++", "+", "+", "+"], [7, 7, 7, 5, 5, 5])),
      [],
    );
  });
});
