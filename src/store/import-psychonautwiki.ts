/**
 * The `psychonautwiki` import source: an export of PsychonautWiki Journal (Settings → Export),
 * older or newer shape. The whole file is read and checked first (psychonautwiki/parse.ts),
 * then mapped (psychonautwiki/map.ts, ingestion.ts) and every record it gives is checked
 * against Titrate's own schemas, a problem naming the file's field; only then does the one
 * merge write anything. Records carry `source: "psychonautwiki"` and a fingerprint
 * (psychonautwiki/fingerprint.ts), so importing the same file again adds nothing.
 *
 * The file names no time zone: its times are UTC instants, and the entries are given the zone
 * of the profile they are imported into, so "that day" is the person's day.
 */
import type { Temporal } from "temporal-polyfill";
import { TitrateError } from "../core/errors.ts";
import {
  ExportedCheckIn,
  ExportedDose,
  ExportedNote,
  ExportedOtherSubstance,
  type JournalTables,
} from "../core/schemas/export.ts";
import { parseWith } from "../core/schemas/validate.ts";
import type { ImportPayload, ImportSource } from "./import.ts";
import { type FieldProblem, problemsError } from "./import-problems.ts";
import { timeProblem } from "./import-times.ts";
import { bracketPath } from "./import-titrate.ts";
import { type MappedExport, mapExport, type Sourced } from "./psychonautwiki/map.ts";
import { parsePsychonautWikiExport } from "./psychonautwiki/parse.ts";
import { summarizePsychonautWiki } from "./psychonautwiki/summary.ts";

export const source: ImportSource = {
  id: "psychonautwiki",
  summary: "PsychonautWiki Journal's JSON export (Settings → Export), older and newer versions",
  read(bytes, context) {
    const parsed = parsePsychonautWikiExport(bytes);
    if (context.timeZone === null) {
      throw new TitrateError(
        "STORE_NOT_INITIALISED",
        "a PsychonautWiki Journal export names no time zone, so Titrate gives its entries your profile's; there is no journal with a profile here yet: start one with `titrate init`",
      );
    }
    const timeZone = context.timeZone;
    const mapped = mapExport(parsed.doc, { timeZone, now: context.now });
    const tables = tablesOf(mapped, context.now);
    return {
      user: null,
      profile: null,
      tables,
      summarize: (added) => summarizePsychonautWiki(parsed, mapped, added, timeZone),
    } satisfies ImportPayload;
  },
};

/** Every record, checked against Titrate's schemas; a problem names the file's field. */
function tablesOf(mapped: MappedExport, now: Temporal.Instant): JournalTables {
  const problems: FieldProblem[] = [];
  const checked = <S extends Parameters<typeof parseWith>[0], R>(schema: S, sourced: Sourced<R>) =>
    checkedRecord(schema, sourced, problems, now);
  const doses: ExportedDose[] = [];
  const otherSubstances: ExportedOtherSubstance[] = [];
  const notes: ExportedNote[] = [];
  for (const m of mapped.ingestions) {
    if (m.kind === "skipped") continue;
    const sourced = { path: m.path, fields: ingestionFields };
    if (m.kind === "dose") {
      doses.push(checked(ExportedDose, { ...sourced, record: m.record }));
    } else {
      otherSubstances.push(checked(ExportedOtherSubstance, { ...sourced, record: m.record }));
    }
    if (m.overflow) notes.push(checked(ExportedNote, { ...sourced, record: m.overflow }));
  }
  for (const note of mapped.notes) notes.push(checked(ExportedNote, note));
  const checkIns = mapped.checkIns.map((c) => checked(ExportedCheckIn, c));
  if (problems.length > 0) throw problemsError(problems);
  return {
    weights: [],
    medications: [],
    batches: [],
    presets: [],
    plans: [],
    doses,
    otherSubstances,
    checkIns,
    symptomReports: [],
    bloodPressures: [],
    screenings: [],
    notes,
    findingAcknowledgements: [],
  };
}

/** A dose's or an other substance's fields → the ingestion's fields they came from. */
const ingestionFields: Readonly<Record<string, string>> = {
  at: "time",
  substance: "substanceName",
  name: "substanceName",
  amount: "dose",
  unit: "units",
  route: "administrationRoute",
  isEstimate: "isDoseAnEstimate",
  note: "notes",
  text: "notes",
};

/**
 * Checks a mapped record against Titrate's schema, and its time as a new entry's (not in the
 * future, not 30 years ago: import-times.ts), each problem naming the file's field.
 */
function checkedRecord<S extends Parameters<typeof parseWith>[0], R>(
  schema: S,
  sourced: Sourced<R>,
  problems: FieldProblem[],
  now: Temporal.Instant,
): R {
  try {
    parseWith(schema, sourced.record);
    const at = (sourced.record as { at?: unknown }).at;
    if (typeof at === "string") {
      const problem = timeProblem(at, `${sourced.path}.${sourced.fields.at ?? "at"}`, now);
      if (problem) problems.push(problem);
    }
  } catch (error) {
    if (!(error instanceof TitrateError) || error.code !== "VALIDATION_FAILED") throw error;
    for (const field of error.fields) {
      const top = bracketPath(field.path).split(/[.[]/u)[0] ?? "";
      const from = sourced.fields[top];
      problems.push({
        path: from ? `${sourced.path}.${from}` : sourced.path,
        message: `${field.message}${from ? "" : ` (${field.path || "record"}, as Titrate keeps it)`}`,
      });
    }
  }
  return sourced.record;
}
