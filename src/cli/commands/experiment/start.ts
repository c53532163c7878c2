import { TitrateError } from "../../../core/errors.ts";
import {
  MAX_EXPERIMENT_SESSIONS,
  MIN_EXPERIMENT_SESSIONS,
} from "../../../core/insights/experiment-design.ts";
import { startExperiment } from "../../../store/journal/experiments.ts";
import { assertNoPositionals, optionalString, requiredString } from "../../args.ts";
import type { Command } from "../../command.ts";
import { withJournal } from "../../journal-context.ts";
import { journalOptions } from "../../journal-options.ts";
import { styler, writeJson, writeLine } from "../../output.ts";
import { PROCEDURE, statusLines } from "./text.ts";

function wholeNumber(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,4}$/u.test(text.trim())) {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      `${name}: must be a whole number; got "${text}"`,
      name,
    );
  }
  return Number(text);
}

export const experimentStart: Command = {
  name: "experiment start",
  summary: "Start a blinded experiment: two codes, and a sealed order of sessions",
  options: {
    substance: {
      type: "string",
      value: "ketamine",
      description: "The substance the active preparation holds.",
    },
    sessions: {
      type: "string",
      value: "12",
      description: `How many sessions: a multiple of 4 from ${MIN_EXPERIMENT_SESSIONS} to ${MAX_EXPERIMENT_SESSIONS} (default 12).`,
    },
    interval: {
      type: "string",
      value: "7",
      description:
        "Days between sessions (default: ketamine 7, psychedelics 3; never under the substance's minimum).",
    },
    start: {
      type: "string",
      value: "2026-03-28",
      description: "The first session's date (default today).",
    },
    outcome: {
      type: "string",
      value: "mood",
      description: "The rating the result is about, chosen now, before any session (default mood).",
    },
    ...journalOptions,
  },
  examples: [
    "titrate experiment start --substance ketamine",
    "titrate experiment start --substance psilocybin --sessions 16 --interval 3 --outcome focus",
  ],
  details: [
    `Prepare two identical preparations first, one active and one placebo, and have someone else (or a shuffle) label them with the two codes this prints, writing down which code is active on a slip you do not read until the end. The procedure, step by step: ${PROCEDURE}.`,
    "Sessions come in blocks of 4, each holding both codes twice, in an order drawn from a secure random seed that Titrate keeps sealed until you unblind.",
    "Refused while an active danger finding concerns the substance (titrate check). If a plan of the substance is active, end it: the sessions take its place; every dose you log counts for both until then.",
  ],
  async run(context) {
    assertNoPositionals(context, "experiment start");
    const sessions = wholeNumber(optionalString(context, "sessions"), "sessions");
    const intervalDays = wholeNumber(optionalString(context, "interval"), "interval");
    const startDate = optionalString(context, "start");
    const outcome = optionalString(context, "outcome");
    const input = {
      substance: requiredString(context, "substance", "ketamine").trim().toLowerCase(),
      ...(sessions === undefined ? {} : { sessions }),
      ...(intervalDays === undefined ? {} : { intervalDays }),
      ...(startDate === undefined ? {} : { startDate: startDate.trim() }),
      ...(outcome === undefined ? {} : { outcome: outcome.trim().toLowerCase() }),
    };
    const view = await withJournal(context, ({ store, user, now }) =>
      startExperiment(store, user.id, input, now),
    );
    if (context.json) {
      writeJson(context.io, view);
      return 0;
    }
    const { stdout, env } = context.io;
    const style = styler(stdout, env);
    for (const line of statusLines(view)) writeLine(stdout, line);
    for (const warning of view.warnings) writeLine(stdout, style("yellow", `! ${warning}`));
    writeLine(stdout);
    writeLine(
      stdout,
      `1. Have the two preparations labelled ${view.codes[0]} and ${view.codes[1]} by someone else or by a shuffle, with a sealed slip saying which code is active.`,
    );
    writeLine(stdout, "2. On each session day: titrate experiment today shows the code to take.");
    writeLine(
      stdout,
      "3. Check in as usual that day, then guess: titrate experiment guess active (or placebo).",
    );
    writeLine(
      stdout,
      `4. After the last session (${view.endDate}): titrate experiment unblind --active <the code on the slip>.`,
    );
    writeLine(stdout, `The whole procedure: ${PROCEDURE}.`);
    return 0;
  },
};
