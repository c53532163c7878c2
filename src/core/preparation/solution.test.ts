import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { TitrateError } from "../errors.ts";
import { defaultTools, type MeasuringTools } from "./measurement.ts";
import { calculateSolution } from "./solution.ts";
import { MAX_PROPOSED_UNCERTAINTY, planSolution } from "./solution-plan.ts";

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof TitrateError);
    return error.code;
  }
  return "none";
}

describe("calculateSolution (FACTS MEAS-1, MEAS-2)", () => {
  test("100 mg in 10 ml gives 10 mg/ml; 7 mg is 0.7 ml; the bottle holds 14 doses", () => {
    const result = calculateSolution({
      massMg: 100,
      solutionVolumeMl: 10,
      doseMg: 7,
      tools: defaultTools,
    });
    assert.equal(result.concentrationMgPerMl, 10);
    assert.equal(result.doseVolumeMl, 0.7);
    assert.equal(result.deliveredMg, 7);
    assert.equal(result.doses, 14);
    // sqrt((0.5/100)² + (0.05/10)² + (0.005/0.7)²) = 0.010051
    assert.equal(result.relativeUncertainty, 0.010051);
    assert.ok(
      result.notes.some((n) => n.includes("estimate")),
      "says the uncertainty is an estimate",
    );
  });

  test("a stated scale accuracy replaces half a step", () => {
    const result = calculateSolution({
      massMg: 100,
      solutionVolumeMl: 10,
      doseMg: 7,
      tools: { ...defaultTools, scaleAccuracyMg: 2 },
    });
    // sqrt((2/100)² + (0.05/10)² + (0.005/0.7)²) = 0.021818
    assert.equal(result.relativeUncertainty, 0.021818);
  });

  test("a volume between graduations is rounded down, and what it delivers is stated", () => {
    const result = calculateSolution({
      massMg: 90,
      solutionVolumeMl: 10,
      doseMg: 7,
      tools: defaultTools,
    });
    assert.equal(result.doseVolumeMl, 0.77);
    assert.equal(result.deliveredMg, 6.93);
    assert.ok(result.notes.some((n) => n.includes("draw 0.77 ml")));
  });

  test("refuses a mass under 10 steps of the scale", () => {
    assert.equal(
      code(() =>
        calculateSolution({ massMg: 9, solutionVolumeMl: 10, doseMg: 0.9, tools: defaultTools }),
      ),
      "MEASUREMENT_TOO_COARSE",
    );
  });

  test("refuses a mass under 10 times the scale's stated accuracy", () => {
    const tools = { ...defaultTools, scaleAccuracyMg: 3 };
    assert.equal(
      code(() => calculateSolution({ massMg: 25, solutionVolumeMl: 10, doseMg: 2.5, tools })),
      "MEASUREMENT_TOO_COARSE",
    );
  });

  test("warns under 50 steps of the scale", () => {
    const result = calculateSolution({
      massMg: 30,
      solutionVolumeMl: 10,
      doseMg: 3,
      tools: defaultTools,
    });
    assert.ok(result.warnings.some((w) => w.includes("at least 50 steps")));
  });

  test("refuses a dose volume under 10 graduations of the syringe", () => {
    assert.equal(
      code(() =>
        calculateSolution({ massMg: 200, solutionVolumeMl: 1, doseMg: 7, tools: defaultTools }),
      ),
      "MEASUREMENT_TOO_COARSE",
    );
  });

  test("a dose smaller than one graduation says so, and how dilute a solution would do", () => {
    assert.throws(
      () =>
        calculateSolution({ massMg: 1000, solutionVolumeMl: 1, doseMg: 7, tools: defaultTools }),
      (e: unknown) =>
        e instanceof TitrateError &&
        e.field === "dose" &&
        /^dose: at 1000 mg\/ml, 7 mg is 0\.007 ml, smaller than one graduation \(0\.01 ml\) of the syringe; Titrate needs at least 10 \(FACTS MEAS-2\)\. Make a more dilute solution: at most 70 mg\/ml$/u.test(
          e.message,
        ),
    );
  });

  test("a dose of one graduation says it in the singular", () => {
    assert.throws(
      () => calculateSolution({ massMg: 700, solutionVolumeMl: 1, doseMg: 7, tools: defaultTools }),
      (e: unknown) =>
        e instanceof TitrateError &&
        /is 0\.01 ml, only 1 graduation of 0\.01 ml on the syringe;/u.test(e.message),
    );
  });

  test("warns above ketamine's known solubility of 200 mg/ml", () => {
    const result = calculateSolution({
      massMg: 1000,
      solutionVolumeMl: 4,
      doseMg: 14,
      tools: { ...defaultTools, syringeResolutionMl: 0.001 },
      solubilityMgPerMl: 200,
    });
    assert.ok(result.warnings.some((w) => w.includes("200 mg/ml")));
  });

  test("a counted tab adds no scale error", () => {
    const result = calculateSolution({
      massMg: 0.1,
      solutionVolumeMl: 10,
      doseMg: 0.01,
      tools: defaultTools,
      massIsCounted: true,
    });
    assert.equal(result.doseVolumeMl, 1);
    assert.equal(result.relativeUncertainty, 0.007071);
  });
});

