/**
 * What a blinded self-experiment showed, once unblinded: the outcome on active sessions
 * against placebo sessions (Welch's interval and a randomisation test that re-draws the codes
 * within blocks, as the allocation did), the same for every rating, the outcome by what the
 * person *believed* they took, and how well they guessed.
 *
 * A session counts when it has a guess (which is also the record that its dose was taken)
 * and a check-in rating on its date. If the person guessed better than chance, the blind was
 * broken and expectation may explain part of any difference: the summary says so plainly
 * (FACTS PLACEBO-1).
 */

import {
  type MeanDifference,
  MIN_PER_GROUP,
  type NotEnoughData,
  type Proportion,
} from "./estimate.ts";
import { blockOf, type CodeSlot, type Content } from "./experiment-design.ts";
import { type PermutationTest, permutationTest } from "./permutation.ts";
import { estimateProportion } from "./proportion.ts";
import type { SeededRandom } from "./random.ts";
import { aRating, perRating, type RatingName } from "./ratings.ts";
import { compareMeans } from "./welch.ts";

export interface ExperimentSession {
  /** 1-based. */
  readonly number: number;
  readonly date: string;
  readonly slot: CodeSlot;
  readonly code: string;
  readonly guess: Content | null;
}

export interface UnblindedSession extends ExperimentSession {
  readonly content: Content;
  /** Null without a guess. */
  readonly correct: boolean | null;
  /** The session day's ratings (mean of its check-ins); null without one. */
  readonly ratings: Readonly<Record<RatingName, number | null>>;
}

export type BlindVerdict = "broken" | "reversed" | "not-shown-broken" | "not-enough-guesses";

export interface Guessing {
  readonly guessed: number;
  readonly correct: number;
  readonly accuracy: Proportion | NotEnoughData;
  /**
   * broken: right more often than chance (the interval lies above 50 %); reversed: wrong more
   * often than chance, which also means the two could be told apart; not-shown-broken: the
   * interval includes 50 %.
   */
  readonly verdict: BlindVerdict;
  readonly summary: string;
}

export interface ExperimentResults {
  readonly outcome: RatingName;
  readonly sessions: readonly UnblindedSession[];
  /** Sessions with a guess and an outcome rating. */
  readonly counted: number;
  /** Active minus placebo on the outcome. */
  readonly primary: MeanDifference | NotEnoughData;
  /** The randomisation test of the same difference; null when a group is empty. */
  readonly permutation: PermutationTest | null;
  /** Active minus placebo on every rating. */
  readonly ratings: Readonly<Record<RatingName, MeanDifference | NotEnoughData>>;
  /** Believed active minus believed placebo on the outcome. */
  readonly byBelief: MeanDifference | NotEnoughData;
  readonly guessing: Guessing;
  readonly summary: readonly string[];
  readonly sources: readonly string[];
}

export interface ResultsInput {
  readonly sessions: readonly ExperimentSession[];
  /** Which code held the active preparation. */
  readonly activeSlot: CodeSlot;
  readonly outcome: RatingName;
  readonly ratingsByDate: ReadonlyMap<string, Partial<Record<RatingName, number>>>;
  /** For the randomisation test when there are too many allocations to count them all. */
  readonly random: SeededRandom;
}

const signed = (value: number) => `${value >= 0 ? "+" : "-"}${Math.abs(value).toFixed(1)}`;
const percent = (value: number) => `${Math.round(value * 100)} %`;

function guessingOf(sessions: readonly UnblindedSession[]): Guessing {
  const guessedSessions = sessions.filter((s) => s.guess !== null);
  const guessed = guessedSessions.length;
  const correct = guessedSessions.filter((s) => s.correct).length;
  const accuracy = estimateProportion(correct, guessed, "sessions with a guess", MIN_PER_GROUP);
  if (!accuracy.enoughData) {
    return {
      guessed,
      correct,
      accuracy,
      verdict: "not-enough-guesses",
      summary: `Too few guesses to tell whether the blind held (${guessed}; at least ${MIN_PER_GROUP} are needed).`,
    };
  }
  const [low, high] = accuracy.ci95;
  const share = `You guessed right at ${correct} of ${guessed} sessions (${percent(accuracy.estimate)}, 95 % CI ${percent(low)} to ${percent(high)}; chance, guessing blind, is 50 %)`;
  if (low > 0.5) {
    return {
      guessed,
      correct,
      accuracy,
      verdict: "broken",
      summary: `${share}: better than chance, so the blind was broken. You could tell active from placebo, and expecting an effect can produce one, so part of any difference may be expectation (FACTS PLACEBO-1).`,
    };
  }
  if (high < 0.5) {
    return {
      guessed,
      correct,
      accuracy,
      verdict: "reversed",
      summary: `${share}: worse than chance, which means the two preparations could be told apart (the other way round), so the blind was not intact either.`,
    };
  }
  return {
    guessed,
    correct,
    accuracy,
    verdict: "not-shown-broken",
    summary: `${share}: no better than chance as far as ${guessed} guesses can show, so there is no sign the blind was broken — which is not proof that it held: the interval is wide.`,
  };
}

