import assert from "node:assert/strict";
import { test } from "node:test";
import type { CheckIn } from "../schemas/journal.ts";
import { datesBetween } from "./daily-series.ts";
import { checkInOn, doseOn } from "./fixtures.ts";
import { computeInsights } from "./insights.ts";
import { resolvePeriod } from "./period.ts";

const period = resolvePeriod("2026-01-01", "2026-04-30", "2026-05-01");
const dates = datesBetween(period.from, period.to);
const doseDates = dates.filter((_, i) => i % 7 === 3);

test("a dose creeping up from 5 to 12 mg raises the dose-rising signal", () => {
  const doses = doseDates.map((date, i) => doseOn(date, 5 + (i * 7) / (doseDates.length - 1)));
  const checkIns = dates.map((date, i) => checkInOn(date, { mood: 5 + (i % 3) }));
  const { tolerance } = computeInsights({
    period,
    timeZone: "Europe/London",
    checkIns,
    doses,
    screenings: [],
  });
  assert.ok(tolerance.signals.includes("dose-rising"));
  assert.ok(tolerance.doseTrend.enoughData && tolerance.doseTrend.ci95[0] > 0);
  assert.equal(tolerance.doseTrend.enoughData && tolerance.doseTrend.unit, "mg per 28 days");
  assert.match(tolerance.summary, /Possible tolerance.*rising.*not a diagnosis.*K-TOL-1/u);
});

test("the same dose lifting mood less and less raises mood-fading; a steady lift raises nothing", () => {
  const doses = doseDates.map((date) => doseOn(date, 7));
  const build = (lift: (i: number) => number): CheckIn[] =>
    dates.map((date, i) => {
      const doseIndex = doseDates.indexOf(date);
      const base = 5 + (i % 2);
      return checkInOn(date, {
        mood: doseIndex === -1 ? base : Math.round(base + lift(doseIndex)),
      });
    });
  const fading = computeInsights({
    period,
    timeZone: "Europe/London",
    checkIns: build((i) => 4 - (4 * i) / (doseDates.length - 1)),
    doses,
    screenings: [],
  }).tolerance;
  assert.ok(fading.signals.includes("mood-fading"), fading.summary);
  const steady = computeInsights({
    period,
    timeZone: "Europe/London",
    checkIns: build(() => 2),
    doses,
    screenings: [],
  }).tolerance;
  assert.deepEqual(steady.signals, []);
  assert.match(steady.summary, /No tolerance signal/u);
});
