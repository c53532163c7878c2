/**
 * A participant's side of a study: reading an invitation's study and consent before joining,
 * joining (the code is used up and the consent recorded with its version and time, in one
 * transaction), accepting a newer consent version, starting the study's protocol as a plan,
 * and the study as the participant sees it. Withdrawing is withdraw.ts.
 *
 * One study at a time: while a participant is in a study that has not ended and they have not
 * withdrawn from, they cannot join another (a withdrawal that deletes data deletes the entries
 * of the study it leaves, and two studies over the same days would share them).
 */
import type { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import { epochDay } from "../../core/safety/time-math.ts";
import {
  type AdoptProtocolInput,
  type JoinInput,
  JoinInput as JoinInputSchema,
  type StudyCategory,
} from "../../core/schemas/study.ts";
import { parseWith } from "../../core/schemas/validate.ts";
import { categoryDescriptions } from "../../core/study/codebook.ts";
import { LocalClock } from "../../core/study/local-clock.ts";
import { formatInstant, parseTimeZone } from "../../core/time.ts";
import type { Db } from "../database.ts";
import { newId } from "../ids.ts";
import { type CreatedPlan, createStoredPlan } from "../journal/plans.ts";
import { getProfile } from "../repos/profile.ts";
import type { Store } from "../store.ts";
import { type StudyState, stateOf } from "./coordinate.ts";
import { usableInvitation } from "./invitations.ts";
import {
  acceptedVersions,
  type ConsentVersion,
  consentVersions,
  type EnrolmentRecord,
  enrolmentsOf,
  findStudy,
  type StudyRecord,
} from "./records.ts";
import {
  daysInStudy,
  type ParticipantStatus,
  type ParticipantWindow,
  participantWindow,
  startOfDay,
  studyBounds,
} from "./window.ts";

/** The study as a participant (or someone holding an invitation) reads it: no counts, no secret. */
export interface StudyForParticipant {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly protocol: StudyRecord["protocol"];
  readonly questionnaires: StudyRecord["questionnaires"];
  readonly checkInItems: StudyRecord["checkInItems"];
  readonly startDate: string;
  readonly endDate: string;
  readonly timeZone: string;
  readonly state: StudyState;
}

export interface Shared {
  readonly category: StudyCategory;
  readonly description: string;
}

export interface InvitationPreview {
  readonly study: StudyForParticipant;
  /** The version to read and accept. */
  readonly consent: ConsentVersion;
  readonly shares: readonly Shared[];
}

export interface QuestionnaireDue {
  readonly instrument: string;
  readonly everyDays: number;
  /** Study day of the last answer in the study; null before the first. */
  readonly lastDay: number | null;
  readonly due: boolean;
}

export interface Participation {
  readonly study: StudyForParticipant;
  readonly status: ParticipantStatus;
  readonly joinedAt: string;
  /** Study day 0, a local date. */
  readonly firstDay: string;
  readonly daysInStudy: number;
  readonly consent: ConsentVersion & { readonly acceptedAt: string };
  readonly history: readonly { readonly version: number; readonly acceptedAt: string }[];
  /** A version published after the one accepted, to read and accept (or not). */
  readonly newerConsent: ConsentVersion | null;
  /** What the study sees of the participant now. */
  readonly shares: readonly Shared[];
  readonly questionnaires: readonly QuestionnaireDue[];
  readonly withdrawal: {
    readonly at: string;
    readonly choice: "delete" | "keep";
    /** Entries deleted per table (delete), or null (keep). */
    readonly deleted: Readonly<Record<string, number>> | null;
  } | null;
}

function forParticipant(study: StudyRecord, now: Temporal.Instant): StudyForParticipant {
  return {
    id: study.id,
    title: study.title,
    description: study.description,
    protocol: study.protocol,
    questionnaires: study.questionnaires,
    checkInItems: study.checkInItems,
    startDate: study.startDate,
    endDate: study.endDate,
    timeZone: study.timeZone,
    state: stateOf(study, now),
  };
}

export function sharesOf(collects: readonly StudyCategory[]): Shared[] {
  return collects.map((category) => ({ category, description: categoryDescriptions[category] }));
}

async function latestVersion(db: Db, studyId: string): Promise<ConsentVersion> {
  const latest = (await consentVersions(db, studyId)).at(-1);
  if (!latest) throw new Error(`study ${studyId} has no consent version`);
  return latest;
}

/** The study and consent an invitation code leads to; the code is not used up. */
export async function previewInvitation(
  db: Db,
  code: string,
  now: Temporal.Instant,
): Promise<InvitationPreview> {
  const invitation = await usableInvitation(db, code, now);
  const study = await findStudy(db, invitation.studyId);
  if (!study) throw new Error(`invitation ${invitation.id} names a missing study`);
  const consent = await latestVersion(db, study.id);
  return { study: forParticipant(study, now), consent, shares: sharesOf(consent.collects) };
}

/** True while the enrolment holds the participant: not withdrawn, and its study not over. */
async function isOngoing(
  db: Db,
  enrolment: EnrolmentRecord,
  now: Temporal.Instant,
): Promise<boolean> {
  if (enrolment.withdrawnAt !== null) return false;
  const study = await findStudy(db, enrolment.studyId);
  return study !== undefined && stateOf(study, now) !== "ended";
}

/**
 * Joins the study of `input.code` as `userId`, inside the caller's transaction: the code is
 * used up, the enrolment made, and the consent version recorded as accepted now. For a new
 * account made in the same transaction too (the join-new route).
 */
export async function joinInTransaction(
  tx: Db,
  userId: string,
  input: JoinInput & { readonly timeZone?: string | undefined },
  now: Temporal.Instant,
): Promise<void> {
  const checked = parseWith(JoinInputSchema, {
    code: input.code,
    consentVersion: input.consentVersion,
  });
  const invitation = await usableInvitation(tx, checked.code, now);
  const study = await findStudy(tx, invitation.studyId);
  if (!study) throw new Error(`invitation ${invitation.id} names a missing study`);
  if (study.ownerId === userId) {
    throw new TitrateError(
      "STUDY_OWN_STUDY",
      "code: you coordinate this study; a coordinator cannot also take part in it (use another account)",
      "code",
    );
  }
  if (stateOf(study, now) === "ended") {
    throw new TitrateError(
      "STUDY_CLOSED",
      `code: ${study.title} ended on ${study.endDate}`,
      "code",
    );
  }
  const latest = await latestVersion(tx, study.id);
  if (checked.consentVersion !== latest.version) {
    throw new TitrateError(
      "STUDY_CONSENT_OUTDATED",
      `consentVersion: the consent changed while you were reading it (version ${latest.version} now); read the new version and accept it`,
      "consentVersion",
    );
  }
  for (const enrolment of await enrolmentsOf(tx, userId)) {
    if (enrolment.studyId === study.id) {
      throw new TitrateError(
        "STUDY_ALREADY_JOINED",
        `code: you have already joined ${study.title}${enrolment.withdrawnAt ? " and withdrawn from it" : ""}`,
        "code",
      );
    }
    if (await isOngoing(tx, enrolment, now)) {
      throw new TitrateError(
        "STUDY_ALREADY_ENROLLED",
        "code: you are taking part in another study; withdraw from it first (one study at a time)",
        "code",
      );
    }
  }
  const profile = await getProfile(tx, userId);
  const timeZone =
    profile?.timeZone ??
    (input.timeZone === undefined ? study.timeZone : parseTimeZone(input.timeZone));
  const at = formatInstant(now);
  const firstDayAt = startOfDay(now, timeZone);
  const used = await tx
    .updateTable("study_invitations")
    .set({ used_at: at })
    .where("id", "=", invitation.id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) {
    throw new TitrateError(
      "STUDY_INVITATION_INVALID",
      "code: this invitation code has just been used",
      "code",
    );
  }
  const enrolmentId = newId("study_enrolments");
  await tx
    .insertInto("study_enrolments")
    .values({
      id: enrolmentId,
      user_id: userId,
      study_id: study.id,
      joined_at: at,
      first_day_at: firstDayAt,
      time_zone: timeZone,
      consent_version: latest.version,
      consented_at: at,
      withdrawn_at: null,
      withdrawal: null,
      deleted_json: null,
    })
    .execute();
  await tx
    .insertInto("study_consents")
    .values({
      id: newId("study_consents"),
      user_id: userId,
      enrolment_id: enrolmentId,
      version: latest.version,
      accepted_at: at,
    })
    .execute();
}

/** Joins a study with an invitation code, as a signed-in account. */
export async function joinStudy(
  store: Store,
  userId: string,
  input: JoinInput & { readonly timeZone?: string | undefined },
  now: Temporal.Instant,
): Promise<Participation> {
  await store.transaction((tx) => joinInTransaction(tx, userId, input, now));
  return requireParticipation(store.db, userId, now);
}

/** The participant's latest enrolment whose study still exists, or undefined. */
async function currentEnrolment(
  db: Db,
  userId: string,
): Promise<{ enrolment: EnrolmentRecord; study: StudyRecord } | undefined> {
  for (const enrolment of await enrolmentsOf(db, userId)) {
    const study = await findStudy(db, enrolment.studyId);
    if (study) return { enrolment, study };
  }
  return undefined;
}

/** The current enrolment, or STUDY_NOT_JOINED. */
export async function requireEnrolment(
  db: Db,
  userId: string,
): Promise<{ enrolment: EnrolmentRecord; study: StudyRecord }> {
  const current = await currentEnrolment(db, userId);
  if (!current) {
    throw new TitrateError(
      "STUDY_NOT_JOINED",
      "you are not taking part in a study; join one with an invitation code",
    );
  }
  return current;
}

/** The participant's current study as they see it; null when they are in none. */
export async function participation(
  db: Db,
  userId: string,
  now: Temporal.Instant,
): Promise<Participation | null> {
  const current = await currentEnrolment(db, userId);
  if (!current) return null;
  const { enrolment, study } = current;
  const versions = await consentVersions(db, study.id);
  const accepted = versions.find((v) => v.version === enrolment.consentVersion);
  if (!accepted) throw new Error(`enrolment ${enrolment.id} names a missing consent version`);
  const latest = versions.at(-1) ?? accepted;
  const window = participantWindow(studyBounds(study), enrolment, now);
  const withdrawn = enrolment.withdrawnAt !== null && enrolment.withdrawal !== null;
  return {
    study: forParticipant(study, now),
    status: window.status,
    joinedAt: enrolment.joinedAt,
    firstDay: window.firstDay,
    daysInStudy: daysInStudy(window, enrolment.timeZone, now),
    consent: { ...accepted, acceptedAt: enrolment.consentedAt },
    history: await acceptedVersions(db, userId, enrolment.id),
    newerConsent: !withdrawn && latest.version > accepted.version ? latest : null,
    shares: withdrawn ? [] : sharesOf(accepted.collects),
    questionnaires: await questionnairesDue(db, userId, study, window, enrolment, now),
    withdrawal:
      enrolment.withdrawnAt !== null && enrolment.withdrawal !== null
        ? { at: enrolment.withdrawnAt, choice: enrolment.withdrawal, deleted: enrolment.deleted }
        : null,
  };
}

/** participation(), or STUDY_NOT_JOINED. */
export async function requireParticipation(
  db: Db,
  userId: string,
  now: Temporal.Instant,
): Promise<Participation> {
  const found = await participation(db, userId, now);
  if (!found) await requireEnrolment(db, userId);
  return found as Participation;
}

async function questionnairesDue(
  db: Db,
  userId: string,
  study: StudyRecord,
  window: ParticipantWindow,
  enrolment: EnrolmentRecord,
  now: Temporal.Instant,
): Promise<QuestionnaireDue[]> {
  const clock = new LocalClock();
  const dayZero = epochDay(window.firstDay);
  const today = clock.local(formatInstant(now), enrolment.timeZone).epochDay - dayZero;
  const due: QuestionnaireDue[] = [];
  for (const { instrument, everyDays } of study.questionnaires) {
    const last = await db
      .selectFrom("screenings")
      .select(["at", "time_zone"])
      .where("user_id", "=", userId)
      .where("instrument", "=", instrument)
      .where("at", ">=", window.from)
      .where("at", "<", window.to)
      .where("created_at", ">=", enrolment.joinedAt)
      .orderBy("at", "desc")
      .executeTakeFirst();
    const lastDay = last ? clock.local(last.at, last.time_zone).epochDay - dayZero : null;
    due.push({
      instrument,
      everyDays,
      lastDay,
      due:
        window.status === "active" &&
        today >= 0 &&
        (lastDay === null || today - lastDay >= everyDays),
    });
  }
  return due;
}

/** Accepts the study's newest consent version (`consentVersion` must be it). */
export async function acceptConsent(
  store: Store,
  userId: string,
  consentVersion: number,
  now: Temporal.Instant,
): Promise<Participation> {
  await store.transaction(async (tx) => {
    const { enrolment, study } = await requireEnrolment(tx, userId);
    if (enrolment.withdrawnAt !== null) {
      throw new TitrateError(
        "STUDY_WITHDRAWN",
        `you withdrew from ${study.title}; there is no consent to give`,
      );
    }
    const latest = await latestVersion(tx, study.id);
    if (consentVersion !== latest.version) {
      throw new TitrateError(
        "STUDY_CONSENT_OUTDATED",
        `consentVersion: the study's consent is version ${latest.version}; read it and accept that one`,
        "consentVersion",
      );
    }
    if (consentVersion === enrolment.consentVersion) return;
    const at = formatInstant(now);
    await tx
      .updateTable("study_enrolments")
      .set({ consent_version: consentVersion, consented_at: at })
      .where("id", "=", enrolment.id)
      .where("user_id", "=", userId)
      .execute();
    await tx
      .insertInto("study_consents")
      .values({
        id: newId("study_consents"),
        user_id: userId,
        enrolment_id: enrolment.id,
        version: consentVersion,
        accepted_at: at,
      })
      .execute();
  });
  return requireParticipation(store.db, userId, now);
}

/** Starts the study's protocol as the participant's own plan, checked as any plan is. */
export async function adoptProtocol(
  store: Store,
  userId: string,
  input: AdoptProtocolInput,
  now: Temporal.Instant,
): Promise<CreatedPlan> {
  const { enrolment, study } = await requireEnrolment(store.db, userId);
  if (enrolment.withdrawnAt !== null || stateOf(study, now) === "ended") {
    throw new TitrateError(
      "STUDY_WITHDRAWN",
      `${study.title} is over for you: ${enrolment.withdrawnAt ? "you withdrew" : "it has ended"}`,
    );
  }
  if (!study.protocol) {
    throw new TitrateError("STUDY_NO_PROTOCOL", `${study.title} has no dose protocol to follow`);
  }
  const profile = await getProfile(store.db, userId);
  return createStoredPlan(
    store,
    userId,
    {
      ...study.protocol,
      startDate: input.startDate,
      localTime: input.localTime,
      timeZone: profile?.timeZone ?? enrolment.timeZone,
      end: { kind: "until", date: study.endDate },
      acceptRisk: false,
    },
    now,
  );
}
