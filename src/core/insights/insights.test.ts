import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { CheckIn, Dose } from "../schemas/journal.ts";
import { datesBetween } from "./daily-series.ts";
import type { MeanDifference } from "./estimate.ts";
import { checkInOn, doseOn, screeningOn } from "./fixtures.ts";
import { computeInsights, insightCaveats } from "./insights.ts";
import { resolvePeriod } from "./period.ts";
import { compareMeans } from "./welch.ts";

const period = resolvePeriod("2026-01-01", "2026-01-28", "2026-03-01");
const doseDays = [
  "2026-01-05",
  "2026-01-09",
  "2026-01-13",
  "2026-01-17",
  "2026-01-21",
  "2026-01-25",
];
const dayAfter = doseDays.map((d) => `2026-01-${String(Number(d.slice(8)) + 1).padStart(2, "0")}`);

/** Mood 7–8 on dose days, 6 the day after, 4–6 otherwise. */
function moodOn(date: string, index: number): number {
  if (doseDays.includes(date)) return 7 + (index % 2);
  if (dayAfter.includes(date)) return 6;
  return 4 + (index % 3);
}

const dates = datesBetween(period.from, period.to);
const checkIns: CheckIn[] = dates.map((date, i) =>
  checkInOn(date, { mood: moodOn(date, i), sleep: 6 }),
);
const doses: Dose[] = doseDays.map((date) => doseOn(date));
const insights = computeInsights({
  period,
  timeZone: "Europe/London",
  checkIns,
  doses,
  screenings: [],
});

describe("insights over 28 days with 6 doses", () => {
  test("the period is 28 days and dose days are marked on their local date", () => {
    assert.deepEqual(insights.period, {
      from: "2026-01-01",
      to: "2026-01-28",
      days: 28,
      timeZone: "Europe/London",
    });
    assert.equal(insights.series.dates.length, 28);
    assert.deepEqual(
      insights.series.dates.filter((_, i) => insights.series.doseDay[i]),
      doseDays,
    );
    assert.deepEqual(insights.counts, { checkInDays: 28, doseDays: 6, doses: 6, screenings: 0 });
  });

  test("dose days vs other days is Welch's comparison of exactly those days", () => {
    const comparison = insights.comparisons.find((c) => c.id === "dose-days");
    const mood = comparison?.ratings.mood as MeanDifference;
    const byDate = new Map(dates.map((d, i) => [d, moodOn(d, i)]));
    const expected = compareMeans(
      doseDays.map((d) => byDate.get(d) as number),
      dates.filter((d) => !doseDays.includes(d)).map((d) => byDate.get(d) as number),
    ) as MeanDifference;
    assert.equal(mood.nA, 6);
    assert.equal(mood.nB, 22);
    assert.equal(mood.estimate, expected.estimate);
    assert.deepEqual(mood.ci95, expected.ci95);
    assert.ok(mood.ci95[0] > 0, "a clear lift on dose days");
  });

  test("the day after a dose is compared with days that are neither a dose day nor the day after", () => {
    const mood = insights.comparisons.find((c) => c.id === "day-after")?.ratings
      .mood as MeanDifference;
    assert.equal(mood.nA, 6);
    assert.equal(mood.nB, 28 - 12);
    assert.equal(mood.meanA, 6);
  });

  test("4 days before the first dose are too few for a pre-start baseline, and it says why", () => {
    const mood = insights.comparisons.find((c) => c.id === "on-protocol")?.ratings.mood;
    assert.equal(mood?.enoughData, false);
    assert.equal(
      mood?.enoughData === false ? mood.reason : "",
      "on-protocol days with a mood rating: 24, days before the first dose with a mood rating: 4; at least 5 of each are needed",
    );
  });

  test("with no check-in before the first dose the reason names the first dose's date", () => {
    const later = computeInsights({
      period,
      timeZone: "Europe/London",
      checkIns: checkIns.filter((c) => c.at >= "2026-01-05"),
      doses,
      screenings: [],
    });
    const mood = later.comparisons.find((c) => c.id === "on-protocol")?.ratings.mood;
    assert.match(
      mood?.enoughData === false ? mood.reason : "",
      /no check-ins before the first dose \(2026-01-05\)/u,
    );
  });

  test("a rating that never varies gives no interval rather than a false certainty", () => {
    const sleep = insights.comparisons[0]?.ratings.sleep;
    assert.equal(sleep?.enoughData, false);
  });

  test("every dose was 7 mg, so dose–response has nothing to compare; the dose trend is flat", () => {
    assert.equal(insights.doseResponse.substance, "ketamine");
    assert.equal(insights.doseResponse.points.length, 6);
    assert.equal(insights.doseResponse.ratings.mood.enoughData, false);
    assert.equal(insights.tolerance.steadyAmount, 7);
    const trend = insights.tolerance.doseTrend;
    assert.ok(trend.enoughData);
    assert.equal(trend.estimate, 0);
    assert.deepEqual(insights.tolerance.signals, []);
  });

  test("the 7-day rolling mean needs 4 rated days of the 7", () => {
    const mood = insights.series.ratings.mood;
    assert.equal(mood.rolling7[2], null, "3 days rated");
    assert.equal(
      mood.rolling7[3],
      (moodOn("2026-01-01", 0) +
        moodOn("2026-01-02", 1) +
        moodOn("2026-01-03", 2) +
        moodOn("2026-01-04", 3)) /
        4,
    );
    assert.equal(mood.daily[0], moodOn("2026-01-01", 0));
  });

  test("the same journal gives the same insights, with no time of computation in them", () => {
    const again = computeInsights({
      period,
      timeZone: "Europe/London",
      checkIns,
      doses,
      screenings: [],
    });
    assert.deepEqual(again, insights);
    assert.doesNotMatch(
      JSON.stringify(insights),
      /generated|computedAt|T\d\d:\d\d:\d\d(?:\.\d+)?Z"(?!,"total)/u,
    );
  });
});

