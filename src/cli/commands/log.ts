import type { Measured } from "../../core/dose-amount.ts";
import { TitrateError } from "../../core/errors.ts";
import { checklistIds } from "../../core/questionnaires/instrument.ts";
import { getChecklist } from "../../core/questionnaires/instruments.ts";
import { getSubstance } from "../../core/substances/catalog.ts";
import { localDateTimeText, parseWhen } from "../../core/time.ts";
import { formatAmount, parseQuantity, toBase } from "../../core/units.ts";
import {
  logBloodPressure,
  logCheckIn,
  logDose,
  logOtherSubstance,
  logSymptoms,
} from "../../store/journal/log.ts";
import { requireProfile } from "../../store/journal/profile.ts";
import type { Recorded } from "../../store/journal/record.ts";
import { closest, optionalString } from "../args.ts";
import type { Command, CommandContext, CommandGroup, OptionSpec } from "../command.ts";
import { printActiveSummary, printFindings } from "../findings.ts";
import { type Journal, withJournal } from "../journal-context.ts";
import { journalOptions } from "../journal-options.ts";
import { writeJson, writeLine } from "../output.ts";

const entryOptions: Record<string, OptionSpec> = {
  at: {
    type: "string",
    value: '"2026-03-22 09:10"',
    description: "When (default now); without an offset it is read in your time zone.",
  },
  note: { type: "string", value: '"…"', description: "A note." },
  ...journalOptions,
};

/** Opens the journal, reads --at in the profile's zone, and runs `work`. */
async function withEntry<T>(
  context: CommandContext,
  work: (journal: Journal, at: string | undefined) => Promise<T>,
): Promise<T> {
  return withJournal(context, async (journal) => {
    const profile = await requireProfile(journal.store, journal.user.id);
    const atText = optionalString(context, "at");
    const at =
      atText === undefined
        ? undefined
        : parseWhen(atText, profile.timeZone, journal.now).toString();
    return work(journal, at);
  });
}

/** Prints what was recorded and the findings it brought; `--json` prints both as data. */
function report<R extends { id: string }>(
  context: CommandContext,
  recorded: Recorded<R>,
  line: string,
  extra: object = {},
): number {
  if (context.json) {
    writeJson(context.io, {
      record: recorded.record,
      ...extra,
      findings: recorded.findings,
      active: recorded.active,
    });
    return 0;
  }
  writeLine(context.io.stdout, line);
  writeLine(context.io.stdout, `  id ${recorded.record.id}`);
  printFindings(context.io, recorded.findings);
  printActiveSummary(context.io, recorded.active, recorded.findings);
  return 0;
}

