import { experimentToday } from "../../../store/journal/experiments.ts";
import { assertNoPositionals } from "../../args.ts";
import type { Command } from "../../command.ts";
import { withJournal } from "../../journal-context.ts";
import { journalOptions } from "../../journal-options.ts";
import { writeJson, writeLine } from "../../output.ts";
import { todayLines } from "./text.ts";

export const experimentTodayCommand: Command = {
  name: "experiment today",
  summary: "Which code to take today, if today is a session day (and nothing more)",
  options: { ...journalOptions },
  examples: ["titrate experiment today", "titrate experiment today --json"],
  details: [
    "Shows only today's code: the order of the other sessions stays sealed until you unblind.",
  ],
  async run(context) {
    assertNoPositionals(context, "experiment today");
    const today = await withJournal(context, ({ store, user, now }) =>
      experimentToday(store, user.id, now),
    );
    if (context.json) {
      writeJson(context.io, today);
      return 0;
    }
    for (const line of todayLines(today)) writeLine(context.io.stdout, line);
    return 0;
  },
};
