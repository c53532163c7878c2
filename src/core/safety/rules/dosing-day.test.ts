import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Temporal } from "temporal-polyfill";
import { isActive } from "../finding.ts";
import { dose, evaluate, journal } from "../fixtures.ts";
import { dosingDay } from "./dosing-day.ts";

describe("dosing-day (FACTS K-DRIVE-1)", () => {
  test("one info finding per dosing day, keyed by the local date", () => {
    const doses = [
      dose("2026-03-15T09:00:00Z", { id: "a" }),
      dose("2026-03-22T09:00:00Z", { id: "b" }),
      dose("2026-03-22T10:00:00Z", {
        id: "c",
        substance: "lsd",
        amount: 5,
        unit: "µg",
        route: "sublingual",
      }),
    ];
    const findings = evaluate(dosingDay, journal({ doses }));
    assert.deepEqual(
      findings.map((f) => [f.key, f.severity, f.subjectId]),
      [
        ["dosing-day:2026-03-15", "info", "a"],
        ["dosing-day:2026-03-22", "info", "b"],
      ],
    );
    assert.match(findings[1]?.detail ?? "", /ketamine at 09:00 and LSD at 10:00/u);
    assert.match(findings[1]?.advice ?? "", /Do not drive.*Do not dose alone.*blood pressure/u);
  });

  test("active from the first dose until 24 h after the day's last dose", () => {
    const [finding] = evaluate(dosingDay, journal({ doses: [dose("2026-03-22T09:00:00Z")] }));
    assert.ok(finding);
    assert.equal(finding.activeUntil, "2026-03-23T09:00:00Z");
    assert.equal(isActive(finding, Temporal.Instant.from("2026-03-22T23:00:00Z")), true);
    assert.equal(isActive(finding, Temporal.Instant.from("2026-03-23T09:00:00Z")), false);
    assert.equal(isActive(finding, Temporal.Instant.from("2026-03-22T08:59:00Z")), false);
  });

  test("psychedelic-only days get the advice without the blood-pressure line", () => {
    const doses = [
      dose("2026-03-22T09:00:00Z", {
        substance: "mushrooms",
        amount: 0.1,
        unit: "g",
        route: "oral",
      }),
    ];
    const [finding] = evaluate(dosingDay, journal({ doses }));
    assert.doesNotMatch(finding?.advice ?? "", /blood pressure/u);
    assert.deepEqual(finding?.sources, ["K-DRIVE-1"]);
  });

  test("ketamine's words are for ketamine: an LSD day does not speak of dissociation and sedation", () => {
    const lsd = dose("2026-03-22T09:00:00Z", {
      substance: "lsd",
      amount: 5,
      unit: "µg",
      route: "sublingual",
    });
    const [lsdDay] = evaluate(dosingDay, journal({ doses: [lsd] }));
    assert.doesNotMatch(lsdDay?.detail ?? "", /dissociation|sedation/u);
    assert.match(lsdDay?.detail ?? "", /do not describe how LSD or psilocybin affect driving/u);
    const [ketamineDay] = evaluate(dosingDay, journal({ doses: [dose("2026-03-22T09:00:00Z")] }));
    assert.match(ketamineDay?.detail ?? "", /With ketamine, dissociation and sedation/u);
    assert.doesNotMatch(ketamineDay?.detail ?? "", /LSD/u);
  });

  test("no doses, no finding", () => {
    assert.deepEqual(evaluate(dosingDay, journal()), []);
  });
});
