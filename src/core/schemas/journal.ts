/**
 * The journal's records, as the store keeps them and the safety rules read them, and the
 * inputs a person submits to create them (the same fields without `id` and without what
 * Titrate derives). Instants are ISO 8601 in UTC ("2026-03-22T09:10:00Z"); an input may
 * carry an offset, which the store normalises to UTC. Each event also keeps the IANA time
 * zone it was entered in, so "the same day" means the person's day.
 */
import { Temporal } from "temporal-polyfill";
import * as z from "zod/mini";
import { checklistIds, questionnaireIds } from "../questionnaires/instrument.ts";
import { getChecklist } from "../questionnaires/instruments.ts";
import { scoreInstrument } from "../questionnaires/score.ts";
import { getSubstance, substanceIds } from "../substances/catalog.ts";
import type { RouteId, SubstanceId } from "../substances/substance.ts";
import { BODY_WEIGHT_RANGE_KG } from "../units.ts";
import { PlanInput } from "./plan.ts";

// ── building blocks ─────────────────────────────────────────────────────────────────────

export const RecordId = z.string().check(z.minLength(1), z.maxLength(64));

/** A stored instant: ISO 8601 in UTC, e.g. 2026-03-22T09:10:00Z. */
export const Instant = z.iso.datetime();
/** A submitted instant: UTC (`Z`) or with an offset (`+01:00`). */
export const InstantInput = z.iso.datetime({ offset: true });

