import { Temporal } from "temporal-polyfill";
import { countText } from "../../../core/safety/format.ts";
import { describeCycle, describeProtocol } from "../../../core/schedule/describe.ts";
import {
  assertTargetCheckable,
  type PlanPreview,
  pastOccurrencesWarning,
  previewPlan,
} from "../../../core/schedule/preview.ts";
import { formatAmount } from "../../../core/units.ts";
import { assertNoPositionals } from "../../args.ts";
import type { Command, CommandContext } from "../../command.ts";
import { styler, writeJson, writeLine } from "../../output.ts";
import { nameFlags, type PlanRequest, planOptions, readPlanFlags } from "./flags.ts";

export const planPreview: Command = {
  name: "plan preview",
  summary: "List a plan's dosing days and times, checked against the minimum interval",
  options: planOptions,
  examples: [
    "titrate plan preview --substance ketamine --every 7d --start 2026-03-22 --time 09:00 --tz Europe/London --count 3",
    "titrate plan preview --substance lsd --protocol fadiman --cycle 4w/2w --start 2026-04-01 --time 08:00 --until 2026-06-30",
    "titrate plan preview --substance psilocybin --weekdays mon,thu --target 1mg --start 2026-04-06 --time 08:30 --count 8 --json",
  ],
  details: [
    "Doses are at a local time in the plan's time zone: 09:00 stays 09:00 when the clocks change. A time the clocks skip is moved forward by the gap (02:30 becomes 03:30); a time they pass twice is the first one, as calendar programs read them.",
    "A plan with doses closer than the substance's minimum interval (ketamine: 5 days) is refused unless you pass --accept-risk. The default protocol and cycle are the substance's (ketamine every 7 days; psychedelics Fadiman; 4 weeks on, 2 off).",
  ],
  run(context) {
    assertNoPositionals(context, "plan preview");
    const { request, preview } = buildPreview(context);
    if (context.json) {
      writeJson(context.io, {
        occurrences: preview.occurrences.map(({ date, localTime, at }) => ({
          date,
          localTime,
          at,
        })),
        warnings: preview.warnings.map((w) => w.message),
      });
    } else {
      printPreview(context, request, preview);
    }
    return 0;
  },
};

/** Reads the flags and previews the plan; errors name the flag at fault. */
export function buildPreview(context: CommandContext): {
  request: PlanRequest;
  preview: PlanPreview;
} {
  let request: PlanRequest | undefined;
  try {
    request = readPlanFlags(context, systemTimeZone(context));
    const checked = previewPlan(request.draft, { weightKg: request.weightKg });
    assertTargetCheckable(checked);
    // The preview reads no journal, so only --weight sizes ketamine here (plan create adds
    // the profile's); doses already past are said at once.
    const past = pastOccurrencesWarning(checked, Temporal.Now.instant());
    const preview = past ? { ...checked, warnings: [...checked.warnings, past] } : checked;
    return { request, preview };
  } catch (error) {
    throw nameFlags(error, request?.draft);
  }
}

/** The computer's time zone: TZ if set, else what the runtime reports. */
function systemTimeZone(context: CommandContext): string {
  return context.io.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

const weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function printPreview(context: CommandContext, request: PlanRequest, preview: PlanPreview): void {
  const { stdout, env } = context.io;
  const style = styler(stdout, env);
  const { plan, substance } = preview;
  const protocolNote = request.isDefaultProtocol ? " (the default)" : "";
  const cycleNote = request.isDefaultCycle ? " (the default)" : "";
  writeLine(
    stdout,
    style("bold", `${substance.name} plan: ${describeProtocol(plan.protocol)}${protocolNote}`),
  );
  writeLine(stdout, `  breaks   ${describeCycle(plan.cycle)}${cycleNote}`);
  writeLine(stdout, `  time     ${plan.localTime} in ${plan.timeZone}`);
  writeLine(stdout, `  dose     ${doseLine(preview)}`);
  writeLine(
    stdout,
    `  spacing  at least ${days(preview.minIntervalDays)} between doses (FACTS ${substance.minIntervalFacts.join(", ")}); this plan: ${days(preview.shortestSpacingDays)}`,
  );
  writeLine(stdout);
  for (const o of preview.occurrences) {
    const day = weekdayNames[Temporal.PlainDate.from(o.date).dayOfWeek - 1] ?? "";
    // Local time in the plan's zone, with that day's offset (it changes with the clocks);
    // the UTC instant stays in --json.
    const offset = Temporal.Instant.from(o.at).toZonedDateTimeISO(plan.timeZone).offset;
    writeLine(stdout, `  ${day} ${o.date}  ${o.localTime}  ${style("dim", `UTC${offset}`)}`);
  }
  writeLine(stdout, style("dim", `  ${countText(preview.occurrences.length, "dose")}`));
  if (preview.warnings.length > 0) {
    writeLine(stdout);
    for (const w of preview.warnings) writeLine(stdout, style("yellow", `  ! ${w.message}`));
  }
  writeLine(stdout);
  writeLine(
    stdout,
    style(
      "dim",
      `Export it to your calendar: titrate plan ics … > plan.ics (same flags). Nothing is stored.`,
    ),
  );
}

function days(n: number): string {
  return `${n} day${n === 1 ? "" : "s"}`;
}

function doseLine(preview: PlanPreview): string {
  const { dose, substance } = preview;
  if (dose === null) {
    const sizing = substance.sizing;
    const start = sizing.kind === "per-kg" ? `${sizing.startPerKg} ${substance.unit}/kg` : "";
    return `not set: add --target, or --weight for the start dose of ${start} (FACTS ${sizing.facts[0]})`;
  }
  const amount = formatAmount(dose.amount, dose.unit, substance.step);
  return dose.isStartDose ? `${amount} (the start dose)` : amount;
}
