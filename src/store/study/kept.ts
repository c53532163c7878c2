/**
 * After a withdrawal that keeps data, the study keeps the participant's entries as they stood
 * then: nothing the participant records later reaches it (window.ts), and a later edit would
 * be exactly that. So an entry the study keeps cannot be edited, nor another entry moved into
 * what it keeps; the participant may delete it (their journal stays theirs) and log it again,
 * and the study then no longer has it. docs/decisions.md, "Study mode".
 */

import type { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import type { Db, EventTable } from "../database.ts";
import { consentVersions, enrolmentsOf, findStudy } from "./records.ts";
import { participantWindow, reachesStudy, studyBounds } from "./window.ts";
import { tableOfCategory } from "./withdraw.ts";

/**
 * STUDY_ENTRY_KEPT when the entry of `table` recorded at `createdAt`, dated `at` before or
 * after an edit, is data a study keeps since the participant withdrew.
 */
export async function refuseEditOfKeptEntry(
  db: Db,
  userId: string,
  table: EventTable,
  entry: {
    readonly createdAt: string;
    readonly at: readonly string[];
    readonly instrument?: string;
  },
  now: Temporal.Instant,
): Promise<void> {
  for (const enrolment of await enrolmentsOf(db, userId)) {
    if (enrolment.withdrawal !== "keep") continue;
    const study = await findStudy(db, enrolment.studyId);
    if (!study) continue;
    const consent = (await consentVersions(db, study.id)).find(
      (v) => v.version === enrolment.consentVersion,
    );
    if (!consent?.collects.some((category) => tableOfCategory[category] === table)) continue;
    if (
      table === "screenings" &&
      !study.questionnaires.some((q) => q.instrument === entry.instrument)
    ) {
      continue;
    }
    const window = participantWindow(studyBounds(study), enrolment, now);
    if (
      entry.at.some((at) => reachesStudy({ at, created_at: entry.createdAt }, window, enrolment))
    ) {
      throw new TitrateError(
        "STUDY_ENTRY_KEPT",
        `id: this entry is part of what ${study.title} keeps since you withdrew, as its consent said, so it stays as it was then; to change it, delete it and log it again (the study then no longer has it)`,
        "id",
      );
    }
  }
}