function isTimeZone(zone: string): boolean {
  try {
    new Temporal.ZonedDateTime(0n, zone);
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone, e.g. Europe/London. */
export const TimeZone = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(64),
    z.refine(isTimeZone, { error: "must be an IANA time zone such as Europe/London" }),
  );

/**
 * A cross-field check that stays quiet when a field it reads is itself invalid (Zod still
 * runs object checks after a field's own refinement failed; that field reports its own issue).
 */
function crossCheck<T>(
  isValid: (value: T) => boolean,
  params: { error: string; path: string[] },
): z.core.$ZodCheck<T> {
  return z.refine<T>((value) => {
    try {
      return isValid(value);
    } catch {
      return true;
    }
  }, params);
}

const Text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const Note = z.nullable(z.string().check(z.maxLength(5000)));
const PhoneNumber = z.string().check(
  z.regex(/^\+?[0-9][0-9 ()-]{1,23}$/u, {
    error: "must be a phone number: digits, spaces, brackets or dashes, e.g. 116 123",
  }),
);

export const SubstanceIdSchema = z.enum(substanceIds as [SubstanceId, ...SubstanceId[]]);
export const routeIds = [
  "oral",
  "sublingual",
  "nasal",
  "insufflated",
  "intramuscular",
  "intravenous",
] as const satisfies readonly RouteId[];
export const RouteIdSchema = z.enum(routeIds);
export const MassUnitSchema = z.enum(["µg", "mg", "g"]);

/** Every event: its id, when it happened (UTC) and the zone it was entered in. */
const eventFields = { id: RecordId, at: Instant, timeZone: TimeZone };
const eventInputFields = { at: InstantInput, timeZone: TimeZone };

// ── profile ─────────────────────────────────────────────────────────────────────────────

/**
 * Conditions asked about at setup (FACTS K-CONTRA-1, P-RISK-1). The contraindication rule
 * says which substances each one rules out.
 */
export const conditions = [
  {
    id: "vascular-disease",
    label: "An aneurysm or other aneurysmal vascular disease, or an arteriovenous malformation",
  },
  { id: "brain-bleed-history", label: "Bleeding in the brain in the past" },
  { id: "uncontrolled-hypertension", label: "High blood pressure that is not under control" },
  { id: "heart-disease", label: "Serious heart disease" },
  { id: "pregnancy-or-breastfeeding", label: "Pregnant or breastfeeding" },
  { id: "psychosis-history", label: "Psychosis, now or in the past" },
  { id: "bipolar-history", label: "Bipolar disorder, now or in the past" },
  {
    id: "family-psychosis-or-bipolar",
    label: "A parent, sibling or child with psychosis or bipolar disorder",
  },
] as const;
export type ConditionId = (typeof conditions)[number]["id"];
export const conditionIds = conditions.map((c) => c.id) as [ConditionId, ...ConditionId[]];
export const ConditionIdSchema = z.enum(conditionIds);

export const Helpline = z
  .strictObject({
    name: Text(100),
    phone: z.nullable(PhoneNumber),
    url: z.nullable(z.url({ protocol: /^https?$/u, error: "must be an http(s) web address" })),
  })
  .check(
    z.refine((h) => h.phone !== null || h.url !== null, {
      error: "a helpline needs a phone number or a web address",
      path: ["phone"],
    }),
  );
export type Helpline = z.infer<typeof Helpline>;

export const Profile = z.strictObject({
  /** Body weight, kg (30–300, as everywhere in Titrate); null until the person gives it. */
  weightKg: z.nullable(
    z.number().check(z.gte(BODY_WEIGHT_RANGE_KG.min), z.lte(BODY_WEIGHT_RANGE_KG.max)),
  ),
  units: z.enum(["metric", "imperial"]),
  timeZone: TimeZone,
  conditions: z.array(ConditionIdSchema).check(
    z.maxLength(conditionIds.length),
    z.refine((list) => new Set(list).size === list.length, { error: "lists a condition twice" }),
  ),
  /** ISO 3166-1 alpha-2, upper case (GB, US): picks the crisis resources (FACTS CRISIS-1). */
  country: z.nullable(
    z
      .string()
      .check(
        z.regex(/^[A-Z]{2}$/u, { error: "must be a two-letter country code such as GB or US" }),
      ),
  ),
  /** The person's own emergency number; overrides the country's. */
  emergencyNumber: z.nullable(PhoneNumber),
  /** The person's own helpline; shown before the country's. */
  helpline: z.nullable(Helpline),
});
export type Profile = z.infer<typeof Profile>;
/** A profile has no id: the input is the whole profile. */
export const ProfileInput = Profile;
export type ProfileInput = Profile;

// ── medications ─────────────────────────────────────────────────────────────────────────

const endsAfterStart = <T extends { addedAt: string; endedAt: string | null }>() =>
  crossCheck<T>(
    (m) =>
      m.endedAt === null ||
      Temporal.Instant.compare(
        Temporal.Instant.from(m.endedAt),
        Temporal.Instant.from(m.addedAt),
      ) >= 0,
    { error: "must not be before addedAt", path: ["endedAt"] },
  );

/** A medicine the person takes regularly; it counts against every dose while current. */
export const Medication = z
  .strictObject({ id: RecordId, name: Text(200), addedAt: Instant, endedAt: z.nullable(Instant) })
  .check(endsAfterStart());
export type Medication = z.infer<typeof Medication>;
export const MedicationInput = z
  .strictObject({ name: Text(200), addedAt: InstantInput, endedAt: z.nullable(InstantInput) })
  .check(endsAfterStart());
export type MedicationInput = z.infer<typeof MedicationInput>;

// ── batches and reagent tests ───────────────────────────────────────────────────────────

export const batchForms = [
  "powder",
  "solution",
  "spray",
  "blotter",
  "capsule",
  "dried",
  "other",
] as const;
export const reagentVerdicts = ["match", "mismatch", "unknown"] as const;

export const ReagentTest = z.strictObject({
  id: RecordId,
  reagent: Text(60),
  /** What the person saw, in their words ("dark purple within a minute"). */
  result: Text(500),
  at: Instant,
  /** Read from `result` by matchReagentResult (src/core/safety/reagent-verdict.ts). */
  verdict: z.enum(reagentVerdicts),
});
export type ReagentTest = z.infer<typeof ReagentTest>;
/** What a person submits; the verdict is derived from the result. */
export const ReagentTestInput = z.strictObject({
  reagent: Text(60),
  result: Text(500),
  at: InstantInput,
});
export type ReagentTestInput = z.infer<typeof ReagentTestInput>;

const batchFields = {
  substance: SubstanceIdSchema,
  label: Text(100),
  form: z.enum(batchForms),
  concentrationMgPerMl: z.nullable(z.number().check(z.positive(), z.lte(1000))),
  mlPerSpray: z.nullable(z.number().check(z.positive(), z.lte(5))),
  purityPercent: z.nullable(z.number().check(z.positive(), z.lte(100))),
};
export const Batch = z.strictObject({
  id: RecordId,
  ...batchFields,
  createdAt: Instant,
  reagentTests: z.array(ReagentTest),
});
export type Batch = z.infer<typeof Batch>;
export const BatchInput = z.strictObject(batchFields);
export type BatchInput = z.infer<typeof BatchInput>;

// ── doses and other substances ──────────────────────────────────────────────────────────

const routeFitsSubstance = <T extends { substance: SubstanceId; route: RouteId }>() =>
  crossCheck<T>((d) => getSubstance(d.substance).routes.some((r) => r.route === d.route), {
    error: "is not a route for this substance",
    path: ["route"],
  });

const doseFields = {
  substance: SubstanceIdSchema,
  /** In `unit`; null when the amount is not known (it is never guessed). */
  amount: z.nullable(z.number().check(z.positive(), z.lte(1_000_000))),
  unit: MassUnitSchema,
  route: RouteIdSchema,
  batchId: z.nullable(RecordId),
  planId: z.nullable(RecordId),
  isEstimate: z.boolean(),
  note: Note,
};
export const Dose = z.strictObject({ ...eventFields, ...doseFields }).check(routeFitsSubstance());
export type Dose = z.infer<typeof Dose>;
export const DoseInput = z
  .strictObject({ ...eventInputFields, ...doseFields })
  .check(routeFitsSubstance());
export type DoseInput = z.infer<typeof DoseInput>;

/** Anything else taken: alcohol, a one-off medicine, another drug. Checked for combinations. */
const otherSubstanceFields = {
  name: Text(100),
  amount: z.nullable(z.number().check(z.positive(), z.lte(1_000_000))),
  unit: z.nullable(Text(20)),
  route: z.nullable(Text(40)),
  note: Note,
};
export const OtherSubstance = z.strictObject({ ...eventFields, ...otherSubstanceFields });
export type OtherSubstance = z.infer<typeof OtherSubstance>;
export const OtherSubstanceInput = z.strictObject({ ...eventInputFields, ...otherSubstanceFields });
export type OtherSubstanceInput = z.infer<typeof OtherSubstanceInput>;

// ── check-ins ───────────────────────────────────────────────────────────────────────────

/**
 * The Shulgin Rating Scale, for ratings imported from other journals: − (no effect),
 * ± (threshold), + , ++ , +++ (increasing intensity), ++++ (a peak experience).
 */
export const shulginRatings = ["-", "±", "+", "++", "+++", "++++"] as const;
export type ShulginRating = (typeof shulginRatings)[number];

const shulginSpellings: Readonly<Record<string, ShulginRating>> = {
  "+/-": "±",
  "+-": "±",
  "-/+": "±",
  "plus-minus": "±",
  "−": "-",
  minus: "-",
};

/** Reads a Shulgin rating as other journals write it ("+/-", "++"); undefined if it is not one. */
export function readShulginRating(text: string): ShulginRating | undefined {
  const key = text.trim().toLowerCase().replace(/\s+/gu, "");
  return (shulginRatings as readonly string[]).includes(key)
    ? (key as ShulginRating)
    : shulginSpellings[key];
}

const Rating = z.nullable(z.int().check(z.gte(0), z.lte(10)));
const checkInFields = {
  mood: Rating,
  energy: Rating,
  focus: Rating,
  anxiety: Rating,
  sleep: Rating,
  effects: z.nullable(z.string().check(z.maxLength(5000))),
  afterEffects: z.nullable(z.string().check(z.maxLength(5000))),
  note: Note,
  shulgin: z.nullable(z.enum(shulginRatings)),
};
export const CheckIn = z.strictObject({ ...eventFields, ...checkInFields });
export type CheckIn = z.infer<typeof CheckIn>;
export const CheckInInput = z.strictObject({ ...eventInputFields, ...checkInFields });
export type CheckInInput = z.infer<typeof CheckInInput>;

// ── symptom reports ─────────────────────────────────────────────────────────────────────

export const ChecklistIdSchema = z.enum(checklistIds);

const symptomsBelongToChecklist = <
  T extends { checklist: (typeof checklistIds)[number]; symptoms: string[] },
>() =>
  crossCheck<T>(
    (r) => {
      const ids = new Set(getChecklist(r.checklist).items.map((i) => i.id));
      return r.symptoms.every((s) => ids.has(s)) && new Set(r.symptoms).size === r.symptoms.length;
    },
    { error: "must be item ids of the checklist, each once", path: ["symptoms"] },
  );

/** The items of one checklist the person answered yes; an empty list means "none of these". */
const symptomReportFields = {
  checklist: ChecklistIdSchema,
  symptoms: z.array(Text(40)).check(z.maxLength(20)),
  note: Note,
};
export const SymptomReport = z
  .strictObject({ ...eventFields, ...symptomReportFields })
  .check(symptomsBelongToChecklist());
export type SymptomReport = z.infer<typeof SymptomReport>;
export const SymptomReportInput = z
  .strictObject({ ...eventInputFields, ...symptomReportFields })
  .check(symptomsBelongToChecklist());
export type SymptomReportInput = z.infer<typeof SymptomReportInput>;

// ── blood pressure ──────────────────────────────────────────────────────────────────────

// Plausibility bounds against typos (like body weight's 30–300 kg), not clinical limits.
const bloodPressureFields = {
  systolicMmHg: z.int().check(z.gte(50), z.lte(300)),
  diastolicMmHg: z.int().check(z.gte(20), z.lte(200)),
  pulseBpm: z.nullable(z.int().check(z.gte(20), z.lte(300))),
};
const systolicAboveDiastolic = <T extends { systolicMmHg: number; diastolicMmHg: number }>() =>
  crossCheck<T>((bp) => bp.systolicMmHg > bp.diastolicMmHg, {
    error: "must be higher than diastolicMmHg (the first number is the higher one)",
    path: ["systolicMmHg"],
  });
export const BloodPressure = z
  .strictObject({ ...eventFields, ...bloodPressureFields })
  .check(systolicAboveDiastolic());
export type BloodPressure = z.infer<typeof BloodPressure>;
export const BloodPressureInput = z
  .strictObject({ ...eventInputFields, ...bloodPressureFields })
  .check(systolicAboveDiastolic());
export type BloodPressureInput = z.infer<typeof BloodPressureInput>;

// ── screenings ──────────────────────────────────────────────────────────────────────────

export const QuestionnaireIdSchema = z.enum(questionnaireIds);

/** Answers fit the questionnaire: one per item, each on its scale. */
function answersFit(instrument: (typeof questionnaireIds)[number], answers: number[]): boolean {
  try {
    scoreInstrument(instrument, answers);
    return true;
  } catch {
    return false;
  }
}

/** A scored questionnaire (PHQ-9, GAD-7, PHQ-2, GAD-2). Checklists are symptom reports. */
export const Screening = z
  .strictObject({
    ...eventFields,
    instrument: QuestionnaireIdSchema,
    answers: z.array(z.int()).check(z.maxLength(30)),
    total: z.int().check(z.gte(0)),
    band: Text(40),
    crisis: z.boolean(),
  })
  .check(
    z.refine((s) => answersFit(s.instrument, s.answers), {
      error: "must be one answer per item, each on the questionnaire's scale",
      path: ["answers"],
    }),
    z.refine(
      (s) => {
        if (!answersFit(s.instrument, s.answers)) return true; // reported on `answers`
        const scored = scoreInstrument(s.instrument, s.answers);
        return scored.total === s.total && scored.band === s.band && scored.crisis === s.crisis;
      },
      { error: "total, band and crisis must be those the answers give", path: ["total"] },
    ),
  );
export type Screening = z.infer<typeof Screening>;
/** What a person submits; total, band and crisis are scored from the answers. */
export const ScreeningInput = z
  .strictObject({
    ...eventInputFields,
    instrument: QuestionnaireIdSchema,
    answers: z.array(z.int()).check(z.maxLength(30)),
  })
  .check(
    z.refine((s) => answersFit(s.instrument, s.answers), {
      error: "must be one answer per item, each on the questionnaire's scale",
      path: ["answers"],
    }),
  );
export type ScreeningInput = z.infer<typeof ScreeningInput>;

/** The stored fields of a screening, scored from its input (all but `id`). */
export function scoreScreeningInput(input: ScreeningInput): Omit<Screening, "id"> {
  const scored = scoreInstrument(input.instrument, input.answers);
  return {
    at: input.at,
    timeZone: input.timeZone,
    instrument: input.instrument,
    answers: [...input.answers],
    total: scored.total,
    band: scored.band,
    crisis: scored.crisis,
  };
}

// ── plans ───────────────────────────────────────────────────────────────────────────────

/** A stored plan: what the person planned (src/core/schemas/plan.ts), with its life span. */
export const Plan = z.extend(PlanInput, {
  id: RecordId,
  createdAt: Instant,
  endedAt: z.nullable(Instant),
});
export type Plan = z.infer<typeof Plan>;
