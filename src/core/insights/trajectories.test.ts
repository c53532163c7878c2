import assert from "node:assert/strict";
import { test } from "node:test";
import { screeningOn } from "./fixtures.ts";
import { questionnaireTrajectory } from "./trajectories.ts";

const from = "2026-01-01";
const to = "2026-03-31";

test("PHQ-9 15 → 7: a response (≥ 50 % lower) and a clinically meaningful improvement, not remission", () => {
  const trajectory = questionnaireTrajectory(
    "phq9",
    [
      screeningOn("2026-01-05", "phq9", 15),
      screeningOn("2026-02-05", "phq9", 11),
      screeningOn("2026-03-05", "phq9", 7),
    ],
    from,
    to,
  );
  assert.equal(trajectory.baseline?.total, 15);
  assert.equal(trajectory.latest?.total, 7);
  assert.equal(trajectory.latest?.change, -8);
  assert.equal(trajectory.response, true, "7 ≤ 15 × 0.5 = 7.5");
  assert.equal(trajectory.remission, false);
  assert.equal(trajectory.meaningfulChange, "better");
  assert.equal(trajectory.meaningfulChangePoints, 5);
  assert.deepEqual(trajectory.sources, ["Q-PHQ9"]);
  assert.match(
    trajectory.summary,
    /8 points lower than the first.*clinically meaningful improvement.*a response/u,
  );
});

test("PHQ-9 12 → 4 is remission (below 5); 10 → 6 is a change under 5 points and no response", () => {
  const remitted = questionnaireTrajectory(
    "phq9",
    [screeningOn("2026-01-05", "phq9", 12), screeningOn("2026-02-05", "phq9", 4)],
    from,
    to,
  );
  assert.equal(remitted.remission, true);
  assert.equal(remitted.response, true);
  const small = questionnaireTrajectory(
    "phq9",
    [screeningOn("2026-01-05", "phq9", 10), screeningOn("2026-02-05", "phq9", 6)],
    from,
    to,
  );
  assert.equal(small.response, false, "6 > 10 × 0.5");
  assert.equal(small.remission, false);
  assert.equal(small.meaningfulChange, "none");
});

test("a worsening of 5 points is marked and says to talk to a doctor", () => {
  const worse = questionnaireTrajectory(
    "phq9",
    [screeningOn("2026-01-05", "phq9", 6), screeningOn("2026-02-05", "phq9", 11)],
    from,
    to,
  );
  assert.equal(worse.meaningfulChange, "worse");
  assert.match(worse.summary, /worsening.*talk to a doctor/u);
});

test("from a first score below 5 response and remission do not apply", () => {
  const low = questionnaireTrajectory(
    "phq9",
    [screeningOn("2026-01-05", "phq9", 3), screeningOn("2026-02-05", "phq9", 1)],
    from,
    to,
  );
  assert.equal(low.response, null);
  assert.equal(low.remission, null);
});

test("GAD-7 gets response and remission but no 5-point mark, which FACTS gives only for the PHQ-9", () => {
  const gad = questionnaireTrajectory(
    "gad7",
    [screeningOn("2026-01-05", "gad7", 14), screeningOn("2026-02-05", "gad7", 4)],
    from,
    to,
  );
  assert.equal(gad.remission, true);
  assert.equal(gad.response, true);
  assert.equal(gad.meaningfulChange, null);
  assert.equal(gad.maxTotal, 21);
});

test("the baseline is the first screening ever, even before the period", () => {
  const trajectory = questionnaireTrajectory(
    "phq9",
    [screeningOn("2025-06-01", "phq9", 16), screeningOn("2026-02-05", "phq9", 8)],
    from,
    to,
  );
  assert.equal(trajectory.baseline?.date, "2025-06-01");
  assert.deepEqual(
    trajectory.points.map((p) => p.total),
    [8],
  );
  assert.equal(trajectory.response, true);
});

test("five or more screenings give a trend in points per 28 days", () => {
  const totals = [14, 13, 11, 10, 8, 7];
  const trajectory = questionnaireTrajectory(
    "phq9",
    totals.map((t, i) => screeningOn(`2026-01-${String(1 + i * 7).padStart(2, "0")}`, "phq9", t)),
    from,
    to,
  );
  assert.ok(trajectory.trend.enoughData);
  assert.ok(trajectory.trend.estimate < -5 && trajectory.trend.estimate > -7);
  assert.equal(trajectory.trend.enoughData && trajectory.trend.unit, "points per 28 days");
});

test("a PHQ-9 with item 9 above 0 leads the summary, even when the total looks better", () => {
  const crisis = screeningOn("2026-02-05", "phq9", 10);
  const answers = [...crisis.answers];
  answers[0] = (answers[0] ?? 0) - 1;
  answers[8] = 1;
  const trajectory = questionnaireTrajectory(
    "phq9",
    [screeningOn("2026-01-05", "phq9", 16), { ...crisis, answers, crisis: true }],
    from,
    to,
  );
  assert.equal(trajectory.latest?.total, 10);
  assert.deepEqual(trajectory.crisisDates, ["2026-02-05"]);
  assert.match(
    trajectory.summary,
    /^Thoughts of death or self-harm \(item 9 answered above 0\) on 2026-02-05: that needs a safety response now/u,
  );
  assert.ok(trajectory.sources.includes("CRISIS-1"));
});
