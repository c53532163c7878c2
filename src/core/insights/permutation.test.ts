import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { assertClose } from "./fixtures.ts";
import { permutationTest } from "./permutation.ts";
import { seededRandom } from "./random.ts";

// 12 sessions in 3 blocks of 4, two of each code per block.
const values = [7, 8, 5, 6, 5, 7, 8, 6, 8, 4, 7, 5];
const active = [true, true, false, false, false, true, true, false, true, false, true, false];
const blocks = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];

test("within blocks the p-value is exact: 2 of the 216 allocations (itertools in Python)", () => {
  // Reference: every allocation enumerated with itertools.combinations within each block
  // (NumPy 2.4.6): 2 of 216 as extreme as the observed difference 2.333….
  const result = permutationTest(values, active, seededRandom(1), blocks);
  assert.equal(result.method, "exact");
  assert.equal(result.permutations, 216);
  assertClose(result.statistic, 2.333333333333333, 1e-12);
  assertClose(result.p, 2 / 216, 1e-15);
});

test("without blocks it matches scipy.stats.permutation_test's exact p-value", () => {
  // SciPy 1.17.1: permutation_test((a, b), mean difference, n_resamples=inf) → 0.015873… (4 of 252).
  const result = permutationTest(
    [8, 7, 9, 6, 8, 5, 4, 6, 5, 5],
    [true, true, true, true, true, false, false, false, false, false],
    seededRandom(1),
  );
  assert.equal(result.permutations, 252);
  assertClose(result.p, 0.015873015873015872, 1e-15);
  // The same data ignoring the blocks above: 2 of C(12, 6) = 924.
  const unblocked = permutationTest(values, active, seededRandom(1));
  assertClose(unblocked.p, 2 / 924, 1e-15);
});

test("past the exact limit it draws 10 000 seeded permutations, near the exact answer", () => {
  const result = permutationTest(values, active, seededRandom(7), blocks, { exactLimit: 10 });
  assert.equal(result.method, "monte-carlo");
  assert.equal(result.permutations, 10_000);
  // Exact 0.00926; the Monte Carlo standard error at 10 000 draws is about 0.001.
  assert.ok(Math.abs(result.p - 2 / 216) < 0.004, String(result.p));
  const again = permutationTest(values, active, seededRandom(7), blocks, { exactLimit: 10 });
  assert.equal(again.p, result.p, "the same seed gives the same p");
});

test("property: p lies in (0, 1], exact or drawn", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.boolean()), {
        minLength: 2,
        maxLength: 16,
      }),
      fc.integer(),
      fc.boolean(),
      (units, seed, exact) => {
        const inA = units.map(([, a]) => a);
        if (!inA.includes(true) || !inA.includes(false)) return;
        const result = permutationTest(
          units.map(([v]) => v),
          inA,
          seededRandom(seed),
          units.map((_, i) => Math.floor(i / 4)),
          { exactLimit: exact ? 20_000 : 0, permutations: 200 },
        );
        assert.ok(result.p > 0 && result.p <= 1, String(result.p));
      },
    ),
    { numRuns: 60 },
  );
});
