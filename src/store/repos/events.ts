/**
 * The dated journal events (doses, other substances, check-ins, symptom reports, blood
 * pressure, screenings, notes): one mapping per table between its row and the core record,
 * and the operations they share. Rows also keep where they came from (`source`) and, for
 * imports, a fingerprint that makes importing the same file twice add nothing.
 */
import { TitrateError } from "../../core/errors.ts";
import type {
  BloodPressure,
  CheckIn,
  Dose,
  OtherSubstance,
  Screening,
  SymptomReport,
} from "../../core/schemas/journal.ts";
import type { Database, Db, EventTable } from "../database.ts";

/** A free-text note on a day (imported experience text, timed notes). */
export interface Note {
  readonly id: string;
  readonly at: string;
  readonly timeZone: string;
  readonly text: string;
}

export interface EventMeta {
  readonly source: string;
  readonly fingerprint: string | null;
  readonly createdAt: string;
}

interface Common {
  id: string;
  user_id: string;
  at: string;
  time_zone: string;
  source: string;
  fingerprint: string | null;
  created_at: string;
}

export interface EventKind<
  R extends { id: string; at: string; timeZone: string },
  T extends EventTable = EventTable,
> {
  readonly table: T;
  /** Human name, for messages: "dose", "check-in". */
  readonly noun: string;
  readonly toRecord: (row: Database[T]) => R;
  /** The table's own columns (without the common ones). */
  readonly toColumns: (record: R) => Omit<Database[T], keyof Common>;
}

function kind<R extends { id: string; at: string; timeZone: string }, T extends EventTable>(
  k: EventKind<R, T>,
): EventKind<R, T> {
  return k;
}

export const doses = kind<Dose, "doses">({
  table: "doses",
  noun: "dose",
  toRecord: (r) => ({
    id: r.id,
    at: r.at,
    timeZone: r.time_zone,
    substance: r.substance as Dose["substance"],
    amount: r.amount,
    unit: r.unit as Dose["unit"],
    route: r.route as Dose["route"],
    batchId: r.batch_id,
    planId: r.plan_id,
    isEstimate: r.is_estimate === 1,
    note: r.note,
  }),
  toColumns: (d) => ({
    substance: d.substance,
    amount: d.amount,
    unit: d.unit,
    route: d.route,
    batch_id: d.batchId,
    plan_id: d.planId,
    is_estimate: d.isEstimate ? 1 : 0,
    note: d.note,
  }),
});

export const otherSubstances = kind<OtherSubstance, "other_substances">({
  table: "other_substances",
  noun: "other substance",
  toRecord: (r) => ({
    id: r.id,
    at: r.at,
    timeZone: r.time_zone,
    name: r.name,
    amount: r.amount,
    unit: r.unit,
    route: r.route,
    note: r.note,
  }),
  toColumns: (o) => ({
    name: o.name,
    amount: o.amount,
    unit: o.unit,
    route: o.route,
    note: o.note,
  }),
});

export const checkIns = kind<CheckIn, "check_ins">({
  table: "check_ins",
  noun: "check-in",
  toRecord: (r) => ({
    id: r.id,
    at: r.at,
    timeZone: r.time_zone,
    mood: r.mood,
    energy: r.energy,
    focus: r.focus,
    anxiety: r.anxiety,
    sleep: r.sleep,
    effects: r.effects,
    afterEffects: r.after_effects,
    note: r.note,
    shulgin: r.shulgin as CheckIn["shulgin"],
  }),
  toColumns: (c) => ({
    mood: c.mood,
    energy: c.energy,
    focus: c.focus,
    anxiety: c.anxiety,
    sleep: c.sleep,
    effects: c.effects,
    after_effects: c.afterEffects,
    note: c.note,
    shulgin: c.shulgin,
  }),
});

export const symptomReports = kind<SymptomReport, "symptom_reports">({
  table: "symptom_reports",
  noun: "symptom report",
  toRecord: (r) => ({
    id: r.id,
    at: r.at,
    timeZone: r.time_zone,
    checklist: r.checklist as SymptomReport["checklist"],
    symptoms: JSON.parse(r.symptoms_json),
    note: r.note,
  }),
  toColumns: (s) => ({
    checklist: s.checklist,
    symptoms_json: JSON.stringify(s.symptoms),
    note: s.note,
  }),
});

export const bloodPressures = kind<BloodPressure, "blood_pressures">({
  table: "blood_pressures",
  noun: "blood pressure reading",
  toRecord: (r) => ({
    id: r.id,
    at: r.at,
    timeZone: r.time_zone,
    systolicMmHg: r.systolic_mm_hg,
    diastolicMmHg: r.diastolic_mm_hg,
    pulseBpm: r.pulse_bpm,
  }),
  toColumns: (b) => ({
    systolic_mm_hg: b.systolicMmHg,
    diastolic_mm_hg: b.diastolicMmHg,
    pulse_bpm: b.pulseBpm,
  }),
});

