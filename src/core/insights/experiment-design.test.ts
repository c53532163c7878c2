import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { TitrateError } from "../errors.ts";
import {
  allocateSessions,
  blockOf,
  CODE_PATTERN,
  checkExperimentDesign,
  defaultIntervalDays,
  EXPERIMENT_BLOCK_SIZE,
  experimentCodes,
  sessionDates,
} from "./experiment-design.ts";
import { seededRandom } from "./random.ts";

test("two codes like A-7K3 and B-Q92, never sharing their three characters", () => {
  fc.assert(
    fc.property(fc.integer(), (seed) => {
      const random = seededRandom(seed);
      const [a, b] = experimentCodes((n) => random.below(n));
      assert.match(a, CODE_PATTERN);
      assert.match(b, CODE_PATTERN);
      assert.ok(a.startsWith("A-") && b.startsWith("B-"));
      assert.notEqual(a.slice(2), b.slice(2));
    }),
  );
  // A draw that repeats itself forces a second try for B.
  let calls = 0;
  const stubborn = (n: number) => (calls++ < 6 ? 0 : n - 1);
  assert.deepEqual(experimentCodes(stubborn), ["A-222", "B-ZZZ"]);
});

test("property: every block of 4 holds each code twice", () => {
  fc.assert(
    fc.property(fc.integer(), fc.integer({ min: 3, max: 12 }), (seed, blocks) => {
      const allocation = allocateSessions(blocks * EXPERIMENT_BLOCK_SIZE, seededRandom(seed));
      assert.equal(allocation.length, blocks * EXPERIMENT_BLOCK_SIZE);
      for (let b = 0; b < blocks; b++) {
        const block = allocation.slice(b * 4, b * 4 + 4);
        assert.equal(block.filter((slot) => slot === "A").length, 2);
        assert.equal(block.filter((slot) => slot === "B").length, 2);
      }
    }),
  );
});

test("property: the same seed gives the same randomisation", () => {
  fc.assert(
    fc.property(
      fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 2 ** 31 })),
      (words) => {
        assert.deepEqual(
          allocateSessions(24, seededRandom(words)),
          allocateSessions(24, seededRandom(words)),
        );
      },
    ),
  );
});

test("all six orders of a block occur, about equally often", () => {
  const random = seededRandom(2026);
  const counts = new Map<string, number>();
  for (let i = 0; i < 6000; i++) {
    const order = allocateSessions(4, random).join("");
    counts.set(order, (counts.get(order) ?? 0) + 1);
  }
  assert.deepEqual([...counts.keys()].sort(), ["AABB", "ABAB", "ABBA", "BAAB", "BABA", "BBAA"]);
  for (const count of counts.values()) assert.ok(count > 850 && count < 1150, String(count));
});

test("sessions follow the interval; blocks are counted from session 1", () => {
  assert.deepEqual(sessionDates("2026-03-28", 7, 3), ["2026-03-28", "2026-04-04", "2026-04-11"]);
  assert.deepEqual([1, 4, 5, 12].map(blockOf), [0, 0, 1, 2]);
  assert.equal(defaultIntervalDays("ketamine"), 7);
  assert.equal(defaultIntervalDays("psilocybin"), 3);
});

test("ketamine sessions closer than 5 days are refused, naming FACTS K-DOSE-2", () => {
  assert.throws(
    () => checkExperimentDesign("ketamine", 12, 3),
    (error: unknown) =>
      error instanceof TitrateError &&
      error.code === "EXPERIMENT_INTERVAL_TOO_SHORT" &&
      error.field === "intervalDays" &&
      error.message.includes("K-DOSE-2"),
  );
  checkExperimentDesign("ketamine", 12, 5);
  checkExperimentDesign("lsd", 12, 3);
});

test("sessions must be whole blocks from 12 to 48", () => {
  for (const sessions of [8, 10, 14, 52]) {
    assert.throws(
      () => checkExperimentDesign("ketamine", sessions, 7),
      (error: unknown) => error instanceof TitrateError && error.field === "sessions",
    );
  }
  checkExperimentDesign("ketamine", 48, 7);
});
