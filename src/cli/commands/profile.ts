import { crisisResources, describeHelpline } from "../../core/crisis.ts";
import { TitrateError } from "../../core/errors.ts";
import { agentLabel, knownCombinations } from "../../core/safety/agent-match.ts";
import { listText, substanceText, unique } from "../../core/safety/format.ts";
import {
  type ConditionId,
  conditionIds,
  conditions,
  type Profile,
} from "../../core/schemas/journal.ts";
import { substances } from "../../core/substances/catalog.ts";
import { formatInstant, localDateTimeText, parseTimeZone } from "../../core/time.ts";
import { convert, parseQuantity, roundTo, toBase } from "../../core/units.ts";
import { requireProfile, setConditions, updateProfile } from "../../store/journal/profile.ts";
import { addMedication, endMedication, listMedications } from "../../store/repos/medications.ts";
import { weightHistory } from "../../store/repos/profile.ts";
import { assertNoPositionals, closest, optionalString } from "../args.ts";
import type { Command, CommandContext, CommandGroup } from "../command.ts";
import { withJournal } from "../journal-context.ts";
import { journalOptions } from "../journal-options.ts";
import { styler, writeJson, writeLine } from "../output.ts";

/** Body weight in the profile's units, e.g. "70 kg" or "154.3 lb". */
export function formatWeight(weightKg: number | null, units: Profile["units"]): string {
  if (weightKg === null) return "not set";
  return units === "imperial"
    ? `${roundTo(convert(weightKg, "kg", "lb"), 1)} lb`
    : `${roundTo(weightKg, 2)} kg`;
}

const show: Command = {
  name: "profile show",
  summary: "Show your profile, conditions, medications and crisis contacts",
  options: { ...journalOptions },
  examples: ["titrate profile", "titrate profile show --json"],
  async run(context) {
    assertNoPositionals(context, "profile show");
    const { profile, medications, weights, username } = await withJournal(
      context,
      async ({ store, user }) => ({
        username: user.username,
        profile: await requireProfile(store, user.id),
        medications: (await listMedications(store.db, user.id)).filter((m) => m.endedAt === null),
        weights: await weightHistory(store.db, user.id),
      }),
    );
    const crisis = crisisResources(profile);
    if (context.json) {
      writeJson(context.io, { username, profile, medications, weightHistory: weights, crisis });
      return 0;
    }
    const { stdout, env } = context.io;
    const style = styler(stdout, env);
    writeLine(stdout, style("bold", `Profile of ${username}`));
    writeLine(stdout, `  weight      ${formatWeight(profile.weightKg, profile.units)}`);
    writeLine(stdout, `  units       ${profile.units}`);
    writeLine(stdout, `  time zone   ${profile.timeZone}`);
    writeLine(stdout, `  country     ${profile.country ?? "not set"}`);
    const reported = conditions.filter((c) => profile.conditions.includes(c.id));
    writeLine(
      stdout,
      `  conditions  ${reported.length === 0 ? "none reported" : reported.map((c) => c.label).join("; ")}`,
    );
    writeLine(
      stdout,
      `  medications ${medications.length === 0 ? "none" : medications.map((m) => m.name).join(", ")}`,
    );
    writeLine(stdout, `  emergency   ${crisis.emergencyText}`);
    for (const helpline of crisis.helplines)
      writeLine(stdout, `  helpline    ${describeHelpline(helpline)}`);
    return 0;
  },
};

