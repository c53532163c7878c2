/**
 * Reads an account's whole journal into the export document (src/core/schemas/export.ts).
 * Every column of every table of the account is carried, in a fixed order (time, then id),
 * so the same journal always gives the same document. Secrets (passphrase hash, sessions,
 * API tokens) are never read.
 */
import type { Temporal } from "temporal-polyfill";
import { TitrateError } from "../core/errors.ts";
import {
  type ExportedBatch,
  type ExportedPreset,
  type ExportedProfile,
  type ExportedUser,
  type FindingAcknowledgement,
  JOURNAL_EXPORT_FORMAT,
  JOURNAL_EXPORT_VERSION,
  type JournalExport,
  type JournalTables,
  type WeightEntry,
} from "../core/schemas/export.ts";
import type { Medication, Plan } from "../core/schemas/journal.ts";
import { formatInstant } from "../core/time.ts";
import { fileStamp } from "./backup-files.ts";
import type { Database, Db, EventTable } from "./database.ts";
import {
  bloodPressures,
  checkIns,
  doses,
  type EventKind,
  notes,
  otherSubstances,
  screenings,
  symptomReports,
} from "./repos/events.ts";
import { toPlan } from "./repos/plans.ts";
import { toPreset } from "./repos/presets.ts";
import { toProfile } from "./repos/profile.ts";
import type { Store } from "./store.ts";

export interface ExportOptions {
  readonly now: Temporal.Instant;
  /** The program writing the file, e.g. "titrate 0.1.0". */
  readonly exportedBy?: string | undefined;
}

/**
 * The complete export document of one account, read in one transaction so it is a consistent
 * snapshot (a dose is never exported without the batch it names). NOT_FOUND when the account
 * does not exist.
 */
export async function buildJournalExport(
  store: Store,
  userId: string,
  options: ExportOptions,
): Promise<JournalExport> {
  return store.transaction((tx) => readJournalExport(tx, userId, options));
}

/** buildJournalExport inside the caller's transaction. */
export async function readJournalExport(
  db: Db,
  userId: string,
  options: ExportOptions,
): Promise<JournalExport> {
  const user = await readUser(db, userId);
  const profile = await readProfile(db, userId);
  const tables = await readJournalTables(db, userId);
  return {
    format: JOURNAL_EXPORT_FORMAT,
    version: JOURNAL_EXPORT_VERSION,
    exportedAt: formatInstant(options.now),
    ...(options.exportedBy === undefined ? {} : { exportedBy: options.exportedBy }),
    user,
    profile,
    ...tables,
  };
}

/**
 * The file name of an export, without its extension: `<prefix>-<account>-<UTC stamp>`, the
 * account name made safe for any file system (`titrate-alex.b-20260322T091000Z`).
 */
export function exportFileBase(
  username: string,
  now: Temporal.Instant,
  prefix = "titrate",
): string {
  const safe =
    username
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/gu, "-")
      .replace(/^[-.]+/u, "") || "account";
  return `${prefix}-${safe}-${fileStamp(now)}`;
}

export async function readUser(db: Db, userId: string): Promise<ExportedUser> {
  const row = await db
    .selectFrom("users")
    .select(["id", "username", "role", "created_at"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!row) throw new TitrateError("NOT_FOUND", `user: no account with id ${userId}`, "user");
  return {
    id: row.id,
    username: row.username,
    role: row.role === "owner" ? "owner" : "member",
    createdAt: row.created_at,
  };
}

export async function readProfile(db: Db, userId: string): Promise<ExportedProfile | null> {
  const row = await db
    .selectFrom("profiles")
    .selectAll()
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return null;
  return { ...toProfile(row), updatedAt: row.updated_at };
}

/** Every table of the account, each ordered by time and then id. */
export async function readJournalTables(db: Db, userId: string): Promise<JournalTables> {
  return {
    weights: await readWeights(db, userId),
    medications: await readMedications(db, userId),
    batches: await readBatches(db, userId),
    presets: await readPresets(db, userId),
    plans: await readPlans(db, userId),
    doses: await readEvents(db, doses, userId),
    otherSubstances: await readEvents(db, otherSubstances, userId),
    checkIns: await readEvents(db, checkIns, userId),
    symptomReports: await readEvents(db, symptomReports, userId),
    bloodPressures: await readEvents(db, bloodPressures, userId),
    screenings: await readEvents(db, screenings, userId),
    notes: await readEvents(db, notes, userId),
    findingAcknowledgements: await readAcknowledgements(db, userId),
  };
}

async function readWeights(db: Db, userId: string): Promise<WeightEntry[]> {
  const rows = await db
    .selectFrom("weights")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, at: r.at, weightKg: r.weight_kg }));
}

