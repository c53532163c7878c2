/**
 * Study mode's rows and records: one mapping between the tables of migration 0004 and what
 * the study code works with. A study's pseudonym secret travels only between this file and
 * pseudonym.ts; no record handed to a route carries it.
 */
import { TitrateError } from "../../core/errors.ts";
import type { RatingName } from "../../core/insights/ratings.ts";
import type {
  ConsentTerms,
  DateChoice,
  QuestionnaireSchedule,
  StudyCategory,
  StudyProtocol,
  WithdrawalChoice,
} from "../../core/schemas/study.ts";
import type { Database, Db } from "../database.ts";

export interface StudyRecord {
  readonly id: string;
  /** The coordinator's account. */
  readonly ownerId: string;
  readonly title: string;
  readonly description: string;
  readonly protocol: StudyProtocol | null;
  readonly questionnaires: readonly QuestionnaireSchedule[];
  readonly checkInItems: readonly RatingName[];
  readonly startDate: string;
  readonly endDate: string;
  readonly timeZone: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ConsentVersion extends ConsentTerms {
  readonly version: number;
  readonly createdAt: string;
}

export interface EnrolmentRecord {
  readonly id: string;
  readonly userId: string;
  readonly studyId: string;
  /** The first consent: only entries recorded from here on can reach the study. */
  readonly joinedAt: string;
  /** The midnight that began the day of the first consent, where the participant was. */
  readonly firstDayAt: string;
  /** The zone the participant's first study day is counted in. */
  readonly timeZone: string;
  /** The consent version accepted last: it decides what the study sees. */
  readonly consentVersion: number;
  readonly consentedAt: string;
  readonly withdrawnAt: string | null;
  readonly withdrawal: WithdrawalChoice | null;
  /** Entries deleted at withdrawal, per table; null unless the consent said delete. */
  readonly deleted: Readonly<Record<string, number>> | null;
}

export function toStudy(row: Database["studies"]): StudyRecord {
  return {
    id: row.id,
    ownerId: row.user_id,
    title: row.title,
    description: row.description,
    protocol: row.protocol_json === null ? null : (JSON.parse(row.protocol_json) as StudyProtocol),
    questionnaires: JSON.parse(row.questionnaires_json) as QuestionnaireSchedule[],
    checkInItems: JSON.parse(row.check_in_items_json) as RatingName[],
    startDate: row.start_date,
    endDate: row.end_date,
    timeZone: row.time_zone,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toConsentVersion(row: Database["study_consent_versions"]): ConsentVersion {
  return {
    version: row.version,
    text: row.text,
    collects: JSON.parse(row.collects_json) as StudyCategory[],
    onWithdrawal: row.on_withdrawal as WithdrawalChoice,
    dates: row.dates as DateChoice,
    createdAt: row.created_at,
  };
}

export function toEnrolment(row: Database["study_enrolments"]): EnrolmentRecord {
  return {
    id: row.id,
    userId: row.user_id,
    studyId: row.study_id,
    joinedAt: row.joined_at,
    firstDayAt: row.first_day_at,
    timeZone: row.time_zone,
    consentVersion: row.consent_version,
    consentedAt: row.consented_at,
    withdrawnAt: row.withdrawn_at,
    withdrawal: row.withdrawal as WithdrawalChoice | null,
    deleted:
      row.deleted_json === null ? null : (JSON.parse(row.deleted_json) as Record<string, number>),
  };
}

/** The study `id` if `userId` coordinates it; NOT_FOUND otherwise (as for an unknown id). */
export async function getOwnStudy(db: Db, userId: string, id: string): Promise<StudyRecord> {
  const row = await db
    .selectFrom("studies")
    .selectAll()
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row) throw new TitrateError("NOT_FOUND", `study: there is no study ${id} of yours`, "id");
  return toStudy(row);
}

/** A study by id whoever coordinates it, for the participant's side; undefined if gone. */
export async function findStudy(db: Db, id: string): Promise<StudyRecord | undefined> {
  const row = await db.selectFrom("studies").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toStudy(row) : undefined;
}

/** The study's pseudonym secret (pseudonym.ts only). */
export async function pseudonymSecretOf(db: Db, studyId: string): Promise<string> {
  const row = await db
    .selectFrom("studies")
    .select("pseudonym_secret")
    .where("id", "=", studyId)
    .executeTakeFirstOrThrow();
  return row.pseudonym_secret;
}

/** Every consent version of a study, oldest first. */
export async function consentVersions(db: Db, studyId: string): Promise<ConsentVersion[]> {
  const rows = await db
    .selectFrom("study_consent_versions")
    .selectAll()
    .where("study_id", "=", studyId)
    .orderBy("version")
    .execute();
  return rows.map(toConsentVersion);
}

/** The participant's enrolments, newest first. */
export async function enrolmentsOf(db: Db, userId: string): Promise<EnrolmentRecord[]> {
  const rows = await db
    .selectFrom("study_enrolments")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("joined_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map(toEnrolment);
}

/** The versions a participant accepted in an enrolment, oldest first. */
export async function acceptedVersions(
  db: Db,
  userId: string,
  enrolmentId: string,
): Promise<{ version: number; acceptedAt: string }[]> {
  const rows = await db
    .selectFrom("study_consents")
    .select(["version", "accepted_at"])
    .where("user_id", "=", userId)
    .where("enrolment_id", "=", enrolmentId)
    .orderBy("version")
    .execute();
  return rows.map((r) => ({ version: r.version, acceptedAt: r.accepted_at }));
}
