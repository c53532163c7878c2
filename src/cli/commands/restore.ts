import { resolve } from "node:path";
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import { readInputFile } from "../../store/backup-files.ts";
import { restoreBackup } from "../../store/backup-restore.ts";
import type { Command, OptionSpec } from "../command.ts";
import { dataDirOf } from "../journal-context.ts";
import { journalOptions } from "../journal-options.ts";
import { writeJson, writeLine } from "../output.ts";
import { passphraseFileOption, readPassphrase } from "./backup.ts";

export const command: Command = {
  name: "restore",
  summary: "Bring back a backup; the journal that was there is kept aside",
  args: "<file>",
  options: {
    "passphrase-file": passphraseFileOption,
    "data-dir": journalOptions["data-dir"] as OptionSpec,
    database: journalOptions.database as OptionSpec,
  },
  examples: [
    "titrate restore ~/backups/titrate-2026-03-22.db",
    "titrate restore /media/usb/titrate.tbk --passphrase-file ~/.titrate-passphrase",
    "titrate restore titrate.tbk --passphrase-file - --data-dir ~/journal-copy",
  ],
  details: [
    "The backup is decrypted and checked before anything changes: a wrong passphrase, a changed or damaged file, or a backup from a newer Titrate is refused and your journal stays as it is. A backup from an older Titrate is brought up to date.",
    "The journal that was there is kept in <data dir>/backups/pre-restore-<time>.db (a damaged one is moved there as it is), and the command says where. `titrate erase` removes these copies too.",
  ],
  async run(context) {
    const [file, ...extra] = context.positionals;
    if (file === undefined || extra.length > 0) {
      throw new TitrateError(
        "CLI_MISSING_OPTION",
        "name one backup file: titrate restore FILE",
        "file",
      );
    }
    const dataDir = dataDirOf(context, "restore");
    const path = resolve(context.io.cwd, file);
    const bytes = readInputFile(path, "file");
    const passphrase = await readPassphrase(context);
    const result = await restoreBackup({
      dataDir,
      bytes,
      passphrase,
      now: Temporal.Now.instant(),
    });
    if (context.json) {
      writeJson(context.io, { file: path, ...result });
      return 0;
    }
    const { stdout } = context.io;
    writeLine(
      stdout,
      `Restored ${path} into ${result.dataDir} (${result.accounts} account${result.accounts === 1 ? "" : "s"}${result.encrypted ? ", decrypted" : ""}).`,
    );
    if (result.migrated.length > 0) {
      writeLine(
        stdout,
        `  brought up to date from an older Titrate (${result.migrated.join(", ")})`,
      );
    }
    if (result.previous !== null) {
      writeLine(
        stdout,
        result.previousState === "moved"
          ? `  the damaged journal that was there was moved, as it was, to ${result.previous}`
          : `  the journal that was there is kept at ${result.previous}`,
      );
    } else {
      writeLine(stdout, "  there was no journal here before");
    }
    return 0;
  },
};
