/**
 * The `titrate` command: finds the command asked for, loads only its module (so `calc`
 * never loads the database or the HTTP server), parses its flags and runs it.
 * Exit codes: 0 ok, 1 failure, 2 bad usage or bad input.
 */
import { TitrateError } from "../core/errors.ts";
import { closest, parseCommandArgs } from "./args.ts";
import type { Command, CommandModule, Io } from "./command.ts";
import { commandHelp, groupHelp } from "./help.ts";
import { writeError, writeLine } from "./output.ts";
import { VERSION } from "./version.ts";

interface Entry {
  readonly summary: string;
  readonly load: () => Promise<CommandModule>;
}

/** Every top-level command, with a loader: a command's code is imported only when it runs. */
const registry: Readonly<Record<string, Entry>> = {
  init: {
    summary: "Start your journal: the owner account and your profile",
    load: () => import("./commands/init.ts"),
  },
  profile: {
    summary: "Your profile: weight, time zone, conditions, medications, crisis contacts",
    load: () => import("./commands/profile.ts"),
  },
  log: {
    summary: "Record doses, check-ins, symptoms, other substances and blood pressure",
    load: () => import("./commands/log.ts"),
  },
  next: {
    summary: "When your next dose is, from your plan and what you took",
    load: () => import("./commands/next.ts"),
  },
  check: {
    summary: "Every safety finding active now, danger first",
    load: () => import("./commands/check.ts"),
  },
  journal: {
    summary: "Your journal as a readable timeline",
    load: () => import("./commands/journal.ts"),
  },
  edit: { summary: "Correct a journal entry by its id", load: () => import("./commands/edit.ts") },
  delete: {
    summary: "Delete a wrong journal entry by its id (asks first)",
    load: () => import("./commands/delete.ts"),
  },
  batch: {
    summary: "Your supply: batches, strengths and reagent tests",
    load: () => import("./commands/batch.ts"),
  },
  preset: {
    summary: "Doses you repeat, logged in one step",
    load: () => import("./commands/preset.ts"),
  },
  calc: {
    summary: "Dose, solution and nasal-spray calculators",
    load: () => import("./commands/calc.ts"),
  },
  plan: {
    summary: "Dosing plans: preview the days, check the spacing, export to a calendar",
    load: () => import("./commands/plan.ts"),
  },
  screen: {
    summary: "Questionnaires (PHQ-9, GAD-7) and symptom checklists, scored and explained",
    load: () => import("./commands/screen.ts"),
  },
  insights: {
    summary: "What your journal shows, with its uncertainty: ratings, dose days, questionnaires",
    load: () => import("./commands/insights.ts"),
  },
  experiment: {
    summary: "A blinded self-experiment: active against placebo, without knowing which is which",
    load: () => import("./commands/experiment.ts"),
  },
  report: {
    summary: "A printable report for your clinician: one self-contained HTML page",
    load: () => import("./commands/report.ts"),
  },
  serve: {
    summary: "Start the web app and its API on http://127.0.0.1:7420",
    load: () => import("./commands/serve.ts"),
  },
  passphrase: {
    summary: "Set a new passphrase for an account (a lost one cannot be recovered)",
    load: () => import("./commands/passphrase.ts"),
  },
  export: {
    summary: "Export your whole journal as JSON or CSV",
    load: () => import("./commands/export.ts"),
  },
  import: {
    summary: "Import a journal export: restores an empty journal, or adds what is new",
    load: () => import("./commands/import.ts"),
  },
  backup: {
    summary: "Copy the whole journal into one file, optionally encrypted",
    load: () => import("./commands/backup.ts"),
  },
  restore: {
    summary: "Bring back a backup; the journal that was there is kept aside",
    load: () => import("./commands/restore.ts"),
  },
  erase: {
    summary: "Delete the whole journal and Titrate's own backups of it (--yes)",
    load: () => import("./commands/erase.ts"),
  },
  demo: {
    summary: "Fill an empty data directory with a realistic synthetic journal",
    load: () => import("./commands/demo.ts"),
  },
  store: {
    summary: "The journal's database: copy a personal journal onto a PostgreSQL server",
    load: () => import("./commands/store.ts"),
  },
  study: {
    summary: "Studies you coordinate: list them, their dashboard, their de-identified export",
    load: () => import("./commands/study.ts"),
  },
};

function topLevelHelp(): string {
  const names = Object.keys(registry);
  const width = Math.max(...names.map((n) => n.length)) + 2;
  return [
    `titrate ${VERSION} — a private microdosing journal and harm-reduction planner`,
    "",
    "Usage: titrate <command> [options]",
    "",
    "Commands:",
    ...names.map((name) => `  ${name.padEnd(width)}${registry[name]?.summary ?? ""}`),
    "",
    "Options:",
    "  -h, --help     Show help (also after any command: `titrate calc dose --help`)",
    "  -v, --version  Show the version",
    "",
    "Titrate is harm reduction, not medical advice. Legal status differs by country.",
    "",
  ].join("\n");
}

/** Runs the CLI with `argv` (without node and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const json = argv.includes("--json");
  try {
    return await dispatch(argv, io);
  } catch (error) {
    writeError(io, error, json);
    // Bad usage or input (4xx) is exit 2; a failure the person could not prevent is exit 1.
    return error instanceof TitrateError && error.status < 500 ? 2 : 1;
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    if (first === "help" && rest[0] !== undefined) return dispatch([...rest, "--help"], io);
    io.stdout.write(topLevelHelp());
    return first === undefined ? 2 : 0;
  }
  if (first === "--version" || first === "-v") {
    writeLine(io.stdout, VERSION);
    return 0;
  }
  const entry = Object.hasOwn(registry, first) ? registry[first] : undefined;
  if (!entry) {
    const suggestion = closest(first, Object.keys(registry));
    const hint = suggestion ? ` Did you mean \`titrate ${suggestion}\`?` : "";
    throw new TitrateError(
      "CLI_UNKNOWN_COMMAND",
      `"${first}" is not a titrate command.${hint} See \`titrate --help\`.`,
    );
  }
  const module = await entry.load();
  if ("command" in module) return runCommand(module.command, rest, io);

  const { group } = module;
  const [sub, ...subArgs] = rest;
  if (
    group.defaultCommand &&
    (sub === undefined || sub.startsWith("-")) &&
    sub !== "--help" &&
    sub !== "-h"
  ) {
    const command = group.commands.find((c) => c.name === `${group.name} ${group.defaultCommand}`);
    if (command) return runCommand(command, rest, io);
  }
  if (sub === undefined || sub === "--help" || sub === "-h") {
    io.stdout.write(groupHelp(group));
    return sub === undefined ? 2 : 0;
  }
  const command = group.commands.find((c) => c.name === `${group.name} ${sub}`);
  if (!command) {
    const names = group.commands.map((c) => c.name.slice(group.name.length + 1));
    const suggestion = closest(sub, names);
    const hint = suggestion ? ` Did you mean \`titrate ${group.name} ${suggestion}\`?` : "";
    throw new TitrateError(
      "CLI_UNKNOWN_COMMAND",
      `"${sub}" is not a \`titrate ${group.name}\` command.${hint} See \`titrate ${group.name} --help\`.`,
    );
  }
  return runCommand(command, subArgs, io);
}

async function runCommand(command: Command, argv: readonly string[], io: Io): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout.write(commandHelp(command));
    return 0;
  }
  const { values, positionals } = parseCommandArgs(command, argv);
  return command.run({ values, positionals, io, json: values.json === true });
}
