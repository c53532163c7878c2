import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { assertClose } from "./fixtures.ts";
import { studentTCdf, studentTQuantile } from "./student-t.ts";

test("97.5 % points match the published t table (three decimals)", () => {
  // Any t table, e.g. NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.2, column 0.975.
  const table: [number, number][] = [
    [1, 12.706],
    [2, 4.303],
    [3, 3.182],
    [5, 2.571],
    [10, 2.228],
    [20, 2.086],
    [30, 2.042],
    [100, 1.984],
  ];
  for (const [df, value] of table) {
    assert.equal(Number(studentTQuantile(0.975, df).toFixed(3)), value, `df ${df}`);
  }
});

// SciPy 1.17.1: scipy.stats.t.ppf(p, df). Fractional df as Welch's test gives them.
const scipyQuantiles: [number, number, number][] = [
  [1, 0.975, 12.706204736174694],
  [1, 0.995, 63.656741162871526],
  [2, 0.9, 1.8856180831641272],
  [3, 0.975, 3.1824463052837078],
  [3, 0.6, 0.2766706623326898],
  [4.5, 0.975, 2.6589123472044034],
  [4.5, 0.995, 4.272823993011293],
  [5, 0.975, 2.5705818356363146],
  [7.3, 0.975, 2.345066736547703],
  [7.3, 0.025, -2.3450667365477034],
  [10, 0.9, 1.372183641110336],
  [19.62, 0.975, 2.088556472879464],
  [30, 0.995, 2.7499956535672254],
  [100, 0.975, 1.9839715185235518],
  [1000, 0.975, 1.9623390808264083],
];

test("quantiles match scipy.stats.t.ppf, fractional degrees of freedom included", () => {
  for (const [df, p, expected] of scipyQuantiles) {
    assertClose(studentTQuantile(p, df), expected, 1e-11, `t(${p}, ${df})`);
  }
  // Very large df approaches the normal distribution; precision is lower but ample.
  assertClose(studentTQuantile(0.975, 1e6), 1.959966356814107, 1e-9, "t(0.975, 1e6)");
});

test("the distribution function matches scipy.stats.t.cdf", () => {
  const cases: [number, number, number][] = [
    [2, 5, 0.9490302605850708],
    [-1.3, 7.3, 0.11657077503308287],
    [0.5, 30, 0.6896384975574363],
    [4, 2.5, 0.9804935120793409],
    [10, 3, 0.9989358004707929],
  ];
  for (const [t, df, expected] of cases)
    assertClose(studentTCdf(t, df), expected, 1e-13, `F(${t}; ${df})`);
});

test("the quantile inverts the distribution function, for any p and df", () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0.001, max: 0.999, noNaN: true }),
      fc.double({ min: 1, max: 500, noNaN: true }),
      (p, df) => {
        const t = studentTQuantile(p, df);
        assert.ok(Math.abs(studentTCdf(t, df) - p) < 1e-10);
        assertClose(studentTQuantile(1 - p, df), -t, 1e-9);
      },
    ),
  );
});
