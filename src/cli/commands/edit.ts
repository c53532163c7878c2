import { createInterface } from "node:readline/promises";
import { TitrateError } from "../../core/errors.ts";
import { getSubstance } from "../../core/substances/catalog.ts";
import { localDateTimeText, parseWhen } from "../../core/time.ts";
import { convert, parseQuantity } from "../../core/units.ts";
import { tableOfId } from "../../store/ids.ts";
import { deleteEntry, editEntry, getEntry } from "../../store/journal/edit.ts";
import { requireProfile } from "../../store/journal/profile.ts";
import { optionalString } from "../args.ts";
import type { Command, CommandContext, OptionSpec } from "../command.ts";
import { printActiveSummary, printFindings } from "../findings.ts";
import { withJournal } from "../journal-context.ts";
import { journalOptions } from "../journal-options.ts";
import { writeJson, writeLine } from "../output.ts";

/** Which flags change which field, per kind of entry (by id prefix's table). */
const fieldFlags: Record<string, Record<string, string>> = {
  doses: { amount: "amount", route: "route", estimate: "isEstimate", note: "note" },
  other_substances: { name: "name", amount: "amount", unit: "unit", route: "route", note: "note" },
  check_ins: {
    mood: "mood",
    energy: "energy",
    focus: "focus",
    anxiety: "anxiety",
    sleep: "sleep",
    effects: "effects",
    "after-effects": "afterEffects",
    note: "note",
  },
  symptom_reports: { items: "symptoms", note: "note" },
  blood_pressures: { reading: "reading", pulse: "pulseBpm" },
  screenings: { answers: "answers" },
  notes: { text: "text" },
};

const editOptions: Record<string, OptionSpec> = {
  at: { type: "string", value: '"2026-03-22 09:10"', description: "When it happened." },
  note: { type: "string", value: '"…"', description: "The note (empty to remove)." },
  amount: { type: "string", value: "7mg", description: "Dose or other substance: the amount." },
  route: { type: "string", value: "oral", description: "Dose or other substance: the route." },
  estimate: { type: "string", value: "yes|no", description: "Dose: the amount is an estimate." },
  name: { type: "string", value: "alcohol", description: "Other substance: its name." },
  unit: { type: "string", value: "units", description: "Other substance: the amount's unit." },
  mood: {
    type: "string",
    value: "7",
    description: "Check-in ratings, 0–10 (also --energy, --focus, --anxiety, --sleep).",
  },
  energy: { type: "string", value: "6", description: "" },
  focus: { type: "string", value: "6", description: "" },
  anxiety: { type: "string", value: "3", description: "" },
  sleep: { type: "string", value: "7", description: "" },
  effects: { type: "string", value: '"…"', description: "Check-in: effects." },
  "after-effects": { type: "string", value: '"…"', description: "Check-in: after-effects." },
  items: {
    type: "string",
    value: "frequent,night",
    description: "Symptom report: the checklist items.",
  },
  reading: { type: "string", value: "130/80", description: "Blood pressure: systolic/diastolic." },
  pulse: { type: "string", value: "70", description: "Blood pressure: pulse." },
  answers: { type: "string", value: "0,1,0,…", description: "Screening: the answers (re-scored)." },
  text: { type: "string", value: '"…"', description: "Note: its text." },
  ...journalOptions,
};

function readChanges(
  context: CommandContext,
  table: string,
  substanceUnit: string | null,
): Record<string, unknown> {
  const allowed = fieldFlags[table] ?? {};
  const changes: Record<string, unknown> = {};
  for (const flag of Object.keys(editOptions)) {
    if (flag === "at" || flag === "data-dir" || flag === "user") continue;
    const value = optionalString(context, flag);
    if (value === undefined) continue;
    const field = allowed[flag];
    if (field === undefined) {
      throw new TitrateError(
        "CLI_INVALID_OPTION",
        `--${flag} does not apply to this kind of entry; it takes ${Object.keys(allowed)
          .map((f) => `--${f}`)
          .join(", ")}`,
        flag,
      );
    }
    changes[field] = convertValue(flag, value, table, substanceUnit);
  }
  if ("reading" in changes) {
    const [systolic, diastolic] = changes.reading as [number, number];
    delete changes.reading;
    changes.systolicMmHg = systolic;
    changes.diastolicMmHg = diastolic;
  }
  return changes;
}

