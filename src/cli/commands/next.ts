import { Temporal } from "temporal-polyfill";
import { dangersAdvisingAgainst } from "../../core/safety/finding-substance.ts";
import { countText } from "../../core/safety/format.ts";
import { getSubstance } from "../../core/substances/catalog.ts";
import { localDateTimeText } from "../../core/time.ts";
import { formatAmount } from "../../core/units.ts";
import { requireProfile } from "../../store/journal/profile.ts";
import { today } from "../../store/journal/today.ts";
import { assertNoPositionals } from "../args.ts";
import type { Command } from "../command.ts";
import { withJournal } from "../journal-context.ts";
import { journalOptions } from "../journal-options.ts";
import { styler, writeJson, writeLine } from "../output.ts";

/** "in 2 days", "in 5 hours", "now". */
function fromNow(at: string, now: Temporal.Instant): string {
  const ms = Temporal.Instant.from(at).epochMilliseconds - now.epochMilliseconds;
  if (ms <= 0) return "now";
  const hours = ms / 3_600_000;
  if (hours < 1) return `in ${Math.ceil(ms / 60_000)} min`;
  if (hours < 48) return `in ${Math.round(hours)} h`;
  return `in ${countText(Math.round(hours / 24), "day")}`;
}

export const command: Command = {
  name: "next",
  summary: "When your next dose is, from your plan and what you took",
  options: { ...journalOptions },
  examples: ["titrate next", "titrate next --json"],
  details: [
    "A late dose pushes the next one back rather than stacking two close together. An active DANGER finding (bladder signs, say) is shown first: Titrate then advises not to dose at all.",
  ],
  async run(context) {
    assertNoPositionals(context, "next");
    const { data, profileZone, now } = await withJournal(context, async ({ store, user, now }) => ({
      data: await today(store, user.id, now),
      profileZone: (await requireProfile(store, user.id)).timeZone,
      now,
    }));
    if (context.json) {
      writeJson(context.io, {
        plans: data.plans.map((p) => ({
          planId: p.plan.id,
          substance: p.plan.substance,
          next: p.next,
        })),
        unplanned: data.unplanned,
        lastDose: data.lastDose,
        advisedNotToDose: data.advisedNotToDose,
        dangers: data.findings.active.filter((f) => f.severity === "danger"),
      });
      return 0;
    }
    const { stdout, env } = context.io;
    const style = styler(stdout, env);
    const active = data.findings.active;
    for (const danger of active.filter((f) => f.severity === "danger")) {
      writeLine(stdout, style("red", style("bold", `DANGER  ${danger.title}`)));
      writeLine(stdout, `        ${danger.advice}`);
    }
    if (data.advisedNotToDose) {
      writeLine(
        stdout,
        style(
          "red",
          "Titrate advises not to take another dose while a danger finding is active (titrate check).",
        ),
      );
      writeLine(stdout);
    }
    for (const { plan, next } of data.plans) {
      const substance = getSubstance(plan.substance);
      const dose = formatAmount(plan.target.amount, plan.target.unit, substance.step);
      if (!next) {
        writeLine(stdout, `${substance.name} plan ${plan.id}: no doses left in the plan.`);
        continue;
      }
      const when = `${next.date} ${next.localTime} (${next.timeZone})`;
      const local =
        next.timeZone === profileZone
          ? ""
          : `, ${localDateTimeText(next.at, profileZone)} where you are`;
      const holding = dangersAdvisingAgainst(active, plan.substance, data.lastDose);
      if (holding.length > 0) {
        // As the web app's Today: no dose is proposed while a danger says not to take it.
        writeLine(
          stdout,
          style(
            "bold",
            `No next ${substance.name.toLowerCase()} dose while ${holding.length === 1 ? "the danger above advises" : "the dangers above advise"} against it (your plan had ${dose} on ${when}).`,
          ),
        );
        continue;
      }
      writeLine(
        stdout,
        style(
          "bold",
          `Next ${substance.name.toLowerCase()} dose: ${dose} on ${when}${local}, ${next.isDue ? "due now" : fromNow(next.at, now)}`,
        ),
      );
      if (next.reason) writeLine(stdout, `  ${next.reason}`);
    }
    for (const u of data.unplanned) {
      const substance = getSubstance(u.substance);
      if (dangersAdvisingAgainst(active, u.substance, data.lastDose).length > 0) {
        writeLine(
          stdout,
          `${substance.name}: last dose ${localDateTimeText(u.lastDose.at, u.lastDose.timeZone)}; no next dose while the danger above advises against it.`,
        );
        continue;
      }
      writeLine(
        stdout,
        `${substance.name}: last dose ${localDateTimeText(u.lastDose.at, u.lastDose.timeZone)}; not before ${localDateTimeText(u.earliestAt, u.lastDose.timeZone)} (${u.lastDose.timeZone}; at least ${u.minIntervalDays} day${u.minIntervalDays === 1 ? "" : "s"} apart, FACTS ${u.minIntervalFacts.join(", ")}).`,
      );
    }
    if (data.plans.length === 0 && data.unplanned.length === 0) {
      writeLine(stdout, "No plan and no doses yet. Plan one: titrate plan create --help");
    }
    return 0;
  },
};
