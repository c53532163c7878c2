import { unblindExperiment } from "../../../store/journal/experiments.ts";
import { assertNoPositionals, optionalString, requiredString } from "../../args.ts";
import type { Command } from "../../command.ts";
import { withJournal } from "../../journal-context.ts";
import { journalOptions } from "../../journal-options.ts";
import { writeJson, writeLine } from "../../output.ts";
import { statusLines } from "./text.ts";

export const experimentUnblind: Command = {
  name: "experiment unblind",
  summary: "End the blind: tell Titrate which code was active, and see the results",
  options: {
    active: {
      type: "string",
      value: "A-7K3",
      description: "The code on the active preparation, from the labeller's slip.",
    },
    early: {
      type: "boolean",
      description:
        "Unblind before the last session is done; the experiment ends and is recorded as unblinded early.",
    },
    reason: {
      type: "string",
      value: "…",
      description: "Why, if early (kept with the experiment).",
    },
    ...journalOptions,
  },
  examples: [
    "titrate experiment unblind --active B-Q92",
    'titrate experiment unblind --active A-7K3 --early --reason "felt unwell"',
  ],
  details: [
    "Unblinding cannot be undone: once you know which code was which, later sessions are no longer blind. Before the last session it needs --early.",
  ],
  async run(context) {
    assertNoPositionals(context, "experiment unblind");
    const reason = optionalString(context, "reason");
    const input = {
      activeCode: requiredString(context, "active", "A-7K3"),
      ...(context.values.early === true ? { early: true } : {}),
      ...(reason === undefined ? {} : { reason }),
    };
    const view = await withJournal(context, ({ store, user, now }) =>
      unblindExperiment(store, user.id, input, now),
    );
    if (context.json) {
      writeJson(context.io, view);
      return 0;
    }
    for (const line of statusLines(view)) writeLine(context.io.stdout, line);
    return 0;
  },
};