test("a dose late in the evening in Tokyo belongs to Tokyo's date, not UTC's", () => {
  const late = doseOn("2026-01-10", 7, "2026-01-10T23:30:00Z", "Asia/Tokyo");
  const result = computeInsights({
    period,
    timeZone: "Asia/Tokyo",
    checkIns: [],
    doses: [late],
    screenings: [],
  });
  const marked = result.series.dates.filter((_, i) => result.series.doseDay[i]);
  assert.deepEqual(marked, ["2026-01-11"]);
});

test("a journal with too little data gives no number anywhere", () => {
  const result = computeInsights({
    period,
    timeZone: "Europe/London",
    checkIns: [
      checkInOn("2026-01-02", { mood: 5 }),
      checkInOn("2026-01-03", { mood: 6 }),
      checkInOn("2026-01-04", { mood: 7 }),
    ],
    doses: [doseOn("2026-01-03")],
    screenings: [screeningOn("2026-01-02", "phq9", 12)],
  });
  for (const comparison of result.comparisons) {
    for (const rating of Object.values(comparison.ratings)) assert.equal(rating.enoughData, false);
  }
  for (const rating of Object.values(result.doseResponse.ratings))
    assert.equal(rating.enoughData, false);
  for (const rating of Object.values(result.tolerance.effectTrend))
    assert.equal(rating.enoughData, false);
  assert.equal(result.tolerance.doseTrend.enoughData, false);
  assert.equal(result.questionnaires[0]?.trend.enoughData, false);
  assert.equal(result.questionnaires[0]?.response, null);
});

test("the expectation caveat covers an improvement over time, not only dose days", () => {
  const first = insightCaveats[0] ?? "";
  assert.match(first, /improvement over time \(in the ratings, the PHQ-9 or the GAD-7\)/u);
  assert.match(first, /FACTS PLACEBO-1/u);
  assert.match(first, /blinded self-experiment/u);
});