describe("planSolution", () => {
  test("7 mg: 50 mg made up to 5 ml (10 mg/ml), 0.7 ml per dose, 7 doses", () => {
    const plan = planSolution({
      doseMg: 7,
      tools: defaultTools,
      intervalDays: 7,
      solubilityMgPerMl: 200,
    });
    assert.deepEqual(
      [
        plan.massMg,
        plan.solventVolumeMl,
        plan.concentrationMgPerMl,
        plan.doseVolumeMl,
        plan.doses,
        plan.lastsDays,
      ],
      [50, 5, 10, 0.7, 7, 49],
    );
    assert.equal(plan.relativeUncertainty, 0.015844);
  });

  test("an LSD tab of 100 µg in 10 ml gives 1 ml per 10 µg dose", () => {
    const plan = planSolution({ doseMg: 0.01, tools: defaultTools, tabMg: 0.1, intervalDays: 3 });
    assert.deepEqual(
      [plan.tabs, plan.solventVolumeMl, plan.doseVolumeMl, plan.doses],
      [1, 10, 1, 10],
    );
  });

  test("refuses when the scale is too coarse for the dose", () => {
    assert.equal(
      code(() => planSolution({ doseMg: 0.01, tools: defaultTools, intervalDays: 3 })),
      "PREPARATION_IMPOSSIBLE",
    );
  });

  test("property: every proposal meets the rules it promises", () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 600 }), (tenths) => {
        const doseMg = tenths / 10;
        let plan: ReturnType<typeof planSolution>;
        try {
          plan = planSolution({
            doseMg,
            tools: defaultTools,
            intervalDays: 7,
            solubilityMgPerMl: 200,
          });
        } catch (error) {
          assert.ok(error instanceof TitrateError);
          return;
        }
        assert.ok(plan.doseVolumeMl >= 0.2 && plan.doseVolumeMl <= 1);
        assert.ok(plan.relativeUncertainty <= MAX_PROPOSED_UNCERTAINTY);
        assert.ok(plan.massMg >= 50, "at least 50 steps of a 1 mg scale");
        assert.equal(plan.deliveredMg, doseMg, "the drawn volume holds exactly the dose");
        assert.ok(plan.concentrationMgPerMl <= 200);
      }),
    );
  });
});