function convertValue(
  flag: string,
  value: string,
  table: string,
  substanceUnit: string | null,
): unknown {
  switch (flag) {
    case "amount":
      if (table === "doses") {
        const q = parseQuantity(value, "mass", "amount");
        return convert(q.amount, q.unit, substanceUnit ?? q.unit);
      }
      return Number(value);
    case "estimate":
      return /^(yes|true|1)$/iu.test(value);
    case "mood":
    case "energy":
    case "focus":
    case "anxiety":
    case "sleep":
    case "pulse":
      return value.trim() === "" ? null : Number(value);
    case "items":
      return value
        .split(",")
        .map((v) => v.trim())
        .filter((v) => v !== "");
    case "answers":
      return value.split(",").map((v) => Number(v.trim()));
    case "reading": {
      const match = /^(\d{2,3})\s*\/\s*(\d{2,3})$/u.exec(value.trim());
      if (!match)
        throw new TitrateError(
          "VALIDATION_FAILED",
          `reading: give it as systolic/diastolic, e.g. 130/80`,
          "reading",
        );
      return [Number(match[1]), Number(match[2])];
    }
    default:
      return value.trim() === "" ? null : value;
  }
}

export const editCommand: Command = {
  name: "edit",
  summary: "Correct a journal entry by its id",
  args: "<id>",
  options: editOptions,
  examples: [
    'titrate edit dos_… --amount 7mg --at "2026-03-22 09:10"',
    "titrate edit chk_… --mood 6",
    "titrate edit bpr_… --reading 128/82",
  ],
  details: [
    "Ids are shown by `titrate journal`. The safety rules run again on the corrected entry.",
  ],
  async run(context) {
    const [id, ...extra] = context.positionals;
    if (id === undefined || extra.length > 0)
      throw new TitrateError(
        "CLI_MISSING_OPTION",
        "name one entry by its id: titrate edit <id> …",
        "id",
      );
    const table = tableOfId(id) ?? "";
    const result = await withJournal(context, async ({ store, user, now }) => {
      const profile = await requireProfile(store, user.id);
      const { record } = await getEntry(store, user.id, id);
      const unit =
        table === "doses" ? getSubstance((record as { substance: string }).substance).unit : null;
      const changes = readChanges(context, table, unit);
      const atText = optionalString(context, "at");
      if (atText !== undefined) changes.at = parseWhen(atText, profile.timeZone, now).toString();
      if (Object.keys(changes).length === 0) {
        throw new TitrateError(
          "CLI_MISSING_OPTION",
          `nothing to change; give a flag such as ${Object.keys(fieldFlags[table] ?? { at: "" })
            .map((f) => `--${f}`)
            .join(", ")} or --at`,
        );
      }
      return editEntry(store, user.id, id, changes, now);
    });
    if (context.json) {
      writeJson(context.io, {
        record: result.record,
        findings: result.findings,
        active: result.active,
      });
      return 0;
    }
    writeLine(context.io.stdout, `Corrected ${id}.`);
    printFindings(context.io, result.findings);
    printActiveSummary(context.io, result.active, result.findings);
    return 0;
  },
};

async function confirm(context: CommandContext, question: string, what: string): Promise<boolean> {
  if (context.values.yes === true) return true;
  if (!context.io.stdin.isTTY) {
    throw new TitrateError(
      "CONFIRMATION_REQUIRED",
      `${what} needs confirmation: run it in a terminal, or add --yes`,
    );
  }
  const rl = createInterface({ input: context.io.stdin, output: context.io.stdout });
  try {
    return /^y(es)?$/iu.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

export const deleteCommand: Command = {
  name: "delete",
  summary: "Delete a wrong journal entry by its id (asks first)",
  args: "<id>",
  options: { yes: { type: "boolean", description: "Do not ask; delete." }, ...journalOptions },
  examples: ["titrate delete dos_…", "titrate delete chk_… --yes"],
  details: [
    "The entry is removed from the file (SQLite's secure_delete is on, so its bytes do not linger).",
  ],
  async run(context) {
    const [id, ...extra] = context.positionals;
    if (id === undefined || extra.length > 0)
      throw new TitrateError(
        "CLI_MISSING_OPTION",
        "name one entry by its id: titrate delete <id>",
        "id",
      );
    const deleted = await withJournal(context, async ({ store, user }) => {
      const entry = await getEntry(store, user.id, id);
      const { at, timeZone } = entry.record as { at: string; timeZone: string };
      // The person's own local time and zone, as the journal shows it, never the stored UTC.
      const summary = `${entry.kind} ${id} of ${localDateTimeText(at, timeZone)} (${timeZone})`;
      if (!(await confirm(context, `Delete ${summary}?`, `deleting the ${summary}`))) return null;
      return deleteEntry(store, user.id, id);
    });
    if (deleted === null) {
      writeLine(context.io.stdout, "Nothing deleted.");
      return 1;
    }
    if (context.json) writeJson(context.io, { deleted });
    else writeLine(context.io.stdout, `Deleted ${deleted.kind} ${id}.`);
    return 0;
  },
};

export const command = editCommand;
