/**
 * Stored plans: `plan create` (the flags of `plan preview`), `plan list`, `plan end` and
 * `plan move-zone`. The store is imported when one of them runs, so `plan preview` and
 * `plan ics` never load the database.
 */
import { TitrateError } from "../../../core/errors.ts";
import { countText } from "../../../core/safety/format.ts";
import { describeCycle, describeProtocol } from "../../../core/schedule/describe.ts";
import { localDateTimeText } from "../../../core/time.ts";
import { formatAmount } from "../../../core/units.ts";
import type { PlanStatus } from "../../../store/journal/plans.ts";
import { assertNoPositionals, requiredString } from "../../args.ts";
import type { Command, CommandContext } from "../../command.ts";
import { printFindings } from "../../findings.ts";
import { journalOptions } from "../../journal-options.ts";
import { styler, writeJson, writeLine } from "../../output.ts";
import { nameFlags, planOptions, readPlanFlags } from "./flags.ts";

async function journalModules() {
  const [context, plans, profile] = await Promise.all([
    import("../../journal-context.ts"),
    import("../../../store/journal/plans.ts"),
    import("../../../store/journal/profile.ts"),
  ]);
  return { ...context, ...plans, ...profile };
}

export const planCreate: Command = {
  name: "plan create",
  summary: "Store a plan (checked like a preview); `titrate next` then follows it",
  options: { ...planOptions, ...journalOptions },
  examples: [
    "titrate plan create --substance ketamine --every 7d --start 2026-03-22 --time 09:00 --count 12",
    "titrate plan create --substance lsd --protocol fadiman --target 8ug --start 2026-04-01 --time 08:00 --until 2026-06-30",
  ],
  details: [
    "Takes the flags of `titrate plan preview`. The time zone and weight default to your profile's; a ketamine target needs a weight (WEIGHT_REQUIRED). Without --target the dose is the substance's start dose. A plan closer than the minimum interval is refused unless you pass --accept-risk, which is recorded and shown wherever the plan appears.",
    "Prints what the safety rules say about a dose of the plan (a condition, a medication, an active danger). One active plan per substance, LSD and psilocybin counting as one (cross-tolerant, FACTS P-TOL-1): end the other first (PLAN_OVERLAPS; --accept-risk does not override it).",
  ],
  async run(context) {
    assertNoPositionals(context, "plan create");
    const { withJournal, requireProfile, createStoredPlan } = await journalModules();
    const created = await withJournal(context, async ({ store, user, now }) => {
      const profile = await requireProfile(store, user.id);
      const request = readPlanFlags(context, profile.timeZone);
      try {
        return await createStoredPlan(store, user.id, request.draft, now, request.weightKg);
      } catch (error) {
        throw nameFlags(error, request.draft);
      }
    });
    const { plan, preview, warnings, findings } = created;
    if (context.json) {
      writeJson(context.io, { plan, warnings: warnings.map((w) => w.message), findings });
      return 0;
    }
    const { stdout, env } = context.io;
    const style = styler(stdout, env);
    writeLine(
      stdout,
      style(
        "bold",
        `Saved plan ${plan.id}: ${preview.substance.name}, ${describeProtocol(plan.protocol)}`,
      ),
    );
    writeLine(
      stdout,
      `  dose     ${formatAmount(plan.target.amount, plan.target.unit, preview.substance.step)}`,
    );
    writeLine(stdout, `  breaks   ${describeCycle(plan.cycle)}`);
    writeLine(
      stdout,
      `  from     ${plan.startDate} at ${plan.localTime} (${plan.timeZone}), ${countText(preview.occurrences.length, "dose")}`,
    );
    for (const w of warnings) writeLine(stdout, style("yellow", `  ! ${w.message}`));
    if (findings.length > 0) {
      writeLine(stdout);
      writeLine(stdout, style("bold", "What the safety rules say about a dose of this plan:"));
      printFindings(context.io, findings);
      writeLine(stdout);
    }
    writeLine(stdout, "See the next dose: titrate next");
    return 0;
  },
};

