import assert from "node:assert/strict";
import { test } from "node:test";
import { assertClose } from "./fixtures.ts";
import { incompleteBeta, inverseIncompleteBeta, lnGamma } from "./special-functions.ts";

// Reference values: SciPy 1.17.1, scipy.special.gammaln and scipy.special.betainc(a, b, x).
test("ln Γ matches scipy.special.gammaln", () => {
  const cases: [number, number][] = [
    [0.5, 0.5723649429247], // ln √π
    [1, 0],
    [1.5, -0.12078223763524526],
    [2.5, 0.2846828704729192],
    [10, 12.801827480081469], // ln 9! = ln 362880
    [100.3, 360.5147057290581],
    [1e5, 1051287.7089736569],
  ];
  for (const [x, expected] of cases) assertClose(lnGamma(x), expected, 1e-13, `lnΓ(${x})`);
});

test("the regularised incomplete beta function matches scipy.special.betainc", () => {
  const cases: [number, number, number, number][] = [
    [0.3, 2, 3, 0.34829999999999994], // by hand: 6x² − 8x³ + 3x⁴ = 0.3483
    [0.5, 0.5, 0.5, 0.5],
    [0.9, 10, 0.5, 0.15164090963470994],
    [0.01, 0.5, 15, 0.4139350352236643],
    [0.999, 200, 0.5, 0.5272441070252349],
    [0.2, 50, 60, 1.0328973362230352e-9],
  ];
  for (const [x, a, b, expected] of cases) {
    const actual = incompleteBeta(x, a, b);
    assert.ok(
      Math.abs(actual - expected) <= 1e-12 * Math.max(expected, 1e-3),
      `I_${x}(${a}, ${b}) = ${actual}, expected ${expected}`,
    );
  }
  assert.equal(incompleteBeta(0, 2, 3), 0);
  assert.equal(incompleteBeta(1, 2, 3), 1);
  assert.ok(Number.isNaN(incompleteBeta(0.5, 0, 1)));
});

test("the inverse incomplete beta function undoes it", () => {
  for (const [p, a, b] of [
    [0.025, 9, 2],
    [0.975, 7, 6],
    [0.5, 0.5, 0.5],
    [0.001, 3, 40],
  ] as const) {
    const x = inverseIncompleteBeta(p, a, b);
    assertClose(incompleteBeta(x, a, b), p, 1e-12, `I(${x}; ${a}, ${b})`);
  }
});
