/**
 * Withdrawing from a study, at any time, and what it does to the participant's data — as the
 * consent version they accepted last says:
 *
 * - `keep`: what they recorded from their first study day until now stays in the study's data,
 *   pseudonymous, as consented; nothing recorded from now on reaches it, not even an entry
 *   logged later for an earlier day.
 * - `delete`: the entries the study could see are deleted from their journal — every entry of
 *   a category any version they accepted covers (for questionnaires: the study's own), made
 *   from their first study day until now, whole — and the study keeps no trace of them beyond
 *   a count of withdrawals. Exports the coordinator downloaded before are out of reach, and
 *   the screen says so.
 *
 * Either way the participant's account and the rest of their journal stay theirs.
 */
import type { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import type { StudyCategory } from "../../core/schemas/study.ts";
import { formatInstant } from "../../core/time.ts";
import type { Db, EventTable } from "../database.ts";
import { releaseDeletedRows, type Store } from "../store.ts";
import { type Participation, requireEnrolment, requireParticipation } from "./participate.ts";
import { acceptedVersions, consentVersions, type StudyRecord } from "./records.ts";
import { participantWindow, studyBounds } from "./window.ts";

/** The journal table each category's entries are in. */
export const tableOfCategory: Readonly<Record<StudyCategory, EventTable>> = {
  doses: "doses",
  checkIns: "check_ins",
  questionnaires: "screenings",
  symptoms: "symptom_reports",
  bloodPressure: "blood_pressures",
  otherSubstances: "other_substances",
  notes: "notes",
};

/** Withdraws the participant from their current study; STUDY_WITHDRAWN if they already have. */
export async function withdrawFromStudy(
  store: Store,
  userId: string,
  now: Temporal.Instant,
): Promise<Participation> {
  const deleted = await store.transaction(async (tx) => {
    const { enrolment, study } = await requireEnrolment(tx, userId);
    if (enrolment.withdrawnAt !== null) {
      throw new TitrateError(
        "STUDY_WITHDRAWN",
        `you already withdrew from ${study.title} on ${enrolment.withdrawnAt.slice(0, 10)}`,
      );
    }
    const versions = await consentVersions(tx, study.id);
    const accepted = new Set(
      (await acceptedVersions(tx, userId, enrolment.id)).map((a) => a.version),
    );
    const last = versions.find((v) => v.version === enrolment.consentVersion);
    if (!last) throw new Error(`enrolment ${enrolment.id} names a missing consent version`);
    const at = formatInstant(now);
    let counts: Record<string, number> | null = null;
    if (last.onWithdrawal === "delete") {
      const categories = new Set(
        versions.filter((v) => accepted.has(v.version)).flatMap((v) => v.collects),
      );
      const window = participantWindow(studyBounds(study), { ...enrolment, withdrawnAt: at }, now);
      // The window ends now (an entry of this very second included: the study saw it until
      // now), or at the study's end if that came first (not included): an entry dated after
      // the end never reached the study and stays the participant's.
      counts = await deleteStudyEntries(tx, userId, study, categories, {
        from: window.from,
        to: window.to,
        toIncluded: window.to === at,
        recordedFrom: enrolment.joinedAt,
      });
    }
    await tx
      .updateTable("study_enrolments")
      .set({
        withdrawn_at: at,
        withdrawal: last.onWithdrawal,
        deleted_json: counts === null ? null : JSON.stringify(counts),
      })
      .where("id", "=", enrolment.id)
      .where("user_id", "=", userId)
      .execute();
    return counts !== null;
  });
  if (deleted) await releaseDeletedRows(store);
  return requireParticipation(store.db, userId, now);
}

/**
 * Deletes the participant's entries of `categories` that reached the study: dated from `from`
 * until `to` (now, included; or the study's end if earlier, not included) and recorded since
 * `recordedFrom` (window.ts).
 */
async function deleteStudyEntries(
  tx: Db,
  userId: string,
  study: StudyRecord,
  categories: ReadonlySet<StudyCategory>,
  {
    from,
    to,
    toIncluded,
    recordedFrom,
  }: { from: string; to: string; toIncluded: boolean; recordedFrom: string },
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const category of categories) {
    const table = tableOfCategory[category];
    let query = tx
      .deleteFrom(table)
      .where("user_id", "=", userId)
      .where("at", ">=", from)
      .where("at", toIncluded ? "<=" : "<", to)
      .where("created_at", ">=", recordedFrom);
    if (table === "screenings") {
      const instruments = study.questionnaires.map((q) => q.instrument);
      if (instruments.length === 0) continue;
      query = query.where("instrument" as never, "in", instruments as never);
    }
    const result = await query.executeTakeFirst();
    const n = Number(result.numDeletedRows);
    if (n > 0) counts[table] = n;
  }
  return counts;
}
