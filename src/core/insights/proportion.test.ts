import assert from "node:assert/strict";
import { test } from "node:test";
import { assertClose } from "./fixtures.ts";
import { estimateProportion } from "./proportion.ts";

test("exact intervals match scipy.stats.binomtest(k, n).proportion_ci(method='exact')", () => {
  // SciPy 1.17.1.
  const cases: [number, number, number, number][] = [
    [9, 10, 0.5549838829718047, 0.9974714214555375],
    [6, 12, 0.2109446382392967, 0.7890553617607032],
    [7, 12, 0.2766696856821058, 0.8483477701915653],
    [0, 5, 0, 0.5218237501049814],
    [12, 12, 0.7353515306029488, 1],
  ];
  for (const [k, n, low, high] of cases) {
    const result = estimateProportion(k, n, "guesses", 5);
    assert.ok(result.enoughData);
    assert.equal(result.estimate, k / n);
    assertClose(result.ci95[0], low, 1e-12, `${k}/${n} low`);
    assertClose(result.ci95[1], high, 1e-12, `${k}/${n} high`);
  }
});

test("too few trials give no number", () => {
  assert.deepEqual(estimateProportion(3, 4, "guesses", 5), {
    enoughData: false,
    reason: "guesses: 4; at least 5 are needed",
    n: 4,
  });
});
