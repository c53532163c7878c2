import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { TitrateError } from "../../core/errors.ts";
import { createBackup } from "../../store/backup.ts";
import { passphraseFromText, readInputFile } from "../../store/backup-files.ts";
import { DEFAULT_SCRYPT_COST, type ScryptCost } from "../../store/backup-format.ts";
import { passphraseProblem } from "../../store/passphrase.ts";
import { databasePath } from "../../store/store.ts";
import { assertNoPositionals, optionalString, requiredString } from "../args.ts";
import type { Command, CommandContext, OptionSpec } from "../command.ts";
import { dataDirOf, withStore } from "../journal-context.ts";
import { journalOptions } from "../journal-options.ts";
import { styler, writeJson, writeLine } from "../output.ts";

export const passphraseFileOption: OptionSpec = {
  type: "string",
  value: "FILE",
  description: "A file holding the passphrase (- reads it from standard input).",
};

/**
 * TEST ONLY: `TITRATE_TEST_SCRYPT_LOG2N=10` makes encrypted backups cheap to make, so the
 * test suite stays fast. Never set it for real backups: it makes a passphrase far easier to
 * guess. Titrate says so on stderr every time it is used.
 */
export function scryptCostFromEnv(context: CommandContext): ScryptCost {
  const text = context.io.env.TITRATE_TEST_SCRYPT_LOG2N;
  if (text === undefined || text === "") return DEFAULT_SCRYPT_COST;
  const log2N = Number(text);
  if (!Number.isInteger(log2N) || log2N < 10 || log2N > DEFAULT_SCRYPT_COST.log2N) {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      `TITRATE_TEST_SCRYPT_LOG2N must be a whole number from 10 to ${DEFAULT_SCRYPT_COST.log2N} (it is for tests only)`,
    );
  }
  const style = styler(context.io.stderr, context.io.env);
  writeLine(
    context.io.stderr,
    style(
      "yellow",
      `warning: TITRATE_TEST_SCRYPT_LOG2N=${log2N} is for tests only: this backup's key is cheap to guess`,
    ),
  );
  return { ...DEFAULT_SCRYPT_COST, log2N };
}

/** The passphrase named by `option` (--passphrase-file), or undefined when it is absent. */
export async function readPassphrase(
  context: CommandContext,
  option = "passphrase-file",
): Promise<string | undefined> {
  const file = optionalString(context, option);
  if (file === undefined) return undefined;
  if (file !== "-") {
    const bytes = readInputFile(resolve(context.io.cwd, file), option);
    return passphraseFromText(bytes.toString("utf8"), option);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of context.io.stdin) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk));
  }
  return passphraseFromText(Buffer.concat(chunks).toString("utf8"), option);
}

export const command: Command = {
  name: "backup",
  summary: "Copy the whole journal into one file, optionally encrypted with a passphrase",
  options: {
    out: { type: "string", value: "FILE", description: "Where to write the backup." },
    "passphrase-file": passphraseFileOption,
    force: { type: "boolean", description: "Replace an existing file at --out." },
    "data-dir": journalOptions["data-dir"] as OptionSpec,
    database: journalOptions.database as OptionSpec,
  },
  examples: [
    "titrate backup --out ~/backups/titrate-2026-03-22.db",
    "titrate backup --out /media/usb/titrate.tbk --passphrase-file ~/.titrate-passphrase",
    "pass show titrate | titrate backup --out titrate.tbk --passphrase-file -",
  ],
  details: [
    "The copy is consistent even while Titrate or `titrate serve` is writing (SQLite's backup API), and it is checked before it is written. It holds every account in the data directory.",
    "With --passphrase-file the backup is encrypted (AES-256-GCM, key from scrypt with a random salt); without it, it is a plain SQLite file anyone who gets it can read. A lost passphrase cannot be recovered. `titrate restore FILE` brings a backup back.",
  ],
  async run(context) {
    assertNoPositionals(context, "backup");
    const out = resolve(context.io.cwd, requiredString(context, "out", "titrate-backup.db"));
    if (!existsSync(dirname(out))) {
      // Not created: a missing /media/usb means the drive is not there, not a folder to make.
      throw new TitrateError(
        "CLI_INVALID_OPTION",
        `out: the folder ${dirname(out)} does not exist`,
        "out",
      );
    }
    const passphrase = await readPassphrase(context);
    if (passphrase !== undefined) {
      const problem = passphraseProblem(passphrase);
      if (problem) {
        throw new TitrateError(
          "VALIDATION_FAILED",
          `passphrase-file: the passphrase ${problem}`,
          "passphrase-file",
        );
      }
    }
    const cost = passphrase === undefined ? DEFAULT_SCRYPT_COST : scryptCostFromEnv(context);
    const dataDir = dataDirOf(context, "backup");
    if (!existsSync(databasePath(dataDir))) {
      throw new TitrateError(
        "STORE_NOT_INITIALISED",
        `there is no journal in ${dataDir} to back up`,
      );
    }
    const result = await withStore(context, (store) =>
      createBackup(store, { out, passphrase, cost, overwrite: context.values.force === true }),
    );
    if (context.json) {
      writeJson(context.io, { ...result, dataDir });
      return 0;
    }
    const { stdout } = context.io;
    writeLine(
      stdout,
      `Backed up ${dataDir} (${result.accounts} account${result.accounts === 1 ? "" : "s"}) to ${result.path} (${formatBytes(result.bytes)}, ${result.encrypted ? "encrypted" : "not encrypted"}).`,
    );
    writeLine(
      stdout,
      result.encrypted
        ? "Keep the passphrase safe: without it the backup cannot be opened."
        : "It is not encrypted: anyone who gets the file can read your journal. Add --passphrase-file to encrypt.",
    );
    return 0;
  },
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
