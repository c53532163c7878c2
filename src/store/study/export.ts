/**
 * A study's de-identified export, one table at a time (CSV or JSON), and its codebook. The
 * columns are the codebook's (src/core/study/codebook.ts), so the two cannot disagree. Rows
 * carry the participant's pseudonym and never an account id, username, profile, time zone,
 * record id or anything outside the participant's consent: free text only when their consent
 * covers notes, calendar dates only when it says exact dates, and otherwise the study day and
 * local time of day.
 *
 * A table is written as it is read (participants.ts reads a batch of participants at a time),
 * so a study of thousands of participants never sits in memory as one string. Entries written
 * while an export runs may or may not be in it; a participant who withdraws with deletion
 * during an export leaves it from the next batch on.
 */
import type { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import { agentKindOf } from "../../core/study/agent-kind.ts";
import {
  type CodebookColumn,
  type CodebookTable,
  categoryOfTable,
  type StudyTable,
  studyCodebook,
} from "../../core/study/codebook.ts";
import { dateOfEpochDay, LocalClock } from "../../core/study/local-clock.ts";
import type { Db, EventTable } from "../database.ts";
import { csvField } from "../export-csv.ts";
import {
  type StudyParticipant,
  type StudyPeople,
  studyEntries,
  studyPeople,
} from "./participants.ts";
import { consentVersions, getOwnStudy, type StudyRecord } from "./records.ts";

export type ExportFormat = "csv" | "json";

type Cell = string | number | boolean | null;
type Row = Readonly<Record<string, Cell>>;

export interface StudyExportFile {
  readonly filename: string;
  readonly contentType: "text/csv" | "application/json";
  /** The file's text, in pieces. */
  readonly chunks: AsyncIterable<string>;
}

/** The codebook of the study's export as the coordinator `userId` may download it. */
export async function studyCodebookOf(
  db: Db,
  userId: string,
  studyId: string,
): Promise<{ study: StudyRecord; tables: CodebookTable[] }> {
  const study = await getOwnStudy(db, userId, studyId);
  const versions = await consentVersions(db, study.id);
  return {
    study,
    tables: studyCodebook({
      checkInItems: study.checkInItems,
      questionnaires: study.questionnaires.map((q) => q.instrument),
      versions,
    }),
  };
}

/** `titrate-study-<title>-<table>` without characters a file name should not hold. */
function fileBase(study: StudyRecord, table: string): string {
  const title = study.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, "-")
    .replace(/^-+|-+$/gu, "")
    .slice(0, 40);
  return `titrate-study-${title || "study"}-${table}`;
}

/** The codebook as a file: JSON (with how pseudonyms and dates are made) or CSV. */
export async function studyCodebookFile(
  db: Db,
  userId: string,
  studyId: string,
  format: ExportFormat,
): Promise<StudyExportFile> {
  const { study, tables } = await studyCodebookOf(db, userId, studyId);
  const base = fileBase(study, "codebook");
  if (format === "csv") {
    const lines = [csvLine(["table", "column", "type", "filled_when", "description"])];
    for (const table of tables) {
      for (const column of table.columns) {
        lines.push(
          csvLine([table.name, column.name, column.type, filledWhen(column), column.description]),
        );
      }
    }
    return { filename: `${base}.csv`, contentType: "text/csv", chunks: once(lines.join("")) };
  }
  const document = {
    format: "titrate-study-codebook",
    version: 1,
    study: { title: study.title, startDate: study.startDate, endDate: study.endDate },
    pseudonyms:
      "participant: P- and 10 characters of an HMAC-SHA-256 of the participant's account id under a secret kept by this study only; stable across this study's exports, unrelated between studies.",
    dates:
      "day: study day, 0 = the participant's first day in the study (their consent, or the study's start if later), in the time zone each entry was made in; time: local HH:MM. date and at are filled only for participants whose consent says exact dates.",
    text: "Free-text columns are filled only for participants whose consent covers notes (participants.shares_notes); empty otherwise.",
    tables: tables.map((t) => ({
      name: t.name,
      description: t.description,
      category: t.category,
      columns: t.columns.map((c) => ({ ...c, filledWhen: filledWhen(c) })),
    })),
  };
  return {
    filename: `${base}.json`,
    contentType: "application/json",
    chunks: once(`${JSON.stringify(document, null, 2)}\n`),
  };
}

