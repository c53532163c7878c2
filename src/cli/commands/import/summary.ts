/**
 * The part of `titrate import`'s report that goes beyond counts: what an outside file's
 * entries became, by substance (doses, other substances, skipped and why), and the safety
 * findings the imported history brings, past and still active. Lists are capped in the
 * terminal; `--json` has everything.
 */
import type { Severity } from "../../../core/safety/finding.ts";
import { localDateTimeText } from "../../../core/time.ts";
import type { ImportedFinding, ImportResult } from "../../../store/import-review.ts";
import type {
  EntryOutcome,
  ImportEntryNote,
  ImportSummary,
  SubstanceSummary,
} from "../../../store/import-summary.ts";
import type { Io } from "../../command.ts";
import { styler, writeLine } from "../../output.ts";

const LIST_MAX = 20;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Prints the source's summary, when it has one. */
export function printSummary(io: Io, summary: ImportSummary): void {
  const { stdout } = io;
  const style = styler(stdout, io.env);
  const inFile = Object.entries(summary.inFile)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kindWords(kind, n)}`)
    .join(", ");
  writeLine(stdout);
  writeLine(stdout, style("bold", `${summary.format}: ${inFile || "empty"}.`));
  if (summary.timeZone) {
    writeLine(
      stdout,
      `  The file names no time zone: its entries are given yours, ${summary.timeZone}.`,
    );
  }
  if (summary.substances.length > 0) {
    writeLine(stdout, "  By substance:");
    const width = Math.min(28, Math.max(...summary.substances.map((s) => s.name.length)));
    for (const s of summary.substances) {
      writeLine(stdout, `    ${s.name.padEnd(width)}  ${substanceLine(s)}`);
    }
  }
  const groups: [EntryOutcome, string][] = [
    ["other-substance", "Kept as other substances"],
    ["amount-unknown", "Doses of unknown amount (what the file said is in the dose's note)"],
    ["skipped", "Skipped"],
    ["imported", "Worth a look"],
  ];
  for (const [outcome, heading] of groups) {
    const list = summary.entries.filter((e) => e.outcome === outcome);
    if (list.length === 0) continue;
    writeLine(stdout, `  ${heading} (${list.length}):`);
    printCapped(io, list, (e) => `    ${entryLine(e)}`);
  }
  if (summary.notImported.length > 0) {
    writeLine(stdout, style("dim", `  Not imported: ${summary.notImported.join("; ")}.`));
  }
}

/** `timedNotes` → "timed notes" ("timed note" for one). */
function kindWords(kind: string, count: number): string {
  const words = kind.replace(/[A-Z]/gu, (c) => ` ${c.toLowerCase()}`);
  return count === 1 ? words.replace(/s$/u, "") : words;
}

function substanceLine(s: SubstanceSummary): string {
  const parts: string[] = [];
  if (s.doses > 0) parts.push(`${plural(s.doses, "dose")} of ${s.catalogId}`);
  if (s.otherSubstances > 0) {
    const why = s.catalogId === null ? " (not in Titrate's catalog)" : "";
    parts.push(`${plural(s.otherSubstances, "other substance")}${why}`);
  }
  if (s.alreadyImported > 0) parts.push(`${s.alreadyImported} already imported`);
  if (s.skipped > 0) parts.push(`${s.skipped} skipped`);
  return `${plural(s.ingestions, "ingestion")}: ${parts.join(", ") || "nothing new"}`;
}

function entryLine(e: ImportEntryNote): string {
  return `${e.path}${e.substance ? ` ${e.substance}` : ""}: ${e.message}`;
}

function printCapped<T>(io: Io, list: readonly T[], line: (item: T) => string): void {
  for (const item of list.slice(0, LIST_MAX)) writeLine(io.stdout, line(item));
  if (list.length > LIST_MAX) {
    writeLine(io.stdout, `    … and ${list.length - LIST_MAX} more (see --json)`);
  }
}

const labels: Readonly<Record<Severity, string>> = {
  danger: "DANGER",
  warning: "WARNING",
  caution: "CAUTION",
  info: "INFO",
};

/**
 * The findings the imported records brought, danger first: one line each with its ruleId,
 * and whether it is still active. Info findings (dosing-day reminders) are only counted.
 */
export function printImportedFindings(io: Io, result: ImportResult): void {
  const { stdout } = io;
  const style = styler(stdout, io.env);
  const zone = result.summary?.timeZone ?? null;
  const shown = result.findings.filter((f) => f.severity !== "info");
  const info = result.findings.length - shown.length;
  if (result.findings.length === 0) {
    writeLine(stdout);
    writeLine(stdout, style("green", "The safety rules find nothing new in the imported history."));
    return;
  }
  const active = result.findings.filter((f) => f.active && f.severity !== "info").length;
  writeLine(stdout);
  writeLine(
    stdout,
    style(
      "bold",
      `The safety rules find ${plural(shown.length, "thing")} in the imported history${active > 0 ? `, ${active} still active (titrate check)` : ", none still active"}:`,
    ),
  );
  const when = (f: ImportedFinding) =>
    f.at === null ? "standing" : zone ? localDateTimeText(f.at, zone) : f.at.slice(0, 10);
  const colour = (f: ImportedFinding) =>
    f.severity === "danger" ? "red" : f.severity === "info" ? "cyan" : "yellow";
  printCapped(
    io,
    shown,
    (f) =>
      `  ${style(colour(f), labels[f.severity].padEnd(8))}${when(f).padEnd(17)} ${f.title} (${f.ruleId}${f.active ? ", active" : ", past"})`,
  );
  if (info > 0) {
    const rules = [
      ...new Set(result.findings.filter((f) => f.severity === "info").map((f) => f.ruleId)),
    ];
    writeLine(stdout, style("dim", `  and ${plural(info, "info finding")} (${rules.join(", ")})`));
  }
  writeLine(stdout, style("dim", "  Each one in full: titrate check --history"));
}
