import assert from "node:assert/strict";
import { test } from "node:test";
import type { CheckIn } from "../schemas/journal.ts";
import { datesBetween } from "./daily-series.ts";
import { checkInOn, doseOn } from "./fixtures.ts";
import { computeInsights } from "./insights.ts";
import { resolvePeriod } from "./period.ts";
import { meanInterval } from "./summary-stats.ts";

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

test("the mean lift carries its 95 % interval (Student's t), and none below 5 lifts", () => {
  // R: t.test(c(1, 2, 3, 4, 5))$conf.int is 1.036757 4.963243.
  const ci = meanInterval([1, 2, 3, 4, 5]);
  assert.ok(ci);
  assert.ok(Math.abs(ci[0] - 1.036757) < 1e-6 && Math.abs(ci[1] - 4.963243) < 1e-6, String(ci));
  assert.equal(meanInterval([3]), null);

  const doses = doseDates.map((date) => doseOn(date, 7));
  const checkIns = dates.map((date, i) =>
    checkInOn(date, { mood: doseDates.includes(date) ? 8 - (i % 2) : 5 + (i % 2) }),
  );
  const few = (n: number) =>
    computeInsights({
      period,
      timeZone: "Europe/London",
      checkIns,
      doses: doses.slice(0, n),
      screenings: [],
    }).tolerance;
  const many = few(doses.length);
  const lift = many.meanLift.mood;
  const interval = many.meanLiftCi95.mood;
  assert.ok(lift !== null && interval !== null);
  assert.ok(interval[0] <= lift && lift <= interval[1], `${lift} in ${interval}`);
  assert.ok(interval[0] > 0, "a lift of about 2.5 points on every dose day is clearly above 0");
  const four = few(4);
  assert.notEqual(four.meanLift.mood, null);
  assert.equal(four.meanLiftCi95.mood, null, "below 5 lifts: no interval, as every estimate");
});
