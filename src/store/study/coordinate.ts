/**
 * A coordinator's side of a study: creating it with its first consent version, changing its
 * design or dates, publishing a new consent version (the text of a published version never
 * changes), and the study as the coordinator sees it. Every call takes the coordinator's
 * account id; another account's study is NOT_FOUND, as an id that never existed.
 */
import type { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import {
  type ConsentTerms,
  ConsentTerms as ConsentTermsSchema,
  type StudyChange,
  StudyChange as StudyChangeSchema,
  type StudyInput,
  StudyInput as StudyInputSchema,
} from "../../core/schemas/study.ts";
import { parseWith } from "../../core/schemas/validate.ts";
import { formatInstant, parseTimeZone } from "../../core/time.ts";
import type { Db } from "../database.ts";
import { newId } from "../ids.ts";
import type { Store } from "../store.ts";
import { newPseudonymSecret } from "./pseudonym.ts";
import {
  type ConsentVersion,
  consentVersions,
  getOwnStudy,
  type StudyRecord,
  toEnrolment,
  toStudy,
} from "./records.ts";
import { participantWindow, studyBounds } from "./window.ts";

export type StudyState = "upcoming" | "running" | "ended";

export interface ParticipantCounts {
  readonly active: number;
  readonly completed: number;
  /** Withdrawn, their data up to then kept as their consent said. */
  readonly withdrawnKept: number;
  /** Withdrawn, their study data deleted: counted, nothing else. */
  readonly withdrawnDeleted: number;
}

export interface InvitationCounts {
  readonly unused: number;
  readonly used: number;
  readonly expired: number;
  readonly revoked: number;
}

export interface StudyView extends Omit<StudyRecord, "ownerId"> {
  readonly state: StudyState;
  /** The version new participants accept: the latest. */
  readonly consent: ConsentVersion;
  readonly consentVersions: readonly ConsentVersion[];
  readonly participants: ParticipantCounts;
  readonly invitations: InvitationCounts;
}

export interface StudySummary {
  readonly id: string;
  readonly title: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly state: StudyState;
  readonly consentVersion: number;
  readonly participants: number;
}

export function stateOf(study: StudyRecord, now: Temporal.Instant): StudyState {
  const bounds = studyBounds(study);
  const at = formatInstant(now);
  return at < bounds.start ? "upcoming" : at >= bounds.end ? "ended" : "running";
}

/** Creates a study with consent version 1, coordinated by `userId`. */
export async function createStudy(
  store: Store,
  userId: string,
  input: StudyInput,
  now: Temporal.Instant,
): Promise<StudyView> {
  const checked = parseWith(StudyInputSchema, input);
  const timeZone = parseTimeZone(checked.timeZone);
  const at = formatInstant(now);
  const id = newId("studies");
  await store.transaction(async (tx) => {
    await tx
      .insertInto("studies")
      .values({
        id,
        user_id: userId,
        title: checked.title,
        description: checked.description,
        protocol_json: checked.protocol === null ? null : JSON.stringify(checked.protocol),
        questionnaires_json: JSON.stringify(checked.questionnaires),
        check_in_items_json: JSON.stringify(checked.checkInItems),
        start_date: checked.startDate,
        end_date: checked.endDate,
        time_zone: timeZone,
        pseudonym_secret: newPseudonymSecret(),
        created_at: at,
        updated_at: at,
      })
      .execute();
    await insertConsentVersion(tx, userId, id, 1, checked.consent, at);
  });
  return studyView(store.db, userId, id, now);
}

async function insertConsentVersion(
  tx: Db,
  userId: string,
  studyId: string,
  version: number,
  terms: ConsentTerms,
  at: string,
): Promise<void> {
  await tx
    .insertInto("study_consent_versions")
    .values({
      id: newId("study_consent_versions"),
      user_id: userId,
      study_id: studyId,
      version,
      text: terms.text,
      collects_json: JSON.stringify(terms.collects),
      on_withdrawal: terms.onWithdrawal,
      dates: terms.dates,
      created_at: at,
    })
    .execute();
}

/** Changes the study's design, title or dates (never its consent: see publishConsent). */
export async function changeStudy(
  store: Store,
  userId: string,
  id: string,
  change: StudyChange,
  now: Temporal.Instant,
): Promise<StudyView> {
  const checked = parseWith(StudyChangeSchema, change);
  await store.transaction(async (tx) => {
    const study = await getOwnStudy(tx, userId, id);
    const startDate = checked.startDate ?? study.startDate;
    const endDate = checked.endDate ?? study.endDate;
    if (endDate < startDate) {
      throw new TitrateError(
        "VALIDATION_FAILED",
        `endDate: must be on or after the start date ${startDate}`,
        "endDate",
      );
    }
    const widened = widenings(study, { ...checked, startDate, endDate });
    if (widened.length > 0 && (await hasJoined(tx, id))) {
      const first = widened[0] as Widening;
      throw new TitrateError(
        "STUDY_DESIGN_WIDENS",
        `${first.field}: people have joined this study and consented to what it collected then; this change would share more of their journals (${widened.map((w) => w.what).join("; ")}). Narrowing is allowed; to collect more, start a new study and invite people to it`,
        first.field,
      );
    }
    await tx
      .updateTable("studies")
      .set({
        ...(checked.title === undefined ? {} : { title: checked.title }),
        ...(checked.description === undefined ? {} : { description: checked.description }),
        ...(checked.protocol === undefined
          ? {}
          : { protocol_json: checked.protocol === null ? null : JSON.stringify(checked.protocol) }),
        ...(checked.questionnaires === undefined
          ? {}
          : { questionnaires_json: JSON.stringify(checked.questionnaires) }),
        ...(checked.checkInItems === undefined
          ? {}
          : { check_in_items_json: JSON.stringify(checked.checkInItems) }),
        start_date: startDate,
        end_date: endDate,
        updated_at: formatInstant(now),
      })
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .execute();
  });
  return studyView(store.db, userId, id, now);
}

interface Widening {
  readonly field: string;
  readonly what: string;
}

/**
 * What a change of design would add to what participants share: a check-in item or a
 * questionnaire not collected before, or days before the start or after the end. A consent
 * version records what it collects by category ("check-ins"), not these, so a participant's
 * consent covers the design as it was when they joined.
 */
function widenings(
  study: StudyRecord,
  next: {
    readonly checkInItems?: readonly string[] | undefined;
    readonly questionnaires?: readonly { readonly instrument: string }[] | undefined;
    readonly startDate: string;
    readonly endDate: string;
  },
): Widening[] {
  const found: Widening[] = [];
  const items = new Set<string>(study.checkInItems);
  const addedItems = (next.checkInItems ?? []).filter((i) => !items.has(i));
  if (addedItems.length > 0) {
    found.push({ field: "checkInItems", what: `the check-in items ${addedItems.join(", ")}` });
  }
  const had = new Set<string>(study.questionnaires.map((q) => q.instrument));
  const addedQuestionnaires = (next.questionnaires ?? [])
    .map((q) => q.instrument)
    .filter((i) => !had.has(i));
  if (addedQuestionnaires.length > 0) {
    found.push({
      field: "questionnaires",
      what: `the questionnaires ${addedQuestionnaires.join(", ")}`,
    });
  }
  if (next.startDate < study.startDate) {
    found.push({ field: "startDate", what: `days from ${next.startDate}, before the start` });
  }
  if (next.endDate > study.endDate) {
    found.push({ field: "endDate", what: `days until ${next.endDate}, after the end` });
  }
  return found;
}

/** True when anyone has joined the study, whether or not they have withdrawn since. */
async function hasJoined(db: Db, studyId: string): Promise<boolean> {
  const row = await db
    .selectFrom("study_enrolments")
    .select("id")
    .where("study_id", "=", studyId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Publishes a new consent version (the next number). Participants keep the version they
 * accepted until they accept the new one; people who join from now on accept this one.
 */
export async function publishConsent(
  store: Store,
  userId: string,
  id: string,
  terms: ConsentTerms,
  now: Temporal.Instant,
): Promise<StudyView> {
  const checked = parseWith(ConsentTermsSchema, terms);
  await store.transaction(async (tx) => {
    await getOwnStudy(tx, userId, id);
    const versions = await consentVersions(tx, id);
    const latest = versions.at(-1);
    if (latest && sameTerms(latest, checked)) {
      throw new TitrateError(
        "STUDY_CONSENT_UNCHANGED",
        `consent: version ${latest.version} already says exactly this; change the text or the terms to publish a new version`,
        "text",
      );
    }
    await insertConsentVersion(
      tx,
      userId,
      id,
      (latest?.version ?? 0) + 1,
      checked,
      formatInstant(now),
    );
  });
  return studyView(store.db, userId, id, now);
}

function sameTerms(a: ConsentTerms, b: ConsentTerms): boolean {
  return (
    a.text === b.text &&
    a.onWithdrawal === b.onWithdrawal &&
    a.dates === b.dates &&
    [...a.collects].sort().join() === [...b.collects].sort().join()
  );
}

/** The study as its coordinator sees it: design, every consent version, counts. */
export async function studyView(
  db: Db,
  userId: string,
  id: string,
  now: Temporal.Instant,
): Promise<StudyView> {
  const study = await getOwnStudy(db, userId, id);
  const versions = await consentVersions(db, id);
  const consent = versions.at(-1);
  if (!consent) throw new Error(`study ${id} has no consent version`);
  const { ownerId: _owner, ...fields } = study;
  return {
    ...fields,
    state: stateOf(study, now),
    consent,
    consentVersions: versions,
    participants: await participantCounts(db, study, now),
    invitations: await invitationCounts(db, id, now),
  };
}

/** The coordinator's studies, newest first. */
export async function listStudies(
  db: Db,
  userId: string,
  now: Temporal.Instant,
): Promise<StudySummary[]> {
  const rows = await db
    .selectFrom("studies")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const summaries: StudySummary[] = [];
  for (const row of rows) {
    const study = toStudy(row);
    const versions = await consentVersions(db, study.id);
    const counts = await participantCounts(db, study, now);
    summaries.push({
      id: study.id,
      title: study.title,
      startDate: study.startDate,
      endDate: study.endDate,
      state: stateOf(study, now),
      consentVersion: versions.at(-1)?.version ?? 1,
      participants: counts.active + counts.completed + counts.withdrawnKept,
    });
  }
  return summaries;
}

async function participantCounts(
  db: Db,
  study: StudyRecord,
  now: Temporal.Instant,
): Promise<ParticipantCounts> {
  const rows = await db
    .selectFrom("study_enrolments")
    .selectAll()
    .where("study_id", "=", study.id)
    .execute();
  const bounds = studyBounds(study);
  const counts = { active: 0, completed: 0, withdrawnKept: 0, withdrawnDeleted: 0 };
  for (const row of rows) {
    const enrolment = toEnrolment(row);
    if (enrolment.withdrawal === "delete") counts.withdrawnDeleted++;
    else if (enrolment.withdrawnAt !== null) counts.withdrawnKept++;
    else if (participantWindow(bounds, enrolment, now).status === "completed") counts.completed++;
    else counts.active++;
  }
  return counts;
}

async function invitationCounts(
  db: Db,
  studyId: string,
  now: Temporal.Instant,
): Promise<InvitationCounts> {
  const rows = await db
    .selectFrom("study_invitations")
    .select(["used_at", "revoked_at", "expires_at"])
    .where("study_id", "=", studyId)
    .execute();
  const at = formatInstant(now);
  const counts = { unused: 0, used: 0, expired: 0, revoked: 0 };
  for (const row of rows) {
    if (row.used_at !== null) counts.used++;
    else if (row.revoked_at !== null) counts.revoked++;
    else if (row.expires_at <= at) counts.expired++;
    else counts.unused++;
  }
  return counts;
}