const dose: Command = {
  name: "log dose",
  summary: "Record a dose you took (always recorded; the safety rules run at once)",
  args: "[amount]",
  options: {
    substance: {
      type: "string",
      value: "ketamine",
      description: "Substance (default: the batch's, preset's or plan's).",
    },
    route: { type: "string", value: "nasal", description: "oral, sublingual, nasal, insufflated…" },
    batch: {
      type: "string",
      value: '"bottle A"',
      description: "The batch it came from (label or id).",
    },
    volume: {
      type: "string",
      value: "0.7ml",
      description: "Instead of an amount: the volume of the batch taken.",
    },
    sprays: {
      type: "string",
      value: "2",
      description: "Instead of an amount: sprays of the batch.",
    },
    preset: { type: "string", value: "usual", description: "A saved dose (titrate preset add)." },
    estimate: { type: "boolean", description: "The amount is an estimate." },
    ...entryOptions,
  },
  examples: [
    "titrate log dose 7mg --substance ketamine --route nasal",
    "titrate log dose --sprays 2 --batch spray",
    'titrate log dose --volume 0.7ml --batch "bottle A" --at "2026-03-22 09:10"',
    "titrate log dose --preset usual --json",
  ],
  details: [
    "A dose you took is always recorded, however high or soon: the journal must tell the truth. Titrate then tells you what it sees (too soon, above your ceiling, a dangerous combination…). Volume and sprays become mg through the batch's concentration.",
  ],
  async run(context) {
    const [amountText, ...extra] = context.positionals;
    if (extra.length > 0)
      throw new TitrateError("CLI_INVALID_OPTION", `unexpected argument "${extra[0]}"`);
    const measured = readMeasured(context, amountText);
    const logged = await withEntry(context, ({ store, user, now }, at) =>
      logDose(
        store,
        user.id,
        {
          substance: optionalString(context, "substance"),
          measured,
          preset: optionalString(context, "preset"),
          batch: optionalString(context, "batch"),
          route: optionalString(context, "route"),
          at,
          isEstimate: context.values.estimate === true ? true : undefined,
          note: optionalString(context, "note"),
        },
        now,
      ),
    );
    const d = logged.record;
    const substance = getSubstance(d.substance);
    const amount =
      d.amount === null ? "an unknown amount of" : formatAmount(d.amount, d.unit, substance.step);
    const how = logged.amount?.derivation ? ` (${logged.amount.derivation})` : "";
    const active =
      logged.amount?.activeAmount != null
        ? `; about ${formatAmount(logged.amount.activeAmount, d.unit, substance.step)} active at the batch's measured purity`
        : "";
    return report(
      context,
      logged,
      `Logged ${amount} ${substance.name.toLowerCase()} (${d.route}) at ${localDateTimeText(d.at, d.timeZone)}${how}${active}.`,
      {
        activeAmount: logged.amount?.activeAmount ?? null,
      },
    );
  },
};

function readMeasured(
  context: CommandContext,
  amountText: string | undefined,
): Measured | undefined {
  const volume = optionalString(context, "volume");
  const sprays = optionalString(context, "sprays");
  const given = [amountText, volume, sprays].filter((v) => v !== undefined);
  if (given.length > 1) {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      "give one of an amount, --volume or --sprays",
      "amount",
    );
  }
  if (amountText !== undefined) {
    const q = parseQuantity(amountText, "mass", "amount");
    return { kind: "amount", amount: q.amount, unit: q.unit };
  }
  if (volume !== undefined)
    return { kind: "volume", volumeMl: toBase(parseQuantity(volume, "volume", "volume")) };
  if (sprays !== undefined) {
    const n = Number(sprays);
    if (!Number.isInteger(n) || n < 1 || n > 20) {
      throw new TitrateError(
        "CLI_INVALID_OPTION",
        `sprays: "${sprays}" must be a whole number from 1 to 20`,
        "sprays",
      );
    }
    return { kind: "sprays", sprays: n };
  }
  return undefined;
}

const ratingNames = ["mood", "energy", "focus", "anxiety", "sleep"] as const;

