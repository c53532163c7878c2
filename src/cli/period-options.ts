/** The options that choose a period, for `titrate insights` and `titrate report`. */
import { optionalString } from "./args.ts";
import type { CommandContext, OptionSpec } from "./command.ts";

export const periodOptions: Record<string, OptionSpec> = {
  since: {
    type: "string",
    value: "90d",
    description: "The period's start: a length (90d, 12w) ending today, or a date (default 90d).",
  },
  until: {
    type: "string",
    value: "2026-03-22",
    description: "The period's last day (default today, in your profile's time zone).",
  },
};

export function periodFlags(context: CommandContext): { since?: string; until?: string } {
  const since = optionalString(context, "since");
  const until = optionalString(context, "until");
  return {
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
  };
}
