/**
 * The flags `titrate plan preview` and `titrate plan ics` share, read into a plan draft.
 * Every refusal names the flag at fault; errors the core raises about a plan field
 * (`protocol.intervalDays`) are renamed after the flag that set it (`every`).
 */

import { parseDoseTarget } from "../../../core/dose.ts";
import { type FieldError, TitrateError } from "../../../core/errors.ts";
import type { Cycle, PlanDraft, Protocol, Weekday } from "../../../core/schemas/plan.ts";
import { weekdayIds } from "../../../core/schemas/plan.ts";
import { getSubstance, substanceIds } from "../../../core/substances/catalog.ts";
import type { Substance } from "../../../core/substances/substance.ts";
import { parseQuantity, toBase } from "../../../core/units.ts";
import { optionalString, requiredString } from "../../args.ts";
import type { CommandContext, OptionSpec } from "../../command.ts";

export const planOptions = {
  substance: {
    type: "string",
    value: "ketamine",
    description: `Substance: ${substanceIds.join(", ")} (or a common name).`,
  },
  every: {
    type: "string",
    value: "7d",
    description: "Dose every N days (7d) or weeks (1w). Ketamine default: every 7 days.",
  },
  protocol: {
    type: "string",
    value: "fadiman",
    description: "fadiman (1 day on, 2 off), stamets (4 on, 3 off) or every-other-day.",
  },
  weekdays: { type: "string", value: "mon,thu", description: "Dose on these days of the week." },
  pattern: {
    type: "string",
    value: "1001000",
    description: "A repeating pattern from the start date: 1 a dosing day, 0 a day off.",
  },
  cycle: {
    type: "string",
    value: "4w/2w",
    description: "Weeks on/weeks off for tolerance breaks, or none. Default: 4w/2w.",
  },
  start: {
    type: "string",
    value: "2026-03-22",
    description: "First day of the plan (YYYY-MM-DD).",
  },
  time: { type: "string", value: "09:00", description: "Local time of day of each dose (HH:MM)." },
  tz: {
    type: "string",
    value: "Europe/London",
    description: "The plan's time zone (IANA name). Default: this computer's.",
  },
  count: { type: "string", value: "12", description: "End after this many doses." },
  until: { type: "string", value: "2026-06-30", description: "End on this date (included)." },
  target: {
    type: "string",
    value: "7mg",
    description: "Dose per occurrence (7mg, 10ug, 0.1mg/kg). Default: the start dose, if known.",
  },
  weight: {
    type: "string",
    value: "70kg",
    description: "Your body weight: ketamine's start dose and ceiling depend on it.",
  },
  "accept-risk": {
    type: "boolean",
    description: "Plan doses closer than the minimum interval anyway (shown as a warning).",
  },
} as const satisfies Record<string, OptionSpec>;

export interface PlanRequest {
  readonly draft: PlanDraft;
  readonly substance: Substance;
  readonly weightKg: number | undefined;
  /** True when no protocol flag was given and the substance's default was used. */
  readonly isDefaultProtocol: boolean;
  readonly isDefaultCycle: boolean;
}

/** Reads the plan flags; throws TitrateErrors naming the flag. `defaultTimeZone` is the computer's. */
export function readPlanFlags(context: CommandContext, defaultTimeZone: string): PlanRequest {
  const substance = getSubstance(requiredString(context, "substance", "ketamine"), "substance");
  const weightText = optionalString(context, "weight");
  const weightKg =
    weightText === undefined
      ? undefined
      : toBase(parseQuantity(weightText, "body-weight", "weight"));
  const protocol = readProtocol(context, substance);
  const cycle = readCycle(context, substance);
  const target = readTarget(context, substance, weightKg);
  const draft: PlanDraft = {
    substance: substance.id,
    protocol: protocol ?? substance.defaultProtocol,
    cycle: cycle === undefined ? substance.defaultCycle : cycle,
    startDate: requiredString(context, "start", "2026-03-22"),
    localTime: requiredString(context, "time", "09:00"),
    timeZone: optionalString(context, "tz") ?? defaultTimeZone,
    end: readEnd(context),
    acceptRisk: context.values["accept-risk"] === true,
    ...(target === undefined ? {} : { target }),
  };
  return {
    draft,
    substance,
    weightKg,
    isDefaultProtocol: protocol === undefined,
    isDefaultCycle: cycle === undefined,
  };
}

const protocolFlags = ["every", "protocol", "weekdays", "pattern"] as const;

function readProtocol(context: CommandContext, substance: Substance): Protocol | undefined {
  const given = protocolFlags.filter((flag) => optionalString(context, flag) !== undefined);
  if (given.length > 1) {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      `${given.map((f) => `--${f}`).join(" and ")} both set the protocol; choose one`,
      given[1],
    );
  }
  const flag = given[0];
  if (flag === undefined) return undefined; // the substance's default (FACTS K-DOSE-2, P-PROT-1)
  const text = (optionalString(context, flag) ?? "").trim();
  switch (flag) {
    case "every":
      return { kind: "every-n-days", intervalDays: readEvery(text) };
    case "protocol": {
      const kind = text.toLowerCase();
      if (kind === "fadiman" || kind === "stamets" || kind === "every-other-day") return { kind };
      throw new TitrateError(
        "CLI_INVALID_OPTION",
        `--protocol: "${text}" is not a protocol; use fadiman, stamets or every-other-day (or --every, --weekdays, --pattern)`,
        "protocol",
      );
    }
    case "weekdays":
      return { kind: "weekdays", weekdays: readWeekdays(text) };
    case "pattern":
      return { kind: "pattern", pattern: text };
  }
  return substance.defaultProtocol;
}

const MAX_INTERVAL_DAYS = 90;

