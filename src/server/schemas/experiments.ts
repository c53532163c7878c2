/**
 * Response schemas of the blinded self-experiment. Before unblinding nothing here carries the
 * allocation: the experiment lists dates only, and today's view the one code to take.
 */
import * as z from "zod/mini";
import { ratingNames } from "../../core/insights/ratings.ts";
import { DifferenceResult, NotEnoughData, Proportion, perRating } from "./insights.ts";

const Guess = z.enum(["active", "placebo"]);

export const ExperimentView = z.strictObject({
  id: z.string(),
  substance: z.string(),
  outcome: z.enum(ratingNames),
  codes: z
    .tuple([z.string(), z.string()])
    .check(
      z.describe(
        "The two labels, A-… and B-…: which is active is not known to Titrate until unblinding.",
      ),
    ),
  startDate: z.string(),
  endDate: z.string(),
  intervalDays: z.int(),
  sessions: z.int(),
  blockSize: z.int(),
  timeZone: z.string(),
  createdAt: z.string(),
  state: z.enum(["upcoming", "running", "finished", "unblinded"]),
  schedule: z.array(z.strictObject({ number: z.int(), date: z.string(), guessed: z.boolean() })),
  sessionsPast: z.int(),
  guesses: z.int(),
  unblinding: z.nullable(
    z.strictObject({
      at: z.string(),
      early: z.boolean(),
      reason: z.nullable(z.string()),
      activeCode: z.string(),
      placeboCode: z.string(),
    }),
  ),
});

export const ExperimentStarted = z.extend(ExperimentView, {
  warnings: z
    .array(z.string())
    .check(
      z.describe(
        "What to know before the first session: an active plan of the substance (end it: the sessions take its place), a first session sooner than the minimum interval after the last dose, a batch whose reagent test failed.",
      ),
    ),
});

export const ExperimentLatest = z.strictObject({
  current: z
    .nullable(ExperimentView)
    .check(z.describe("The latest experiment, or null before the first one.")),
});

export const ExperimentToday = z.strictObject({
  date: z.string(),
  experimentId: z.string(),
  state: z.enum(["upcoming", "running", "finished", "unblinded"]),
  session: z.nullable(
    z.strictObject({ number: z.int(), of: z.int(), code: z.string(), guess: z.nullable(Guess) }),
  ),
  nextSession: z.nullable(z.strictObject({ number: z.int(), date: z.string() })),
  tooSoon: z
    .nullable(
      z.strictObject({ lastDoseAt: z.string(), earliestAt: z.string(), message: z.string() }),
    )
    .check(
      z.describe(
        "When today's session comes before the minimum interval after the last dose taken before today (a plan's, say): when its dose may be taken, or to skip it.",
      ),
    ),
});

const UnblindedSession = z.strictObject({
  number: z.int(),
  date: z.string(),
  slot: z.enum(["A", "B"]),
  code: z.string(),
  guess: z.nullable(Guess),
  content: Guess,
  correct: z.nullable(z.boolean()),
  ratings: perRating(z.nullable(z.number())),
});

export const ExperimentResults = z.strictObject({
  outcome: z.enum(ratingNames),
  sessions: z.array(UnblindedSession),
  counted: z.int(),
  primary: DifferenceResult,
  permutation: z.nullable(
    z.strictObject({
      p: z.number(),
      method: z.enum(["exact", "monte-carlo"]),
      permutations: z.int(),
      statistic: z.number(),
    }),
  ),
  ratings: perRating(DifferenceResult),
  byBelief: DifferenceResult,
  guessing: z.strictObject({
    guessed: z.int(),
    correct: z.int(),
    accuracy: z.union([Proportion, NotEnoughData]),
    verdict: z.enum(["broken", "reversed", "not-shown-broken", "not-enough-guesses"]),
    summary: z.string(),
  }),
  summary: z.array(z.string()),
  sources: z.array(z.string()),
});

export const ExperimentReport = z.strictObject({
  experiment: ExperimentView,
  results: ExperimentResults,
});
