import { TitrateError } from "../../../core/errors.ts";
import { countText } from "../../../core/safety/format.ts";
import { recordGuess } from "../../../store/journal/experiments.ts";
import { optionalString } from "../../args.ts";
import type { Command } from "../../command.ts";
import { withJournal } from "../../journal-context.ts";
import { journalOptions } from "../../journal-options.ts";
import { writeJson, writeLine } from "../../output.ts";

export const experimentGuess: Command = {
  name: "experiment guess",
  summary: "Record what you think you took at today's session: active or placebo",
  args: "<active|placebo>",
  options: {
    date: {
      type: "string",
      value: "2026-03-28",
      description: "The session's date, if not today (a guess you forgot).",
    },
    ...journalOptions,
  },
  examples: [
    "titrate experiment guess active",
    "titrate experiment guess placebo --date 2026-03-28",
  ],
  details: [
    "Guess every session, even when you feel unsure: the guesses show whether the blind held. A guess is also the record that you took that session's dose; a session without one is left out of the result. A new guess for the same session replaces the old one, until you unblind.",
  ],
  async run(context) {
    const [guess, ...extra] = context.positionals;
    if (
      guess === undefined ||
      extra.length > 0 ||
      !["active", "placebo"].includes(guess.toLowerCase())
    ) {
      throw new TitrateError(
        "CLI_MISSING_OPTION",
        "guess: say what you think you took: titrate experiment guess active, or titrate experiment guess placebo",
        "guess",
      );
    }
    const date = optionalString(context, "date");
    const input = {
      guess: guess.toLowerCase(),
      ...(date === undefined ? {} : { date: date.trim() }),
    };
    const view = await withJournal(context, ({ store, user, now }) =>
      recordGuess(store, user.id, input, now),
    );
    if (context.json) {
      writeJson(context.io, view);
      return 0;
    }
    writeLine(
      context.io.stdout,
      `Guess recorded: ${input.guess}. ${view.guesses} of ${countText(view.sessions, "session")} ${view.guesses === 1 ? "has" : "have"} a guess.`,
    );
    return 0;
  },
};
