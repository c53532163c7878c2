import { currentExperiment } from "../../../store/journal/experiments.ts";
import { assertNoPositionals } from "../../args.ts";
import type { Command } from "../../command.ts";
import { withJournal } from "../../journal-context.ts";
import { journalOptions } from "../../journal-options.ts";
import { writeJson, writeLine } from "../../output.ts";
import { statusLines } from "./text.ts";

export const experimentStatus: Command = {
  name: "experiment status",
  summary: "Your latest experiment: codes, dates and progress (never the sealed order)",
  options: { ...journalOptions },
  examples: ["titrate experiment", "titrate experiment status --json"],
  async run(context) {
    assertNoPositionals(context, "experiment status");
    const view = await withJournal(context, ({ store, user, now }) =>
      currentExperiment(store, user.id, now),
    );
    if (context.json) {
      writeJson(context.io, view);
      return 0;
    }
    for (const line of statusLines(view)) writeLine(context.io.stdout, line);
    return 0;
  },
};