function printStatus(context: CommandContext, status: PlanStatus): void {
  const { stdout, env } = context.io;
  const style = styler(stdout, env);
  const { plan, adherence, next } = status;
  const state = status.isActive
    ? style("green", "active")
    : style(
        "dim",
        `ended ${plan.endedAt === null ? "" : `${localDateTimeText(plan.endedAt, plan.timeZone)} (${plan.timeZone})`}`,
      );
  writeLine(
    stdout,
    `${style("bold", plan.id)}  ${plan.substance} ${plan.target.amount} ${plan.target.unit}, ${describeProtocol(plan.protocol)}; ${describeCycle(plan.cycle)}  [${state}]`,
  );
  writeLine(stdout, `  ${plan.localTime} in ${plan.timeZone}, from ${plan.startDate}`);
  const s = adherence.summary;
  writeLine(
    stdout,
    `  adherence: ${s.taken} on time, ${s.late} late, ${s.missed} missed, ${s.skipped} skipped, ${s.extra} extra` +
      (s.percentOnTime === null
        ? ""
        : ` (${s.percentOnTime} % on time, ${s.percentLate} % late, ${s.percentMissed} % missed, ${s.percentSkipped} % skipped)`) +
      `; ${s.currentStreakWeeks} week${s.currentStreakWeeks === 1 ? "" : "s"} on plan in a row` +
      (s.daysSinceLastBreak === null
        ? ""
        : `; ${countText(s.daysSinceLastBreak, "day")} since the last break`),
  );
  if (next)
    writeLine(
      stdout,
      `  next: ${next.date} ${next.localTime} (${next.timeZone})${next.reason ? ` — ${next.reason}` : ""}`,
    );
  for (const w of status.warnings) {
    if (w.code === "PLAN_RISK_ACCEPTED") writeLine(stdout, style("yellow", `  ! ${w.message}`));
  }
}

export const planList: Command = {
  name: "plan list",
  summary: "Your plans, with adherence and the next dose",
  options: { ...journalOptions },
  examples: ["titrate plan list", "titrate plan list --json"],
  async run(context) {
    assertNoPositionals(context, "plan list");
    const { withJournal, planStatuses } = await journalModules();
    const statuses = await withJournal(context, ({ store, user, now }) =>
      planStatuses(store, user.id, now),
    );
    if (context.json) {
      writeJson(context.io, {
        plans: statuses.map((s) => ({
          plan: s.plan,
          isActive: s.isActive,
          next: s.next,
          adherence: s.adherence.summary,
          warnings: s.warnings.map((w) => w.message),
        })),
      });
      return 0;
    }
    if (statuses.length === 0)
      writeLine(context.io.stdout, "No plans yet: titrate plan create --help");
    for (const status of statuses) printStatus(context, status);
    return 0;
  },
};

export const planEnd: Command = {
  name: "plan end",
  summary: "End a plan (it stays in the journal)",
  args: "<plan id>",
  options: { ...journalOptions },
  examples: ["titrate plan end pln_…"],
  async run(context) {
    const [id, ...extra] = context.positionals;
    if (id === undefined || extra.length > 0) {
      throw new TitrateError(
        "CLI_MISSING_OPTION",
        "name one plan: titrate plan end <plan id> (see titrate plan list)",
        "plan",
      );
    }
    const { withJournal, endStoredPlan } = await journalModules();
    const plan = await withJournal(context, ({ store, user, now }) =>
      endStoredPlan(store, user.id, id, now),
    );
    if (context.json) writeJson(context.io, { plan });
    else writeLine(context.io.stdout, `Ended plan ${plan.id}.`);
    return 0;
  },
};

export const planMoveZone: Command = {
  name: "plan move-zone",
  summary: "Move a plan to a new time zone, keeping its local time of day",
  args: "<plan id>",
  options: {
    tz: { type: "string", value: "America/New_York", description: "The new time zone." },
    ...journalOptions,
  },
  examples: ["titrate plan move-zone pln_… --tz America/New_York"],
  details: [
    "A plan keeps its own zone: when you travel, it still doses at its times in its zone. Moving it makes 09:00 mean 09:00 where you are now. A plan keeps one zone, so its past doses are then compared with that time in the new zone too. An ended plan cannot move (PLAN_ENDED).",
  ],
  async run(context) {
    const [id, ...extra] = context.positionals;
    if (id === undefined || extra.length > 0) {
      throw new TitrateError(
        "CLI_MISSING_OPTION",
        "name one plan: titrate plan move-zone <plan id> --tz ZONE",
        "plan",
      );
    }
    const tz = requiredString(context, "tz", "America/New_York");
    const { withJournal, moveStoredPlan } = await journalModules();
    const plan = await withJournal(context, ({ store, user }) =>
      moveStoredPlan(store, user.id, id, tz),
    );
    if (context.json) writeJson(context.io, { plan });
    else {
      writeLine(
        context.io.stdout,
        `Plan ${plan.id} now doses at ${plan.localTime} in ${plan.timeZone}.`,
      );
      writeLine(
        context.io.stdout,
        "A plan keeps one zone: its past doses are now compared with that time in the new zone too, so their on-time or late status may change.",
      );
    }
    return 0;
  },
};