const checkin: Command = {
  name: "log checkin",
  summary: "Record how you are: ratings 0–10, effects, after-effects, a note",
  options: {
    mood: { type: "string", value: "7", description: "Mood, 0 (worst) to 10 (best)." },
    energy: { type: "string", value: "6", description: "Energy, 0 (none) to 10 (plenty)." },
    focus: { type: "string", value: "6", description: "Focus, 0 (scattered) to 10 (sharp)." },
    anxiety: { type: "string", value: "3", description: "Anxiety, 0 (none) to 10 (severe)." },
    sleep: {
      type: "string",
      value: "7",
      description: "Last night's sleep, 0 (none) to 10 (excellent).",
    },
    effects: { type: "string", value: '"…"', description: "Effects you noticed." },
    "after-effects": {
      type: "string",
      value: '"…"',
      description: "After-effects (the next morning, say).",
    },
    ...entryOptions,
  },
  examples: [
    "titrate log checkin --mood 7 --energy 6 --focus 6 --anxiety 3 --sleep 7",
    'titrate log checkin --after-effects "slight headache" --note "slept badly"',
  ],
  details: [
    "Rate only what you want to: every rating is optional. Higher is better, except anxiety.",
  ],
  async run(context) {
    if (context.positionals.length > 0)
      throw new TitrateError(
        "CLI_INVALID_OPTION",
        `unexpected argument "${context.positionals[0]}"`,
      );
    const ratings: Record<string, number | null> = {};
    for (const name of ratingNames) {
      const text = optionalString(context, name);
      ratings[name] = text === undefined ? null : Number(text.trim() === "" ? Number.NaN : text);
    }
    const recorded = await withEntry(context, ({ store, user, now }, at) =>
      logCheckIn(
        store,
        user.id,
        {
          at,
          ...ratings,
          effects: optionalString(context, "effects") ?? null,
          afterEffects: optionalString(context, "after-effects") ?? null,
          note: optionalString(context, "note") ?? null,
        },
        now,
      ),
    );
    const given = ratingNames
      .filter((n) => recorded.record[n] !== null)
      .map((n) => `${n} ${recorded.record[n]}`);
    return report(
      context,
      recorded,
      `Checked in at ${localDateTimeText(recorded.record.at, recorded.record.timeZone)}${given.length ? `: ${given.join(", ")}` : ""}.`,
    );
  },
};

const symptom: Command = {
  name: "log symptom",
  summary: "Report symptoms from a checklist: bladder, nasal, kidney-liver, mental, dependence",
  args: "<checklist> [item …]",
  options: {
    none: { type: "boolean", description: "None of the checklist's signs (an all-clear report)." },
    ...entryOptions,
  },
  examples: [
    "titrate log symptom bladder frequent night",
    "titrate log symptom nasal nosebleeds",
    "titrate log symptom bladder --none",
  ],
  details: [
    `Checklists and their items: ${checklistIds
      .map(
        (id) =>
          `${id}: ${getChecklist(id)
            .items.map((i) => i.id)
            .join(", ")}`,
      )
      .join("; ")}.`,
    "A bladder or kidney-liver sign is a DANGER finding: stop and see a doctor (FACTS K-BLAD-1, K-HARM-2). An all-clear report (--none) later resolves it.",
  ],
  async run(context) {
    const [checklistName, ...items] = context.positionals;
    if (
      checklistName === undefined ||
      !(checklistIds as readonly string[]).includes(checklistName)
    ) {
      const hint = checklistName ? closest(checklistName, checklistIds) : undefined;
      throw new TitrateError(
        "CLI_MISSING_OPTION",
        `checklist: name one of ${checklistIds.join(", ")}${hint ? ` (did you mean ${hint}?)` : ""}`,
        "checklist",
      );
    }
    const checklist = getChecklist(checklistName as (typeof checklistIds)[number]);
    const ids = checklist.items.map((i) => i.id);
    for (const item of items) {
      if (!ids.includes(item)) {
        const hint = closest(item, ids);
        throw new TitrateError(
          "VALIDATION_FAILED",
          `symptoms: "${item}" is not on the ${checklistName} checklist${hint ? `; did you mean ${hint}?` : ""}; its items: ${ids.join(", ")}`,
          "symptoms",
        );
      }
    }
    if (items.length === 0 && context.values.none !== true) {
      throw new TitrateError(
        "CLI_MISSING_OPTION",
        `symptoms: name the signs you have (${ids.join(", ")}), or --none for an all-clear report`,
        "symptoms",
      );
    }
    const recorded = await withEntry(context, ({ store, user, now }, at) =>
      logSymptoms(
        store,
        user.id,
        {
          at,
          checklist: checklistName,
          symptoms: items,
          note: optionalString(context, "note") ?? null,
        },
        now,
      ),
    );
    const what =
      items.length === 0
        ? "no signs"
        : items.map((i) => checklist.items.find((x) => x.id === i)?.text ?? i).join("; ");
    return report(context, recorded, `Recorded ${checklistName} check: ${what}.`);
  },
};

