import { TitrateError } from "../../../core/errors.ts";
import { instrumentIds } from "../../../core/questionnaires/instrument.ts";
import {
  getInstrument,
  parseAnswers,
  scoreInstrument,
} from "../../../core/questionnaires/score.ts";
import { optionalString, requiredString } from "../../args.ts";
import type { Command, CommandContext } from "../../command.ts";
import { journalOptions } from "../../journal-options.ts";
import { writeJson } from "../../output.ts";
import { openScreeningJournal, screeningResources } from "./journal.ts";
import { countryOption, printCrisis, printScore, scoreJson } from "./print.ts";

export const screenScore: Command = {
  name: "screen score",
  summary: "Score answers you already have: total, band, what it means",
  args: "<instrument>",
  options: {
    answers: {
      type: "string",
      value: "1,2,0,3,1,0,2,1,1",
      description:
        "One answer per item, in order, separated by commas (checklists: 0 = no, 1 = yes).",
    },
    ...countryOption,
    ...journalOptions,
  },
  examples: [
    "titrate screen score phq9 --answers 1,2,0,3,1,0,2,1,1",
    "titrate screen score gad7 --answers 0,1,1,0,2,0,1 --json",
    "titrate screen score bladder --answers 0,0,1,0,0,0,0",
  ],
  details: [
    `Instruments: ${instrumentIds.join(", ")} (titrate screen list shows their items). PHQ-9 and GAD-7 answers are 0 = Not at all, 1 = Several days, 2 = More than half the days, 3 = Nearly every day.`,
    "If an answer signals thoughts of self-harm, the crisis resources are printed first: your own (from your profile) when you have a journal, else those of --country. Nothing is stored (titrate screen ask stores its result).",
  ],
  async run(context) {
    const instrument = getInstrument(instrumentArgument(context, "screen score"));
    const answers = parseAnswers(
      requiredString(context, "answers", "1,2,0,3,1,0,2,1,1"),
      instrument,
    );
    const result = scoreInstrument(instrument, answers);
    // The person's own crisis resources, as screen ask shows them: read only when needed.
    const journal =
      result.crisis && optionalString(context, "country") === undefined
        ? await openScreeningJournal(context)
        : null;
    const resources = screeningResources(context, journal);
    await journal?.close();
    if (result.crisis) printCrisis(context.io, resources, context.json);
    if (context.json) writeJson(context.io, scoreJson(result));
    else printScore(context.io, result, resources);
    return 0;
  },
};

/** The one positional argument: the instrument id. */
export function instrumentArgument(context: CommandContext, command: string): string {
  const [instrument, extra] = context.positionals;
  if (instrument === undefined) {
    throw new TitrateError(
      "CLI_MISSING_OPTION",
      `instrument: say which one, for example \`titrate ${command} phq9\`; one of ${instrumentIds.join(", ")}`,
      "instrument",
    );
  }
  if (extra !== undefined) {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      `unexpected argument "${extra}"; see \`titrate ${command} --help\``,
    );
  }
  return instrument;
}
