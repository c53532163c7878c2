import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { seededRandom, shuffled } from "./random.ts";

test("xoshiro128** from the state {1, 2, 3, 4} gives the reference implementation's outputs", () => {
  // Blackman & Vigna's xoshiro128starstar.c, reproduced in Python for this test.
  const random = seededRandom([1, 2, 3, 4]);
  const outputs = Array.from({ length: 6 }, () => random.nextUint32());
  assert.deepEqual(outputs, [11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
});

test("a number seed is expanded by splitmix32 (reference values from Python)", () => {
  const random = seededRandom(1);
  assert.deepEqual(
    Array.from({ length: 4 }, () => random.nextUint32()),
    [2442144158, 3238099751, 3819917871, 2104621829],
  );
});

test("property: the same seed gives the same numbers; below(n) stays in [0, n)", () => {
  fc.assert(
    fc.property(fc.integer(), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
      const a = seededRandom(seed);
      const b = seededRandom(seed);
      for (let i = 0; i < 20; i++) {
        const x = a.below(n);
        assert.equal(x, b.below(n));
        assert.ok(x >= 0 && x < n && Number.isInteger(x));
        const f = a.next();
        assert.equal(f, b.next());
        assert.ok(f >= 0 && f < 1);
      }
    }),
  );
});

test("a shuffle keeps every item and is roughly uniform", () => {
  const random = seededRandom(42);
  const counts = new Map<string, number>();
  for (let i = 0; i < 6000; i++) {
    const order = shuffled(["a", "b", "c"], random).join("");
    counts.set(order, (counts.get(order) ?? 0) + 1);
  }
  assert.equal(counts.size, 6);
  for (const count of counts.values()) assert.ok(count > 850 && count < 1150, String(count));
});

test("an all-zero state is refused", () => {
  assert.throws(() => seededRandom([0, 0, 0, 0]), RangeError);
});
