import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { evaluate, journal, screening } from "../fixtures.ts";
import { screeningHigh } from "./screening-high.ts";

const phq9 = (total: number) =>
  Array.from({ length: 9 }, (_, i) => (i === 8 ? 0 : Math.max(0, Math.min(3, total - i * 3))));

describe("screening-high (FACTS Q-PHQ9, Q-GAD7, Q-SHORT)", () => {
  test("PHQ-9 of 14 is no finding; 15 (moderately severe) is a warning", () => {
    assert.deepEqual(
      evaluate(
        screeningHigh,
        journal({ screenings: [screening("2026-03-01T09:00:00Z", "phq9", phq9(14))] }),
      ),
      [],
    );
    const [finding] = evaluate(
      screeningHigh,
      journal({ screenings: [screening("2026-03-01T09:00:00Z", "phq9", phq9(15), { id: "s1" })] }),
    );
    assert.equal(finding?.severity, "warning");
    assert.equal(finding?.key, "screening-high:s1");
    assert.match(finding?.detail ?? "", /PHQ-9 on 2026-03-01: 15 of 27, moderately severe/u);
  });

  test("GAD-7 of 15 is severe: a warning; 14 is not", () => {
    const gad = (total: number) =>
      Array.from({ length: 7 }, (_, i) => Math.max(0, Math.min(3, total - i * 3)));
    assert.equal(
      evaluate(
        screeningHigh,
        journal({ screenings: [screening("2026-03-01T09:00:00Z", "gad7", gad(15))] }),
      ).length,
      1,
    );
    assert.equal(
      evaluate(
        screeningHigh,
        journal({ screenings: [screening("2026-03-01T09:00:00Z", "gad7", gad(14))] }),
      ).length,
      0,
    );
  });

  test("PHQ-2 of 2 suggests the PHQ-9 until one is taken; 1 does not", () => {
    const screenings = [
      screening("2026-03-01T09:00:00Z", "phq2", [1, 1], { id: "p2" }),
      screening("2026-03-03T09:00:00Z", "phq9", phq9(6)),
    ];
    const [finding] = evaluate(screeningHigh, journal({ screenings }));
    assert.equal(finding?.severity, "info");
    assert.match(finding?.advice ?? "", /titrate screen ask phq9/u);
    assert.equal(finding?.activeUntil, "2026-03-03T09:00:00Z");
    assert.deepEqual(
      evaluate(
        screeningHigh,
        journal({ screenings: [screening("2026-03-01T09:00:00Z", "phq2", [1, 0])] }),
      ),
      [],
    );
  });

  test("GAD-2 of 3 suggests the GAD-7; 2 does not", () => {
    assert.match(
      evaluate(
        screeningHigh,
        journal({ screenings: [screening("2026-03-01T09:00:00Z", "gad2", [2, 1])] }),
      )[0]?.title ?? "",
      /GAD-7/u,
    );
    assert.deepEqual(
      evaluate(
        screeningHigh,
        journal({ screenings: [screening("2026-03-01T09:00:00Z", "gad2", [1, 1])] }),
      ),
      [],
    );
  });
});
