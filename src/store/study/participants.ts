/**
 * A study's participants as its coordinator may know them: a pseudonym, a status, a window,
 * and what their consent covers. Participants who withdrew with their data deleted are not
 * here at all (only counted, in coordinate.ts). The dashboard and the export read through
 * this file, and through `studyEntries`, which holds the one rule of which entries reach a
 * study (window.ts) for every table.
 */
import type { Temporal } from "temporal-polyfill";
import { epochDay } from "../../core/safety/time-math.ts";
import type { StudyCategory } from "../../core/schemas/study.ts";
import type { Database, Db, EventTable } from "../database.ts";
import { pseudonymMaker } from "./pseudonym.ts";
import {
  type ConsentVersion,
  consentVersions,
  type EnrolmentRecord,
  pseudonymSecretOf,
  type StudyRecord,
  toEnrolment,
} from "./records.ts";
import {
  daysInStudy,
  type ParticipantWindow,
  participantWindow,
  reachesStudy,
  type StudyBounds,
  studyBounds,
} from "./window.ts";

export interface StudyParticipant {
  readonly userId: string;
  readonly pseudonym: string;
  readonly enrolment: EnrolmentRecord;
  readonly window: ParticipantWindow;
  /** Day number of study day 0. */
  readonly dayZero: number;
  readonly daysInStudy: number;
  /** The consent version accepted last: it decides what is shared. */
  readonly consent: ConsentVersion;
  readonly covers: ReadonlySet<StudyCategory>;
}

export interface StudyPeople {
  readonly study: StudyRecord;
  readonly bounds: StudyBounds;
  readonly versions: readonly ConsentVersion[];
  /** Ordered by pseudonym. */
  readonly participants: readonly StudyParticipant[];
}

/** The participants whose data the study keeps, ordered by pseudonym. */
export async function studyPeople(
  db: Db,
  study: StudyRecord,
  now: Temporal.Instant,
): Promise<StudyPeople> {
  const versions = await consentVersions(db, study.id);
  const byVersion = new Map(versions.map((v) => [v.version, v]));
  const pseudonym = pseudonymMaker(await pseudonymSecretOf(db, study.id));
  const bounds = studyBounds(study);
  const rows = await db
    .selectFrom("study_enrolments")
    .selectAll()
    .where("study_id", "=", study.id)
    .execute();
  const participants: StudyParticipant[] = [];
  for (const row of rows) {
    const enrolment = toEnrolment(row);
    if (enrolment.withdrawal === "delete") continue;
    const consent = byVersion.get(enrolment.consentVersion);
    if (!consent) continue;
    const window = participantWindow(bounds, enrolment, now);
    participants.push({
      userId: enrolment.userId,
      pseudonym: pseudonym(enrolment.userId),
      enrolment,
      window,
      dayZero: epochDay(window.firstDay),
      daysInStudy: daysInStudy(window, enrolment.timeZone, now),
      consent,
      covers: new Set(consent.collects),
    });
  }
  participants.sort((a, b) => (a.pseudonym < b.pseudonym ? -1 : a.pseudonym > b.pseudonym ? 1 : 0));
  return { study, bounds, versions, participants };
}

/** Participants per query when reading entries: a few hundred thousand rows at most. */
export const PARTICIPANTS_PER_BATCH = 200;

/**
 * The entries of `table` that reach the study, for participants whose consent covers
 * `category`, a batch of participants at a time (in the order given), each batch's rows
 * ordered by participant, time and id. `columns` are read besides user_id, at, time_zone, id.
 */
export async function* studyEntries<T extends EventTable>(
  db: Db,
  people: StudyPeople,
  table: T,
  category: StudyCategory,
  columns: readonly (keyof Database[T] & string)[],
  options: { readonly instruments?: readonly string[] } = {},
): AsyncGenerator<readonly (Database[T] & { user_id: string })[]> {
  const covered = people.participants.filter((p) => p.covers.has(category));
  const batches: StudyParticipant[][] = [];
  for (let i = 0; i < covered.length; i += PARTICIPANTS_PER_BATCH) {
    batches.push(covered.slice(i, i + PARTICIPANTS_PER_BATCH));
  }
  const read = (batch: readonly StudyParticipant[]) =>
    readBatch(db, people, table, columns, batch, options.instruments);
  // The next batch is asked for while this one is handed on, so the database and the caller
  // work at the same time.
  let next = batches[0] ? read(batches[0]) : undefined;
  try {
    for (let k = 0; k < batches.length; k++) {
      const rows = (await next) ?? [];
      const following = batches[k + 1];
      next = following ? read(following) : undefined;
      const order = new Map((batches[k] ?? []).map((p, n) => [p.userId, n]));
      rows.sort((a, b) => {
        const pa = order.get(a.user_id) ?? 0;
        const pb = order.get(b.user_id) ?? 0;
        if (pa !== pb) return pa - pb;
        if (a.at !== b.at) return a.at < b.at ? -1 : 1;
        return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      });
      if (rows.length > 0) yield rows as never;
    }
  } finally {
    // A reader that stops early (a client gone mid-download) leaves no failure unheard.
    next?.catch(() => {});
  }
}

// Kysely cannot type a query over a table chosen at run time; the names come from the schema.
// biome-ignore lint/suspicious/noExplicitAny: see above.
const untyped = (db: Db): any => db;

interface EntryRow {
  user_id: string;
  id: string;
  at: string;
  time_zone: string;
  created_at: string;
}

async function readBatch(
  db: Db,
  people: StudyPeople,
  table: EventTable,
  columns: readonly string[],
  batch: readonly StudyParticipant[],
  instruments: readonly string[] | undefined,
): Promise<EntryRow[]> {
  if (instruments !== undefined && instruments.length === 0) return [];
  // One query for the batch; each participant's own window is applied to their rows below
  // (the index on (user_id, at) narrows the read to the study's dates).
  let query = untyped(db)
    .selectFrom(table)
    .select(["user_id", "id", "at", "time_zone", "created_at", ...columns])
    .where(
      "user_id",
      "in",
      batch.map((p) => p.userId),
    )
    .where("at", ">=", people.bounds.start)
    .where("at", "<", people.bounds.end);
  if (instruments !== undefined) query = query.where("instrument", "in", instruments);
  const rows: EntryRow[] = await query.execute();
  const windows = new Map(batch.map((p) => [p.userId, p]));
  return rows.filter((row) => {
    const p = windows.get(row.user_id);
    return p !== undefined && reachesStudy(row, p.window, p.enrolment);
  });
}
