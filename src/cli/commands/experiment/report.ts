import { experimentReport } from "../../../store/journal/experiments.ts";
import { assertNoPositionals } from "../../args.ts";
import type { Command } from "../../command.ts";
import { withJournal } from "../../journal-context.ts";
import { journalOptions } from "../../journal-options.ts";
import { writeJson, writeLine } from "../../output.ts";
import { resultLines } from "./text.ts";

export const experimentReportCommand: Command = {
  name: "experiment report",
  summary: "The results, once unblinded: active against placebo, and how well you guessed",
  options: { ...journalOptions },
  examples: ["titrate experiment report", "titrate experiment report --json"],
  details: [
    "The outcome on active sessions against placebo sessions, with a 95 % confidence interval (Welch) and a randomisation test that re-draws the codes within blocks as the allocation did (exact when there are few enough orders to count, else 10 000 seeded draws). Then the same for every rating, the outcome by what you believed you took, and how often you guessed right: if better than chance, the blind was broken, and it says so.",
  ],
  async run(context) {
    assertNoPositionals(context, "experiment report");
    const report = await withJournal(context, ({ store, user, now }) =>
      experimentReport(store, user.id, now),
    );
    if (context.json) {
      writeJson(context.io, report);
      return 0;
    }
    for (const line of resultLines(report.experiment, report.results))
      writeLine(context.io.stdout, line);
    return 0;
  },
};
