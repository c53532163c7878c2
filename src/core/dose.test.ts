import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { calculateDose, checkAmountAgainstCeiling, parseDoseTarget } from "./dose.ts";
import { TitrateError } from "./errors.ts";
import { getSubstance, substances } from "./substances/catalog.ts";
import { parseQuantity, toBase } from "./units.ts";

const ketamine = getSubstance("ketamine");
const lsd = getSubstance("lsd");
const mushrooms = getSubstance("mushrooms");
const psilocybin = getSubstance("psilocybin");

function refusal(fn: () => unknown): TitrateError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof TitrateError);
    return error;
  }
  assert.fail("expected a refusal");
}

describe("ketamine by body weight (FACTS K-DOSE-1)", () => {
  test("70 kg gives a start of 7 mg and a ceiling of 14 mg", () => {
    const result = calculateDose({ substance: ketamine, weightKg: 70 });
    assert.equal(result.start, 7);
    assert.equal(result.ceiling, 14);
    assert.equal(result.target, 7, "the target is the start when none is asked for");
    assert.equal(result.unit, "mg");
    assert.equal(result.route, "nasal");
    assert.ok(result.sources.includes("K-DOSE-1"));
  });

  test("154 lb (69.853 kg) rounds down to a start of 6.9 mg and a ceiling of 13.9 mg", () => {
    const weightKg = toBase(parseQuantity("154lb", "body-weight", "weight"));
    const result = calculateDose({ substance: ketamine, weightKg });
    assert.equal(result.weightKg, 69.853);
    assert.equal(result.start, 6.9);
    assert.equal(result.ceiling, 13.9);
  });

  test("a target equal to the ceiling is allowed", () => {
    const result = calculateDose({
      substance: ketamine,
      weightKg: 70,
      target: { kind: "per-kg", perKg: 0.2 },
    });
    assert.equal(result.target, 14);
  });

  test("refuses a target above 0.2 mg/kg and names the ceiling", () => {
    const error = refusal(() =>
      calculateDose({ substance: ketamine, weightKg: 70, target: { kind: "per-kg", perKg: 0.21 } }),
    );
    assert.equal(error.code, "DOSE_ABOVE_CEILING");
    assert.equal(error.field, "target");
    assert.match(error.message, /0\.2 mg\/kg \(14\.0 mg for 70 kg\)/);
  });

  test("names the weight as given, to two decimals, not rounded to 70 kg", () => {
    const error = refusal(() =>
      calculateDose({
        substance: ketamine,
        weightKg: 69.99,
        target: { kind: "amount", amount: 14 },
      }),
    );
    assert.equal(error.code, "DOSE_ABOVE_CEILING");
    assert.match(error.message, /\(13\.9 mg for 69\.99 kg\)/);
  });

  test("refuses an absolute target above the person's ceiling, never clamps it", () => {
    const error = refusal(() =>
      calculateDose({
        substance: ketamine,
        weightKg: 70,
        target: { kind: "amount", amount: 14.1 },
      }),
    );
    assert.equal(error.code, "DOSE_ABOVE_CEILING");
  });

  test("rounds a target down to 0.1 mg and says so", () => {
    const result = calculateDose({
      substance: ketamine,
      weightKg: 69.853,
      target: { kind: "per-kg", perKg: 0.15 },
    });
    assert.equal(result.target, 10.4); // 10.478 mg rounded down
    assert.ok(result.notes.some((n) => n.includes("Rounded down to 10.4 mg")));
  });

  test("needs a weight", () => {
    const error = refusal(() => calculateDose({ substance: ketamine }));
    assert.equal(error.code, "WEIGHT_REQUIRED");
    assert.equal(error.field, "weight");
  });

  test("refuses an implausible weight even from code", () => {
    assert.equal(
      refusal(() => calculateDose({ substance: ketamine, weightKg: 3000 })).code,
      "QUANTITY_IMPLAUSIBLE",
    );
  });

  test("shows the absorbed fraction by route but never changes the ceiling (FACTS DESIGN-1)", () => {
    const oral = calculateDose({ substance: ketamine, weightKg: 70, route: "oral" });
    const iv = calculateDose({ substance: ketamine, weightKg: 70, route: "iv" });
    assert.equal(oral.ceiling, iv.ceiling);
    assert.deepEqual(oral.absorbed, { low: 1.4, high: 1.75 });
    assert.equal(oral.route, "oral");
  });

  test("refuses a route the substance does not list", () => {
    const error = refusal(() =>
      calculateDose({ substance: ketamine, weightKg: 70, route: "smoked" }),
    );
    assert.equal(error.code, "ROUTE_UNKNOWN");
    assert.equal(error.field, "route");
  });

  test("refuses a target that rounds to nothing", () => {
    const error = refusal(() =>
      calculateDose({
        substance: ketamine,
        weightKg: 70,
        target: { kind: "amount", amount: 0.05 },
      }),
    );
    assert.equal(error.code, "MEASUREMENT_TOO_COARSE");
  });
});

