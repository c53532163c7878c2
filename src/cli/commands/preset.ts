import type { Measured } from "../../core/dose-amount.ts";
import { TitrateError } from "../../core/errors.ts";
import { parseQuantity, toBase } from "../../core/units.ts";
import { createPreset } from "../../store/journal/presets.ts";
import { deletePreset, listPresets, type Preset } from "../../store/repos/presets.ts";
import { assertNoPositionals, optionalString } from "../args.ts";
import type { Command, CommandGroup } from "../command.ts";
import { withJournal } from "../journal-context.ts";
import { journalOptions } from "../journal-options.ts";
import { writeJson, writeLine } from "../output.ts";

export function describePreset(p: Preset): string {
  const what =
    p.amount !== null
      ? `${p.amount} ${p.unit}`
      : p.volumeMl !== null
        ? `${p.volumeMl} ml`
        : `${p.sprays} spray${p.sprays === 1 ? "" : "s"}`;
  return `${p.name}: ${what} ${p.substance}, ${p.route}${p.batchId ? ` (batch ${p.batchId})` : ""}`;
}

const add: Command = {
  name: "preset add",
  summary: "Save a dose you repeat, to log it with `titrate log dose --preset NAME`",
  args: "<name>",
  options: {
    substance: {
      type: "string",
      value: "ketamine",
      description: "Substance (default: the batch's).",
    },
    amount: { type: "string", value: "7mg", description: "The amount…" },
    volume: { type: "string", value: "0.7ml", description: "…or a volume of the batch…" },
    sprays: { type: "string", value: "2", description: "…or a number of sprays of the batch." },
    route: {
      type: "string",
      value: "nasal",
      description: "Route (default: nasal for a spray batch, else the substance's usual).",
    },
    batch: { type: "string", value: '"bottle A"', description: "Batch label or id." },
    ...journalOptions,
  },
  examples: [
    "titrate preset add usual --sprays 2 --batch spray",
    "titrate preset add low --amount 5mg --substance ketamine --route sublingual",
  ],
  async run(context) {
    const name = context.positionals.join(" ").trim();
    if (name === "")
      throw new TitrateError(
        "CLI_MISSING_OPTION",
        "give the preset a name: titrate preset add NAME …",
        "name",
      );
    const amountText = optionalString(context, "amount");
    const volumeText = optionalString(context, "volume");
    const spraysText = optionalString(context, "sprays");
    if ([amountText, volumeText, spraysText].filter((v) => v !== undefined).length !== 1) {
      throw new TitrateError(
        "CLI_MISSING_OPTION",
        "give exactly one of --amount, --volume or --sprays",
        "amount",
      );
    }
    const sprays = spraysText === undefined ? null : Number(spraysText);
    if (sprays !== null && !(Number.isInteger(sprays) && sprays >= 1 && sprays <= 20)) {
      throw new TitrateError(
        "CLI_INVALID_OPTION",
        `sprays: "${spraysText}" must be a whole number from 1 to 20`,
        "sprays",
      );
    }
    const measured: Measured =
      amountText !== undefined
        ? { kind: "amount", ...parseQuantity(amountText, "mass", "amount") }
        : volumeText !== undefined
          ? { kind: "volume", volumeMl: toBase(parseQuantity(volumeText, "volume", "volume")) }
          : { kind: "sprays", sprays: sprays as number };
    const preset = await withJournal(context, ({ store, user, now }) =>
      createPreset(
        store,
        user.id,
        {
          name,
          substance: optionalString(context, "substance"),
          measured,
          route: optionalString(context, "route"),
          batch: optionalString(context, "batch"),
        },
        now,
      ).catch((error: unknown) => {
        throw flagNamed(error);
      }),
    );
    if (context.json) writeJson(context.io, { preset });
    else writeLine(context.io.stdout, `Saved preset ${describePreset(preset)}`);
    return 0;
  },
};

const list: Command = {
  name: "preset list",
  summary: "Your saved doses",
  options: { ...journalOptions },
  examples: ["titrate preset list"],
  async run(context) {
    assertNoPositionals(context, "preset list");
    const presets = await withJournal(context, ({ store, user }) => listPresets(store.db, user.id));
    if (context.json) writeJson(context.io, { presets });
    else if (presets.length === 0)
      writeLine(context.io.stdout, "No presets yet: titrate preset add --help");
    else for (const p of presets) writeLine(context.io.stdout, describePreset(p));
    return 0;
  },
};

const remove: Command = {
  name: "preset delete",
  summary: "Delete a saved dose",
  args: "<name>",
  options: { ...journalOptions },
  examples: ["titrate preset delete usual"],
  async run(context) {
    const name = context.positionals.join(" ").trim();
    if (name === "")
      throw new TitrateError("CLI_MISSING_OPTION", "name the preset to delete", "name");
    const preset = await withJournal(context, ({ store, user }) =>
      store.transaction((tx) => deletePreset(tx, user.id, name)),
    );
    if (context.json) writeJson(context.io, { deleted: preset });
    else writeLine(context.io.stdout, `Deleted preset ${preset.name}.`);
    return 0;
  },
};

export const group: CommandGroup = {
  name: "preset",
  summary: "Doses you repeat, logged in one step",
  commands: [add, list, remove],
  defaultCommand: "list",
};

/** The store names the API's fields (measured.volumeMl); here they are the flags (volume). */
function flagNamed(error: unknown): unknown {
  const flags: Record<string, string> = {
    "measured.amount": "amount",
    "measured.volumeMl": "volume",
    "measured.sprays": "sprays",
  };
  if (!(error instanceof TitrateError)) return error;
  const path = error.fields[0]?.path ?? "";
  const flag = flags[path];
  if (!flag) return error;
  return new TitrateError(error.code, error.message.replace(`${path}:`, `${flag}:`), flag);
}
