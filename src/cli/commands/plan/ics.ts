import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../../core/errors.ts";
import { planToIcs } from "../../../core/schedule/ics.ts";
import { assertNoPositionals, optionalString } from "../../args.ts";
import type { Command } from "../../command.ts";
import { styler, writeJson, writeLine } from "../../output.ts";
import { planOptions } from "./flags.ts";
import { buildPreview } from "./preview.ts";

export const planIcs: Command = {
  name: "plan ics",
  summary: "Write a plan as an iCalendar file (.ics) for your calendar program",
  options: {
    ...planOptions,
    utc: { type: "boolean", description: "Write times in UTC instead of the plan's time zone." },
    remind: {
      type: "string",
      value: "15m",
      description: "Reminder this many minutes before each dose (0m: at the time). Default 15m.",
    },
    discreet: {
      type: "boolean",
      description: "Leave the substance and dose out of event titles and descriptions.",
    },
  },
  examples: [
    "titrate plan ics --substance ketamine --weight 70kg --every 7d --start 2026-03-22 --time 09:00 --tz Europe/London --count 12 > plan.ics",
    "titrate plan ics --substance lsd --protocol fadiman --start 2026-04-01 --time 08:00 --until 2026-06-30 --discreet > plan.ics",
  ],
  details: [
    "One event per dose, each with a reminder and the dose in its description; times carry their time zone (with its VTIMEZONE block) unless you pass --utc. Exporting the same plan again gives its events the same UIDs, so calendar programs can recognise them instead of adding copies. Warnings go to stderr, the calendar to stdout.",
  ],
  run(context) {
    assertNoPositionals(context, "plan ics");
    const { preview } = buildPreview(context);
    const ics = planToIcs(preview, {
      dtstamp: Temporal.Now.instant(),
      times: context.values.utc === true ? "utc" : "zoned",
      reminderMinutesBefore: readRemind(optionalString(context, "remind")),
      discreet: context.values.discreet === true,
    });
    const warnings = preview.warnings.map((w) => w.message);
    if (context.json) {
      writeJson(context.io, { ics, events: preview.occurrences.length, warnings });
      return 0;
    }
    context.io.stdout.write(ics);
    const style = styler(context.io.stderr, context.io.env);
    for (const warning of warnings)
      writeLine(context.io.stderr, style("yellow", `warning: ${warning}`));
    return 0;
  },
};

function readRemind(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d{1,4})\s*(m|min|minutes?|h|hours?)?$/iu.exec(text.trim());
  const minutes = match
    ? Number(match[1]) * (match[2]?.toLowerCase().startsWith("h") ? 60 : 1)
    : -1;
  if (!match || minutes > 7 * 24 * 60) {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      `--remind: "${text}" is not a reminder time; give minutes before the dose, for example --remind 15m or --remind 1h`,
      "remind",
    );
  }
  return minutes;
}
