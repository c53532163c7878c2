import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { TitrateError } from "../errors.ts";
import { calculateSpray } from "./spray.ts";

describe("calculateSpray (FACTS MEAS-3)", () => {
  test("50 mg/ml at 0.1 ml per spray: 5 mg a spray; 14 mg is 2 sprays delivering 10 mg", () => {
    const result = calculateSpray({
      concentrationMgPerMl: 50,
      volume: { kind: "volume", mlPerSpray: 0.1 },
      doseMg: 14,
    });
    assert.equal(result.mgPerSpray, 5);
    assert.equal(result.sprays, 2);
    assert.equal(result.deliveredMg, 10);
    assert.deepEqual(result.alternatives, [
      { sprays: 1, concentrationMgPerMl: 140 },
      { sprays: 2, concentrationMgPerMl: 70 },
      { sprays: 3, concentrationMgPerMl: 46.6 },
      { sprays: 4, concentrationMgPerMl: 35 },
    ]);
  });

  test("10 sprays per ml is 0.1 ml per spray", () => {
    const result = calculateSpray({
      concentrationMgPerMl: 50,
      volume: { kind: "sprays-per-ml", spraysPerMl: 10 },
      doseMg: 14,
    });
    assert.equal(result.mlPerSpray, 0.1);
    assert.equal(result.sprays, 2);
  });

  test("a calibration of 10 sprays weighing 1.02 g gives 0.102 ml per spray", () => {
    const result = calculateSpray({
      concentrationMgPerMl: 50,
      volume: { kind: "calibration", sprays: 10, massG: 1.02 },
      doseMg: 14,
    });
    assert.equal(result.mlPerSpray, 0.102);
    assert.equal(result.mgPerSpray, 5.1);
    assert.equal(result.deliveredMg, 10.2);
  });

  test("the esketamine device: 28 mg in 0.2 ml over 2 sprays is 14 mg a spray", () => {
    const result = calculateSpray({
      concentrationMgPerMl: 140,
      volume: { kind: "volume", mlPerSpray: 0.1 },
      doseMg: 28,
    });
    assert.equal(result.mgPerSpray, 14);
    assert.equal(result.sprays, 2);
    assert.equal(result.deliveredMg, 28);
  });

  test("when one spray is more than the dose, it says so and gives 0 sprays", () => {
    const result = calculateSpray({
      concentrationMgPerMl: 100,
      volume: { kind: "volume", mlPerSpray: 0.1 },
      doseMg: 7,
    });
    assert.equal(result.sprays, 0);
    assert.equal(result.deliveredMg, 0);
    assert.ok(result.warnings[0]?.includes("more than your dose"));
  });

  test("without a known pump volume it assumes 0.1 ml and asks for a calibration", () => {
    const result = calculateSpray({
      concentrationMgPerMl: 50,
      volume: { kind: "assumed" },
      doseMg: 10,
    });
    assert.equal(result.mlPerSpray, 0.1);
    assert.ok(result.warnings.some((w) => w.includes("Calibrate")));
  });

  test("drops alternatives above the known solubility", () => {
    const result = calculateSpray({
      concentrationMgPerMl: 50,
      volume: { kind: "volume", mlPerSpray: 0.05 },
      doseMg: 14,
      solubilityMgPerMl: 200,
    });
    assert.deepEqual(
      result.alternatives.map((a) => a.sprays),
      [2, 3, 4],
    );
  });

  test("refuses an implausible pump volume", () => {
    assert.throws(
      () =>
        calculateSpray({
          concentrationMgPerMl: 50,
          volume: { kind: "volume", mlPerSpray: 5 },
          doseMg: 14,
        }),
      (e: unknown) => e instanceof TitrateError && e.code === "QUANTITY_IMPLAUSIBLE",
    );
  });

  test("refuses more than 0.5 ml a spray, and more than 20 sprays for a dose", () => {
    const refused = (mlPerSpray: number, concentrationMgPerMl: number, doseMg: number) => {
      try {
        calculateSpray({ concentrationMgPerMl, volume: { kind: "volume", mlPerSpray }, doseMg });
      } catch (e) {
        return e instanceof TitrateError ? e : undefined;
      }
      return undefined;
    };
    assert.equal(refused(0.6, 50, 14)?.code, "QUANTITY_IMPLAUSIBLE");
    assert.equal(refused(0.5, 10, 14)?.code, undefined, "0.5 ml is the limit, allowed");
    const many = refused(0.1, 1, 14);
    assert.equal(many?.code, "PREPARATION_IMPOSSIBLE");
    assert.match(
      many?.message ?? "",
      /would be 140 sprays; Titrate plans at most 20.*35 mg\/ml makes it 4 sprays/u,
    );
    assert.equal(refused(0.1, 7, 14)?.code, undefined, "20 sprays is allowed");
  });

  test("a large shortfall is said in mg and per cent, with the right verb", () => {
    const one = calculateSpray({
      concentrationMgPerMl: 100,
      volume: { kind: "volume", mlPerSpray: 0.1 },
      doseMg: 14,
    });
    assert.equal(one.sprays, 1);
    assert.ok(
      one.notes.includes(
        "1 spray delivers 10 mg: 4 mg (28 %) under your dose of 14 mg; a spray more would exceed it. For the dose exactly, see the alternatives.",
      ),
      one.notes.join("\n"),
    );
  });

  test("property: the sprays never exceed the dose, and one more would", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 200, noNaN: true }),
        fc.double({ min: 0.03, max: 0.2, noNaN: true }),
        fc.double({ min: 0.5, max: 60, noNaN: true }),
        (concentrationMgPerMl, mlPerSpray, doseMg) => {
          fc.pre(doseMg / (concentrationMgPerMl * mlPerSpray) < 20);
          const result = calculateSpray({
            concentrationMgPerMl,
            volume: { kind: "volume", mlPerSpray },
            doseMg,
          });
          const perSpray = concentrationMgPerMl * mlPerSpray;
          assert.ok(result.sprays * perSpray <= doseMg * (1 + 1e-9));
          assert.ok((result.sprays + 1) * perSpray > doseMg * (1 - 1e-9));
          for (const alt of result.alternatives) {
            assert.ok(alt.sprays * alt.concentrationMgPerMl * mlPerSpray <= doseMg * (1 + 1e-9));
          }
        },
      ),
    );
  });
});
