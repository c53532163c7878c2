import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { TitrateError } from "../../core/errors.ts";
import { JournalExport, journalTableNames } from "../../core/schemas/export.ts";
import { ensurePrivateDir, freePath, syncDir, writePrivateFile } from "../../store/backup-files.ts";
import { buildJournalExport, exportFileBase } from "../../store/export.ts";
import { exportCsvFiles } from "../../store/export-csv.ts";
import { bracketPath } from "../../store/import-titrate.ts";
import { assertNoPositionals, optionalString, requiredString } from "../args.ts";
import type { Command } from "../command.ts";
import { withJournal } from "../journal-context.ts";
import { journalOptions } from "../journal-options.ts";
import { styler, writeJson, writeLine } from "../output.ts";
import { VERSION } from "../version.ts";

export const command: Command = {
  name: "export",
  summary:
    "Export your whole journal as JSON (to import again) or CSV (for spreadsheets, R, pandas)",
  options: {
    format: { type: "string", value: "json", description: "json (default) or csv." },
    out: {
      type: "string",
      value: "DIR",
      description: "The folder to write into (created owner-only if missing).",
    },
    ...journalOptions,
  },
  examples: [
    "titrate export --out ~/titrate-exports",
    "titrate export --format csv --out ~/titrate-exports",
    "titrate export --out . --user alex --json",
  ],
  details: [
    'JSON is one complete, versioned document (format "titrate-journal"): your account, profile, weight history, medications, batches and reagent tests, presets, plans, every journal entry and the findings you acknowledged. `titrate import FILE` brings it back. Passphrases, sign-in sessions and API tokens are never exported.',
    "CSV writes a folder with one file per table (doses.csv, check_ins.csv, …): a header row, times in ISO 8601 (UTC in `at`, your local time with its offset in `at_local`), RFC 4180 quoting, UTF-8.",
    "The files hold your health data: they are written readable by you only. Keep them somewhere safe.",
  ],
  async run(context) {
    assertNoPositionals(context, "export");
    const format = optionalString(context, "format") ?? "json";
    if (format !== "json" && format !== "csv") {
      throw new TitrateError(
        "CLI_INVALID_OPTION",
        `format: "${format}" is not an export format; use json or csv`,
        "format",
      );
    }
    const outDir = resolve(context.io.cwd, requiredString(context, "out", "~/titrate-exports"));
    if (existsSync(outDir) && !isDirectory(outDir)) {
      throw new TitrateError(
        "CLI_INVALID_OPTION",
        `out: ${outDir} is a file; --out names a folder to write into`,
        "out",
      );
    }
    const { doc, base } = await withJournal(context, async ({ store, user, now }) => ({
      doc: await buildJournalExport(store, user.id, { now, exportedBy: `titrate ${VERSION}` }),
      base: exportFileBase(user.username, now),
    }));
    ensurePrivateDir(outDir);
    const counts: Record<string, number> = Object.fromEntries(
      journalTableNames.map((table) => [table, (doc[table] as readonly unknown[]).length]),
    );
    counts.reagentTests = doc.batches.reduce((sum, b) => sum + b.reagentTests.length, 0);
    let path: string;
    let files: string[];
    if (format === "json") {
      path = freePath(outDir, base, ".json");
      writePrivateFile(path, `${JSON.stringify(doc, null, 2)}\n`);
      files = [path];
    } else {
      path = freePath(outDir, base, "");
      files = writeCsvFolder(path, exportCsvFiles(doc));
    }

    // An export must never fail, but a record Titrate would refuse on import is worth saying.
    const check = JournalExport.safeParse(doc);
    const problems = check.success ? [] : check.error.issues;
    if (context.json) {
      writeJson(context.io, {
        format,
        path,
        files,
        user: doc.user.username,
        counts,
        importProblems: problems.map((i) => ({
          path: bracketPath(i.path.join(".")),
          message: i.message,
        })),
      });
    } else {
      const { stdout } = context.io;
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
      writeLine(
        stdout,
        `Exported ${total} record${total === 1 ? "" : "s"} of "${doc.user.username}" to ${path}`,
      );
      const nonEmpty = Object.entries(counts).filter(([, n]) => n > 0);
      if (nonEmpty.length > 0)
        writeLine(stdout, `  ${nonEmpty.map(([t, n]) => `${t} ${n}`).join(", ")}`);
      writeLine(stdout, "The file holds your health data and is readable by you only.");
    }
    if (problems.length > 0) {
      const style = styler(context.io.stderr, context.io.env);
      writeLine(
        context.io.stderr,
        style(
          "yellow",
          `warning: ${problems.length} value${problems.length === 1 ? "" : "s"} in this journal would not pass \`titrate import\` (first: ${bracketPath(problems[0]?.path.join(".") ?? "")}: ${problems[0]?.message}); the export still holds them as they are`,
        ),
      );
    }
    return 0;
  },
};

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Writes the CSV files into a new folder, all or nothing (a hidden folder renamed at the end). */
function writeCsvFolder(
  folder: string,
  files: readonly { name: string; text: string }[],
): string[] {
  const temp = join(dirname(folder), `.${basename(folder)}.partial`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { mode: 0o700 });
  try {
    for (const file of files) writePrivateFile(join(temp, file.name), file.text);
    renameSync(temp, folder);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  syncDir(dirname(folder));
  return files.map((f) => join(folder, f.name));
}
