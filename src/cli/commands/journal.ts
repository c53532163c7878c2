import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import type {
  BloodPressure,
  CheckIn,
  Dose,
  OtherSubstance,
  Screening,
  SymptomReport,
} from "../../core/schemas/journal.ts";
import { getSubstance } from "../../core/substances/catalog.ts";
import { formatInstant } from "../../core/time.ts";
import { formatAmount } from "../../core/units.ts";
import { requireProfile } from "../../store/journal/profile.ts";
import {
  type TimelineEntry,
  type TimelineKind,
  timeline,
  timelineKinds,
} from "../../store/journal/timeline.ts";
import type { Note } from "../../store/repos/events.ts";
import { assertNoPositionals, optionalString } from "../args.ts";
import type { Command } from "../command.ts";
import { withJournal } from "../journal-context.ts";
import { journalOptions } from "../journal-options.ts";
import { styler, writeJson, writeLine } from "../output.ts";

/** Reads `30d`, `12w`, `6m` or a date (YYYY-MM-DD) into the start of the range. */
function readSince(text: string, now: Temporal.Instant, timeZone: string): string {
  const match = /^(\d{1,4})\s*([dwm])$/iu.exec(text.trim());
  const today = now.toZonedDateTimeISO(timeZone).startOfDay();
  if (match) {
    const n = Number(match[1]);
    const unit = (match[2] ?? "d").toLowerCase();
    const start = today.subtract(
      unit === "d" ? { days: n } : unit === "w" ? { weeks: n } : { months: n },
    );
    return formatInstant(start.toInstant());
  }
  try {
    return formatInstant(
      Temporal.PlainDate.from(text.trim()).toZonedDateTime(timeZone).toInstant(),
    );
  } catch {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      `since: "${text}" is not 30d, 12w, 6m or a date like 2026-03-01`,
      "since",
    );
  }
}

function describe(entry: TimelineEntry): string {
  switch (entry.kind) {
    case "dose": {
      const d = entry.record as Dose;
      const s = getSubstance(d.substance);
      const amount =
        d.amount === null ? "unknown amount of" : formatAmount(d.amount, d.unit, s.step);
      return `dose       ${amount} ${s.name.toLowerCase()}, ${d.route}${d.isEstimate ? " (estimate)" : ""}${d.note ? ` — ${d.note}` : ""}`;
    }
    case "substance": {
      const o = entry.record as OtherSubstance;
      return `substance  ${o.name}${o.amount === null ? "" : ` ${o.amount}${o.unit ? ` ${o.unit}` : ""}`}`;
    }
    case "checkin": {
      const c = entry.record as CheckIn;
      const ratings = (["mood", "energy", "focus", "anxiety", "sleep"] as const)
        .filter((k) => c[k] !== null)
        .map((k) => `${k} ${c[k]}`);
      const words = [
        c.effects && `effects: ${c.effects}`,
        c.afterEffects && `after: ${c.afterEffects}`,
        c.note,
        c.shulgin && `Shulgin ${c.shulgin}`,
      ].filter(Boolean);
      return `check-in   ${[...ratings, ...words].join(", ")}`;
    }
    case "symptom": {
      const r = entry.record as SymptomReport;
      return `symptoms   ${r.checklist}: ${r.symptoms.length === 0 ? "none" : r.symptoms.join(", ")}`;
    }
    case "bp": {
      const b = entry.record as BloodPressure;
      return `bp         ${b.systolicMmHg}/${b.diastolicMmHg} mmHg${b.pulseBpm === null ? "" : `, pulse ${b.pulseBpm}`}`;
    }
    case "screening": {
      const s = entry.record as Screening;
      return `screening  ${s.instrument} ${s.total} (${s.band})${s.crisis ? " — crisis answer" : ""}`;
    }
    case "note":
      return `note       ${(entry.record as Note).text.replace(/\s+/gu, " ").slice(0, 120)}`;
  }
}

const weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

export const command: Command = {
  name: "journal",
  summary: "Your journal as a readable timeline",
  options: {
    since: {
      type: "string",
      value: "30d",
      description: "From: 30d, 12w, 6m, or a date (default 30d).",
    },
    type: {
      type: "string",
      value: "dose,checkin",
      description: `Only these kinds: ${timelineKinds.join(", ")}.`,
    },
    ...journalOptions,
  },
  examples: [
    "titrate journal",
    "titrate journal --since 90d --type dose,symptom",
    "titrate journal --since 2026-01-01 --json",
  ],
  async run(context) {
    assertNoPositionals(context, "journal");
    const typeText = optionalString(context, "type");
    const kinds = typeText === undefined ? timelineKinds : typeText.split(",").map((t) => t.trim());
    for (const kind of kinds) {
      if (!(timelineKinds as readonly string[]).includes(kind)) {
        throw new TitrateError(
          "CLI_INVALID_OPTION",
          `type: "${kind}" is not one of ${timelineKinds.join(", ")}`,
          "type",
        );
      }
    }
    const { entries, timeZone } = await withJournal(context, async ({ store, user, now }) => {
      const profile = await requireProfile(store, user.id);
      const since = readSince(optionalString(context, "since") ?? "30d", now, profile.timeZone);
      return {
        entries: await timeline(store, user.id, { since }, kinds as TimelineKind[]),
        timeZone: profile.timeZone,
      };
    });
    if (context.json) {
      writeJson(context.io, { entries });
      return 0;
    }
    const { stdout, env } = context.io;
    const style = styler(stdout, env);
    if (entries.length === 0) writeLine(stdout, "Nothing in this period.");
    let day = "";
    for (const entry of entries) {
      const local = Temporal.Instant.from(entry.at).toZonedDateTimeISO(timeZone);
      const date = local.toPlainDate().toString();
      if (date !== day) {
        day = date;
        writeLine(stdout);
        writeLine(stdout, style("bold", `${weekdays[local.dayOfWeek - 1]} ${date}`));
      }
      writeLine(
        stdout,
        `  ${local.toPlainTime().toString({ smallestUnit: "minute" })}  ${describe(entry)}  ${style("dim", entry.id)}`,
      );
    }
    return 0;
  },
};
