import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { evaluate, journal, screening } from "../fixtures.ts";
import { screeningWorsened } from "./screening-worsened.ts";

/** PHQ-9 answers with this total and item 9 at 0. */
function phq9(total: number): number[] {
  return Array.from({ length: 9 }, (_, i) =>
    i === 8 ? 0 : Math.max(0, Math.min(3, total - i * 3)),
  );
}
/** GAD-7 answers with this total. */
function gad7(total: number): number[] {
  return Array.from({ length: 7 }, (_, i) => Math.max(0, Math.min(3, total - i * 3)));
}

describe("screening-worsened (FACTS Q-PHQ9)", () => {
  test("PHQ-9 from 6 to 11: up 5 points and into moderate — a warning", () => {
    const screenings = [
      screening("2026-03-01T09:00:00Z", "phq9", phq9(6), { id: "s1" }),
      screening("2026-03-15T09:00:00Z", "phq9", phq9(11), { id: "s2" }),
    ];
    const findings = evaluate(screeningWorsened, journal({ screenings }));
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding?.severity, "warning");
    assert.equal(finding?.key, "screening-worsened:s2");
    assert.equal(finding?.activeUntil, null);
    assert.match(
      finding?.detail ?? "",
      /PHQ-9 on 2026-03-15: 11 \(moderate\), up 5 points from 6 \(mild\) on 2026-03-01\. A change of 5 points is clinically important \(FACTS Q-PHQ9\)\./u,
    );
  });

  test("up 4 points within a band is not worse; up 1 point across a band boundary is", () => {
    const within = [
      screening("2026-03-01T09:00:00Z", "phq9", phq9(5)),
      screening("2026-03-15T09:00:00Z", "phq9", phq9(9)),
    ];
    assert.deepEqual(evaluate(screeningWorsened, journal({ screenings: within })), []);
    const across = [
      screening("2026-03-01T09:00:00Z", "phq9", phq9(4)),
      screening("2026-03-15T09:00:00Z", "phq9", phq9(5)),
    ];
    const [finding] = evaluate(screeningWorsened, journal({ screenings: across }));
    assert.match(finding?.detail ?? "", /5 \(mild\), into a more severe band than 4 \(minimal\)/u);
    // The 5-point rule is not the reason here, and the words must not suggest it is.
    assert.match(
      finding?.detail ?? "",
      /A rise of 1 point is under the 5 points that are clinically important on their own; the band is what changed \(FACTS Q-PHQ9\)\.$/u,
    );
    assert.doesNotMatch(finding?.detail ?? "", /A change of 5 points is clinically important/u);
  });

  test("a slow slide is caught against the lowest PHQ-9 of the 90 days before", () => {
    const screenings = [
      screening("2026-01-01T09:00:00Z", "phq9", phq9(4)),
      screening("2026-01-15T09:00:00Z", "phq9", phq9(7), { id: "b" }),
      screening("2026-02-01T09:00:00Z", "phq9", phq9(9), { id: "c" }),
    ];
    const findings = evaluate(screeningWorsened, journal({ screenings }));
    assert.deepEqual(
      findings.map((f) => f.key),
      ["screening-worsened:b", "screening-worsened:c"],
    );
    assert.match(
      findings[1]?.detail ?? "",
      /9 \(mild\), up 5 points from your lowest in the 90 days before, 4 \(minimal\) on 2026-01-01/u,
    );
  });

  test("the lowest is looked for in the 90 days before only", () => {
    const screenings = [
      screening("2025-10-01T09:00:00Z", "phq9", phq9(4)),
      screening("2026-01-15T09:00:00Z", "phq9", phq9(7), { id: "b" }),
      screening("2026-02-01T09:00:00Z", "phq9", phq9(9)),
    ];
    const findings = evaluate(screeningWorsened, journal({ screenings }));
    assert.deepEqual(
      findings.map((f) => f.key),
      ["screening-worsened:b"],
      "only the band change",
    );
  });

  test("a finding stays until the next PHQ-9", () => {
    const screenings = [
      screening("2026-03-01T09:00:00Z", "phq9", phq9(2)),
      screening("2026-03-15T09:00:00Z", "phq9", phq9(12)),
      screening("2026-03-29T09:00:00Z", "phq9", phq9(3)),
    ];
    const [finding] = evaluate(screeningWorsened, journal({ screenings }));
    assert.equal(finding?.activeUntil, "2026-03-29T09:00:00Z");
  });

  test("GAD-7 into a more severe band is a caution (FACTS Q-GAD7)", () => {
    const screenings = [
      screening("2026-03-01T09:00:00Z", "gad7", gad7(9)),
      screening("2026-03-15T09:00:00Z", "gad7", gad7(10)),
    ];
    const findings = evaluate(screeningWorsened, journal({ screenings }));
    assert.deepEqual(
      findings.map((f) => f.severity),
      ["caution"],
    );
  });

  test("improving scores, a single screening, or different questionnaires: no finding", () => {
    const screenings = [
      screening("2026-03-01T09:00:00Z", "phq9", phq9(14)),
      screening("2026-03-15T09:00:00Z", "phq9", phq9(6)),
      screening("2026-03-16T09:00:00Z", "gad7", gad7(20)),
      screening("2026-03-17T09:00:00Z", "phq2", [3, 3]),
    ];
    assert.deepEqual(evaluate(screeningWorsened, journal({ screenings })), []);
  });
});
