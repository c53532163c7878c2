import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../errors.ts";
import type { Cycle, PlanDraft, Protocol } from "../schemas/plan.ts";
import { weekdayIds } from "../schemas/plan.ts";
import { getSubstance } from "../substances/catalog.ts";
import {
  assertTargetCheckable,
  pastOccurrencesWarning,
  previewPlan,
  toPlanDraft,
} from "./preview.ts";
import { planWith } from "./test-plans.ts";

function refusal(fn: () => unknown): TitrateError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof TitrateError, String(error));
    return error;
  }
  assert.fail("expected a refusal");
}

describe("the minimum interval", () => {
  test("refuses ketamine every 3 days, naming the 5-day minimum and its FACTS source", () => {
    const error = refusal(() =>
      previewPlan(planWith({ protocol: { kind: "every-n-days", intervalDays: 3 } })),
    );
    assert.equal(error.code, "PLAN_INTERVAL_TOO_SHORT");
    assert.equal(error.status, 422);
    assert.equal(error.field, "protocol");
    assert.match(error.message, /3 days apart/);
    assert.match(error.message, /minimum is 5 days/);
    assert.match(error.message, /FACTS K-DOSE-2/);
  });

  test("refuses for ketamine every protocol that puts doses under 5 days apart", () => {
    const tooClose: Protocol[] = [
      { kind: "fadiman" },
      { kind: "stamets" },
      { kind: "every-other-day" },
      { kind: "every-n-days", intervalDays: 4 },
      { kind: "weekdays", weekdays: ["mon", "thu"] },
      { kind: "pattern", pattern: "1001000" },
      { kind: "pattern", pattern: "100001" }, // wraps around: 1 day from the last 1 to the next first
    ];
    for (const protocol of tooClose) {
      assert.equal(
        refusal(() => previewPlan(planWith({ protocol }))).code,
        "PLAN_INTERVAL_TOO_SHORT",
        JSON.stringify(protocol),
      );
    }
  });

  test("plans ketamine every 5, 6 and 7 days and on one weekday", () => {
    const fine: Protocol[] = [
      { kind: "every-n-days", intervalDays: 5 },
      { kind: "every-n-days", intervalDays: 7 },
      { kind: "weekdays", weekdays: ["sat"] },
      { kind: "pattern", pattern: "1000000" },
    ];
    for (const protocol of fine) {
      const preview = previewPlan(planWith({ protocol }));
      assert.deepEqual(preview.warnings, []);
    }
  });

  test("with acceptRisk, plans it and carries a warning that names the minimum", () => {
    const preview = previewPlan(
      planWith({ protocol: { kind: "every-n-days", intervalDays: 3 }, acceptRisk: true }),
    );
    assert.equal(preview.occurrences.length, 3);
    assert.equal(preview.shortestSpacingDays, 3);
    assert.equal(preview.intervalDays, 3);
    const [warning] = preview.warnings;
    assert.equal(warning?.code, "PLAN_RISK_ACCEPTED");
    assert.match(warning?.message ?? "", /3 days apart, closer than Titrate's minimum of 5 days/);
    assert.ok(warning?.facts.includes("K-DOSE-2"));
  });

  test("the checked plan names the substance by its catalog id and the zone canonically", () => {
    const preview = previewPlan(planWith({ substance: "K", timeZone: "europe/london" }));
    assert.equal(preview.plan.substance, "ketamine");
    assert.equal(preview.plan.timeZone, "Europe/London");
  });

  test("a stored plan goes through as its draft fields", () => {
    const stored = { ...planWith({ target: { amount: 7, unit: "mg" } }), id: "p1", endedAt: null };
    assert.equal(previewPlan(toPlanDraft(stored), { weightKg: 70 }).dose?.amount, 7);
  });

  test("an unknown field is refused by name", () => {
    const error = refusal(() => previewPlan({ ...planWith(), dose: 7 }));
    assert.equal(error.code, "VALIDATION_FAILED");
    assert.equal(error.field, "dose");
  });

  test("psychedelic protocols with consecutive days are within their 1-day minimum", () => {
    for (const substance of ["lsd", "psilocybin", "mushrooms"]) {
      const preview = previewPlan(planWith({ substance, protocol: { kind: "stamets" } }));
      assert.equal(preview.minIntervalDays, 1);
      assert.deepEqual(preview.warnings, []);
    }
  });
});

describe("the dose of a plan", () => {
  test("ketamine without a target or a weight: no dose is proposed, and no warning", () => {
    const preview = previewPlan(planWith());
    assert.equal(preview.dose, null);
    assert.equal(preview.plan.target, undefined);
    assert.deepEqual(preview.warnings, []);
  });

  test("ketamine with a weight and no target: the start dose, 0.1 mg/kg (FACTS K-DOSE-1)", () => {
    const preview = previewPlan(planWith(), { weightKg: 70 });
    assert.deepEqual(preview.dose, { amount: 7, unit: "mg", isStartDose: true });
  });

  test("a ketamine target above 0.2 mg/kg is refused, never clamped", () => {
    const error = refusal(() =>
      previewPlan(planWith({ target: { amount: 15, unit: "mg" } }), { weightKg: 70 }),
    );
    assert.equal(error.code, "DOSE_ABOVE_CEILING");
    assert.equal(error.field, "target");
    assert.match(error.message, /14\.0 mg for 70 kg/);
  });

  test("a ketamine target without a weight is checked against the heaviest ceiling and warned about", () => {
    const preview = previewPlan(planWith({ target: { amount: 10, unit: "mg" } }));
    assert.deepEqual(preview.dose, { amount: 10, unit: "mg", isStartDose: false });
    assert.deepEqual(
      preview.warnings.map((w) => w.code),
      ["TARGET_NOT_CHECKED"],
    );
    assert.match(preview.warnings[0]?.message ?? "", /0\.2 mg\/kg/);
    assert.equal(
      refusal(() => previewPlan(planWith({ target: { amount: 61, unit: "mg" } }))).code,
      "DOSE_ABOVE_CEILING",
    );
  });

  test("assertTargetCheckable refuses that unchecked target (WEIGHT_REQUIRED), and nothing else", () => {
    const unchecked = previewPlan(planWith({ target: { amount: 10, unit: "mg" } }));
    const error = refusal(() => assertTargetCheckable(unchecked));
    assert.equal(error.code, "WEIGHT_REQUIRED");
    assert.equal(error.field, "weight");
    assert.match(error.message, /ceiling of 0\.2 mg\/kg \(FACTS K-DOSE-1\); set your weight/u);
    assertTargetCheckable(previewPlan(planWith()));
    assertTargetCheckable(
      previewPlan(planWith({ target: { amount: 7, unit: "mg" } }), { weightKg: 70 }),
    );
  });

  test("pastOccurrencesWarning counts the doses before now", () => {
    const preview = previewPlan(planWith({ end: { kind: "count", count: 4 } }), { weightKg: 70 });
    const at = (i: number) => Temporal.Instant.from(preview.occurrences[i]?.at ?? "");
    assert.equal(pastOccurrencesWarning(preview, at(0)), null);
    assert.match(
      pastOccurrencesWarning(preview, at(2))?.message ?? "",
      /^2 of the 4 planned doses are already in the past/u,
    );
    assert.match(
      pastOccurrencesWarning(preview, at(3).add({ hours: 1 }))?.message ?? "",
      /^All 4 planned doses are already in the past/u,
    );
    assert.match(
      pastOccurrencesWarning(preview, at(1))?.message ?? "",
      /^1 of the 4 planned doses is already in the past \(the plan starts on [\d-]+\): it counts as missed unless you logged it\./u,
    );
    const one = previewPlan(planWith({ end: { kind: "count", count: 1 } }), { weightKg: 70 });
    assert.match(
      pastOccurrencesWarning(
        one,
        Temporal.Instant.from(one.occurrences[0]?.at ?? "").add({ hours: 1 }),
      )?.message ?? "",
      /^The one planned dose is already in the past .*: it counts as missed unless you logged it\./u,
    );
  });

  test("LSD: start 5 µg by default; 25 µg is refused; 0.01 mg is read as 10 µg", () => {
    const lsd = (target?: PlanDraft["target"]) =>
      planWith({ substance: "lsd", protocol: { kind: "fadiman" }, ...(target ? { target } : {}) });
    assert.deepEqual(previewPlan(lsd()).dose, { amount: 5, unit: "µg", isStartDose: true });
    assert.equal(
      refusal(() => previewPlan(lsd({ amount: 25, unit: "µg" }))).code,
      "DOSE_ABOVE_CEILING",
    );
    const preview = previewPlan(lsd({ amount: 0.01, unit: "mg" }));
    assert.deepEqual(preview.dose, { amount: 10, unit: "µg", isStartDose: false });
    assert.deepEqual(
      preview.warnings.map((w) => w.code),
      ["TARGET_ABOVE_START"],
    );
  });

  test("a target between steps is rounded down and says so", () => {
    const preview = previewPlan(planWith({ target: { amount: 7.25, unit: "mg" } }), {
      weightKg: 70,
    });
    assert.equal(preview.dose?.amount, 7.2);
    assert.ok(preview.warnings.some((w) => w.code === "TARGET_ROUNDED"));
  });
});

describe("other warnings", () => {
  test("no cycle for longer than the default weeks on: a warning about breaks (FACTS P-PROT-2)", () => {
    const preview = previewPlan(planWith({ end: { kind: "count", count: 8 } }));
    const warning = preview.warnings.find((w) => w.code === "PLAN_NO_BREAKS");
    assert.ok(warning);
    assert.match(warning.message, /FACTS K-TOL-1/);
    assert.match(warning.message, /FACTS P-PROT-2/);
    assert.deepEqual(
      previewPlan(
        planWith({ end: { kind: "count", count: 8 }, cycle: { weeksOn: 4, weeksOff: 2 } }),
      ).warnings,
      [],
    );
  });

  test("a cycle outside 4–8 weeks on, 2–4 off is a warning once the plan reaches it (FACTS P-PROT-2)", () => {
    const codes = (cycle: { weeksOn: number; weeksOff: number }, count: number) =>
      previewPlan(planWith({ end: { kind: "count", count }, cycle })).warnings.map((w) => w.code);
    // Ketamine every 7 days: 20 doses span 19 weeks.
    const long = previewPlan(
      planWith({ end: { kind: "count", count: 20 }, cycle: { weeksOn: 12, weeksOff: 1 } }),
    ).warnings.find((w) => w.code === "PLAN_CYCLE_OUTSIDE");
    assert.ok(long);
    assert.match(long.message, /12 weeks on is longer than 8, and 1 week off is shorter than 2/);
    assert.match(long.message, /FACTS P-PROT-2/);
    assert.ok(codes({ weeksOn: 4, weeksOff: 1 }, 8).includes("PLAN_CYCLE_OUTSIDE"));
    assert.ok(codes({ weeksOn: 9, weeksOff: 2 }, 20).includes("PLAN_CYCLE_OUTSIDE"));
    // Within P-PROT-2, or a plan too short to reach the cycle's edge: no warning.
    assert.ok(!codes({ weeksOn: 8, weeksOff: 2 }, 20).includes("PLAN_CYCLE_OUTSIDE"));
    assert.ok(!codes({ weeksOn: 4, weeksOff: 4 }, 20).includes("PLAN_CYCLE_OUTSIDE"));
    assert.ok(!codes({ weeksOn: 12, weeksOff: 1 }, 3).includes("PLAN_CYCLE_OUTSIDE"));
  });

  test("a dose inside a clock gap is explained", () => {
    const preview = previewPlan(
      planWith({ startDate: "2026-03-08", localTime: "02:30", timeZone: "America/New_York" }),
    );
    assert.deepEqual(
      preview.warnings.map((w) => w.code),
      ["CLOCK_GAP"],
    );
    assert.match(preview.warnings[0]?.message ?? "", /^2026-03-08: 02:30 does not exist.*03:30/);
  });

  test("an unknown substance is refused by name", () => {
    assert.equal(
      refusal(() => previewPlan(planWith({ substance: "caffeine" }))).code,
      "SUBSTANCE_UNKNOWN",
    );
  });
});

describe("property: no plan without acceptRisk puts doses closer than the minimum", () => {
  const protocol: fc.Arbitrary<Protocol> = fc.oneof(
    fc.integer({ min: 1, max: 21 }).map((intervalDays) => ({
      kind: "every-n-days" as const,
      intervalDays,
    })),
    fc.constant({ kind: "fadiman" as const }),
    fc.constant({ kind: "stamets" as const }),
    fc.constant({ kind: "every-other-day" as const }),
    fc
      .subarray([...weekdayIds], { minLength: 1 })
      .map((weekdays) => ({ kind: "weekdays" as const, weekdays })),
    fc
      .array(fc.constantFrom("0", "1"), { minLength: 2, maxLength: 21 })
      .filter((bits) => bits.includes("1"))
      .map((bits) => ({ kind: "pattern" as const, pattern: bits.join("") })),
  );
  const cycle: fc.Arbitrary<Cycle | null> = fc.option(
    fc.record({
      weeksOn: fc.integer({ min: 1, max: 8 }),
      weeksOff: fc.integer({ min: 1, max: 4 }),
    }),
  );
  // Zones whose clocks change by at most an hour (Lord Howe by half an hour).
  const zone = fc.constantFrom(
    "UTC",
    "Europe/London",
    "America/New_York",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Asia/Tokyo",
    "America/Santiago",
  );
  const startDate = fc
    .integer({ min: 0, max: 3 * 365 })
    .map((days) => Temporal.PlainDate.from("2025-01-01").add({ days }).toString());
  const localTime = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
    .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);

  test("consecutive doses are at least the minimum apart in local days, and in hours but for a clock change", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("ketamine", "lsd", "psilocybin", "mushrooms"),
        protocol,
        cycle,
        zone,
        startDate,
        localTime,
        fc.integer({ min: 2, max: 60 }),
        (substance, protocol, cycle, timeZone, startDate, localTime, count) => {
          const plan = planWith({
            substance,
            protocol,
            cycle,
            timeZone,
            startDate,
            localTime,
            end: { kind: "count", count },
          });
          let preview: ReturnType<typeof previewPlan>;
          try {
            preview = previewPlan(plan);
          } catch (error) {
            if (error instanceof TitrateError && error.code === "PLAN_INTERVAL_TOO_SHORT") return;
            if (error instanceof TitrateError && error.code === "VALIDATION_FAILED") return;
            throw error;
          }
          const minDays = getSubstance(substance).minIntervalDays;
          const occurrences = preview.occurrences;
          for (let i = 1; i < occurrences.length; i++) {
            const a = occurrences[i - 1];
            const b = occurrences[i];
            assert.ok(a && b);
            const days = Temporal.PlainDate.from(a.date).until(b.date).days;
            assert.ok(days >= minDays, `${a.date} → ${b.date} is ${days} days`);
            const hours = Temporal.Instant.from(a.at).until(b.at).total("hours");
            assert.ok(hours >= minDays * 24 - 1, `${a.at} → ${b.at} is ${hours} h`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test("a refused plan is planned with acceptRisk, and then always carries the warning", () => {
    fc.assert(
      fc.property(protocol, cycle, (protocol, cycle) => {
        const plan = planWith({ protocol, cycle });
        let refused = false;
        try {
          previewPlan(plan);
        } catch (error) {
          if (!(error instanceof TitrateError)) throw error;
          if (error.code !== "PLAN_INTERVAL_TOO_SHORT") return;
          refused = true;
        }
        const accepted = previewPlan({ ...plan, acceptRisk: true });
        assert.equal(
          accepted.warnings.some((w) => w.code === "PLAN_RISK_ACCEPTED"),
          refused,
        );
      }),
      { numRuns: 200 },
    );
  });
});
