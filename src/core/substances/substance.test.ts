import assert from "node:assert/strict";
import { test } from "node:test";
import { getSubstance } from "./catalog.ts";
import { usualIntervalDays } from "./substance.ts";

test("the usual spacing: ketamine every 7 days (K-DOSE-2), psychedelics Fadiman's 3 (P-PROT-1)", () => {
  assert.equal(usualIntervalDays(getSubstance("ketamine")), 7);
  for (const id of ["lsd", "psilocybin", "mushrooms"] as const) {
    assert.equal(usualIntervalDays(getSubstance(id)), 3, id);
    assert.ok(usualIntervalDays(getSubstance(id)) >= getSubstance(id).minIntervalDays, id);
  }
  assert.ok(
    usualIntervalDays(getSubstance("ketamine")) >= getSubstance("ketamine").minIntervalDays,
  );
});