describe("properties of the measuring math", () => {
  const graduation = fc.constantFrom(0.01, 0.02, 0.05, 0.1);

  test("volume → dose → volume returns the volume", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 2000 }),
        fc.integer({ min: 10, max: 1000 }),
        fc.integer({ min: 10, max: 100 }),
        (massMg, volumeTenthsMl, doseHundredthsMl) => {
          const solutionVolumeMl = volumeTenthsMl / 10;
          const doseVolumeMl = doseHundredthsMl / 100;
          const doseMg = (massMg / solutionVolumeMl) * doseVolumeMl;
          const result = calculateSolution({
            massMg,
            solutionVolumeMl,
            doseMg,
            tools: defaultTools,
          });
          assert.equal(result.doseVolumeMl, doseVolumeMl);
          assert.ok(Math.abs(result.deliveredMg - doseMg) < 1e-6);
        },
      ),
    );
  });

  test("the drawn volume never delivers more than the dose", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 2000 }),
        fc.integer({ min: 10, max: 1000 }),
        fc.double({ min: 0.5, max: 60, noNaN: true }),
        graduation,
        (massMg, volumeTenthsMl, doseMg, syringeResolutionMl) => {
          const tools = { ...defaultTools, syringeResolutionMl };
          try {
            const result = calculateSolution({
              massMg,
              solutionVolumeMl: volumeTenthsMl / 10,
              doseMg,
              tools,
            });
            assert.ok(result.deliveredMg <= doseMg + 1e-9);
          } catch (error) {
            assert.ok(error instanceof TitrateError);
          }
        },
      ),
    );
  });

  test("more precise tools never increase the uncertainty", () => {
    const tools = fc.record({
      scaleResolutionMg: fc.constantFrom(0.1, 1, 10),
      solventResolutionMl: fc.constantFrom(0.1, 0.5, 1),
      syringeResolutionMl: fc.constantFrom(0.01, 0.02, 0.05),
    });
    fc.assert(
      fc.property(
        tools,
        fc.integer({ min: 100, max: 2000 }),
        fc.integer({ min: 10, max: 50 }),
        fc.double({ min: 2, max: 30, noNaN: true }),
        fc.constantFrom(1, 2, 5, 10),
        (coarse: MeasuringTools, massMg, volumeMl, doseMg, factor) => {
          const fine: MeasuringTools = {
            scaleResolutionMg: coarse.scaleResolutionMg / factor,
            solventResolutionMl: coarse.solventResolutionMl / factor,
            syringeResolutionMl: coarse.syringeResolutionMl / factor,
          };
          let coarseResult: ReturnType<typeof calculateSolution>;
          try {
            coarseResult = calculateSolution({
              massMg,
              solutionVolumeMl: volumeMl,
              doseMg,
              tools: coarse,
            });
          } catch {
            return; // the coarse tools could not measure it at all
          }
          const fineResult = calculateSolution({
            massMg,
            solutionVolumeMl: volumeMl,
            doseMg,
            tools: fine,
          });
          assert.ok(fineResult.relativeUncertainty <= coarseResult.relativeUncertainty + 1e-9);
        },
      ),
    );
  });
});

describe("solutions of LSD, psilocybin and mushrooms (review)", () => {
  const errorOf = (fn: () => unknown): TitrateError => {
    try {
      fn();
    } catch (error) {
      assert.ok(error instanceof TitrateError);
      return error;
    }
    assert.fail("expected a TitrateError");
  };

  test("dried mushroom is refused: powder in water settles (FACTS P-DOSE-2)", () => {
    const notDissolved = "dried mushroom does not dissolve in water";
    for (const fn of [
      () =>
        calculateSolution({
          massMg: 1000,
          solutionVolumeMl: 10,
          doseMg: 100,
          tools: defaultTools,
          notDissolved,
        }),
      () => planSolution({ doseMg: 100, tools: defaultTools, intervalDays: 3, notDissolved }),
    ]) {
      const error = errorOf(fn);
      assert.equal(error.code, "PREPARATION_IMPOSSIBLE");
      assert.match(error.message, /does not dissolve/);
    }
  });

  test("LSD messages give µg, never 0.01 mg", () => {
    const coarse = errorOf(() =>
      calculateSolution({
        massMg: 0.1,
        solutionVolumeMl: 10,
        doseMg: 0.005,
        tools: { ...defaultTools, syringeResolutionMl: 0.1 },
        massIsCounted: true,
        unit: "µg",
      }),
    );
    assert.match(coarse.message, /at 10 µg\/ml, 5 µg is 0\.5 ml/);
    assert.match(coarse.message, /at most 5 µg\/ml/);
    assert.doesNotMatch(coarse.message, /mg/);
    const impossible = errorOf(() =>
      planSolution({ doseMg: 0.01, tools: defaultTools, intervalDays: 3, unit: "µg" }),
    );
    assert.match(impossible.message, /no solution of 10 µg doses/);
    const tabs = errorOf(() =>
      planSolution({
        doseMg: 0.005,
        tabMg: 0.001,
        tools: defaultTools,
        intervalDays: 3,
        unit: "µg",
      }),
    );
    assert.match(tabs.message, /with tabs of 1 µg/);
    assert.doesNotMatch(tabs.message, /finer scale/);
  });

  test("a draw over 1 ml says how many goes a 1 ml syringe takes (10 ml is 10, not 2)", () => {
    const result = calculateSolution({
      massMg: 0.1,
      solutionVolumeMl: 100,
      doseMg: 0.01,
      tools: defaultTools,
      massIsCounted: true,
      unit: "µg",
    });
    assert.equal(result.doseVolumeMl, 10);
    assert.ok(
      result.warnings.some((w) => w.includes("draw it in 10 goes")),
      result.warnings.join(),
    );
  });
});
