import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import { readInputFile } from "../../store/backup-files.ts";
import {
  DEFAULT_IMPORT_SOURCE,
  getImportSource,
  importJournal,
  importSources,
} from "../../store/import.ts";
import type { ImportResult } from "../../store/import-review.ts";
import { databasePath, openStore, type Store } from "../../store/store.ts";
import { optionalString } from "../args.ts";
import type { Command, CommandContext, Io } from "../command.ts";
import { storeTargetOf, withStore } from "../journal-context.ts";
import { journalOptions } from "../journal-options.ts";
import { styler, writeJson, writeLine } from "../output.ts";
import { printImportedFindings, printSummary } from "./import/summary.ts";

/**
 * The store an import runs in. A dry run into a data directory that holds no journal yet runs
 * in a scratch directory removed afterwards: opening the real one would create it, and a dry
 * run writes nothing.
 */
async function withImportStore<T>(
  context: CommandContext,
  dryRun: boolean,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const target = storeTargetOf(context);
  if (!dryRun || target.kind !== "sqlite" || existsSync(databasePath(target.dataDir))) {
    return withStore(context, work);
  }
  const scratch = mkdtempSync(join(tmpdir(), "titrate-dry-run-"));
  try {
    const store = await openStore({ dataDir: scratch });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export const command: Command = {
  name: "import",
  summary: "Import a journal export: restores an empty journal, or adds what is new",
  args: "<file>",
  options: {
    from: {
      type: "string",
      value: DEFAULT_IMPORT_SOURCE,
      description: `What wrote the file: ${Object.keys(importSources).join(", ")} (default ${DEFAULT_IMPORT_SOURCE}).`,
    },
    "dry-run": {
      type: "boolean",
      description: "Check the file and say what the import would do, without writing anything.",
    },
    ...journalOptions,
  },
  examples: [
    "titrate import titrate-owner-20260322T091000Z.json",
    "titrate import export.json --data-dir ~/new-journal",
    "titrate import export.json --user alex --json",
    "titrate import --from psychonautwiki Journal-export.json --dry-run",
    "titrate import --from psychonautwiki Journal-export.json",
  ],
  details: [
    "The whole file is checked first; a problem anywhere names the record and field (doses[3].amount: must be more than 0) and nothing is written. Then everything is written in one transaction.",
    "Into an empty data directory the file's account and everything in it come back. Into a journal that has entries, only records it does not have are added: a record with the same id is not added twice, and if its content differs your journal's version is kept and the difference is reported.",
    "--from psychonautwiki reads a PsychonautWiki Journal export (Settings → Export) into a journal you started with titrate init: ketamine, LSD, psilocybin and mushrooms become doses, everything else other-substance entries, experience text and timed notes notes, Shulgin ratings check-ins; someone else's ingestions are skipped. The file names no time zone, so entries get your profile's. Importing the same file again adds nothing. The summary says what became of every entry, by substance.",
    "After an import the safety rules run over the whole journal; the findings the imported history brings are listed, past and still active (titrate check shows the active ones). --dry-run prints all of it and writes nothing.",
  ],
  async run(context) {
    const [file, ...extra] = context.positionals;
    if (file === undefined || extra.length > 0) {
      throw new TitrateError(
        "CLI_MISSING_OPTION",
        "name one file to import: titrate import FILE",
        "file",
      );
    }
    const source = await getImportSource(optionalString(context, "from") ?? DEFAULT_IMPORT_SOURCE);
    const path = resolve(context.io.cwd, file);
    const bytes = readInputFile(path, "file");
    const dryRun = context.values["dry-run"] === true;
    const report = await withImportStore(context, dryRun, (store) =>
      importJournal(store, {
        source,
        bytes,
        username: optionalString(context, "user"),
        now: Temporal.Now.instant(),
        dryRun,
      }),
    );
    if (context.json) {
      writeJson(context.io, { file: path, ...report });
      return 0;
    }
    printReport(context.io, report, path);
    if (report.summary) printSummary(context.io, report.summary);
    printImportedFindings(context.io, report);
    if (report.dryRun) {
      writeLine(context.io.stdout);
      writeLine(context.io.stdout, "Dry run: nothing was written.");
    }
    return 0;
  },
};

function printReport(io: Io, report: ImportResult, path: string): void {
  const { stdout } = io;
  const style = styler(stdout, io.env);
  const tables = Object.entries(report.counts);
  const added = tables.reduce((sum, [, c]) => sum + c.added, 0);
  const skipped = tables.reduce((sum, [, c]) => sum + c.skipped, 0);
  writeLine(
    stdout,
    report.dryRun
      ? `Dry run of importing ${path} into "${report.username}": nothing is written.`
      : report.createdAccount
        ? `Restored the journal of "${report.username}" from ${path}.`
        : `Imported ${path} into "${report.username}".`,
  );
  const list = tables
    .filter(([, c]) => c.added > 0)
    .map(([t, c]) => `${t} ${c.added}`)
    .join(", ");
  writeLine(
    stdout,
    `  ${report.dryRun ? "would add" : "added"} ${added} record${added === 1 ? "" : "s"}${list ? ` (${list})` : ""}`,
  );
  if (skipped > 0) writeLine(stdout, `  ${skipped} already in your journal, not added again`);
  if (report.profile === "added") writeLine(stdout, "  profile added");
  for (const r of report.renamed) {
    writeLine(
      stdout,
      `  ${r.table} "${r.from}" is named "${r.to}": you already had one by that name`,
    );
  }
  if (report.conflicts.length > 0) {
    writeLine(
      stdout,
      style(
        "yellow",
        `  ${report.conflicts.length} record${report.conflicts.length === 1 ? "" : "s"} in the file differ from yours; your version was kept:`,
      ),
    );
    for (const c of report.conflicts.slice(0, 20)) {
      writeLine(stdout, `    ${c.table} ${c.id}: ${c.fields.join(", ")}`);
    }
    if (report.conflicts.length > 20) {
      writeLine(stdout, `    … and ${report.conflicts.length - 20} more (see --json)`);
    }
  }
}
