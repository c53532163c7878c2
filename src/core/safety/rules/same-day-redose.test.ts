import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { dose, evaluate, journal } from "../fixtures.ts";
import { sameDayRedose } from "./same-day-redose.ts";

const lsd = { substance: "lsd", unit: "µg", route: "sublingual" } as const;

describe("same-day-redose (FACTS K-DOSE-2, P-TOL-1)", () => {
  test("two ketamine doses on one day: a warning on the second, with their sum", () => {
    const doses = [
      dose("2026-03-22T08:00:00Z", { id: "a", amount: 7 }),
      dose("2026-03-22T15:00:00Z", { id: "b", amount: 8 }),
      dose("2026-03-29T08:00:00Z", { id: "c", amount: 7 }),
    ];
    const findings = evaluate(sameDayRedose, journal({ doses }));
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding?.key, "same-day-redose:b");
    assert.equal(finding?.severity, "warning");
    assert.equal(finding?.activeUntil, "2026-03-29T08:00:00Z");
    assert.match(
      finding?.detail ?? "",
      /Dose 2 of ketamine on 2026-03-22, at 15:00; earlier that day: 08:00 \(7 mg\)\./u,
    );
    assert.match(finding?.detail ?? "", /Together 15 mg, above your ceiling of 14\.0 mg/u);
  });

  test("a sum at or under the ceiling is stated without 'above'", () => {
    const doses = [
      dose("2026-03-22T08:00:00Z", { amount: 7 }),
      dose("2026-03-22T09:00:00Z", { amount: 7 }),
    ];
    const [finding] = evaluate(sameDayRedose, journal({ doses }));
    assert.match(finding?.detail ?? "", /Together 14 mg\./u);
  });

  test("three doses in a day give two findings", () => {
    const doses = ["08", "12", "18"].map((h) =>
      dose(`2026-03-22T${h}:00:00Z`, { ...lsd, amount: 5 }),
    );
    assert.equal(evaluate(sameDayRedose, journal({ doses })).length, 2);
  });

  test("LSD and mushrooms on one day count together (cross-tolerance)", () => {
    const doses = [
      dose("2026-03-22T08:00:00Z", { ...lsd, amount: 10 }),
      dose("2026-03-22T14:00:00Z", {
        substance: "mushrooms",
        amount: 0.2,
        unit: "g",
        route: "oral",
      }),
    ];
    const [finding] = evaluate(sameDayRedose, journal({ doses }));
    assert.match(
      finding?.detail ?? "",
      /cross-tolerant, so they count together \(FACTS P-TOL-1\)/u,
    );
  });

  test("the day is the person's: 23:30 and 00:30 local are two days", () => {
    const doses = [
      dose("2026-03-21T23:30:00Z", { timeZone: "UTC" }),
      dose("2026-03-22T00:30:00Z", { timeZone: "UTC" }),
    ];
    assert.deepEqual(evaluate(sameDayRedose, journal({ doses })), []);
  });

  test("ketamine and LSD on one day are different groups: no redose finding", () => {
    const doses = [
      dose("2026-03-22T08:00:00Z"),
      dose("2026-03-22T14:00:00Z", { ...lsd, amount: 10 }),
    ];
    assert.deepEqual(evaluate(sameDayRedose, journal({ doses })), []);
  });
});
