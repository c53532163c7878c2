import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { contains } from "./estimate.ts";
import { assertClose } from "./fixtures.ts";
import { fitLine } from "./linear-fit.ts";

const options = { unit: "points per mg", noun: "doses", xName: "the amount" };

test("the slope and its interval match scipy.stats.linregress", () => {
  // SciPy 1.17.1: linregress(x, y); interval slope ± t.ppf(0.975, n − 2) × stderr.
  const x = [7, 7, 8, 9, 10, 10, 12, 14];
  const y = [6, 5, 7, 6, 8, 7, 7, 9];
  const result = fitLine(
    x.map((value, i) => ({ x: value, y: y[i] as number })),
    options,
  );
  assert.ok(result.enoughData);
  assertClose(result.estimate, 0.4208955223880597, 1e-12, "slope");
  assertClose(result.intercept, 2.8238805970149254, 1e-12, "intercept");
  assertClose(result.standardError, 0.11729482211575225, 1e-12, "stderr");
  assertClose(result.ci95[0], 0.1338854320750834, 1e-11, "low");
  assertClose(result.ci95[1], 0.707905612701036, 1e-11, "high");
  assert.equal(result.df, 6);
  assert.equal(result.n, 8);
  assert.equal(result.unit, "points per mg");
});

test("a scale turns the slope per day into a slope per 28 days", () => {
  const points = [0, 1, 2, 3, 4, 5].map((x) => ({ x, y: 2 * x + (x % 2) }));
  const perDay = fitLine(points, options);
  const per28 = fitLine(points, { ...options, scale: 28 });
  assert.ok(perDay.enoughData && per28.enoughData);
  assertClose(per28.estimate, perDay.estimate * 28, 1e-12);
  assertClose(per28.ci95[1], perDay.ci95[1] * 28, 1e-12);
});

test("every dose the same amount: nothing to compare, and it says so", () => {
  const result = fitLine(
    [5, 6, 7, 6, 5].map((y) => ({ x: 7, y })),
    options,
  );
  assert.deepEqual(result, {
    enoughData: false,
    reason: "the amount was the same for all 5 doses, so there is nothing to compare",
    n: 5,
  });
});

test("fewer than 5 points give no number", () => {
  const result = fitLine(
    [1, 2, 3, 4].map((x) => ({ x, y: x })),
    options,
  );
  assert.equal(result.enoughData, false);
});

test("property: the interval contains the slope", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({ x: fc.integer({ min: 1, max: 20 }), y: fc.integer({ min: 0, max: 10 }) }),
        {
          minLength: 5,
          maxLength: 40,
        },
      ),
      (points) => {
        const result = fitLine(points, options);
        if (result.enoughData) assert.ok(contains(result.ci95, result.estimate));
      },
    ),
  );
});
