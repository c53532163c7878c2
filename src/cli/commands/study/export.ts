import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { TitrateError } from "../../../core/errors.ts";
import { countText } from "../../../core/safety/format.ts";
import { studyTables } from "../../../core/study/codebook.ts";
import { ensurePrivateDir } from "../../../store/backup-files.ts";
import {
  type ExportFormat,
  studyCodebookFile,
  studyCodebookOf,
  studyExportFile,
} from "../../../store/study/export.ts";
import { assertNoPositionals, optionalString, requiredString } from "../../args.ts";
import type { Command } from "../../command.ts";
import { withJournal } from "../../journal-context.ts";
import { journalOptions } from "../../journal-options.ts";
import { writeJson, writeLine } from "../../output.ts";

export const studyExportCommand: Command = {
  name: "study export",
  summary: "A study's de-identified export: every table and the codebook, into a new folder",
  options: {
    study: {
      type: "string",
      value: "ID",
      description: "The study's id (see `titrate study list`).",
    },
    out: { type: "string", value: "DIR", description: "The folder to write the new folder into." },
    format: { type: "string", value: "csv|json", description: "csv (default) or json." },
    ...journalOptions,
  },
  examples: ["titrate study export --study stu_0123456789ab --out ~/study-exports --user lee"],
  details: [
    "The same files as the web app's and the API's export (GET /api/v1/studies/{id}/export): participants by pseudonym only, study days and local times (calendar dates only where the consent says exact), free text only where the consent covers notes, and codebook.json or .csv describing every column. Tables are written as they are read, so a large study never sits in memory.",
  ],
  async run(context) {
    assertNoPositionals(context, "study export");
    const id = requiredString(context, "study", "stu_0123456789ab");
    const format = (optionalString(context, "format") ?? "csv") as ExportFormat;
    if (format !== "csv" && format !== "json") {
      throw new TitrateError(
        "CLI_INVALID_OPTION",
        `format: "${format}" is not csv or json`,
        "format",
      );
    }
    const outDir = resolve(context.io.cwd, requiredString(context, "out", "~/study-exports"));
    const result = await withJournal(context, async ({ store, user, now }) => {
      const { study, tables } = await studyCodebookOf(store.db, user.id, id);
      const stamp = now.toString({ smallestUnit: "second" }).replace(/[-:]/gu, "");
      const name = `titrate-study-${study.id}-${stamp}`;
      ensurePrivateDir(outDir);
      const folder = join(outDir, name);
      if (existsSync(folder)) {
        throw new TitrateError("FILE_EXISTS", `out: ${folder} already exists`, "out");
      }
      // Written into a hidden folder, renamed when complete: all of it, or nothing.
      const temp = join(dirname(folder), `.${basename(folder)}.partial`);
      rmSync(temp, { recursive: true, force: true });
      mkdirSync(temp, { mode: 0o700 });
      const files: string[] = [];
      const started = performance.now();
      try {
        const write = async (
          file: { filename: string; chunks: AsyncIterable<string> },
          as: string,
        ) => {
          await pipeline(
            Readable.from(file.chunks),
            createWriteStream(join(temp, as), { mode: 0o600 }),
          );
          files.push(join(folder, as));
        };
        for (const table of studyTables) {
          if (!tables.some((t) => t.name === table)) continue;
          await write(
            await studyExportFile(store.db, user.id, id, table, format, now),
            `${table}.${format}`,
          );
        }
        await write(await studyCodebookFile(store.db, user.id, id, format), `codebook.${format}`);
        renameSync(temp, folder);
      } catch (error) {
        rmSync(temp, { recursive: true, force: true });
        throw error;
      }
      return { folder, files, elapsedMs: Math.round(performance.now() - started) };
    });
    if (context.json) {
      writeJson(context.io, result);
      return 0;
    }
    writeLine(
      context.io.stdout,
      `Exported ${countText(result.files.length, "file")} to ${result.folder} in ${(result.elapsedMs / 1000).toFixed(1)} s.`,
    );
    writeLine(
      context.io.stdout,
      "Pseudonymous, not anonymous: keep it as the study's data-protection plan says.",
    );
    return 0;
  },
};
