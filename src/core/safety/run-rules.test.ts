import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, test } from "node:test";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { instruments } from "../questionnaires/instruments.ts";
import { conditionIds } from "../schemas/journal.ts";
import { parseWith } from "../schemas/validate.ts";
import { getSubstance } from "../substances/catalog.ts";
import { safetyRules } from "./all-rules.ts";
import { compareFindings, Finding } from "./finding.ts";
import {
  batch,
  bloodPressure,
  checkIn,
  dose,
  journal,
  medication,
  other,
  plan,
  report,
  screening,
} from "./fixtures.ts";
import { activeFindings, checkProposedDose, PROPOSED_DOSE_ID, runRules } from "./run-rules.ts";
import { instantText } from "./time-math.ts";

const issueRuleIds = [
  "above-ceiling",
  "above-start",
  "min-interval",
  "same-day-redose",
  "dose-creep",
  "no-break",
  "bladder-signs",
  "kidney-liver-signs",
  "nasal-signs",
  "dependence-signs",
  "psychosis-signs",
  "combination",
  "blood-pressure",
  "contraindication",
  "untested-batch",
  "reagent-mismatch",
  "screening-worsened",
  "dosing-day",
];

describe("the rule registry", () => {
  test("ships every rule the issue lists, each id once and kebab-case", () => {
    const ids = safetyRules.map((r) => r.id);
    for (const id of issueRuleIds) assert.ok(ids.includes(id), id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(?:-[a-z0-9]+)*$/u);
  });

  test("every rule has its own file and test file, cites FACTS ids listed in docs/sources.md, and a summary", () => {
    const listed = readFileSync(new URL("../../../docs/sources.md", import.meta.url), "utf8");
    for (const rule of safetyRules) {
      assert.ok(existsSync(new URL(`./rules/${rule.id}.ts`, import.meta.url)), rule.id);
      assert.ok(
        existsSync(new URL(`./rules/${rule.id}.test.ts`, import.meta.url)),
        `${rule.id} test`,
      );
      assert.ok(rule.sources.length > 0 && rule.summary.length > 10, rule.id);
      for (const id of rule.sources) assert.match(listed, new RegExp(`^\\| ${id}\\b`, "mu"), id);
    }
  });

  test("docs/safety.md has a row for every rule", () => {
    const doc = readFileSync(new URL("../../../docs/safety.md", import.meta.url), "utf8");
    for (const rule of safetyRules)
      assert.match(doc, new RegExp(`^\\| \`${rule.id}\``, "mu"), rule.id);
  });
});

describe("runRules", () => {
  const history = journal({
    now: "2026-03-22T12:00:00Z",
    doses: [
      dose("2026-03-08T09:00:00Z", { id: "d1", amount: 7 }),
      dose("2026-03-15T09:00:00Z", { id: "d2", amount: 7 }),
      dose("2026-03-18T09:00:00Z", { id: "d3", amount: 16 }),
    ],
    symptomReports: [report("2026-03-20T08:00:00Z", "bladder", ["painful"], { id: "r1" })],
    otherSubstances: [other("2026-03-18T20:00:00Z", "beer")],
  });

  test("returns the findings of the whole history, danger first, then the most recent", () => {
    const findings = runRules(history);
    assert.deepEqual(
      findings.slice(0, 4).map((f) => f.key),
      ["bladder-signs:r1", "combination:d3:alcohol", "above-ceiling:d3", "min-interval:d3"],
    );
    const sorted = [...findings].sort(compareFindings);
    assert.deepEqual(findings, sorted);
    assert.ok(
      findings.some((f) => f.key === "dosing-day:2026-03-08"),
      "past findings are listed",
    );
  });

  test("activeFindings keeps the ones active now: the past dosing days and the old combination drop out", () => {
    const active = activeFindings(runRules(history), history.now).map((f) => f.key);
    assert.ok(active.includes("bladder-signs:r1"));
    assert.ok(active.includes("min-interval:d3"));
    assert.ok(!active.includes("combination:d3:alcohol"), "12 h after the dose has passed");
    assert.ok(!active.includes("dosing-day:2026-03-08"));
  });

  test("checkProposedDose shows what a dose would trigger before it is taken", () => {
    const findings = checkProposedDose(history, {
      at: "2026-03-22T18:00:00Z",
      timeZone: "Europe/London",
      substance: "ketamine",
      amount: 7,
      unit: "mg",
      route: "nasal",
      batchId: null,
      planId: null,
      isEstimate: false,
      note: null,
    });
    const about = findings.filter((f) => f.subjectId === PROPOSED_DOSE_ID).map((f) => f.ruleId);
    assert.ok(about.includes("min-interval"), "4 days after d3");
    assert.ok(
      findings.some((f) => f.key === "bladder-signs:r1"),
      "the bladder danger is shown with it",
    );
  });

  test("checkProposedDose gives a standing finding as it stands, not reworded by the dose", () => {
    const morning = dose("2026-03-22T09:00:00Z", { id: "m1" });
    const day = journal({ now: "2026-03-22T09:05:00Z", doses: [morning] });
    const { id: _id, ...again } = dose("2026-03-22T09:05:00Z");
    const findings = checkProposedDose(day, again);
    const dosingDay = findings.find((f) => f.key === "dosing-day:2026-03-22");
    assert.equal(dosingDay?.subjectId, "m1");
    assert.match(dosingDay?.detail ?? "", /you took ketamine at 09:00\./u);
    assert.doesNotMatch(dosingDay?.detail ?? "", /09:05/u, "the proposed dose is not taken");
    assert.ok(
      findings.some((f) => f.subjectId === PROPOSED_DOSE_ID && f.ruleId === "same-day-redose"),
    );
  });
});

