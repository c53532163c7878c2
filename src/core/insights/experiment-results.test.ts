import assert from "node:assert/strict";
import { test } from "node:test";
import type { CodeSlot, Content } from "./experiment-design.ts";
import { type ExperimentSession, experimentResults } from "./experiment-results.ts";
import { assertClose } from "./fixtures.ts";
import { seededRandom } from "./random.ts";
import type { RatingName } from "./ratings.ts";
import { compareMeans } from "./welch.ts";

// 12 sessions, blocks of 4; the moods of permutation.test.ts's blocked example.
const slots: CodeSlot[] = ["A", "A", "B", "B", "B", "A", "A", "B", "A", "B", "A", "B"];
const moods = [7, 8, 5, 6, 5, 7, 8, 6, 8, 4, 7, 5];
const dates = slots.map(
  (_, i) => `2026-0${1 + Math.floor(i / 4)}-${String(1 + (i % 4) * 7).padStart(2, "0")}`,
);

function sessionsWith(guess: (slot: CodeSlot, i: number) => Content | null): ExperimentSession[] {
  return slots.map((slot, i) => ({
    number: i + 1,
    date: dates[i] as string,
    slot,
    code: slot === "A" ? "A-7K3" : "B-Q92",
    guess: guess(slot, i),
  }));
}

const ratingsByDate = new Map<string, Partial<Record<RatingName, number>>>(
  dates.map((date, i) => [date, { mood: moods[i] as number, sleep: 6 + (i % 2) }]),
);

test("active vs placebo: Welch's interval and the exact blocked randomisation test", () => {
  const results = experimentResults({
    sessions: sessionsWith((slot, i) =>
      i % 3 === 0 ? (slot === "A" ? "placebo" : "active") : slot === "A" ? "active" : "placebo",
    ),
    activeSlot: "A",
    outcome: "mood",
    ratingsByDate,
    random: seededRandom(1),
  });
  assert.equal(results.counted, 12);
  const expected = compareMeans([7, 8, 7, 8, 8, 7], [5, 6, 5, 6, 4, 5]);
  assert.deepEqual(results.primary, { ...expected });
  assert.equal(results.permutation?.method, "exact");
  assert.equal(results.permutation?.permutations, 216);
  assertClose(results.permutation?.p ?? 0, 2 / 216, 1e-15);
  assert.equal(results.sessions[0]?.content, "active");
  assert.equal(results.sessions[2]?.content, "placebo");
  assert.match(
    results.summary[0] ?? "",
    /^Mood on active sessions 7\.5, on placebo sessions 5\.2: a difference of \+2\.3 \(95 % CI/u,
  );
  assert.match(
    results.summary[0] ?? "",
    /randomisation test p = 0\.009 \(exact, all 216 allocations\)/u,
  );
});

test("guessing right at 11 of 12 sessions means the blind was broken, and the results say so", () => {
  const results = experimentResults({
    sessions: sessionsWith((slot, i) =>
      i === 5 ? "placebo" : slot === "A" ? "active" : "placebo",
    ),
    activeSlot: "A",
    outcome: "mood",
    ratingsByDate,
    random: seededRandom(1),
  });
  assert.equal(results.guessing.correct, 11);
  assert.equal(results.guessing.verdict, "broken");
  assert.match(results.guessing.summary, /blind was broken/u);
  assert.ok(
    results.summary.some((line) =>
      /could tell them apart, so expectation may explain part of it/u.test(line),
    ),
  );
});

test("guessing at chance: no sign the blind was broken", () => {
  const results = experimentResults({
    sessions: sessionsWith((_, i) => (i % 2 === 0 ? "active" : "placebo")),
    activeSlot: "B",
    outcome: "mood",
    ratingsByDate,
    random: seededRandom(1),
  });
  assert.equal(results.guessing.guessed, 12);
  assert.equal(results.guessing.verdict, "not-shown-broken");
  assert.equal(results.sessions[0]?.content, "placebo", "A held the placebo");
  assert.ok(results.primary.enoughData && results.primary.estimate < 0);
  assert.match(
    results.guessing.summary,
    /^You guessed right at 4 of 12 sessions \(33 %, 95 % CI 10 % to 65 %; chance, guessing blind, is 50 %\): .*not proof that it held/u,
  );
});

test("an interval on one side of zero with a randomisation p of 0.05 or more is not called a difference", () => {
  // Found by search: Welch's interval +0.4 to +3.9, the exact blocked test p = 12/216.
  const moodsHere = [6, 6, 3, 4, 5, 7, 4, 6, 8, 3, 8, 5];
  const results = experimentResults({
    sessions: sessionsWith((_, i) => (i % 2 === 0 ? "active" : "placebo")),
    activeSlot: "A",
    outcome: "mood",
    ratingsByDate: new Map(dates.map((date, i) => [date, { mood: moodsHere[i] as number }])),
    random: seededRandom(1),
  });
  assert.ok(results.primary.enoughData && results.primary.ci95[0] > 0);
  assertClose(results.permutation?.p ?? 0, 12 / 216, 1e-15);
  assert.ok(!results.summary.some((line) => /did better/u.test(line)), results.summary.join("\n"));
  assert.ok(results.summary.some((line) => /does not rule out chance/u.test(line)));
});

test("guessing wrong nearly every time also shows the two could be told apart", () => {
  const results = experimentResults({
    sessions: sessionsWith((slot) => (slot === "A" ? "placebo" : "active")),
    activeSlot: "A",
    outcome: "mood",
    ratingsByDate,
    random: seededRandom(1),
  });
  assert.equal(results.guessing.verdict, "reversed");
});

test("a session without a guess is left out; too few sessions give no number", () => {
  const results = experimentResults({
    sessions: sessionsWith((slot, i) => (i < 6 ? (slot === "A" ? "active" : "placebo") : null)),
    activeSlot: "A",
    outcome: "mood",
    ratingsByDate,
    random: seededRandom(1),
  });
  assert.equal(results.counted, 6);
  assert.equal(results.primary.enoughData, false);
  assert.match(
    results.summary[0] ?? "",
    /^Not enough data yet for mood: active sessions with a mood rating: 3, placebo sessions with a mood rating: 3; at least 5 of each/u,
  );
  assert.equal(results.guessing.guessed, 6);
});
