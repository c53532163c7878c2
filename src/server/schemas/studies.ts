/**
 * Request and response schemas of study mode: the coordinator's study, invitations, dashboard
 * and export; the participant's invitation preview, joining, consent and withdrawal. No
 * response here has a field for an account id, a username or a pseudonym secret, so a
 * handler that tried to answer one would fail its response check (route.ts) in the tests.
 */
import * as z from "zod/mini";
import { ratingNames } from "../../core/insights/ratings.ts";
import { TimeZone } from "../../core/schemas/journal.ts";
import {
  ConsentTerms,
  dateChoices,
  QuestionnaireSchedule,
  StudyCategorySchema,
  StudyProtocol,
  withdrawalChoices,
} from "../../core/schemas/study.ts";
import { studyTables } from "../../core/study/codebook.ts";
import { NewPassphrase, Username, UserView } from "./auth.ts";
import { Instant, idParams } from "./common.ts";

export const StudyParams = idParams("studies");
export const InvitationParams = idParams("study_invitations");

const ConsentVersionView = z.strictObject({
  version: z.int(),
  text: z.string(),
  collects: z.array(StudyCategorySchema),
  onWithdrawal: z.enum(withdrawalChoices),
  dates: z.enum(dateChoices),
  createdAt: Instant,
});

const StudyState = z.enum(["upcoming", "running", "ended"]);

const studyDesign = {
  title: z.string(),
  description: z.string(),
  protocol: z.nullable(StudyProtocol),
  questionnaires: z.array(QuestionnaireSchedule),
  checkInItems: z.array(z.enum(ratingNames)),
  startDate: z.string(),
  endDate: z.string(),
  timeZone: z.string(),
};

export const StudyView = z.strictObject({
  id: z.string(),
  ...studyDesign,
  createdAt: Instant,
  updatedAt: Instant,
  state: StudyState,
  consent: ConsentVersionView,
  consentVersions: z.array(ConsentVersionView),
  participants: z.strictObject({
    active: z.int(),
    completed: z.int(),
    withdrawnKept: z.int(),
    withdrawnDeleted: z
      .int()
      .check(z.describe("Withdrawn with their study data deleted: a count, nothing else.")),
  }),
  invitations: z.strictObject({
    unused: z.int(),
    used: z.int(),
    expired: z.int(),
    revoked: z.int(),
  }),
});

export const StudyList = z.strictObject({
  studies: z.array(
    z.strictObject({
      id: z.string(),
      title: z.string(),
      startDate: z.string(),
      endDate: z.string(),
      state: StudyState,
      consentVersion: z.int(),
      participants: z.int(),
    }),
  ),
});

export const ConsentBody = ConsentTerms;

const InvitationStatus = z.enum(["unused", "used", "expired", "revoked"]);
export const InvitationView = z.strictObject({
  id: z.string(),
  hint: z.string().check(z.describe("The code's last four characters.")),
  createdAt: Instant,
  expiresAt: Instant,
  status: InvitationStatus,
});
export const InvitationList = z.strictObject({ invitations: z.array(InvitationView) });
export const NewInvitations = z.strictObject({
  invitations: z.array(
    z.extend(InvitationView, {
      code: z
        .string()
        .check(z.describe("The code to hand to one person: shown this once, stored only hashed.")),
    }),
  ),
});

const Summary = z.strictObject({
  n: z.int(),
  mean: z.nullable(z.number()),
  sd: z.nullable(z.number()),
});

export const StudyDashboard = z.strictObject({
  participants: StudyView.shape.participants,
  checkInItems: z.array(z.enum(ratingNames)),
  weeks: z.array(
    z.strictObject({
      week: z.int(),
      checkIns: z.int(),
      doses: z.int(),
      items: z.partialRecord(z.enum(ratingNames), Summary),
    }),
  ),
  questionnaires: z.array(
    z.strictObject({
      instrument: z.string(),
      crisisAnswers: z.int(),
      weeks: z.array(z.strictObject({ week: z.int(), total: Summary })),
    }),
  ),
  progress: z.array(
    z.strictObject({
      participant: z.string().check(z.describe("The participant's pseudonym in this study.")),
      status: z.enum(["active", "completed", "withdrawn"]),
      consentVersion: z.int(),
      daysInStudy: z.int(),
      checkIns: z.nullable(z.int()),
      questionnaires: z.nullable(z.int()),
      questionnairesDue: z.nullable(z.int()),
      doses: z.nullable(z.int()),
    }),
  ),
});

export const ExportQuery = z.strictObject({
  table: z.enum(studyTables),
  format: z.optional(z.enum(["csv", "json"])),
});
export const CodebookQuery = z.strictObject({ format: z.optional(z.enum(["csv", "json"])) });

// ── the participant's side ──────────────────────────────────────────────────────────────

const StudyForParticipant = z.strictObject({
  id: z.string(),
  ...studyDesign,
  state: StudyState,
});

const Shared = z.strictObject({ category: StudyCategorySchema, description: z.string() });

export const InvitationPreview = z.strictObject({
  study: StudyForParticipant,
  consent: ConsentVersionView,
  shares: z.array(Shared),
});

export const Participation = z.strictObject({
  study: StudyForParticipant,
  status: z.enum(["active", "completed", "withdrawn"]),
  joinedAt: Instant,
  firstDay: z.string(),
  daysInStudy: z.int(),
  consent: z.extend(ConsentVersionView, { acceptedAt: Instant }),
  history: z.array(z.strictObject({ version: z.int(), acceptedAt: Instant })),
  newerConsent: z.nullable(ConsentVersionView),
  shares: z.array(Shared),
  questionnaires: z.array(
    z.strictObject({
      instrument: z.string(),
      everyDays: z.int(),
      lastDay: z.nullable(z.int()),
      due: z.boolean(),
    }),
  ),
  withdrawal: z.nullable(
    z.strictObject({
      at: Instant,
      choice: z.enum(withdrawalChoices),
      deleted: z.nullable(z.record(z.string(), z.int())),
    }),
  ),
});

export const CurrentParticipation = z.strictObject({
  current: z
    .nullable(Participation)
    .check(z.describe("The study you take part in (or withdrew from last), or null.")),
});

const JoinFields = {
  code: z.string().check(z.trim(), z.minLength(1, { error: "is required" }), z.maxLength(40)),
  consentVersion: z.int().check(z.gte(1)),
  // Checked even when a profile's zone is used instead: a wrong value is refused, never ignored.
  timeZone: z.optional(
    TimeZone.check(z.describe("Your time zone, for your study days when you have no profile yet.")),
  ),
};

export const JoinBody = z.strictObject(JoinFields);
export const JoinNewBody = z.strictObject({
  ...JoinFields,
  username: Username,
  passphrase: NewPassphrase,
});
export const JoinedNew = z.strictObject({
  user: UserView,
  sessionExpiresAt: Instant,
  passphraseHint: z.string(),
  participation: Participation,
});