async function readMedications(db: Db, userId: string): Promise<Medication[]> {
  const rows = await db
    .selectFrom("medications")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("added_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, addedAt: r.added_at, endedAt: r.ended_at }));
}

type BatchRow = Database["batches"];
type TestRow = Database["reagent_tests"];

export function toExportedBatch(row: BatchRow, tests: readonly TestRow[]): ExportedBatch {
  return {
    id: row.id,
    substance: row.substance as ExportedBatch["substance"],
    label: row.label,
    form: row.form as ExportedBatch["form"],
    concentrationMgPerMl: row.concentration_mg_per_ml,
    mlPerSpray: row.ml_per_spray,
    purityPercent: row.purity_percent,
    createdAt: row.created_at,
    reagentTests: tests.map((t) => ({
      id: t.id,
      reagent: t.reagent,
      result: t.result,
      at: t.at,
      verdict: t.verdict as ExportedBatch["reagentTests"][number]["verdict"],
    })),
    archivedAt: row.archived_at,
  };
}

async function readBatches(db: Db, userId: string): Promise<ExportedBatch[]> {
  const rows = await db
    .selectFrom("batches")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const tests = await db
    .selectFrom("reagent_tests")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("at")
    .orderBy("id")
    .execute();
  const byBatch = Map.groupBy(tests, (t) => t.batch_id);
  return rows.map((r) => toExportedBatch(r, byBatch.get(r.id) ?? []));
}

export function toExportedPreset(r: Database["presets"]): ExportedPreset {
  return { ...toPreset(r), createdAt: r.created_at };
}

async function readPresets(db: Db, userId: string): Promise<ExportedPreset[]> {
  const rows = await db
    .selectFrom("presets")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(toExportedPreset);
}

/** A stored plan as exported: the core's Plan. */
export const toExportedPlan = toPlan;

async function readPlans(db: Db, userId: string): Promise<Plan[]> {
  const rows = await db
    .selectFrom("plans")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(toExportedPlan);
}

/** An event row as the export carries it: the core record, then where it came from. */
export function toExportedEvent<
  R extends { id: string; at: string; timeZone: string },
  T extends EventTable,
>(
  kind: EventKind<R, T>,
  row: Database[T],
): R & { source: string; fingerprint: string | null; createdAt: string } {
  return {
    ...kind.toRecord(row),
    source: row.source,
    fingerprint: row.fingerprint,
    createdAt: row.created_at,
  };
}

// Kysely cannot type a query over a table chosen at run time; the EventKind keeps it typed.
// biome-ignore lint/suspicious/noExplicitAny: see above.
const untyped = (db: Db): any => db;

async function readEvents<
  R extends { id: string; at: string; timeZone: string },
  T extends EventTable,
>(
  db: Db,
  kind: EventKind<R, T>,
  userId: string,
): Promise<(R & { source: string; fingerprint: string | null; createdAt: string })[]> {
  const rows: Database[T][] = await untyped(db)
    .selectFrom(kind.table)
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map((row) => toExportedEvent(kind, row));
}

async function readAcknowledgements(db: Db, userId: string): Promise<FindingAcknowledgement[]> {
  const rows = await db
    .selectFrom("finding_acknowledgements")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("acknowledged_at")
    .orderBy("finding_key")
    .execute();
  return rows.map((r) => ({ findingKey: r.finding_key, acknowledgedAt: r.acknowledged_at }));
}
