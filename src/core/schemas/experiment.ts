/**
 * What a person submits to run a blinded self-experiment (docs/blinded-experiment.md): the
 * design, a guess per session, and the unblinding. Shared by the API and the CLI.
 */
import * as z from "zod/mini";
import {
  CODE_PATTERN,
  MAX_EXPERIMENT_SESSIONS,
  MAX_INTERVAL_DAYS,
  MIN_EXPERIMENT_SESSIONS,
} from "../insights/experiment-design.ts";
import { ratingNames } from "../insights/ratings.ts";
import { SubstanceIdSchema } from "./journal.ts";

export const LocalDate = z
  .string()
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/u, { error: "must be a date such as 2026-03-22" }),
    z.describe("A local date, YYYY-MM-DD."),
  );

export const ExperimentStartInput = z.strictObject({
  substance: SubstanceIdSchema,
  /** Default 12. A multiple of 4 (the block size). */
  sessions: z.optional(
    z
      .int()
      .check(
        z.gte(MIN_EXPERIMENT_SESSIONS),
        z.lte(MAX_EXPERIMENT_SESSIONS),
        z.describe(
          `Sessions: a multiple of 4 from ${MIN_EXPERIMENT_SESSIONS} to ${MAX_EXPERIMENT_SESSIONS}; default 12.`,
        ),
      ),
  ),
  /** Default: the substance's usual spacing (ketamine 7 days, psychedelics 3). */
  intervalDays: z.optional(
    z
      .int()
      .check(
        z.gte(1),
        z.lte(MAX_INTERVAL_DAYS),
        z.describe("Days between sessions; at least the substance's minimum interval."),
      ),
  ),
  /** Default: today. */
  startDate: z.optional(LocalDate),
  /** The rating the result is about, chosen before the first session. Default mood. */
  outcome: z.optional(z.enum(ratingNames)),
});
export type ExperimentStartInput = z.infer<typeof ExperimentStartInput>;

export const guessValues = ["active", "placebo"] as const;

export const ExperimentGuessInput = z.strictObject({
  guess: z.enum(guessValues),
  /** The session's date; default today. */
  date: z.optional(LocalDate),
});
export type ExperimentGuessInput = z.infer<typeof ExperimentGuessInput>;

export const ExperimentUnblindInput = z.strictObject({
  /** The code written on the active preparation, from the labeller's slip. */
  activeCode: z
    .string()
    .check(
      z.trim(),
      z.toUpperCase(),
      z.regex(CODE_PATTERN, { error: "must be one of the experiment's codes, such as A-7K3" }),
    ),
  /** Unblinding before the last session is done must be asked for; it is recorded. */
  early: z.optional(z.boolean()),
  reason: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(500)))),
});
export type ExperimentUnblindInput = z.infer<typeof ExperimentUnblindInput>;