function readEvery(text: string): number {
  const match = /^(\d{1,4})\s*(d|days?|w|weeks?)$/iu.exec(text);
  const days = match ? Number(match[1]) * (match[2]?.toLowerCase().startsWith("w") ? 7 : 1) : 0;
  if (!match || days < 1 || days > MAX_INTERVAL_DAYS) {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      `--every: "${text}" is not an interval Titrate plans; give 1–${MAX_INTERVAL_DAYS} days with its unit, for example --every 7d or --every 1w`,
      "every",
    );
  }
  return days;
}

function readWeekdays(text: string): Weekday[] {
  const days = new Set<Weekday>();
  for (const part of text.split(",")) {
    const word = part.trim().toLowerCase();
    const day = weekdayIds.find((id) => word.length >= 3 && fullNames[id].startsWith(word));
    if (!day) {
      throw new TitrateError(
        "CLI_INVALID_OPTION",
        `--weekdays: "${part.trim()}" is not a day of the week; write them like mon,thu`,
        "weekdays",
      );
    }
    days.add(day);
  }
  return weekdayIds.filter((id) => days.has(id));
}

const fullNames: Readonly<Record<Weekday, string>> = {
  mon: "monday",
  tue: "tuesday",
  wed: "wednesday",
  thu: "thursday",
  fri: "friday",
  sat: "saturday",
  sun: "sunday",
};

/** The cycle flag: a cycle, null for `none`, undefined when absent (the substance's default). */
function readCycle(context: CommandContext, substance: Substance): Cycle | null | undefined {
  const text = optionalString(context, "cycle")?.trim();
  if (text === undefined) return undefined;
  if (/^(none|off|no)$/iu.test(text)) return null;
  const match = /^(\d{1,2})w\s*\/\s*(\d{1,2})w$/iu.exec(text);
  const weeksOn = Number(match?.[1]);
  const weeksOff = Number(match?.[2]);
  if (!match || weeksOn < 1 || weeksOff < 1 || weeksOn > 52 || weeksOff > 52) {
    const { weeksOn: on, weeksOff: off } = substance.defaultCycle;
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      `--cycle: "${text}" is not a cycle; give weeks on/weeks off (1–52 each), for example --cycle ${on}w/${off}w, or --cycle none`,
      "cycle",
    );
  }
  return { weeksOn, weeksOff };
}

function readEnd(context: CommandContext): PlanDraft["end"] {
  const count = optionalString(context, "count");
  const until = optionalString(context, "until");
  if (count !== undefined && until !== undefined) {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      "--count and --until both end the plan; choose one",
      "until",
    );
  }
  if (until !== undefined) return { kind: "until", date: until.trim() };
  if (count === undefined) {
    throw new TitrateError(
      "CLI_MISSING_OPTION",
      "--count or --until is required: end after a number of doses (--count 12) or on a date (--until 2026-06-30)",
      "count",
    );
  }
  const n = /^\d{1,4}$/u.test(count.trim()) ? Number(count) : 0;
  if (n < 1 || n > 1000) {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      `--count: "${count}" is not a number of doses Titrate plans; give a whole number from 1 to 1000`,
      "count",
    );
  }
  return { kind: "count", count: n };
}

function readTarget(
  context: CommandContext,
  substance: Substance,
  weightKg: number | undefined,
): PlanDraft["target"] {
  const text = optionalString(context, "target");
  if (text === undefined) return undefined;
  const target = parseDoseTarget(text, substance, "target");
  if (target.kind === "amount") return { amount: target.amount, unit: substance.unit };
  if (substance.sizing.kind !== "per-kg") {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      `--target: ${substance.name} is not dosed by body weight; give an amount, for example --target ${substance.sizing.start}${substance.unit === "µg" ? "ug" : substance.unit}`,
      "target",
    );
  }
  if (weightKg === undefined) {
    throw new TitrateError(
      "WEIGHT_REQUIRED",
      "--target: a dose per kg needs your weight; add --weight, for example --weight 70kg",
      "weight",
    );
  }
  return { amount: target.perKg * weightKg, unit: substance.unit };
}

/** Plan fields, as the core names them, and the flag that sets each. */
function flagFor(path: string, draft: PlanDraft | undefined): string | undefined {
  const protocolFlag =
    draft?.protocol.kind === "every-n-days"
      ? "every"
      : draft?.protocol.kind === "weekdays"
        ? "weekdays"
        : draft?.protocol.kind === "pattern"
          ? "pattern"
          : "protocol";
  const head = path.split(".")[0] ?? "";
  const byPath: Record<string, string> = {
    substance: "substance",
    target: "target",
    protocol: protocolFlag,
    cycle: "cycle",
    startDate: "start",
    localTime: "time",
    timeZone: "tz",
    end: path === "end.count" ? "count" : "until",
    acceptRisk: "accept-risk",
    weight: "weight",
  };
  return byPath[head];
}

/**
 * The same error with plan field paths renamed after their flags (`startDate` → `start`),
 * so the message names what the person typed. Other errors pass through unchanged.
 */
export function nameFlags(error: unknown, draft: PlanDraft | undefined): unknown {
  if (!(error instanceof TitrateError) || error.fields.length === 0) return error;
  const fields: FieldError[] = error.fields.map((f) => ({
    path: flagFor(f.path, draft) ?? f.path,
    message: f.message,
  }));
  let message = error.message;
  for (const [i, f] of error.fields.entries()) {
    const flag = fields[i]?.path;
    if (!flag) continue;
    // The path opens the message, or one item of parseWith's "N fields are invalid: a: …; b: …".
    const at = new RegExp(`(^|: |; )${f.path.replaceAll(".", "\\.")}:`, "u");
    message = message.replace(at, `$1--${flag}:`);
  }
  return new TitrateError(error.code, message, fields);
}
