/**
 * The blinded self-experiment (docs/blinded-experiment.md) over HTTP: start, the latest
 * experiment, today's code, a guess, unblinding and the results. Before unblinding no answer
 * carries the allocation: only today's code, on its day.
 */
import type { FastifyPluginAsync } from "fastify";
import { TitrateError } from "../../core/errors.ts";
import {
  ExperimentGuessInput,
  ExperimentStartInput,
  ExperimentUnblindInput,
} from "../../core/schemas/experiment.ts";
import {
  currentExperiment,
  experimentReport,
  experimentToday,
  recordGuess,
  startExperiment,
  unblindExperiment,
} from "../../store/journal/experiments.ts";
import type { ServerContext } from "../context.ts";
import { defineRoute } from "../route.ts";
import {
  ExperimentLatest,
  ExperimentReport,
  ExperimentStarted,
  ExperimentToday,
  ExperimentView,
} from "../schemas/experiments.ts";

export const experimentsRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  const { store } = context;

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/experiments",
    operationId: "startExperiment",
    summary: "Start a blinded experiment: two codes and a sealed, blocked random order",
    description:
      "Sessions (default 12, a multiple of 4) are spaced by `intervalDays` (default: ketamine 7, psychedelics 3; never under the substance's minimum). Each block of 4 holds both codes twice. The order is drawn from a secure seed kept sealed until unblinding. Show the two codes so the preparations can be labelled by someone else or a shuffle. Refused while an active danger finding concerns the substance (422 EXPERIMENT_ADVISED_AGAINST: a bladder sign, a contraindication, a dangerous medication…). `warnings` names an active plan of the substance or a cross-tolerant one (end it: the sessions take its place), a first session sooner than the minimum interval after the last dose, and a failed batch.",
    tags: ["experiments"],
    body: ExperimentStartInput,
    status: 201,
    response: ExperimentStarted,
    errors: [
      "EXPERIMENT_RUNNING",
      "EXPERIMENT_INTERVAL_TOO_SHORT",
      "EXPERIMENT_ADVISED_AGAINST",
      "STORE_NOT_INITIALISED",
    ],
    handler: ({ userId, body }) => startExperiment(store, userId, body, context.now()),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/experiments",
    operationId: "getLatestExperiment",
    summary: "The latest experiment, or null when there is none yet",
    description:
      "The same view as GET /api/v1/experiments/current, but `{ current: null }` instead of a 404 before the first experiment, so a screen can ask without a failing request.",
    tags: ["experiments"],
    response: ExperimentLatest,
    handler: async ({ userId }) => {
      try {
        return { current: await currentExperiment(store, userId, context.now()) };
      } catch (error) {
        if (error instanceof TitrateError && error.code === "EXPERIMENT_NOT_FOUND") {
          return { current: null };
        }
        throw error;
      }
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/experiments/current",
    operationId: "getCurrentExperiment",
    summary: "The latest experiment: codes, session dates and progress (never the order)",
    tags: ["experiments"],
    response: ExperimentView,
    errors: ["EXPERIMENT_NOT_FOUND"],
    handler: ({ userId }) => currentExperiment(store, userId, context.now()),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/experiments/current/today",
    operationId: "getExperimentToday",
    summary: "Today's session and the one code to take, or the next session's date",
    tags: ["experiments"],
    response: ExperimentToday,
    errors: ["EXPERIMENT_NOT_FOUND"],
    handler: ({ userId }) => experimentToday(store, userId, context.now()),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/experiments/current/guess",
    operationId: "guessExperimentSession",
    summary: "Record what the person thinks they took at a session: active or placebo",
    description:
      "For today's session unless `date` names an earlier session day. A guess is also the record that the session's dose was taken; a later guess for the same session replaces it, until unblinding.",
    tags: ["experiments"],
    body: ExperimentGuessInput,
    response: ExperimentView,
    errors: ["EXPERIMENT_NOT_FOUND", "EXPERIMENT_NO_SESSION", "EXPERIMENT_UNBLINDED"],
    handler: ({ userId, body }) => recordGuess(store, userId, body, context.now()),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/experiments/current/unblind",
    operationId: "unblindExperiment",
    summary: "End the blind with the code written on the active preparation",
    description:
      "Before the last session is done it needs `early: true` (EXPERIMENT_NOT_OVER otherwise) and is recorded as early, with `reason` if given. It cannot be undone.",
    tags: ["experiments"],
    body: ExperimentUnblindInput,
    response: ExperimentView,
    errors: [
      "EXPERIMENT_NOT_FOUND",
      "EXPERIMENT_NOT_OVER",
      "EXPERIMENT_UNBLINDED",
      "EXPERIMENT_CODE_UNKNOWN",
    ],
    handler: ({ userId, body }) => unblindExperiment(store, userId, body, context.now()),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/experiments/current/report",
    operationId: "getExperimentReport",
    summary: "The results once unblinded: active vs placebo, and how well the person guessed",
    description:
      "Active minus placebo on the chosen outcome with Welch's 95 % interval and a randomisation test within blocks (`permutation`: exact when the orders can all be counted, else 10 000 seeded draws), every rating, the outcome by belief, and the guesses (`guessing.verdict` is `broken` when the person guessed better than chance: say so plainly). EXPERIMENT_BLINDED before unblinding.",
    tags: ["experiments"],
    response: ExperimentReport,
    errors: ["EXPERIMENT_NOT_FOUND", "EXPERIMENT_BLINDED"],
    handler: ({ userId }) => experimentReport(store, userId, context.now()),
  });
};
