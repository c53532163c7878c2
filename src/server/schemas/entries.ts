/**
 * Request and response schemas of the other journal entries (other substances, check-ins,
 * symptom reports, blood pressure, screenings), the timeline, and editing or deleting an
 * entry by its id.
 */
import * as z from "zod/mini";
import {
  BloodPressure,
  BloodPressureInput,
  CheckIn,
  CheckInInput,
  ChecklistIdSchema,
  Dose,
  OtherSubstance,
  OtherSubstanceInput,
  QuestionnaireIdSchema,
  RouteIdSchema,
  Screening,
  SymptomReport,
  TimeZone,
} from "../../core/schemas/journal.ts";
import { timelineKinds } from "../../store/journal/timeline.ts";
import { At, CrisisResources, Instant, NoteText, RecordedFindings } from "./common.ts";

const other = OtherSubstanceInput.shape;
const checkIn = CheckInInput.shape;
const pressure = BloodPressureInput.shape;

export const OtherSubstanceBody = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  amount: z.optional(other.amount),
  unit: z.optional(other.unit),
  route: z.optional(other.route),
  note: z.optional(NoteText),
  at: z.optional(At),
});

/** Every rating is optional, a whole number 0–10; higher is better except anxiety. */
export const CheckInBody = z.strictObject({
  mood: z.optional(checkIn.mood),
  energy: z.optional(checkIn.energy),
  focus: z.optional(checkIn.focus),
  anxiety: z.optional(checkIn.anxiety),
  sleep: z.optional(checkIn.sleep),
  effects: z.optional(checkIn.effects),
  afterEffects: z.optional(checkIn.afterEffects),
  note: z.optional(NoteText),
  shulgin: z.optional(checkIn.shulgin),
  at: z.optional(At),
});

/** The checklist items answered yes (ids from GET /api/v1/catalog); none is an all-clear report. */
export const SymptomReportBody = z.strictObject({
  checklist: ChecklistIdSchema,
  symptoms: z.array(z.string().check(z.minLength(1), z.maxLength(40))).check(z.maxLength(20)),
  note: z.optional(NoteText),
  at: z.optional(At),
});

export const BloodPressureBody = z.strictObject({
  systolicMmHg: pressure.systolicMmHg,
  diastolicMmHg: pressure.diastolicMmHg,
  pulseBpm: z.optional(pressure.pulseBpm),
  at: z.optional(At),
});

/** One answer per item, in order, each on the questionnaire's scale (GET /api/v1/catalog). */
export const ScreeningBody = z.strictObject({
  instrument: QuestionnaireIdSchema,
  answers: z.array(z.int()).check(z.maxLength(30)),
  at: z.optional(At),
});

export const OtherSubstanceLogged = z.strictObject({ record: OtherSubstance, ...RecordedFindings });
export const CheckInLogged = z.strictObject({ record: CheckIn, ...RecordedFindings });
export const SymptomReportLogged = z.strictObject({ record: SymptomReport, ...RecordedFindings });
export const BloodPressureLogged = z.strictObject({ record: BloodPressure, ...RecordedFindings });
export const ScreeningLogged = z.strictObject({
  record: Screening,
  ...RecordedFindings,
  score: z.strictObject({
    total: z.int(),
    maxTotal: z.int(),
    band: z.string(),
    bandLabel: z.string(),
    meaning: z.string(),
    followUp: z.nullable(z.string()).check(z.describe("The fuller questionnaire to take next.")),
  }),
  crisis: z
    .boolean()
    .check(
      z.describe(
        "True when an answer signals a risk of self-harm (PHQ-9 item 9 above 0): show crisisResources at once, before anything else.",
      ),
    ),
  crisisResources: z.nullable(CrisisResources),
});

export const Note = z.strictObject({
  id: z.string(),
  at: Instant,
  timeZone: TimeZone,
  text: z.string(),
});

/** Any kind of journal entry, tagged by `kind` (the timeline's names). */
const entryOf = <K extends string, R extends z.ZodMiniType>(kind: K, record: R) =>
  z.strictObject({
    kind: z.literal(kind),
    id: z.string(),
    at: Instant,
    timeZone: z.string(),
    record,
  });
export const TimelineEntry = z.discriminatedUnion("kind", [
  entryOf("dose", Dose),
  entryOf("substance", OtherSubstance),
  entryOf("checkin", CheckIn),
  entryOf("symptom", SymptomReport),
  entryOf("bp", BloodPressure),
  entryOf("screening", Screening),
  entryOf("note", Note),
]);

/** A date (read as the start of that day in your time zone) or an instant with an offset. */
const Bound = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/u, {
    error: "must be a date (2026-03-22) or an instant with an offset (2026-03-22T09:10:00Z)",
  }),
);

export const TimelineQuery = z.strictObject({
  since: z.optional(Bound.check(z.describe("Inclusive: entries at or after it."))),
  until: z.optional(
    Bound.check(z.describe("Exclusive: entries before it (a date: before that day).")),
  ),
  types: z.optional(
    z.string().check(
      z.regex(
        new RegExp(`^(?:${timelineKinds.join("|")})(?:,(?:${timelineKinds.join("|")}))*$`, "u"),
        {
          error: `must be a comma-separated list of ${timelineKinds.join(", ")}`,
        },
      ),
      z.describe(`Kinds to list, comma-separated: ${timelineKinds.join(", ")}. Default all.`),
    ),
  ),
});

export const Timeline = z.strictObject({ entries: z.array(TimelineEntry) });

/** Ids of journal entries: doses, other substances, check-ins, symptom reports, blood pressure, screenings, notes. */
export const EntryParams = z.strictObject({
  id: z.string().check(
    z.regex(/^(?:dos|sub|chk|sym|bpr|scr|not)_[0-9a-z]{12}$/u, {
      error: "must be the id of a journal entry, such as dos_0123456789ab",
    }),
  ),
});

const rating = checkIn.mood;

/**
 * Fields to change on an entry; each applies to some kinds only (a dose's amount is in its
 * own unit). What an entry is linked to (substance, batch, plan, instrument, checklist, zone)
 * does not change: delete the entry and log it again.
 */
export const EntryChanges = z.strictObject({
  at: z.optional(At),
  note: z.optional(NoteText),
  amount: z.optional(z.nullable(z.number().check(z.positive(), z.lte(1_000_000)))),
  route: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
  isEstimate: z.optional(z.boolean()),
  name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
  unit: z.optional(other.unit),
  mood: z.optional(rating),
  energy: z.optional(rating),
  focus: z.optional(rating),
  anxiety: z.optional(rating),
  sleep: z.optional(rating),
  effects: z.optional(checkIn.effects),
  afterEffects: z.optional(checkIn.afterEffects),
  shulgin: z.optional(checkIn.shulgin),
  symptoms: z.optional(SymptomReportBody.shape.symptoms),
  systolicMmHg: z.optional(pressure.systolicMmHg),
  diastolicMmHg: z.optional(pressure.diastolicMmHg),
  pulseBpm: z.optional(pressure.pulseBpm),
  answers: z.optional(ScreeningBody.shape.answers),
  text: z.optional(z.string().check(z.minLength(1), z.maxLength(20000))),
});

export const EntryAnswer = TimelineEntry;

export const EntryEdited = z.strictObject({
  entry: TimelineEntry,
  ...RecordedFindings,
});

/** Route ids for doses (an edit's `route` on a dose must be one of these). */
export const DoseRoute = RouteIdSchema;
