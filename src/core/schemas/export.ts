/**
 * The journal export: one JSON document holding everything an account has, so a person can
 * take their journal anywhere and bring it back without losing a field. Shared by
 * `titrate export`/`import`, the API and the web app.
 *
 * Every table of the account is here: the account itself (never its passphrase hash, sessions
 * or API tokens: those are secrets of one server, not journal data), the profile, weight
 * history, medications, batches with their reagent tests, presets, plans, every kind of
 * journal event, and which findings the person acknowledged. Events also carry where they
 * came from (`source`), an import fingerprint and when they were written (`createdAt`), so an
 * export imported into an empty journal and exported again gives the same document.
 *
 * `version` changes when a field is added, removed or changes meaning; a reader refuses a
 * version newer than it knows (the file would lose data if read as an older one).
 */
import * as z from "zod/mini";
import { BODY_WEIGHT_RANGE_KG } from "../units.ts";
import {
  Batch,
  BloodPressure,
  CheckIn,
  Dose,
  Instant,
  Medication,
  OtherSubstance,
  Plan,
  Profile,
  RecordId,
  Screening,
  SymptomReport,
  TimeZone,
} from "./journal.ts";

export const JOURNAL_EXPORT_FORMAT = "titrate-journal";
export const JOURNAL_EXPORT_VERSION = 1;

const Text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/** The account, without anything secret. */
export const ExportedUser = z.strictObject({
  id: RecordId,
  username: Text(64),
  role: z.enum(["owner", "member"]),
  createdAt: Instant,
});
export type ExportedUser = z.infer<typeof ExportedUser>;

export const ExportedProfile = z.extend(Profile, { updatedAt: Instant });
export type ExportedProfile = z.infer<typeof ExportedProfile>;

/** One entry of the weight history, kg (30–300 as everywhere in Titrate). */
export const WeightEntry = z.strictObject({
  id: RecordId,
  at: Instant,
  weightKg: z.number().check(z.gte(BODY_WEIGHT_RANGE_KG.min), z.lte(BODY_WEIGHT_RANGE_KG.max)),
});
export type WeightEntry = z.infer<typeof WeightEntry>;

export const ExportedBatch = z.extend(Batch, { archivedAt: z.nullable(Instant) });
export type ExportedBatch = z.infer<typeof ExportedBatch>;

const positive = z.number().check(z.positive(), z.lte(1_000_000));

/** A dose the person repeats: an amount, or a volume or sprays of a batch. */
export const ExportedPreset = z.strictObject({
  id: RecordId,
  name: Text(200),
  substance: Text(60),
  amount: z.nullable(positive),
  unit: Text(20),
  route: Text(40),
  batchId: z.nullable(RecordId),
  volumeMl: z.nullable(positive),
  sprays: z.nullable(z.int().check(z.gte(1), z.lte(1000))),
  createdAt: Instant,
});
export type ExportedPreset = z.infer<typeof ExportedPreset>;

/** Where an event came from and when it was written; not part of what happened. */
const eventMeta = {
  /** "manual", "demo", "import", "psychonautwiki", … */
  source: z.string().check(
    z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/u, {
      error: "must be a short lower-case word such as manual",
    }),
  ),
  /** Set by an importer so the same outside record is never added twice. */
  fingerprint: z.nullable(Text(200)),
  createdAt: Instant,
};

export const ExportedDose = z.extend(Dose, eventMeta);
export const ExportedOtherSubstance = z.extend(OtherSubstance, eventMeta);
export const ExportedCheckIn = z.extend(CheckIn, eventMeta);
export const ExportedSymptomReport = z.extend(SymptomReport, eventMeta);
export const ExportedBloodPressure = z.extend(BloodPressure, eventMeta);
export const ExportedScreening = z.extend(Screening, eventMeta);
/** A free-text note on a day (imported experience reports can be long). */
export const ExportedNote = z.strictObject({
  id: RecordId,
  at: Instant,
  timeZone: TimeZone,
  text: Text(100_000),
  ...eventMeta,
});
export type ExportedDose = z.infer<typeof ExportedDose>;
export type ExportedOtherSubstance = z.infer<typeof ExportedOtherSubstance>;
export type ExportedCheckIn = z.infer<typeof ExportedCheckIn>;
export type ExportedSymptomReport = z.infer<typeof ExportedSymptomReport>;
export type ExportedBloodPressure = z.infer<typeof ExportedBloodPressure>;
export type ExportedScreening = z.infer<typeof ExportedScreening>;
export type ExportedNote = z.infer<typeof ExportedNote>;

/** A finding the person has seen and acknowledged, by the finding's stable key. */
export const FindingAcknowledgement = z.strictObject({
  findingKey: Text(500),
  acknowledgedAt: Instant,
});
export type FindingAcknowledgement = z.infer<typeof FindingAcknowledgement>;

/** Every table of an account's journal, in the order they are written (references first). */
const tableShape = {
  weights: z.array(WeightEntry),
  medications: z.array(Medication),
  batches: z.array(ExportedBatch),
  presets: z.array(ExportedPreset),
  plans: z.array(Plan),
  doses: z.array(ExportedDose),
  otherSubstances: z.array(ExportedOtherSubstance),
  checkIns: z.array(ExportedCheckIn),
  symptomReports: z.array(ExportedSymptomReport),
  bloodPressures: z.array(ExportedBloodPressure),
  screenings: z.array(ExportedScreening),
  notes: z.array(ExportedNote),
  findingAcknowledgements: z.array(FindingAcknowledgement),
};

/** The tables of one account's journal (the export without its header, account and profile). */
export const JournalTables = z.strictObject(tableShape);
export type JournalTables = z.infer<typeof JournalTables>;
export type JournalTableName = keyof JournalTables;
export const journalTableNames = Object.keys(tableShape) as JournalTableName[];

/** The event tables: dated entries that carry `source`, `fingerprint` and `createdAt`. */
export const eventTableKeys = [
  "doses",
  "otherSubstances",
  "checkIns",
  "symptomReports",
  "bloodPressures",
  "screenings",
  "notes",
] as const satisfies readonly JournalTableName[];
export type EventTableKey = (typeof eventTableKeys)[number];

/** The header a reader checks before anything else: which format, which version. */
export const JournalExportHeader = z.object({
  format: z.literal(JOURNAL_EXPORT_FORMAT),
  version: z.int().check(z.gte(1)),
});

/** The whole export document, version 1. */
export const JournalExport = z.strictObject({
  format: z.literal(JOURNAL_EXPORT_FORMAT),
  version: z.literal(JOURNAL_EXPORT_VERSION),
  exportedAt: Instant,
  /** The program that wrote it, e.g. "titrate 0.1.0" (information only). */
  exportedBy: z.optional(Text(100)),
  user: ExportedUser,
  profile: z.nullable(ExportedProfile),
  ...tableShape,
});
export type JournalExport = z.infer<typeof JournalExport>;