export const screenings = kind<Screening, "screenings">({
  table: "screenings",
  noun: "screening",
  toRecord: (r) => ({
    id: r.id,
    at: r.at,
    timeZone: r.time_zone,
    instrument: r.instrument as Screening["instrument"],
    answers: JSON.parse(r.answers_json),
    total: r.total,
    band: r.band,
    crisis: r.crisis === 1,
  }),
  toColumns: (s) => ({
    instrument: s.instrument,
    answers_json: JSON.stringify(s.answers),
    total: s.total,
    band: s.band,
    crisis: s.crisis ? 1 : 0,
  }),
});

export const notes = kind<Note, "notes">({
  table: "notes",
  noun: "note",
  toRecord: (r) => ({ id: r.id, at: r.at, timeZone: r.time_zone, text: r.text }),
  toColumns: (n) => ({ text: n.text }),
});

export const eventKinds = [
  doses,
  otherSubstances,
  checkIns,
  symptomReports,
  bloodPressures,
  screenings,
  notes,
] as const;

// Kysely cannot type a query over a table chosen at run time; these helpers are the one
// place that widens the table name, and every caller goes through a typed EventKind.
// biome-ignore lint/suspicious/noExplicitAny: see above.
const untyped = (db: Db): any => db;

export async function insertEvent<
  R extends { id: string; at: string; timeZone: string },
  T extends EventTable,
>(db: Db, k: EventKind<R, T>, userId: string, record: R, meta: EventMeta): Promise<R> {
  await untyped(db)
    .insertInto(k.table)
    .values({
      id: record.id,
      user_id: userId,
      at: record.at,
      time_zone: record.timeZone,
      source: meta.source,
      fingerprint: meta.fingerprint,
      created_at: meta.createdAt,
      ...k.toColumns(record),
    })
    .execute();
  return record;
}

export interface EventRange {
  /** Inclusive lower bound, canonical instant text. */
  readonly since?: string | undefined;
  /** Exclusive upper bound. */
  readonly until?: string | undefined;
}

/** A user's events of one kind, oldest first. */
export async function listEvents<
  R extends { id: string; at: string; timeZone: string },
  T extends EventTable,
>(db: Db, k: EventKind<R, T>, userId: string, range: EventRange = {}): Promise<R[]> {
  let query = untyped(db).selectFrom(k.table).selectAll().where("user_id", "=", userId);
  if (range.since !== undefined) query = query.where("at", ">=", range.since);
  if (range.until !== undefined) query = query.where("at", "<", range.until);
  const rows: Database[T][] = await query.orderBy("at").orderBy("id").execute();
  return rows.map(k.toRecord);
}

export async function getEvent<
  R extends { id: string; at: string; timeZone: string },
  T extends EventTable,
>(db: Db, k: EventKind<R, T>, userId: string, id: string): Promise<R> {
  const row: Database[T] | undefined = await untyped(db)
    .selectFrom(k.table)
    .selectAll()
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row)
    throw new TitrateError("NOT_FOUND", `id: no ${k.noun} with id ${id} in this journal`, "id");
  return k.toRecord(row);
}

export async function updateEvent<
  R extends { id: string; at: string; timeZone: string },
  T extends EventTable,
>(db: Db, k: EventKind<R, T>, userId: string, record: R): Promise<R> {
  await getEvent(db, k, userId, record.id);
  await untyped(db)
    .updateTable(k.table)
    .set({ at: record.at, time_zone: record.timeZone, ...k.toColumns(record) })
    .where("user_id", "=", userId)
    .where("id", "=", record.id)
    .execute();
  return record;
}

export async function deleteEvent<
  R extends { id: string; at: string; timeZone: string },
  T extends EventTable,
>(db: Db, k: EventKind<R, T>, userId: string, id: string): Promise<R> {
  const record = await getEvent(db, k, userId, id);
  await untyped(db)
    .deleteFrom(k.table)
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .execute();
  return record;
}

/** True when an event with this fingerprint is already in the journal (imports). */
export async function hasFingerprint(
  db: Db,
  table: EventTable,
  userId: string,
  fingerprint: string,
): Promise<boolean> {
  const row = await untyped(db)
    .selectFrom(table)
    .select("id")
    .where("user_id", "=", userId)
    .where("fingerprint", "=", fingerprint)
    .executeTakeFirst();
  return row !== undefined;
}
