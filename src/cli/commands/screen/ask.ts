/**
 * `titrate screen ask`: asks each item in the terminal with plain readline, one answer per
 * line, so it also works with answers piped on stdin. An answer that signals a risk of
 * self-harm prints the crisis resources at once, before anything else (FACTS Q-PHQ9,
 * CRISIS-1). askScreening is what the journal calls to ask and then store a screening.
 */
import { createInterface } from "node:readline";
import type { CrisisResources } from "../../../core/crisis.ts";
import { TitrateError } from "../../../core/errors.ts";
import type { Instrument } from "../../../core/questionnaires/instrument.ts";
import {
  describeScale,
  getInstrument,
  parseAnswer,
  type ScoreResult,
  scoreInstrument,
} from "../../../core/questionnaires/score.ts";
import type { Command, Io } from "../../command.ts";
import { printFindings } from "../../findings.ts";
import { journalOptions } from "../../journal-options.ts";
import { styler, writeJson, writeLine } from "../../output.ts";
import { openScreeningJournal, screeningResources } from "./journal.ts";
import { countryOption, messageStream, printCrisis, printScore, scoreJson } from "./print.ts";
import { instrumentArgument } from "./score.ts";

export interface AskOptions {
  /** The crisis resources to show if an answer signals a risk of self-harm. */
  readonly resources: CrisisResources;
  /** True when stdout carries JSON: questions and crisis resources then go to stderr. */
  readonly json: boolean;
}

/**
 * Asks every item of `instrument` on `io` and returns the scored result. In a terminal an
 * answer off the scale is asked again; from a pipe it is refused (ANSWER_OUT_OF_SCALE), and
 * input that ends early is ANSWER_COUNT_WRONG: nothing is guessed. Prints the crisis
 * resources the moment the crisis item is answered above 0. Does not print the score.
 */
export async function askScreening(
  io: Io,
  instrument: Instrument,
  options: AskOptions,
): Promise<ScoreResult> {
  const out = messageStream(io, options.json);
  const style = styler(out, io.env);
  const interactive = Boolean(io.stdin.isTTY);
  const reader = createInterface({ input: io.stdin, terminal: false, crlfDelay: Infinity });
  const lines = reader[Symbol.asyncIterator]();
  const answers: number[] = [];
  try {
    writeLine(out, style("bold", `${instrument.name} — ${instrument.title}`));
    writeLine(out, instrument.stem);
    writeLine(
      out,
      style(
        "dim",
        `Answer each with a number: ${describeScale(instrument)}${instrument.kind === "checklist" ? " (or y / n)" : ""}.`,
      ),
    );
    const count = instrument.items.length;
    for (const [index, item] of instrument.items.entries()) {
      let answer: number | undefined;
      while (answer === undefined) {
        writeLine(out);
        writeLine(out, `${style("bold", `${index + 1}/${count}`)}  ${item.text}`);
        out.write("> ");
        const next = await lines.next();
        if (next.done) {
          writeLine(out);
          throw new TitrateError(
            "ANSWER_COUNT_WRONG",
            `answers: the input ended after ${index} of ${count} answers; the ${instrument.name} needs one answer per item`,
            "answers",
          );
        }
        if (!interactive) writeLine(out, next.value);
        try {
          answer = parseAnswer(next.value, instrument, index);
        } catch (error) {
          if (!interactive) throw error;
          writeLine(
            out,
            style("yellow", `  ${(error as Error).message.replace(/^answers\.\d+: /u, "")}`),
          );
        }
      }
      answers.push(answer);
      if (index === instrument.crisisItemIndex && answer > 0) {
        writeLine(out);
        printCrisis(io, options.resources, options.json);
      } else if (index === count - 1) {
        writeLine(out);
      }
    }
  } finally {
    reader.close();
  }
  return scoreInstrument(instrument, answers);
}

export const screenAsk: Command = {
  name: "screen ask",
  summary: "Answer a questionnaire or checklist item by item, see what it means, and keep it",
  args: "<instrument>",
  options: {
    ...countryOption,
    "no-journal": { type: "boolean", description: "Do not save the result in your journal." },
    ...journalOptions,
  },
  examples: [
    "titrate screen ask phq9",
    "titrate screen ask bladder --country GB",
    "printf '1\\n0\\n' | titrate screen ask phq2 --json --no-journal",
  ],
  details: [
    "Reads one answer per line, from the keyboard or from a pipe. If an answer signals thoughts of self-harm, the crisis resources are shown at once — your own (from your profile) when you have a journal. The result is then saved in your journal (questionnaires as screenings, checklists as symptom reports) and the safety rules run; --no-journal keeps it out.",
  ],
  async run(context) {
    const instrument = getInstrument(instrumentArgument(context, "screen ask"));
    const journal =
      context.values["no-journal"] === true ? null : await openScreeningJournal(context);
    try {
      const resources = screeningResources(context, journal);
      const result = await askScreening(context.io, instrument, { resources, json: context.json });
      const saved = journal ? await journal.save(result) : null;
      if (context.json) {
        writeJson(context.io, {
          ...scoreJson(result),
          savedId: saved?.id ?? null,
          findings: saved?.findings ?? [],
        });
        return 0;
      }
      printScore(context.io, result, resources);
      if (saved) {
        writeLine(context.io.stdout);
        writeLine(context.io.stdout, `Saved in your journal (${saved.id}).`);
        printFindings(context.io, saved.findings);
      } else if (context.values["no-journal"] !== true) {
        writeLine(context.io.stdout);
        writeLine(
          context.io.stdout,
          "Not saved: there is no journal here yet (titrate init starts one).",
        );
      }
      return 0;
    } finally {
      await journal?.close();
    }
  },
};
