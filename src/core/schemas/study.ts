/**
 * Study mode (docs/decisions.md, "Study mode"): what a coordinator submits to run a study —
 * its design (a protocol as a plan template, questionnaires on a schedule, the check-in items)
 * and its consent, versioned — and what a participant submits to join, accept a consent
 * version and withdraw. Shared by the API, the CLI and the web forms.
 */
import * as z from "zod/mini";
import { ratingNames } from "../insights/ratings.ts";
import { questionnaireIds } from "../questionnaires/instrument.ts";
import { LocalDate } from "./experiment.ts";
import { SubstanceIdSchema, TimeZone } from "./journal.ts";
import { Cycle, PlanTarget, Protocol } from "./plan.ts";

/**
 * What a consent version lets the study see. A participant's data reaches the coordinator
 * only in the categories of the version they accepted last (codebook.ts lists the columns).
 */
export const studyCategories = [
  "doses",
  "checkIns",
  "questionnaires",
  "symptoms",
  "bloodPressure",
  "otherSubstances",
  "notes",
] as const;
export type StudyCategory = (typeof studyCategories)[number];
export const StudyCategorySchema = z.enum(studyCategories);

/** What happens to a participant's study data when they withdraw. */
export const withdrawalChoices = ["delete", "keep"] as const;
export type WithdrawalChoice = (typeof withdrawalChoices)[number];

/**
 * How dates reach the coordinator: `shifted` gives each entry only its study day (0 = the
 * participant's first day in the study) and local time of day; `exact` adds the calendar date
 * and the instant.
 */
export const dateChoices = ["shifted", "exact"] as const;
export type DateChoice = (typeof dateChoices)[number];

export const MAX_CONSENT_TEXT = 20_000;

/** The terms a participant accepts: one consent version. */
export const ConsentTerms = z.strictObject({
  text: z.string().check(
    z.trim(),
    z.minLength(20, {
      error: "must be at least 20 characters: the consent the participant reads",
    }),
    z.maxLength(MAX_CONSENT_TEXT),
  ),
  collects: z.array(StudyCategorySchema).check(
    z.minLength(1, { error: "must name at least one kind of data the study collects" }),
    z.maxLength(studyCategories.length),
    z.refine((list) => new Set(list).size === list.length, { error: "lists a category twice" }),
  ),
  onWithdrawal: z.enum(withdrawalChoices),
  dates: z.enum(dateChoices),
});
export type ConsentTerms = z.infer<typeof ConsentTerms>;

/** The dose plan participants are asked to follow: a plan without its dates and zone. */
export const StudyProtocol = z.strictObject({
  substance: SubstanceIdSchema,
  target: PlanTarget,
  protocol: Protocol,
  cycle: z.nullable(Cycle),
});
export type StudyProtocol = z.infer<typeof StudyProtocol>;

/** A questionnaire participants answer every `everyDays` days, from their first day. */
export const QuestionnaireSchedule = z.strictObject({
  instrument: z.enum(questionnaireIds),
  everyDays: z.int().check(z.gte(1), z.lte(365)),
});
export type QuestionnaireSchedule = z.infer<typeof QuestionnaireSchedule>;

const Questionnaires = z.array(QuestionnaireSchedule).check(
  z.maxLength(questionnaireIds.length),
  z.refine((list) => new Set(list.map((q) => q.instrument)).size === list.length, {
    error: "lists a questionnaire twice",
  }),
);

/** The check-in ratings the study asks for every day. */
const CheckInItems = z.array(z.enum(ratingNames)).check(
  z.maxLength(ratingNames.length),
  z.refine((list) => new Set(list).size === list.length, { error: "lists an item twice" }),
);

const Title = z.string().check(z.trim(), z.minLength(3), z.maxLength(120));
const Description = z.string().check(z.trim(), z.maxLength(5000));

const studyFields = {
  title: Title,
  description: Description,
  protocol: z.nullable(StudyProtocol),
  questionnaires: Questionnaires,
  checkInItems: CheckInItems,
  startDate: LocalDate,
  endDate: LocalDate,
  /** The zone the start and end dates are read in. */
  timeZone: TimeZone,
};

const endsAfterStart = <T extends { startDate?: string; endDate?: string }>() =>
  z.refine<T>((s) => !s.startDate || !s.endDate || s.endDate >= s.startDate, {
    error: "must be on or after startDate",
    path: ["endDate"],
  });

/** A new study with its first consent version. */
export const StudyInput = z
  .strictObject({ ...studyFields, consent: ConsentTerms })
  .check(endsAfterStart());
export type StudyInput = z.infer<typeof StudyInput>;

/** A change to the design or the dates; the consent changes only by a new version. */
export const StudyChange = z
  .strictObject({
    title: z.optional(Title),
    description: z.optional(Description),
    protocol: z.optional(z.nullable(StudyProtocol)),
    questionnaires: z.optional(Questionnaires),
    checkInItems: z.optional(CheckInItems),
    startDate: z.optional(LocalDate),
    endDate: z.optional(LocalDate),
  })
  .check(endsAfterStart());
export type StudyChange = z.infer<typeof StudyChange>;

export const MAX_INVITATIONS_AT_ONCE = 200;

export const InvitationRequest = z.strictObject({
  count: z.int().check(z.gte(1), z.lte(MAX_INVITATIONS_AT_ONCE)),
  /** Default 14. */
  expiresInDays: z.optional(z.int().check(z.gte(1), z.lte(90))),
});
export type InvitationRequest = z.infer<typeof InvitationRequest>;

/** An invitation code as typed: letters and digits, dashes and spaces ignored. */
export const InvitationCode = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, { error: "is required" }),
    z.maxLength(40),
    z.describe("The invitation code the coordinator gave, e.g. 7KQM-3XWD-9PAT."),
  );

export const InvitationPreviewInput = z.strictObject({ code: InvitationCode });

/** Joining: the code and the consent version the participant read and accepts. */
export const JoinInput = z.strictObject({
  code: InvitationCode,
  consentVersion: z.int().check(z.gte(1)),
});
export type JoinInput = z.infer<typeof JoinInput>;

export const ConsentAcceptance = z.strictObject({ consentVersion: z.int().check(z.gte(1)) });

/** Withdrawing cannot be undone: the participant types the word. */
export const WithdrawInput = z.strictObject({
  confirm: z.literal("withdraw", { error: 'must be the word "withdraw"' }),
});

/** Starting the study's protocol as one's own plan. */
export const AdoptProtocolInput = z.strictObject({
  startDate: LocalDate,
  localTime: z.iso.time({ precision: -1 }),
});
export type AdoptProtocolInput = z.infer<typeof AdoptProtocolInput>;