describe("properties over random journals", () => {
  const zones = ["Europe/London", "America/New_York", "Asia/Tokyo", "UTC"];
  const from = Temporal.Instant.from("2026-01-01T00:00:00Z").epochMilliseconds;
  const instant = fc
    .integer({ min: 0, max: 180 * 24 * 60 })
    .map((min) => instantText(from + min * 60_000));
  const doseArb = fc
    .record({
      at: instant,
      substance: fc.constantFrom("ketamine", "lsd", "mushrooms", "psilocybin" as const),
      factor: fc.option(fc.double({ min: 0.1, max: 3, noNaN: true }), { nil: null }),
      routeIndex: fc.nat(),
      zone: fc.constantFrom(...zones),
      planId: fc.constantFrom(null, "p1"),
      batchId: fc.constantFrom(null, "b1"),
    })
    .map(({ at, substance, factor, routeIndex, zone, planId, batchId }) => {
      const s = getSubstance(substance);
      const start = s.sizing.kind === "absolute" ? s.sizing.start : 7;
      const route = s.routes[routeIndex % s.routes.length]?.route ?? s.defaultRoute;
      return dose(at, {
        substance: s.id,
        unit: s.unit,
        route,
        timeZone: zone,
        amount: factor === null ? null : Number((start * factor).toFixed(3)),
        planId,
        batchId,
      });
    });
  const screeningArb = fc
    .record({
      at: instant,
      index: fc.nat(3),
      seed: fc.array(fc.nat(3), { minLength: 9, maxLength: 9 }),
    })
    .map(({ at, index, seed }) => {
      const q = (["phq9", "gad7", "phq2", "gad2"] as const)[index] ?? "phq9";
      const count = instruments.find((i) => i.id === q)?.items.length ?? 9;
      return screening(at, q, seed.slice(0, count));
    });
  const reportArb = fc
    .record({
      at: instant,
      index: fc.nat(4),
      mask: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
    })
    .map(({ at, index, mask }) => {
      const list =
        (["bladder", "nasal", "kidney-liver", "mental", "dependence"] as const)[index] ?? "bladder";
      const items = instruments.find((i) => i.id === list)?.items ?? [];
      return report(
        at,
        list,
        items.filter((_, i) => mask[i]).map((i) => i.id),
      );
    });
  const journalArb = fc
    .record({
      doses: fc.array(doseArb, { maxLength: 40 }),
      others: fc.array(
        fc.record({
          at: instant,
          name: fc.constantFrom("beer", "tramadol", "coffee", "grapefruit", "lithium", "diazepam"),
        }),
        { maxLength: 10 },
      ),
      screenings: fc.array(screeningArb, { maxLength: 8 }),
      reports: fc.array(reportArb, { maxLength: 8 }),
      pressures: fc.array(
        fc.record({
          at: instant,
          s: fc.integer({ min: 100, max: 180 }),
          d: fc.integer({ min: 60, max: 99 }),
        }),
        { maxLength: 5 },
      ),
      ratings: fc.array(
        fc.record({ at: instant, r: fc.constantFrom("-", "±", "+", "++" as const) }),
        { maxLength: 20 },
      ),
      weightKg: fc.option(fc.integer({ min: 40, max: 150 }), { nil: null }),
      conditions: fc.subarray([...conditionIds]),
      country: fc.constantFrom(null, "GB", "US", "DE", "AU"),
      tested: fc.boolean(),
      medicated: fc.boolean(),
    })
    .map((r) =>
      journal({
        now: "2026-07-01T00:00:00Z",
        profile: { weightKg: r.weightKg, conditions: r.conditions, country: r.country },
        doses: r.doses,
        otherSubstances: r.others.map((o) => other(o.at, o.name)),
        screenings: r.screenings,
        symptomReports: r.reports,
        bloodPressures: r.pressures.map((p) => bloodPressure(p.at, p.s, p.d)),
        checkIns: r.ratings.map((c) => checkIn(c.at, { shulgin: c.r })),
        plans: [plan({ id: "p1" })],
        batches: [
          batch({
            id: "b1",
            reagentTests: r.tested
              ? [
                  {
                    id: "t1",
                    reagent: "Marquis",
                    result: "black",
                    at: "2026-02-01T00:00:00Z",
                    verdict: "mismatch",
                  },
                ]
              : [],
          }),
        ],
        medications: r.medicated ? [medication("tramadol", "2026-02-01T00:00:00Z")] : [],
      }),
    );

  test("every finding is well formed, its key unique, its ruleId registered; the order is stable", () => {
    const ids = new Set(safetyRules.map((r) => r.id));
    const listed = readFileSync(new URL("../../../docs/sources.md", import.meta.url), "utf8");
    fc.assert(
      fc.property(journalArb, (snapshot) => {
        const findings = runRules(snapshot);
        assert.deepEqual(runRules(snapshot), findings, "deterministic");
        assert.equal(new Set(findings.map((f) => f.key)).size, findings.length, "keys are unique");
        for (const finding of findings) {
          parseWith(Finding, finding);
          assert.ok(ids.has(finding.ruleId));
          assert.ok(finding.key.startsWith(`${finding.ruleId}:`), finding.key);
          assert.ok(
            finding.sources.length > 0 && finding.detail.length > 0 && finding.advice.length > 0,
          );
          for (const id of finding.sources)
            assert.match(listed, new RegExp(`^\\| ${id}\\b`, "mu"), id);
          if (finding.at && finding.activeUntil)
            assert.ok(finding.activeUntil >= finding.at, finding.key);
          assert.doesNotMatch(
            `${finding.detail} ${finding.advice}`,
            /undefined|NaN|\[object/u,
            finding.key,
          );
        }
        for (let i = 1; i < findings.length; i++) {
          assert.ok(compareFindings(findings[i - 1] as Finding, findings[i] as Finding) <= 0);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("speed", () => {
  test("two years of daily journal runs all rules in well under a second", () => {
    const start = Temporal.Instant.from("2024-01-01T08:00:00Z");
    const at = (days: number, hours = 0) =>
      instantText(start.epochMilliseconds + (days * 24 + hours) * 3_600_000);
    const days = 730;
    const snapshot = journal({
      now: at(days),
      doses: Array.from({ length: days / 7 }, (_, i) => dose(at(i * 7), { amount: 7 + (i % 5) })),
      checkIns: Array.from({ length: days }, (_, i) =>
        checkIn(at(i, 2), { mood: 5, shulgin: "±" }),
      ),
      otherSubstances: Array.from({ length: days / 2 }, (_, i) =>
        other(at(i * 2, 12), i % 3 ? "coffee" : "beer"),
      ),
      bloodPressures: Array.from({ length: days / 7 }, (_, i) =>
        bloodPressure(at(i * 7, -1), 120 + (i % 30), 80),
      ),
      screenings: Array.from({ length: days / 14 }, (_, i) =>
        screening(at(i * 14), "phq9", [1, 1, 1, 1, 1, i % 3, 1, 1, 0]),
      ),
      symptomReports: Array.from({ length: days / 14 }, (_, i) =>
        report(at(i * 14), "bladder", i % 10 ? [] : ["night"]),
      ),
      medications: [medication("diazepam", at(0))],
    });
    runRules(snapshot); // warm up
    const began = performance.now();
    const findings = runRules(snapshot);
    const elapsedMs = performance.now() - began;
    assert.ok(findings.length > 100);
    assert.ok(elapsedMs < 1000, `took ${elapsedMs.toFixed(0)} ms`);
  });
});