const set: Command = {
  name: "profile set",
  summary: "Change your weight, time zone, units, country or crisis contacts",
  options: {
    weight: {
      type: "string",
      value: "72kg",
      description: "Body weight (the old one is kept in the history).",
    },
    tz: { type: "string", value: "Europe/London", description: "Time zone (IANA name)." },
    units: { type: "string", value: "metric", description: "metric or imperial." },
    country: {
      type: "string",
      value: "GB",
      description: "Two-letter country code (crisis numbers).",
    },
    "emergency-number": { type: "string", value: "999", description: "Your emergency number." },
    "helpline-name": { type: "string", value: "Samaritans", description: "A helpline you trust…" },
    "helpline-phone": { type: "string", value: "116 123", description: "…its phone number…" },
    "helpline-url": { type: "string", value: "https://…", description: "…or its web address." },
    ...journalOptions,
  },
  examples: [
    "titrate profile set --weight 72kg",
    "titrate profile set --country GB --helpline-name Samaritans --helpline-phone '116 123'",
  ],
  async run(context) {
    assertNoPositionals(context, "profile set");
    const changes: Partial<Profile> = {};
    const weight = optionalString(context, "weight");
    if (weight !== undefined)
      changes.weightKg = roundTo(toBase(parseQuantity(weight, "body-weight", "weight")), 3);
    const tz = optionalString(context, "tz");
    if (tz !== undefined) changes.timeZone = parseTimeZone(tz, "tz");
    const units = optionalString(context, "units");
    if (units !== undefined) changes.units = units as Profile["units"];
    const country = optionalString(context, "country");
    if (country !== undefined) changes.country = country.toUpperCase();
    const emergency = optionalString(context, "emergency-number");
    if (emergency !== undefined) changes.emergencyNumber = emergency;
    const name = optionalString(context, "helpline-name");
    if (name !== undefined) {
      changes.helpline = {
        name,
        phone: optionalString(context, "helpline-phone") ?? null,
        url: optionalString(context, "helpline-url") ?? null,
      };
    }
    if (Object.keys(changes).length === 0) {
      throw new TitrateError(
        "CLI_MISSING_OPTION",
        "give at least one change, for example --weight 72kg; see `titrate profile set --help`",
      );
    }
    const profile = await withJournal(context, ({ store, user, now }) =>
      updateProfile(store, user.id, changes, now),
    );
    if (context.json) writeJson(context.io, { profile });
    else writeLine(context.io.stdout, "Profile updated.");
    return 0;
  },
};

function parseConditionList(text: string, field: string): ConditionId[] {
  return text
    .split(",")
    .map((c) => c.trim())
    .filter((c) => c !== "")
    .map((c) => {
      if ((conditionIds as readonly string[]).includes(c)) return c as ConditionId;
      const hint = closest(c, conditionIds);
      throw new TitrateError(
        "VALIDATION_FAILED",
        `${field}: "${c}" is not a condition Titrate asks about${hint ? `; did you mean ${hint}?` : ""} (see \`titrate profile conditions\`)`,
        field,
      );
    });
}

const conditionsCommand: Command = {
  name: "profile conditions",
  summary: "Record health conditions that make a substance unsafe (asked plainly)",
  options: {
    set: {
      type: "string",
      value: "a,b",
      description: "Replace the list with these condition ids.",
    },
    add: { type: "string", value: "id", description: "Add conditions (comma-separated ids)." },
    remove: { type: "string", value: "id", description: "Remove conditions." },
    none: { type: "boolean", description: "You have none of them." },
    ...journalOptions,
  },
  examples: [
    "titrate profile conditions",
    "titrate profile conditions --add uncontrolled-hypertension",
    "titrate profile conditions --none",
  ],
  details: [
    "These conditions make ketamine or psychedelics unsafe (FACTS K-CONTRA-1). Titrate never hides them: each one you report becomes a finding in `titrate check`. Without any flag the command lists every condition and whether you reported it.",
  ],
  async run(context: CommandContext) {
    assertNoPositionals(context, "profile conditions");
    const setText = optionalString(context, "set");
    const addText = optionalString(context, "add");
    const removeText = optionalString(context, "remove");
    const none = context.values.none === true;
    const profile = await withJournal(context, async ({ store, user, now }) => {
      const current = await requireProfile(store, user.id);
      if (setText === undefined && addText === undefined && removeText === undefined && !none)
        return current;
      let next: ConditionId[] = none
        ? []
        : setText !== undefined
          ? parseConditionList(setText, "set")
          : [...current.conditions];
      if (addText !== undefined) next = [...next, ...parseConditionList(addText, "add")];
      if (removeText !== undefined) {
        const removed = new Set(parseConditionList(removeText, "remove"));
        next = next.filter((c) => !removed.has(c));
      }
      return setConditions(store, user.id, next, now);
    });
    if (context.json) {
      writeJson(context.io, {
        conditions: conditions.map((c) => ({
          id: c.id,
          label: c.label,
          reported: profile.conditions.includes(c.id),
        })),
      });
      return 0;
    }
    const { stdout } = context.io;
    writeLine(stdout, "Conditions that make a substance unsafe (FACTS K-CONTRA-1):");
    for (const c of conditions) {
      writeLine(
        stdout,
        `  [${profile.conditions.includes(c.id) ? "x" : " "}] ${c.id.padEnd(28)} ${c.label}`,
      );
    }
    if (profile.conditions.length > 0)
      writeLine(stdout, "See what they mean for you: titrate check");
    return 0;
  },
};

