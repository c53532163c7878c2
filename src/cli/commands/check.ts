import { TitrateError } from "../../core/errors.ts";
import { acknowledgeFinding, currentFindings } from "../../store/journal/findings.ts";
import { assertNoPositionals, optionalString } from "../args.ts";
import type { Command } from "../command.ts";
import { printFindings } from "../findings.ts";
import { withJournal } from "../journal-context.ts";
import { journalOptions } from "../journal-options.ts";
import { styler, writeJson, writeLine } from "../output.ts";

export const command: Command = {
  name: "check",
  summary: "Every safety finding active now, danger first",
  options: {
    ack: {
      type: "string",
      value: "KEY",
      description: "Acknowledge a finding by its key (from --json).",
    },
    history: {
      type: "boolean",
      description: "Every finding over the whole journal, active or not.",
    },
    ...journalOptions,
  },
  examples: [
    "titrate check",
    "titrate check --json",
    "titrate check --ack min-interval:dos_…",
    "titrate check --history",
  ],
  details: [
    "Acknowledging a finding moves it out of the main list; a DANGER finding is never hidden and stays at the top, marked acknowledged. Exit code 0 even when there are findings.",
  ],
  async run(context) {
    assertNoPositionals(context, "check");
    const ack = optionalString(context, "ack");
    if (ack !== undefined) {
      if (ack.trim() === "")
        throw new TitrateError("CLI_MISSING_OPTION", "--ack needs a finding key", "ack");
      const finding = await withJournal(context, ({ store, user, now }) =>
        acknowledgeFinding(store, user.id, ack, now),
      );
      if (context.json) writeJson(context.io, { finding });
      else
        writeLine(
          context.io.stdout,
          finding.severity === "danger"
            ? `Acknowledged "${finding.title}". It is a danger, so it stays at the top of titrate check.`
            : `Acknowledged "${finding.title}".`,
        );
      return 0;
    }
    const findings = await withJournal(context, ({ store, user, now }) =>
      currentFindings(store, user.id, now),
    );
    if (context.json) {
      writeJson(
        context.io,
        context.values.history === true
          ? { history: findings.history }
          : { active: findings.active, acknowledged: findings.acknowledged },
      );
      return 0;
    }
    const { stdout, env } = context.io;
    const style = styler(stdout, env);
    const list = context.values.history === true ? findings.history : findings.active;
    if (list.length === 0) {
      writeLine(
        stdout,
        style(
          "green",
          context.values.history === true ? "No findings in your journal." : "No active findings.",
        ),
      );
    } else {
      writeLine(
        stdout,
        style(
          "bold",
          `${list.length} ${context.values.history === true ? "findings in your journal" : "active findings"}`,
        ),
      );
      printFindings(context.io, list, {
        acknowledged: new Set(list.filter((f) => f.acknowledgedAt).map((f) => f.key)),
      });
    }
    if (findings.acknowledged.length > 0 && context.values.history !== true) {
      writeLine(stdout);
      writeLine(
        stdout,
        style(
          "dim",
          `${findings.acknowledged.length} acknowledged: ${findings.acknowledged.map((f) => f.title).join("; ")}`,
        ),
      );
    }
    return 0;
  },
};
