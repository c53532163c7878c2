/**
 * For tests only: a study made through the API by a signed-in coordinator, with invitation
 * codes, and participants who join it — so tests can read, change and trespass on them.
 */
import type { ConsentTerms, StudyInput } from "../core/schemas/study.ts";
import { send } from "./test-journal.ts";
import type { Client } from "./test-server.ts";

export const CONSENT: ConsentTerms = {
  text: "You share your doses, your check-in ratings and your questionnaires. If you withdraw, what you recorded until then is kept.",
  collects: ["doses", "checkIns", "questionnaires"],
  onWithdrawal: "keep",
  dates: "shifted",
};

/** A study running around the test clock's day (START, 2026-03-22). */
export const STUDY: StudyInput = {
  title: "Microdosing and mood",
  description: "Eight weeks of a weekly ketamine microdose with a daily check-in.",
  protocol: {
    substance: "ketamine",
    target: { amount: 5, unit: "mg" },
    protocol: { kind: "every-n-days", intervalDays: 7 },
    cycle: null,
  },
  questionnaires: [{ instrument: "phq9", everyDays: 14 }],
  checkInItems: ["mood", "anxiety"],
  startDate: "2026-03-15",
  endDate: "2026-05-31",
  timeZone: "Europe/London",
  consent: CONSENT,
};

export interface SeededStudy {
  readonly studyId: string;
  /** Unused codes. */
  readonly codes: string[];
  readonly invitationIds: string[];
}

/** Creates a study (STUDY with `changes`) and `invitations` codes for it. */
export async function seedStudy(
  coordinator: Client,
  changes: Partial<StudyInput> = {},
  invitations = 3,
): Promise<SeededStudy> {
  const study = await send(coordinator, "POST", "/api/v1/studies", { ...STUDY, ...changes });
  const made = await send(coordinator, "POST", `/api/v1/studies/${study.id}/invitations`, {
    count: invitations,
  });
  return {
    studyId: study.id,
    codes: made.invitations.map((i: { code: string }) => i.code),
    invitationIds: made.invitations.map((i: { id: string }) => i.id),
  };
}

/** The participant joins with `code`, accepting the consent version the preview shows. */
export async function joinWith(participant: Client, code: string): Promise<void> {
  const preview = await send(participant, "POST", "/api/v1/participation/preview", { code }, 200);
  await send(participant, "POST", "/api/v1/participation/join", {
    code,
    consentVersion: preview.consent.version,
  });
}