const meds: Command = {
  name: "profile meds",
  summary: "Medications you take, checked against every dose for the combinations Titrate knows",
  args: "[list | add NAME | end NAME]",
  options: { ...journalOptions },
  examples: [
    "titrate profile meds add sertraline",
    "titrate profile meds",
    "titrate profile meds end sertraline",
  ],
  async run(context) {
    const [action = "list", ...nameParts] = context.positionals;
    const name = nameParts.join(" ").trim();
    if (!["list", "add", "end"].includes(action)) {
      throw new TitrateError(
        "CLI_INVALID_OPTION",
        `"${action}" is not list, add or end; see \`titrate profile meds --help\``,
      );
    }
    if (action !== "list" && name === "") {
      throw new TitrateError(
        "CLI_MISSING_OPTION",
        `give the medication's name: titrate profile meds ${action} NAME`,
        "name",
      );
    }
    const result = await withJournal(context, async ({ store, user, now }) => {
      const at = formatInstant(now);
      if (action === "add") {
        return store.transaction((tx) => addMedication(tx, user.id, { name, addedAt: at }));
      }
      if (action === "end") return store.transaction((tx) => endMedication(tx, user.id, name, at));
      const { timeZone } = await requireProfile(store, user.id);
      return { medications: await listMedications(store.db, user.id), timeZone };
    });
    if (context.json) {
      writeJson(
        context.io,
        "medications" in result ? { medications: result.medications } : { medication: result },
      );
      return 0;
    }
    const { stdout } = context.io;
    if ("medications" in result) {
      const current = result.medications.filter((m) => m.endedAt === null);
      if (current.length === 0)
        writeLine(stdout, "No medications recorded. Add one: titrate profile meds add NAME");
      for (const m of current)
        writeLine(
          stdout,
          `  ${m.name}  (since ${localDateTimeText(m.addedAt, result.timeZone).slice(0, 10)}, ${m.id})`,
        );
    } else {
      writeLine(stdout, action === "add" ? addedText(result.name) : `Ended ${result.name}.`);
    }
    return 0;
  },
};

/** What adding a medication means: the combinations Titrate will check, or that it knows none. */
function addedText(name: string): string {
  const known = knownCombinations(substances, name);
  if (known.length === 0) {
    return `Recorded ${name}. Titrate knows no combination for it with ${listText(substances.map(substanceText))}, so no check will flag it; that is not a sign it is safe: ask a pharmacist.`;
  }
  const pairs = unique(
    known.map(
      ({ substance, combination }) =>
        `${substanceText(substance)} (${combination.severity === "danger" ? "dangerous" : "caution"}: ${agentLabel(combination)})`,
    ),
  );
  return `Recorded ${name}; every dose is checked against it: with ${listText(pairs)}.`;
}

export const group: CommandGroup = {
  name: "profile",
  summary: "Your profile: weight, time zone, conditions, medications, crisis contacts",
  commands: [show, set, conditionsCommand, meds],
  defaultCommand: "show",
};