/** The results of an unblinded experiment. */
export function experimentResults(input: ResultsInput): ExperimentResults {
  const sessions: UnblindedSession[] = input.sessions.map((s) => {
    const content: Content = s.slot === input.activeSlot ? "active" : "placebo";
    const day = input.ratingsByDate.get(s.date);
    return {
      ...s,
      content,
      correct: s.guess === null ? null : s.guess === content,
      ratings: perRating((name) => day?.[name] ?? null),
    };
  });
  const taken = sessions.filter((s) => s.guess !== null);
  const rated = (name: RatingName) => taken.filter((s) => s.ratings[name] !== null);
  const valuesOf = (list: readonly UnblindedSession[], name: RatingName) =>
    list.map((s) => s.ratings[name] as number);
  const ratings = perRating((name) => {
    const withRating = rated(name);
    return compareMeans(
      valuesOf(
        withRating.filter((s) => s.content === "active"),
        name,
      ),
      valuesOf(
        withRating.filter((s) => s.content === "placebo"),
        name,
      ),
      { a: `active sessions with ${aRating(name)}`, b: `placebo sessions with ${aRating(name)}` },
    );
  });
  const counted = rated(input.outcome);
  const primary = ratings[input.outcome];
  const inActive = counted.map((s) => s.content === "active");
  const permutation =
    inActive.includes(true) && inActive.includes(false)
      ? permutationTest(
          valuesOf(counted, input.outcome),
          inActive,
          input.random,
          counted.map((s) => blockOf(s.number)),
        )
      : null;
  const byBelief = compareMeans(
    valuesOf(
      counted.filter((s) => s.guess === "active"),
      input.outcome,
    ),
    valuesOf(
      counted.filter((s) => s.guess === "placebo"),
      input.outcome,
    ),
    { a: "sessions you believed active", b: "sessions you believed placebo" },
  );
  const guessing = guessingOf(sessions);

  const summary: string[] = [];
  const outcome = input.outcome;
  if (primary.enoughData) {
    const [low, high] = primary.ci95;
    const test = permutation
      ? `; randomisation test p = ${permutation.p.toFixed(3)} (${permutation.method === "exact" ? `exact, all ${permutation.permutations} allocations` : `${permutation.permutations} random allocations`})`
      : "";
    summary.push(
      `${outcome[0]?.toUpperCase()}${outcome.slice(1)} on active sessions ${primary.meanA.toFixed(1)}, on placebo sessions ${primary.meanB.toFixed(1)}: a difference of ${signed(primary.estimate)} (95 % CI ${signed(low)} to ${signed(high)}), ${primary.nA} and ${primary.nB} sessions${test}.`,
    );
    const better = primary.estimate > 0 === (outcome !== "anxiety");
    if ((low > 0 || high < 0) && permutation !== null && permutation.p >= 0.05) {
      // Welch's interval leans on its t approximation; with a dozen sessions the randomisation
      // test, which assumes nothing about the spreads, is the one to believe when they disagree.
      summary.push(
        `The interval lies on one side of zero, but the randomisation test (p = ${permutation.p.toFixed(3)}) does not rule out chance: with ${primary.n} sessions, read this as no clear difference from placebo yet. A longer experiment would settle it.`,
      );
    } else if (low > 0 || high < 0) {
      summary.push(
        guessing.verdict === "broken" || guessing.verdict === "reversed"
          ? `The active preparation did ${better ? "better" : "worse"} than placebo, but you could tell them apart, so expectation may explain part of it.`
          : `The active preparation did ${better ? "better" : "worse"} than placebo, and the blind showed no sign of breaking.`,
      );
    } else {
      summary.push(
        `No clear difference from placebo: the interval includes zero. With ${primary.n} sessions a small effect can still hide in it; a longer experiment would narrow it.`,
      );
    }
  } else {
    summary.push(`Not enough data yet for ${outcome}: ${primary.reason}.`);
  }
  if (byBelief.enoughData) {
    summary.push(
      `By what you believed you took: ${byBelief.meanA.toFixed(1)} on sessions you thought active, ${byBelief.meanB.toFixed(1)} on those you thought placebo (difference ${signed(byBelief.estimate)}, 95 % CI ${signed(byBelief.ci95[0])} to ${signed(byBelief.ci95[1])}). In a large self-blinding study, belief explained much of microdosing's effect (FACTS PLACEBO-1).`,
    );
  }
  summary.push(guessing.summary);
  return {
    outcome,
    sessions,
    counted: counted.length,
    primary,
    permutation,
    ratings,
    byBelief,
    guessing,
    summary,
    sources: ["PLACEBO-1"],
  };
}