describe("psychedelics by absolute amount (FACTS P-DOSE-1, P-DOSE-2)", () => {
  test("LSD: start 5 µg, ceiling 20 µg, step 1 µg", () => {
    const result = calculateDose({ substance: lsd });
    assert.deepEqual([result.start, result.ceiling, result.unit], [5, 20, "µg"]);
    assert.equal(
      calculateDose({ substance: lsd, target: { kind: "amount", amount: 12.7 } }).target,
      12,
    );
    assert.equal(
      refusal(() => calculateDose({ substance: lsd, target: { kind: "amount", amount: 21 } })).code,
      "DOSE_ABOVE_CEILING",
    );
  });

  test("dried mushrooms: start 0.1 g, ceiling 0.3 g, step 0.01 g", () => {
    const result = calculateDose({
      substance: mushrooms,
      target: { kind: "amount", amount: 0.255 },
    });
    assert.deepEqual([result.start, result.ceiling, result.target], [0.1, 0.3, 0.25]);
    // FACTS P-DOSE-1 marks the mushroom range ⚠ (grey literature): it is shown as guidance.
    assert.ok(
      result.notes.some((n) => /grey literature.*P-DOSE-1 ⚠/u.test(n)),
      result.notes.join("\n"),
    );
  });

  test("psilocybin: start 1 mg, ceiling 3 mg", () => {
    const result = calculateDose({ substance: psilocybin });
    assert.deepEqual([result.start, result.ceiling], [1, 3]);
  });

  test("refuses a per-kg target for a substance not dosed by weight", () => {
    const error = refusal(() =>
      calculateDose({ substance: lsd, target: { kind: "per-kg", perKg: 0.1 } }),
    );
    assert.equal(error.field, "target");
  });
});

describe("parseDoseTarget", () => {
  test("reads per-kg and absolute targets into the substance's unit", () => {
    assert.deepEqual(parseDoseTarget("0.15mg/kg", ketamine), { kind: "per-kg", perKg: 0.15 });
    assert.deepEqual(parseDoseTarget("150ug/kg", ketamine), { kind: "per-kg", perKg: 0.15 });
    assert.deepEqual(parseDoseTarget("0.01mg", lsd), { kind: "amount", amount: 10 });
    assert.deepEqual(parseDoseTarget("200mg", mushrooms), { kind: "amount", amount: 0.2 });
  });
});

describe("checkAmountAgainstCeiling", () => {
  test("without a weight, refuses only what is above the ceiling at 300 kg", () => {
    assert.equal(checkAmountAgainstCeiling(ketamine, 60, undefined).length, 1);
    assert.equal(
      refusal(() => checkAmountAgainstCeiling(ketamine, 60.1, undefined)).code,
      "DOSE_ABOVE_CEILING",
    );
  });

  test("with a weight, uses the person's ceiling and names the field", () => {
    assert.deepEqual(checkAmountAgainstCeiling(ketamine, 14, 70), []);
    const error = refusal(() => checkAmountAgainstCeiling(ketamine, 14.5, 70));
    assert.equal(error.field, "dose");
    assert.match(error.message, /^dose:/);
  });
});

describe("properties", () => {
  test("no computed dose exceeds its ceiling, for any weight and per-kg target", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 30, max: 300, noNaN: true }),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        fc.constantFrom(
          "nasal",
          "oral",
          "sublingual",
          "insufflated",
          "intramuscular",
          "intravenous",
        ),
        (weightKg, perKg, route) => {
          let result: ReturnType<typeof calculateDose>;
          try {
            result = calculateDose({
              substance: ketamine,
              weightKg,
              target: { kind: "per-kg", perKg },
              route,
            });
          } catch (error) {
            assert.ok(error instanceof TitrateError);
            if (error.code === "DOSE_ABOVE_CEILING") {
              assert.ok(perKg > 0.2, `refused ${perKg} mg/kg`);
              return;
            }
            assert.equal(error.code, "MEASUREMENT_TOO_COARSE");
            return;
          }
          assert.ok(perKg <= 0.2 + 1e-12);
          assert.ok(result.target <= result.ceiling, `${result.target} <= ${result.ceiling}`);
          assert.ok(result.ceiling <= 0.2 * weightKg + 1e-9);
          assert.ok(result.start <= result.ceiling);
          assert.ok(result.target <= perKg * weightKg + 1e-9, "never rounded up");
        },
      ),
    );
  });

  test("no absolute target above any substance's ceiling is ever returned", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...substances),
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        (substance, amount) => {
          try {
            const result = calculateDose({
              substance,
              weightKg: 80,
              target: { kind: "amount", amount },
            });
            assert.ok(result.target <= result.ceiling);
          } catch (error) {
            assert.ok(error instanceof TitrateError);
          }
        },
      ),
    );
  });
});
