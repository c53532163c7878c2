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
import { dateOfEpochDay, LocalClock, type LocalMoment } from "../../core/study/local-clock.ts";
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
/** A row: the codebook's columns in order. */
type Row = readonly Cell[];

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
    text: "Free-text columns are filled only for participants whose consent covers notes (participants.shares_notes); empty otherwise. In CSV, a text that begins with =, +, -, @, a tab or a carriage return is written with a ' before it, so a spreadsheet shows it instead of running it as a formula; JSON keeps every text as written.",
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
    : {
        filename: `${base}.json`,
        contentType: "application/json",
        chunks: jsonChunks(columns, rows),
      };
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

function csvLine(cells: readonly Cell[]): string {
  let line = "";
  for (let i = 0; i < cells.length; i++) {
    const field = csvField(spreadsheetSafe(cells[i] ?? null));
    line += i === 0 ? field : `,${field}`;
  }
  return `${line}\r\n`;
}

/**
 * A text cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a
 * tab or a carriage return) gets a leading `'`, so it is shown as text. Unlike the person's
 * own export, a study's CSV holds other people's words (their notes, what they named a
 * substance), opened by the coordinator: a participant must not be able to make a link that
 * sends the sheet's cells elsewhere. Numbers are never changed; the JSON format keeps every
 * text exactly as written.
 */
export function spreadsheetSafe(cell: Cell): Cell {
  return typeof cell === "string" && /^[=+\-@\t\r]/u.test(cell) ? `'${cell}` : cell;
}

async function* csvChunks(
  columns: readonly string[],
  batches: AsyncIterable<readonly Row[]>,
): AsyncGenerator<string> {
  yield csvLine(columns);
  for await (const batch of batches) {
    let text = "";
    for (const row of batch) text += csvLine(row);
    yield text;
  }
}

async function* jsonChunks(
  columns: readonly string[],
  batches: AsyncIterable<readonly Row[]>,
): AsyncGenerator<string> {
  // Each row as an object with the codebook's keys in order; the keys are written once.
  const keys = columns.map((c) => `${JSON.stringify(c)}:`);
  yield "[";
  let first = true;
  for await (const batch of batches) {
    let text = "";
    for (const row of batch) {
      let object = "{";
      for (let i = 0; i < row.length; i++) {
        object += `${i === 0 ? "" : ","}${keys[i]}${JSON.stringify(row[i] ?? null)}`;
      }
      text += `${first ? "\n" : ",\n"}${object}}`;
      first = false;
    }
    yield text;
  }
  yield first ? "]\n" : "\n]\n";
}

/** What a cell is made from: the entry's row, its participant, and its local date and time. */
type Getter = (raw: Raw, p: StudyParticipant, local: LocalMoment) => Cell;
type Raw = Record<string, unknown>;

/**
 * One getter per codebook column, in order. A column the participant's consent does not cover
 * (free text without `notes`, a calendar date without `exact`) is null for them.
 */
function gettersOf(definition: CodebookTable, study: StudyRecord): Getter[] {
  const source = definition.name === "participants" ? undefined : sourceOf[definition.name];
  return definition.columns.map((column): Getter => {
    const get =
      timingGetters[column.name] ??
      (source ? source.cells[column.name] : participantGetters[column.name]);
    if (!get) throw new Error(`${definition.name}.${column.name} has no source`);
    const cell: Getter = (raw, p, local) => get(raw, p, local, study);
    if (column.requires === "notes")
      return (raw, p, local) => (p.covers.has("notes") ? cell(raw, p, local) : null);
    if (column.requires === "exact") {
      return (raw, p, local) => (p.consent.dates === "exact" ? cell(raw, p, local) : null);
    }
    return cell;
  });
}

type SourceGetter = (raw: Raw, p: StudyParticipant, local: LocalMoment, study: StudyRecord) => Cell;

const timingGetters: Readonly<Record<string, SourceGetter>> = {
  participant: (_raw, p) => p.pseudonym,
  day: (_raw, p, local) => local.epochDay - p.dayZero,
  time: (_raw, _p, local) => timeOfDay(local.minutes),
  date: (_raw, _p, local) => dateOfEpochDay(local.epochDay),
  at: (raw) => raw.at as string,
};

