import { resolve } from "node:path";
import { TitrateError } from "../../core/errors.ts";
import { eraseJournal } from "../../store/erase.ts";
import { assertNoPositionals } from "../args.ts";
import type { Command, OptionSpec } from "../command.ts";
import { dataDirOf } from "../journal-context.ts";
import { journalOptions } from "../journal-options.ts";
import { writeJson, writeLine } from "../output.ts";
import { formatBytes } from "./backup.ts";

export const command: Command = {
  name: "erase",
  summary: "Delete the whole journal in the data directory, and Titrate's own backups of it",
  options: {
    yes: { type: "boolean", description: "Confirm: erase cannot be undone." },
    "backup-dir": {
      type: "string",
      value: "DIR",
      multiple: true,
      description: "Also remove Titrate's automatic backups in this folder (repeatable).",
    },
    "data-dir": journalOptions["data-dir"] as OptionSpec,
    database: journalOptions.database as OptionSpec,
  },
  examples: [
    "titrate erase --yes",
    "titrate erase --yes --data-dir ~/titrate-demo",
    "titrate erase --yes --backup-dir /var/backups/titrate",
  ],
  details: [
    "Removes every account's journal in the data directory: the database and its -wal and -shm files, the copies taken before migrations and restores, automatic backups (named titrate-auto-backup-*), and leftovers of an interrupted backup or restore. It lists what it removed.",
    "Exports and backups you wrote elsewhere with --out are yours: delete them yourself. Stop `titrate serve` first; erase refuses while another program has the journal open.",
  ],
  async run(context) {
    assertNoPositionals(context, "erase");
    const dataDir = dataDirOf(context, "erase");
    if (context.values.yes !== true) {
      throw new TitrateError(
        "CONFIRMATION_REQUIRED",
        `erase removes the whole journal in ${dataDir} for good; add --yes to confirm (make a backup first: titrate backup --out FILE)`,
      );
    }
    const backupDirs = ((context.values["backup-dir"] as string[] | undefined) ?? []).map((d) =>
      resolve(context.io.cwd, d),
    );
    const result = eraseJournal({ dataDir, backupDirs });
    if (context.json) {
      writeJson(context.io, result);
      return 0;
    }
    const { stdout } = context.io;
    if (result.removed.length === 0) {
      writeLine(stdout, `Nothing to erase: there is no Titrate journal in ${dataDir}.`);
    } else {
      writeLine(stdout, `Erased the journal in ${dataDir}:`);
      for (const r of result.removed) {
        writeLine(
          stdout,
          `  removed ${r.path}${r.kind === "folder" ? "" : ` (${formatBytes(r.bytes)})`}`,
        );
      }
    }
    for (const path of result.kept) writeLine(stdout, `  kept ${path} (not made by Titrate)`);
    writeLine(stdout, "Exports and backups you wrote elsewhere with --out are not touched.");
    return 0;
  },
};