function filledWhen(column: CodebookColumn): string {
  if (column.requires === "notes") return "the participant's consent covers notes";
  if (column.requires === "exact") return "the participant's consent says exact dates";
  return "always";
}

/**
 * One table of the study's export. NOT_FOUND when the study is not the coordinator's, and
 * STUDY_TABLE_NOT_COLLECTED when no consent version of the study collects what the table holds.
 */
export async function studyExportFile(
  db: Db,
  userId: string,
  studyId: string,
  table: StudyTable,
  format: ExportFormat,
  now: Temporal.Instant,
): Promise<StudyExportFile> {
  const { study, tables } = await studyCodebookOf(db, userId, studyId);
  const definition = tables.find((t) => t.name === table);
  if (!definition) {
    throw new TitrateError(
      "STUDY_TABLE_NOT_COLLECTED",
      `table: no consent version of this study collects ${table.replace("_", " ")}; the export has ${tables.map((t) => t.name).join(", ")}`,
      "table",
    );
  }
  const people = await studyPeople(db, study, now);
  const columns = definition.columns.map((c) => c.name);
  const rows = tableRows(db, people, definition);
  const base = fileBase(study, table);
  return format === "csv"
    ? { filename: `${base}.csv`, contentType: "text/csv", chunks: csvChunks(columns, rows) }
    : { filename: `${base}.json`, contentType: "application/json", chunks: jsonChunks(rows) };
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

function csvLine(cells: readonly Cell[]): string {
  return `${cells.map((c) => csvField(c)).join(",")}\r\n`;
}

async function* csvChunks(
  columns: readonly string[],
  batches: AsyncIterable<readonly Row[]>,
): AsyncGenerator<string> {
  yield csvLine(columns);
  for await (const batch of batches) {
    let text = "";
    for (const row of batch) text += csvLine(columns.map((c) => row[c] ?? null));
    yield text;
  }
}

async function* jsonChunks(batches: AsyncIterable<readonly Row[]>): AsyncGenerator<string> {
  yield "[";
  let first = true;
  for await (const batch of batches) {
    let text = "";
    for (const row of batch) {
      text += `${first ? "\n" : ",\n"}${JSON.stringify(row)}`;
      first = false;
    }
    yield text;
  }
  yield first ? "]\n" : "\n]\n";
}

/** The rows of one table, in batches, with exactly the codebook's columns. */
async function* tableRows(
  db: Db,
  people: StudyPeople,
  definition: CodebookTable,
): AsyncGenerator<readonly Row[]> {
  const keep = (row: Record<string, Cell>, p: StudyParticipant): Row => {
    const out: Record<string, Cell> = {};
    for (const column of definition.columns) {
      const allowed =
        column.requires === undefined ||
        (column.requires === "notes" ? p.covers.has("notes") : p.consent.dates === "exact");
      out[column.name] = allowed ? (row[column.name] ?? null) : null;
    }
    return out;
  };
  if (definition.name === "participants") {
    yield people.participants.map((p) => keep(participantRow(p), p));
    return;
  }
  const table = definition.name;
  const source = sourceOf[table];
  const byUser = new Map(people.participants.map((p) => [p.userId, p]));
  const clock = new LocalClock();
  const instruments =
    table === "questionnaires" ? people.study.questionnaires.map((q) => q.instrument) : undefined;
  for await (const batch of studyEntries(
    db,
    people,
    source.table,
    categoryOfTable[table],
    source.columns as never,
    { ...(instruments ? { instruments } : {}) },
  )) {
    const out: Row[] = [];
    for (const raw of batch as unknown as Record<string, unknown>[]) {
      const p = byUser.get(raw.user_id as string);
      if (!p) continue;
      const local = clock.local(raw.at as string, raw.time_zone as string);
      const timing = {
        participant: p.pseudonym,
        day: local.epochDay - p.dayZero,
        time: local.time,
        date: local.date,
        at: raw.at as string,
      };
      out.push(keep({ ...timing, ...source.cells(raw, people.study) }, p));
    }
    yield out;
  }
}

function participantRow(p: StudyParticipant): Record<string, Cell> {
  const withdrawnDay =
    p.enrolment.withdrawnAt === null
      ? null
      : new LocalClock().local(p.enrolment.withdrawnAt, p.enrolment.timeZone).epochDay - p.dayZero;
  return {
    participant: p.pseudonym,
    consent_version: p.consent.version,
    status: p.window.status,
    days_in_study: p.daysInStudy,
    withdrawn_day: withdrawnDay,
    dates: p.consent.dates,
    shares_notes: p.covers.has("notes"),
    first_date: dateOfEpochDay(p.dayZero),
  };
}

const bool = (value: unknown): boolean => value === 1;
const list = (json: unknown): string => (JSON.parse(String(json)) as unknown[]).join(";");

interface Source {
  readonly table: EventTable;
  readonly columns: readonly string[];
  readonly cells: (row: Record<string, unknown>, study: StudyRecord) => Record<string, Cell>;
}

/** Where each exported table's rows come from, and how a row becomes the codebook's cells. */
const sourceOf: Readonly<Record<Exclude<StudyTable, "participants">, Source>> = {
  doses: {
    table: "doses",
    columns: ["substance", "amount", "unit", "route", "is_estimate", "plan_id", "note"],
    cells: (r) => ({
      substance: r.substance as string,
      amount: r.amount as number | null,
      unit: r.unit as string,
      route: r.route as string,
      is_estimate: bool(r.is_estimate),
      planned: r.plan_id !== null,
      note: r.note as string | null,
    }),
  },
  check_ins: {
    table: "check_ins",
    columns: ["mood", "energy", "focus", "anxiety", "sleep", "effects", "after_effects", "note"],
    cells: (r, study) => ({
      ...Object.fromEntries(study.checkInItems.map((item) => [item, r[item] as number | null])),
      effects: r.effects as string | null,
      after_effects: r.after_effects as string | null,
      note: r.note as string | null,
    }),
  },
  questionnaires: {
    table: "screenings",
    columns: ["instrument", "answers_json", "total", "band", "crisis"],
    cells: (r) => ({
      instrument: r.instrument as string,
      answers: list(r.answers_json),
      total: r.total as number,
      band: r.band as string,
      crisis: bool(r.crisis),
    }),
  },
  symptom_reports: {
    table: "symptom_reports",
    columns: ["checklist", "symptoms_json", "note"],
    cells: (r) => ({
      checklist: r.checklist as string,
      symptoms: list(r.symptoms_json),
      note: r.note as string | null,
    }),
  },
  blood_pressures: {
    table: "blood_pressures",
    columns: ["systolic_mm_hg", "diastolic_mm_hg", "pulse_bpm"],
    cells: (r) => ({
      systolic_mm_hg: r.systolic_mm_hg as number,
      diastolic_mm_hg: r.diastolic_mm_hg as number,
      pulse_bpm: r.pulse_bpm as number | null,
    }),
  },
  other_substances: {
    table: "other_substances",
    columns: ["name", "amount", "unit", "route", "note"],
    cells: (r) => ({
      agent: agentKindOf(r.name as string),
      name: r.name as string,
      amount: r.amount as number | null,
      unit: r.unit as string | null,
      route: r.route as string | null,
      note: r.note as string | null,
    }),
  },
  notes: {
    table: "notes",
    columns: ["text"],
    cells: (r) => ({ text: r.text as string }),
  },
};