/** The rows of one table, in batches, each an array of the codebook's columns in order. */
async function* tableRows(
  db: Db,
  people: StudyPeople,
  definition: CodebookTable,
): AsyncGenerator<readonly Row[]> {
  const getters = gettersOf(definition, people.study);
  if (definition.name === "participants") {
    const none: LocalMoment = { epochDay: 0, minutes: 0 };
    yield people.participants.map((p) => getters.map((get) => get(participantRow(p), p, none)));
    return;
  }
  const table = definition.name;
  const source = sourceOf[table];
  const byUser = new Map(people.participants.map((p) => [p.userId, p]));
  const clock = new LocalClock();
  const instruments =
    table === "questionnaires" ? people.study.questionnaires.map((q) => q.instrument) : undefined;
  // Only the columns this codebook fills: a study without free text never reads a note.
  const wanted = new Set(definition.columns.map((c) => readFrom[c.name] ?? c.name));
  const columns = source.columns.filter((c) => wanted.has(c));
  for await (const batch of studyEntries(
    db,
    people,
    source.table,
    categoryOfTable[table],
    columns as never,
    { ...(instruments ? { instruments } : {}) },
  )) {
    const out: Row[] = [];
    for (const raw of batch as unknown as Raw[]) {
      const p = byUser.get(raw.user_id as string);
      if (!p) continue;
      const local = clock.local(raw.at as string, raw.time_zone as string);
      const row: Cell[] = new Array(getters.length);
      for (let i = 0; i < getters.length; i++) row[i] = (getters[i] as Getter)(raw, p, local);
      out.push(row);
    }
    yield out;
  }
}

/** The participants table's values, by column. */
function participantRow(p: StudyParticipant): Raw {
  const withdrawnDay =
    p.enrolment.withdrawnAt === null
      ? null
      : new LocalClock().local(p.enrolment.withdrawnAt, p.enrolment.timeZone).epochDay - p.dayZero;
  return {
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
const value =
  (column: string): SourceGetter =>
  (raw) =>
    (raw[column] ?? null) as Cell;

interface Source {
  readonly table: EventTable;
  /** The columns to read besides user_id, id, at, time_zone and created_at. */
  readonly columns: readonly string[];
  /** How each codebook column is made from the row. */
  readonly cells: Readonly<Record<string, SourceGetter>>;
}

/** Where each exported table's rows come from, and how a row becomes the codebook's cells. */
const sourceOf: Readonly<Record<Exclude<StudyTable, "participants">, Source>> = {
  doses: {
    table: "doses",
    columns: ["substance", "amount", "unit", "route", "is_estimate", "plan_id", "note"],
    cells: {
      substance: value("substance"),
      amount: value("amount"),
      unit: value("unit"),
      route: value("route"),
      is_estimate: (r) => bool(r.is_estimate),
      planned: (r) => r.plan_id !== null,
      note: value("note"),
    },
  },
  check_ins: {
    table: "check_ins",
    columns: ["mood", "energy", "focus", "anxiety", "sleep", "effects", "after_effects", "note"],
    cells: {
      mood: value("mood"),
      energy: value("energy"),
      focus: value("focus"),
      anxiety: value("anxiety"),
      sleep: value("sleep"),
      effects: value("effects"),
      after_effects: value("after_effects"),
      note: value("note"),
    },
  },
  questionnaires: {
    table: "screenings",
    columns: ["instrument", "answers_json", "total", "band", "crisis"],
    cells: {
      instrument: value("instrument"),
      answers: (r) => list(r.answers_json),
      total: value("total"),
      band: value("band"),
      crisis: (r) => bool(r.crisis),
    },
  },
  symptom_reports: {
    table: "symptom_reports",
    columns: ["checklist", "symptoms_json", "note"],
    cells: {
      checklist: value("checklist"),
      symptoms: (r) => list(r.symptoms_json),
      note: value("note"),
    },
  },
  blood_pressures: {
    table: "blood_pressures",
    columns: ["systolic_mm_hg", "diastolic_mm_hg", "pulse_bpm"],
    cells: {
      systolic_mm_hg: value("systolic_mm_hg"),
      diastolic_mm_hg: value("diastolic_mm_hg"),
      pulse_bpm: value("pulse_bpm"),
    },
  },
  other_substances: {
    table: "other_substances",
    columns: ["name", "amount", "unit", "route", "note"],
    cells: {
      agent: (r) => agentKindOf(r.name as string),
      name: value("name"),
      amount: value("amount"),
      unit: value("unit"),
      route: value("route"),
      note: value("note"),
    },
  },
  notes: {
    table: "notes",
    columns: ["text"],
    cells: { text: value("text") },
  },
};

/** The database column a codebook column is made from, where the names differ. */
const readFrom: Readonly<Record<string, string>> = {
  planned: "plan_id",
  answers: "answers_json",
  symptoms: "symptoms_json",
  agent: "name",
};

/** The participants table's own columns, read from participantRow's values. */
const participantGetters: Readonly<Record<string, SourceGetter>> = Object.fromEntries(
  [
    "consent_version",
    "status",
    "days_in_study",
    "withdrawn_day",
    "dates",
    "shares_notes",
    "first_date",
  ].map((column) => [column, value(column)]),
);

const times = Array.from(
  { length: 1440 },
  (_, m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`,
);

/** `HH:MM` of a minute of the day. */
function timeOfDay(minutes: number): string {
  return times[minutes] ?? "";
}
