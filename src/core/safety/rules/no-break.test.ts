import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Temporal } from "temporal-polyfill";
import type { Dose } from "../../schemas/journal.ts";
import { dose, evaluate, journal, plan } from "../fixtures.ts";
import { noBreak } from "./no-break.ts";

/** Doses every `everyDays` days from 2026-01-05 09:00 UTC, `count` of them, ids n0, n1, … */
function every(everyDays: number, count: number, fields: Partial<Dose> = {}, from = "2026-01-05") {
  const start = Temporal.PlainDate.from(from);
  return Array.from({ length: count }, (_, i) =>
    dose(`${start.add({ days: everyDays * i }).toString()}T09:00:00Z`, { id: `n${i}`, ...fields }),
  );
}

describe("no-break (FACTS P-PROT-2, K-TOL-1)", () => {
  test("weekly ketamine: 4 doses over 3 weeks is within 4 weeks on; the 5th dose (day 28) is beyond", () => {
    assert.deepEqual(evaluate(noBreak, journal({ doses: every(7, 4) })), []);
    const findings = evaluate(noBreak, journal({ doses: every(7, 5) }));
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding?.severity, "warning");
    assert.equal(finding?.key, "no-break:ketamine:n0");
    assert.equal(finding?.subjectId, "n4");
    assert.equal(finding?.at, "2026-02-02T09:00:00Z");
    assert.equal(finding?.activeUntil, "2026-02-16T09:00:00Z", "2 weeks off after the last dose");
    assert.match(
      finding?.detail ?? "",
      /since 2026-01-05 \(4 weeks\) without a break of 2 weeks; your cycle is 4 weeks on, 2 off/u,
    );
  });

  test("a gap of 2 weeks is a break: the next run starts afresh", () => {
    const before = every(7, 4);
    const after = every(7, 4, {}, "2026-02-09").map((d, i) => ({ ...d, id: `m${i}` }));
    // 2026-01-26 to 2026-02-09 is exactly 14 days.
    assert.deepEqual(evaluate(noBreak, journal({ doses: [...before, ...after] })), []);
  });

  test("a 13-day gap is not a break", () => {
    const before = every(7, 4);
    const after = every(7, 2, {}, "2026-02-08").map((d, i) => ({ ...d, id: `m${i}` }));
    assert.equal(evaluate(noBreak, journal({ doses: [...before, ...after] })).length, 1);
  });

  test("the plan's cycle is used: 6 weeks on allows 6 weekly doses", () => {
    const sixOn = plan({ id: "p6", cycle: { weeksOn: 6, weeksOff: 2 } });
    const doses = every(7, 6, { planId: "p6" });
    assert.deepEqual(evaluate(noBreak, journal({ doses, plans: [sixOn] })), []);
    assert.equal(
      evaluate(noBreak, journal({ doses: every(7, 7, { planId: "p6" }), plans: [sixOn] })).length,
      1,
    );
  });

  test("a cycle of one week on, one off is said in the singular", () => {
    const oneOn = plan({ id: "p1", cycle: { weeksOn: 1, weeksOff: 1 } });
    const [finding] = evaluate(
      noBreak,
      journal({ doses: every(5, 3, { planId: "p1" }), plans: [oneOn] }),
    );
    assert.match(
      finding?.detail ?? "",
      /since 2026-01-05 \(1 week\) without a break of 1 week; your cycle is 1 week on, 1 off/u,
    );
    assert.match(finding?.advice ?? "", /^Take a break of at least 1 week now/u);
  });

  test("LSD and mushrooms alternating count as one run, and are a caution", () => {
    const lsd = every(3, 6, { substance: "lsd", amount: 10, unit: "µg", route: "sublingual" });
    const mushrooms = every(
      3,
      5,
      { substance: "mushrooms", amount: 0.2, unit: "g", route: "oral" },
      "2026-01-23",
    ).map((d, i) => ({ ...d, id: `s${i}` }));
    const findings = evaluate(noBreak, journal({ doses: [...lsd, ...mushrooms] }));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.severity, "caution");
    assert.match(findings[0]?.detail ?? "", /LSD and psilocybin mushrooms \(dried\)/u);
  });
});
