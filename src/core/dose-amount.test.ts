import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveDoseAmount } from "./dose-amount.ts";
import { TitrateError } from "./errors.ts";
import type { Batch } from "./schemas/journal.ts";
import { getSubstance } from "./substances/catalog.ts";

const ketamine = getSubstance("ketamine");
const spray: Batch = {
  id: "bat_1",
  substance: "ketamine",
  label: "bottle A",
  form: "spray",
  concentrationMgPerMl: 50,
  mlPerSpray: 0.1,
  purityPercent: 85,
  createdAt: "2026-01-01T00:00:00Z",
  reagentTests: [],
};

test("an amount is converted to the substance's unit", () => {
  assert.equal(
    resolveDoseAmount(ketamine, { kind: "amount", amount: 7000, unit: "µg" }, null).amount,
    7,
  );
});

test("a volume of a solution batch becomes mg", () => {
  const result = resolveDoseAmount(
    ketamine,
    { kind: "volume", volumeMl: 0.7 },
    { ...spray, concentrationMgPerMl: 10 },
  );
  assert.equal(result.amount, 7);
  assert.equal(result.derivation, '0.7 ml of "bottle A" at 10 mg/ml');
});

test("an LSD solution batch is described in µg/ml, not 0.01 mg/ml", () => {
  const lsd = getSubstance("lsd");
  const result = resolveDoseAmount(
    lsd,
    { kind: "volume", volumeMl: 0.75 },
    { ...spray, substance: "lsd", concentrationMgPerMl: 0.01 },
  );
  assert.equal(result.amount, 7.5);
  assert.equal(result.unit, "µg");
  assert.equal(result.derivation, '0.75 ml of "bottle A" at 10 µg/ml');
});

test("sprays of a spray batch become mg; purity gives the active amount for information", () => {
  const result = resolveDoseAmount(ketamine, { kind: "sprays", sprays: 2 }, spray);
  assert.equal(result.amount, 10);
  assert.equal(result.activeAmount, 8.5);
});

test("a volume without a batch, or a batch without the data, is refused", () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof TitrateError);
      return e.code;
    }
    return "none";
  };
  assert.equal(
    code(() => resolveDoseAmount(ketamine, { kind: "volume", volumeMl: 0.7 }, null)),
    "BATCH_REQUIRED",
  );
  assert.equal(
    code(() =>
      resolveDoseAmount(ketamine, { kind: "sprays", sprays: 2 }, { ...spray, mlPerSpray: null }),
    ),
    "BATCH_INCOMPLETE",
  );
  assert.equal(
    code(() =>
      resolveDoseAmount(
        ketamine,
        { kind: "volume", volumeMl: 1 },
        { ...spray, concentrationMgPerMl: null },
      ),
    ),
    "BATCH_INCOMPLETE",
  );
});
