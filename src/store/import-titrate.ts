/**
 * The `titrate` import source: Titrate's own JSON export (src/core/schemas/export.ts). The
 * whole file is checked before anything is written: its format and version, every record
 * against its schema, and what the schema cannot see alone (an id used twice, an id of the
 * wrong kind, two records with one import fingerprint, two batches with one label). Every
 * problem names its record and field: `doses[3].amount: must be more than 0`.
 */
import { TitrateError } from "../core/errors.ts";
import {
  eventTableKeys,
  JOURNAL_EXPORT_FORMAT,
  JOURNAL_EXPORT_VERSION,
  JournalExport,
  type JournalTableName,
} from "../core/schemas/export.ts";
import { parseWith } from "../core/schemas/validate.ts";
import { backupKind } from "./backup-format.ts";
import { type IdTable, idPrefixes } from "./ids.ts";
import type { ImportPayload, ImportSource } from "./import.ts";
import { type FieldProblem, problemsError, recordPath } from "./import-problems.ts";

export const source: ImportSource = {
  id: "titrate",
  summary: "Titrate's own JSON export (titrate export --format json)",
  read(bytes) {
    const doc = parseJournalExport(bytes);
    const { format, version, exportedAt, exportedBy, user, profile, ...tables } = doc;
    return { user, profile, tables } satisfies ImportPayload;
  },
};

/** Reads and validates a whole export file; throws before anything is written. */
export function parseJournalExport(bytes: Uint8Array): JournalExport {
  const value = parseJson(bytes);
  checkHeader(value);
  let doc: JournalExport;
  try {
    doc = parseWith(JournalExport, value);
  } catch (error) {
    if (error instanceof TitrateError && error.code === "VALIDATION_FAILED") {
      throw problemsError(
        error.fields.map((f) => ({ path: bracketPath(f.path), message: f.message })),
      );
    }
    throw error;
  }
  const problems = documentProblems(doc);
  if (problems.length > 0) throw problemsError(problems);
  return doc;
}

function parseJson(bytes: Uint8Array): unknown {
  const kind = backupKind(bytes);
  if (kind !== "unknown") {
    throw new TitrateError(
      "IMPORT_FORMAT_UNKNOWN",
      "file: this is a Titrate backup, not an export; bring it back with `titrate restore FILE`",
      "file",
    );
  }
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("utf8");
  if (text.startsWith("\uFEFF")) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new TitrateError(
      "IMPORT_FORMAT_UNKNOWN",
      `file: this is not a Titrate journal export (it is not valid JSON: ${detail})`,
      "file",
    );
  }
}

function checkHeader(value: unknown): void {
  const header =
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  if (header.format !== JOURNAL_EXPORT_FORMAT) {
    throw new TitrateError(
      "IMPORT_FORMAT_UNKNOWN",
      `file: this is not a Titrate journal export (it has no "format": "${JOURNAL_EXPORT_FORMAT}"); export one with \`titrate export --format json\``,
      "file",
    );
  }
  const version = header.version;
  if (
    typeof version === "number" &&
    Number.isInteger(version) &&
    version > JOURNAL_EXPORT_VERSION
  ) {
    throw new TitrateError(
      "IMPORT_FORMAT_UNKNOWN",
      `version: this export was written by a newer Titrate (format version ${version}; this one reads up to ${JOURNAL_EXPORT_VERSION}); update Titrate to import it`,
      "version",
    );
  }
}

/** `doses.3.amount` → `doses[3].amount`. */
export function bracketPath(dotPath: string): string {
  return dotPath
    .split(".")
    .reduce(
      (path, part) => (/^\d+$/u.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part),
      "",
    );
}

/** The id prefix each table's records carry (src/store/ids.ts). */
const tableIdKinds: Partial<Record<JournalTableName, IdTable>> = {
  weights: "weights",
  medications: "medications",
  batches: "batches",
  presets: "presets",
  plans: "plans",
  doses: "doses",
  otherSubstances: "other_substances",
  checkIns: "check_ins",
  symptomReports: "symptom_reports",
  bloodPressures: "blood_pressures",
  screenings: "screenings",
  notes: "notes",
};

/** What the schema cannot check record by record. */
function documentProblems(doc: JournalExport): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seenIds = new Map<string, string>();
  const claimId = (id: string, path: string, kind: IdTable) => {
    const prefix = `${idPrefixes[kind]}_`;
    if (!id.startsWith(prefix)) {
      problems.push({ path: `${path}.id`, message: `must start with "${prefix}" (a ${kind} id)` });
    }
    const first = seenIds.get(id);
    if (first !== undefined) {
      problems.push({ path: `${path}.id`, message: `is used twice in the file (also ${first})` });
    } else {
      seenIds.set(id, path);
    }
  };
  if (!doc.user.id.startsWith(`${idPrefixes.users}_`)) {
    problems.push({ path: "user.id", message: `must start with "${idPrefixes.users}_"` });
  }
  for (const [table, kind] of Object.entries(tableIdKinds) as [JournalTableName, IdTable][]) {
    (doc[table] as readonly { id: string }[]).forEach((record, i) => {
      claimId(record.id, recordPath(table, i), kind);
    });
  }
  doc.batches.forEach((batch, i) => {
    batch.reagentTests.forEach((test, j) => {
      claimId(test.id, `${recordPath("batches", i)}.reagentTests[${j}]`, "reagent_tests");
    });
  });
  uniqueBy(doc.batches, (b) => b.label, "batches", "label", "a batch label", problems);
  uniqueBy(doc.presets, (p) => p.name.toLowerCase(), "presets", "name", "a preset name", problems);
  uniqueBy(
    doc.findingAcknowledgements,
    (a) => a.findingKey,
    "findingAcknowledgements",
    "findingKey",
    "an acknowledged finding",
    problems,
  );
  for (const table of eventTableKeys) {
    uniqueBy(
      doc[table] as readonly { fingerprint: string | null }[],
      (e) => e.fingerprint,
      table,
      "fingerprint",
      "an import fingerprint",
      problems,
    );
  }
  return problems;
}

function uniqueBy<T>(
  records: readonly T[],
  key: (record: T) => string | null,
  table: JournalTableName,
  field: string,
  what: string,
  problems: FieldProblem[],
): void {
  const first = new Map<string, number>();
  records.forEach((record, i) => {
    const value = key(record);
    if (value === null) return;
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, i);
    else {
      problems.push({
        path: `${recordPath(table, i)}.${field}`,
        message: `repeats ${what} of ${recordPath(table, earlier)}`,
      });
    }
  });
}