const substance: Command = {
  name: "log substance",
  summary: "Record another substance (alcohol, a medicine taken once…) for the combination checks",
  args: "<name> [amount]",
  options: {
    route: { type: "string", value: "oral", description: "How it was taken." },
    ...entryOptions,
  },
  examples: [
    "titrate log substance alcohol 2units",
    'titrate log substance tramadol 50mg --at "2026-03-22 07:00"',
    "titrate log substance grapefruit",
  ],
  async run(context) {
    const [name, amountText, ...extra] = context.positionals;
    if (name === undefined || extra.length > 0) {
      throw new TitrateError(
        "CLI_MISSING_OPTION",
        "give the substance's name, then optionally an amount: titrate log substance alcohol 2units",
        "name",
      );
    }
    let amount: number | null = null;
    let unit: string | null = null;
    if (amountText !== undefined) {
      const match = /^(\d+(?:[.,]\d+)?)\s*(\S{0,20})$/u.exec(amountText.trim());
      if (!match) {
        throw new TitrateError(
          "VALIDATION_FAILED",
          `amount: "${amountText}" is not a number with an optional unit, e.g. 2units or 50mg`,
          "amount",
        );
      }
      amount = Number((match[1] ?? "").replace(",", "."));
      unit = match[2] || null;
    }
    const recorded = await withEntry(context, ({ store, user, now }, at) =>
      logOtherSubstance(
        store,
        user.id,
        {
          at,
          name,
          amount,
          unit,
          route: optionalString(context, "route") ?? null,
          note: optionalString(context, "note") ?? null,
        },
        now,
      ),
    );
    const r = recorded.record;
    return report(
      context,
      recorded,
      `Recorded ${r.name}${r.amount === null ? "" : ` ${r.amount}${r.unit ? ` ${r.unit}` : ""}`} at ${localDateTimeText(r.at, r.timeZone)}.`,
    );
  },
};

const bp: Command = {
  name: "log bp",
  summary: "Record a blood-pressure reading (check before a ketamine dose)",
  args: "<systolic/diastolic>",
  options: {
    pulse: { type: "string", value: "70", description: "Pulse, beats per minute." },
    ...entryOptions,
  },
  examples: ["titrate log bp 135/85", "titrate log bp 128/82 --pulse 70"],
  details: [
    "Ketamine raises blood pressure for about 4 hours; above about 140/90 mmHg, delay the dose and talk to a professional (FACTS K-BP-1).",
  ],
  async run(context) {
    const [reading, ...extra] = context.positionals;
    const match =
      reading === undefined ? null : /^(\d{2,3})\s*\/\s*(\d{2,3})$/u.exec(reading.trim());
    if (!match || extra.length > 0) {
      throw new TitrateError(
        "VALIDATION_FAILED",
        `reading: give it as systolic/diastolic in mmHg, for example 135/85${reading ? ` (got "${reading}")` : ""}`,
        "reading",
      );
    }
    const pulseText = optionalString(context, "pulse");
    const recorded = await withEntry(context, ({ store, user, now }, at) =>
      logBloodPressure(
        store,
        user.id,
        {
          at,
          systolicMmHg: Number(match[1]),
          diastolicMmHg: Number(match[2]),
          pulseBpm: pulseText === undefined ? null : Number(pulseText),
        },
        now,
      ),
    );
    const r = recorded.record;
    return report(
      context,
      recorded,
      `Recorded ${r.systolicMmHg}/${r.diastolicMmHg} mmHg${r.pulseBpm === null ? "" : `, pulse ${r.pulseBpm}`} at ${localDateTimeText(r.at, r.timeZone)}.`,
    );
  },
};

export const group: CommandGroup = {
  name: "log",
  summary: "Record doses, check-ins, symptoms, other substances and blood pressure",
  commands: [dose, checkin, symptom, substance, bp],
};
