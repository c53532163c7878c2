import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { contains, type MeanDifference } from "./estimate.ts";
import { assertClose } from "./fixtures.ts";
import { compareMeans, hedgesCorrection } from "./welch.ts";

function difference(a: number[], b: number[]): MeanDifference {
  const result = compareMeans(a, b);
  assert.ok(result.enoughData, "expected a number");
  return result;
}

test("Welch's worked example (Wikipedia, 'Welch's t-test', example 1) matches SciPy", () => {
  // The published example gives t = −2.46 and ν ≈ 24.99. Reference: SciPy 1.17.1,
  // scipy.stats.ttest_ind(A1, A2, equal_var=False) and its confidence_interval(0.95).
  const a1 = [
    27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4,
  ];
  const a2 = [
    27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4,
  ];
  const result = difference(a1, a2);
  assertClose(result.estimate, -2.166666666666668, 1e-12, "difference");
  assertClose(result.estimate / result.standardError, -2.455356398286006, 1e-12, "t");
  assertClose(result.df, 24.988529290231416, 1e-12, "df");
  assertClose(result.ci95[0], -3.984096267140929, 1e-11, "low");
  assertClose(result.ci95[1], -0.3492370661924069, 1e-11, "high");
  assert.equal(Number((result.estimate / result.standardError).toFixed(2)), -2.46);
  assert.equal(Number(result.df.toFixed(2)), 24.99);
  // Hedges' g, exact J with scipy.special.gammaln; its interval is Welch's in pooled SDs × J.
  assertClose(result.hedgesG.estimate, -0.8723011535920749, 1e-12, "g");
  const scale = result.hedgesG.estimate / result.estimate;
  assertClose(result.hedgesG.ci95[0], scale * result.ci95[0], 1e-12, "g low");
  assertClose(result.hedgesG.ci95[1], scale * result.ci95[1], 1e-12, "g high");
  assert.equal(result.nA, 15);
  assert.equal(result.nB, 15);
  assert.equal(result.n, 30);
});

test("ratings on 9 dose days and 14 other days match SciPy", () => {
  const result = difference(
    [7, 6, 8, 7, 5, 7, 8, 6, 7],
    [5, 6, 5, 4, 6, 5, 7, 5, 6, 4, 5, 6, 6, 5],
  );
  assertClose(result.estimate, 1.420634920634921, 1e-12);
  assertClose(result.df, 15.378569838819754, 1e-12);
  assertClose(result.ci95[0], 0.5817499585123287, 1e-11);
  assertClose(result.ci95[1], 2.2595198827575134, 1e-11);
  assertClose(result.hedgesG.estimate, 1.5321686853063003, 1e-12);
  const scale = result.hedgesG.estimate / result.estimate;
  assertClose(result.hedgesG.ci95[0], scale * result.ci95[0], 1e-12);
  assertClose(result.hedgesG.ci95[1], scale * result.ci95[1], 1e-12);
});

test("Hedges' g's interval includes 0 exactly when the difference's does (7 against 40 days)", () => {
  // 7 dose days against 40 others: Welch's interval (t with about 7 degrees of freedom)
  // includes 0, where a normal-quantile interval for g would not.
  const result = difference(
    [7, 5, 8, 6, 7, 5, 8],
    Array.from({ length: 40 }, (_, i) => [5, 6, 5, 7, 4, 6, 5, 6][i % 8] as number),
  );
  assert.ok(result.ci95[0] < 0 && result.ci95[1] > 0, "the difference's interval includes 0");
  assert.ok(result.hedgesG.ci95[0] < 0 && result.hedgesG.ci95[1] > 0, "so does g's");
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 5, maxLength: 12 }),
      fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 5, maxLength: 60 }),
      (a, b) => {
        const r = compareMeans(a, b);
        if (!r.enoughData) return;
        assert.equal(contains(r.hedgesG.ci95, 0), contains(r.ci95, 0));
      },
    ),
  );
});

test("one group without any spread still gets an interval (df from the other group)", () => {
  const result = difference([3, 4, 5, 4, 3], [4, 4, 4, 4, 4, 4]);
  assertClose(result.estimate, -0.2, 1e-12);
  assertClose(result.df, 4, 1e-12);
  assertClose(result.ci95[0], -1.2388506336835678, 1e-11);
  assertClose(result.ci95[1], 0.8388506336835675, 1e-11);
});

test("Hedges' exact correction is close to 1 − 3 / (4 df − 1)", () => {
  assertClose(hedgesCorrection(28), 0.972932115056042, 1e-12);
  for (const df of [4, 10, 28, 100]) {
    assert.ok(Math.abs(hedgesCorrection(df) - (1 - 3 / (4 * df - 1))) < 0.003);
  }
});

test("below 5 in a group there is no number, only the reason", () => {
  const result = compareMeans([6, 7, 8, 7], [5, 5, 6, 5, 4, 6], {
    a: "dose days",
    b: "other days",
  });
  assert.deepEqual(result, {
    enoughData: false,
    reason: "dose days: 4, other days: 6; at least 5 of each are needed",
    n: 10,
    nA: 4,
    nB: 6,
  });
  assert.ok(!("estimate" in result));
});

test("groups without any spread at all give no interval rather than a false certainty", () => {
  const result = compareMeans([5, 5, 5, 5, 5], [7, 7, 7, 7, 7]);
  assert.equal(result.enoughData, false);
});

const rating = fc.integer({ min: 0, max: 10 });
const group = fc.array(rating, { minLength: 5, maxLength: 60 });

test("property: the interval contains the estimate, and g's interval contains g", () => {
  fc.assert(
    fc.property(group, group, (a, b) => {
      const result = compareMeans(a, b);
      if (!result.enoughData) return;
      assert.ok(contains(result.ci95, result.estimate));
      assert.ok(result.ci95[0] < result.ci95[1]);
      assert.ok(contains(result.hedgesG.ci95, result.hedgesG.estimate));
      assert.ok(result.df >= Math.min(result.nA, result.nB) - 1 - 1e-9);
      assert.ok(result.df <= result.nA + result.nB - 2 + 1e-9);
    }),
  );
});

test("property: more days with the same spread give a narrower interval", () => {
  fc.assert(
    fc.property(group, group, fc.integer({ min: 2, max: 5 }), (a, b, times) => {
      const small = compareMeans(a, b);
      const large = compareMeans(
        Array.from({ length: times }, () => a).flat(),
        Array.from({ length: times }, () => b).flat(),
      );
      if (!small.enoughData || !large.enoughData) return;
      // Repeating the data keeps both means and nearly the same spread.
      assertClose(large.estimate, small.estimate, 1e-9);
      const width = (r: MeanDifference) => r.ci95[1] - r.ci95[0];
      assert.ok(width(large) < width(small));
    }),
  );
});
