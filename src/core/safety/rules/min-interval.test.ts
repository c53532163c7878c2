import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { dose, evaluate, journal } from "../fixtures.ts";
import { minInterval } from "./min-interval.ts";

describe("min-interval (FACTS K-DOSE-2)", () => {
  test("ketamine 3 days after the last dose: a warning that names both numbers", () => {
    const doses = [
      dose("2026-03-19T09:00:00Z", { id: "a" }),
      dose("2026-03-22T09:00:00Z", { id: "b" }),
    ];
    const findings = evaluate(minInterval, journal({ doses }));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.severity, "warning");
    assert.equal(findings[0]?.key, "min-interval:b");
    assert.match(
      findings[0]?.detail ?? "",
      /^3 days since your last dose .*ketamine needs at least 5 days \(FACTS K-DOSE-2/u,
    );
  });

  test("boundaries: 4 calendar days is too soon, 5 is enough, whatever the clock time", () => {
    const four = [dose("2026-03-01T09:00:00Z"), dose("2026-03-05T23:00:00Z")];
    assert.equal(evaluate(minInterval, journal({ doses: four })).length, 1);
    // 4 days 23 hours apart, but on dates 5 days apart: allowed, as a plan counts days.
    const five = [dose("2026-03-01T09:00:00Z"), dose("2026-03-06T08:00:00Z")];
    assert.deepEqual(evaluate(minInterval, journal({ doses: five })), []);
  });

  test("23:59, then 00:01 five dates later: 4 days 2 minutes is too soon", () => {
    const doses = [
      dose("2026-03-01T23:59:00Z", { id: "late" }),
      dose("2026-03-06T00:01:00Z", { id: "early" }),
    ];
    const [finding, ...rest] = evaluate(minInterval, journal({ doses }));
    assert.equal(rest.length, 0);
    assert.equal(finding?.key, "min-interval:early");
    assert.match(
      finding?.detail ?? "",
      /^5 calendar days but only 4 days since your last dose \(2026-03-01 23:59, then 2026-03-06 00:01\)/u,
    );
  });

  test("elapsed time: 12 hours short of the minimum is allowed (the on-time window), a minute more is not", () => {
    const allowed = [dose("2026-03-01T21:00:00Z"), dose("2026-03-06T09:00:00Z")]; // 4 d 12 h
    assert.deepEqual(evaluate(minInterval, journal({ doses: allowed })), []);
    const short = [dose("2026-03-01T21:01:00Z"), dose("2026-03-06T09:00:00Z")]; // 4 d 11 h 59
    assert.equal(evaluate(minInterval, journal({ doses: short })).length, 1);
  });

  test("LSD at 23:00 and again at 01:00 the next date: too soon although the dates differ", () => {
    const lsd = {
      substance: "lsd" as const,
      amount: 10,
      unit: "µg" as const,
      route: "sublingual" as const,
    };
    const doses = [dose("2026-03-01T23:00:00Z", lsd), dose("2026-03-02T01:00:00Z", lsd)];
    const [finding] = evaluate(minInterval, journal({ doses }));
    assert.match(finding?.detail ?? "", /1 calendar day but only 2 h since your last dose/u);
    assert.match(finding?.advice ?? "", /at least 1 day between doses/u);
  });

  test("a finding ends at the next dose, or 7 days after the dose", () => {
    const doses = [dose("2026-03-01T09:00:00Z"), dose("2026-03-03T09:00:00Z", { id: "soon" })];
    const [finding] = evaluate(minInterval, journal({ doses }));
    assert.equal(finding?.activeUntil, "2026-03-10T09:00:00Z");
  });

  test("days are counted in the dose's zone, not in UTC", () => {
    const doses = [
      dose("2026-03-01T16:00:00Z", { timeZone: "Asia/Tokyo" }), // 2 March, 01:00 in Tokyo
      dose("2026-03-06T10:00:00Z", { timeZone: "Asia/Tokyo" }), // 6 March, 19:00 in Tokyo
    ];
    const findings = evaluate(minInterval, journal({ doses }));
    assert.match(findings[0]?.detail ?? "", /^4 days/u, "5 UTC dates apart, but 4 Tokyo dates");
  });

  test("psychedelics (minimum 1 day) and same-day doses give no min-interval finding", () => {
    const lsd = {
      substance: "lsd" as const,
      amount: 10,
      unit: "µg" as const,
      route: "sublingual" as const,
    };
    const doses = [
      dose("2026-03-01T09:00:00Z", lsd),
      dose("2026-03-02T09:00:00Z", lsd),
      dose("2026-03-10T09:00:00Z"),
      dose("2026-03-10T15:00:00Z"),
    ];
    assert.deepEqual(evaluate(minInterval, journal({ doses })), []);
  });
});
