import { instruments } from "../../../core/questionnaires/instruments.ts";
import { describeScale } from "../../../core/questionnaires/score.ts";
import { assertNoPositionals } from "../../args.ts";
import type { Command } from "../../command.ts";
import { styler, writeJson, writeLine } from "../../output.ts";

export const screenList: Command = {
  name: "screen list",
  summary: "The questionnaires and checklists, with their items and answer scales",
  options: {},
  examples: ["titrate screen list", "titrate screen list --json"],
  run(context) {
    assertNoPositionals(context, "screen list");
    if (context.json) {
      writeJson(
        context.io,
        instruments.map((i) => ({
          id: i.id,
          kind: i.kind,
          name: i.name,
          title: i.title,
          stem: i.stem,
          items: i.items,
          options: i.options,
          bands: i.bands.map(({ id, label, min, max }) => ({ id, label, min, max })),
          sources: i.facts,
        })),
      );
      return 0;
    }
    const { stdout, env } = context.io;
    const style = styler(stdout, env);
    for (const instrument of instruments) {
      writeLine(stdout, `${style("bold", instrument.id.padEnd(13))}${instrument.title}`);
      writeLine(
        stdout,
        style("dim", `             ${instrument.items.length} items; ${describeScale(instrument)}`),
      );
    }
    writeLine(stdout);
    writeLine(
      stdout,
      "Ask one: titrate screen ask phq9. Score answers you have: titrate screen score phq9 --answers …",
    );
    return 0;
  },
};
