import { Temporal } from "temporal-polyfill";
import { parseTimeZone } from "../../core/time.ts";
import { parseQuantity, roundTo, toBase } from "../../core/units.ts";
import { initJournal } from "../../store/journal/profile.ts";
import { assertNoPositionals, optionalString } from "../args.ts";
import type { Command } from "../command.ts";
import { withStore } from "../journal-context.ts";
import { journalOptions } from "../journal-options.ts";
import { writeJson, writeLine } from "../output.ts";

export const command: Command = {
  name: "init",
  summary: "Start your journal: the owner account and your profile",
  options: {
    weight: { type: "string", value: "70kg", description: "Your body weight (kg or lb)." },
    tz: {
      type: "string",
      value: "Europe/London",
      description: "Your time zone (default: this computer's).",
    },
    units: {
      type: "string",
      value: "metric",
      description: "metric or imperial (default: from --weight).",
    },
    country: {
      type: "string",
      value: "GB",
      description: "Two-letter country code, for crisis numbers.",
    },
    username: { type: "string", value: "NAME", description: "Account name (default: owner)." },
    ...journalOptions,
  },
  examples: [
    "titrate init --weight 70kg --tz Europe/London --country GB",
    "titrate init --weight 154lb --tz America/New_York --units imperial",
  ],
  details: [
    "Creates the journal file (titrate.db) in your data directory, owner-only. No passphrase is set here: the web app asks for one the first time you open it.",
  ],
  async run(context) {
    assertNoPositionals(context, "init");
    const weightText = optionalString(context, "weight");
    const weight =
      weightText === undefined ? undefined : parseQuantity(weightText, "body-weight", "weight");
    const unitsText = optionalString(context, "units");
    const units = unitsText ?? (weight?.unit === "lb" ? "imperial" : "metric");
    const timeZone = parseTimeZone(
      optionalString(context, "tz") ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      "tz",
    );
    const country = optionalString(context, "country")?.toUpperCase() ?? null;
    const { user, profile } = await withStore(context, (store) =>
      initJournal(
        store,
        {
          username: optionalString(context, "username"),
          profile: {
            weightKg: weight ? roundTo(toBase(weight), 3) : null,
            units: units as "metric" | "imperial",
            timeZone,
            conditions: [],
            country,
            emergencyNumber: null,
            helpline: null,
          },
        },
        Temporal.Now.instant(),
      ),
    );
    if (context.json) {
      writeJson(context.io, { user: { id: user.id, username: user.username }, profile });
      return 0;
    }
    const { stdout } = context.io;
    writeLine(stdout, `Journal started for "${user.username}" (${profile.timeZone}).`);
    if (profile.weightKg === null)
      writeLine(stdout, "Add your weight for ketamine doses: titrate profile set --weight 70kg");
    writeLine(
      stdout,
      "Next: tell Titrate about health conditions that matter (titrate profile conditions),",
    );
    writeLine(
      stdout,
      "medications you take (titrate profile meds add NAME), and your supply (titrate batch add).",
    );
    return 0;
  },
};
