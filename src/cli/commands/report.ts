/**
 * `titrate report --out report.html`: the clinician report, one self-contained page to print
 * or save as PDF. Written readable by you only; never over an existing file without --force.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { TitrateError } from "../../core/errors.ts";
import { parseExclude, reportSections } from "../../core/report/report-data.ts";
import { writePrivateFile } from "../../store/backup-files.ts";
import { buildReport } from "../../store/journal/report.ts";
import { assertNoPositionals, optionalString, requiredString } from "../args.ts";
import type { Command } from "../command.ts";
import { withJournal } from "../journal-context.ts";
import { journalOptions } from "../journal-options.ts";
import { writeJson, writeLine } from "../output.ts";
import { periodFlags, periodOptions } from "../period-options.ts";
import { VERSION } from "../version.ts";

export const command: Command = {
  name: "report",
  summary: "A printable report for your clinician: one self-contained HTML page",
  options: {
    out: { type: "string", value: "report.html", description: "The file to write." },
    ...periodOptions,
    exclude: {
      type: "string",
      value: "notes,…",
      description: `Sections to leave out, comma-separated: ${reportSections.join(", ")}.`,
    },
    force: { type: "boolean", description: "Replace the file if it exists." },
    ...journalOptions,
  },
  examples: [
    "titrate report --out report.html",
    "titrate report --out report.html --since 12w --exclude notes,other-substances",
  ],
  details: [
    "Your plans, doses, adherence, daily ratings, symptoms, blood pressure, PHQ-9 and GAD-7 trajectories, the findings from your ratings with their 95 % intervals, a blinded experiment if you ran one, and the safety findings of the period. Everything is in unless you leave it out; the page says which sections were left out. Leaving out notes removes all free text, including notes on doses and symptoms.",
    "The page needs nothing else: no internet, no script. Open it in a browser and print it, or save it as PDF. It holds your health data and is written readable by you only.",
  ],
  async run(context) {
    assertNoPositionals(context, "report");
    const out = resolve(context.io.cwd, requiredString(context, "out", "report.html"));
    const exclude = parseExclude(optionalString(context, "exclude"));
    if (!existsSync(dirname(out)) || !statSync(dirname(out)).isDirectory()) {
      throw new TitrateError(
        "CLI_INVALID_OPTION",
        `out: the folder ${dirname(out)} does not exist`,
        "out",
      );
    }
    if (existsSync(out) && context.values.force !== true) {
      throw new TitrateError(
        "FILE_EXISTS",
        `out: ${out} already exists; pass --force to replace it, or choose another name`,
        "out",
      );
    }
    const { html, data } = await withJournal(context, ({ store, user, now }) =>
      buildReport(
        store,
        user.id,
        { ...periodFlags(context), username: user.username, version: VERSION },
        exclude,
        now,
      ),
    );
    writePrivateFile(out, html, { overwrite: context.values.force === true, field: "out" });
    const { period } = data.insights;
    if (context.json) {
      writeJson(context.io, {
        path: out,
        period,
        excluded: exclude,
        bytes: Buffer.byteLength(html),
      });
      return 0;
    }
    writeLine(
      context.io.stdout,
      `Wrote the report for ${period.from} to ${period.to} to ${out}${exclude.length > 0 ? `, without ${exclude.join(", ")}` : ""}.`,
    );
    writeLine(
      context.io.stdout,
      "Open it in a browser to read or print it (or save it as PDF). It holds your health data: share it only with whom you choose.",
    );
    return 0;
  },
};
