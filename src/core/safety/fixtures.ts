/**
 * Journal builders for the rules' tests: valid records with sensible defaults (a 70 kg
 * person in London taking 7 mg of ketamine by nasal spray), checked against the journal
 * schemas so a test cannot build a record the store would refuse.
 */
import { Temporal } from "temporal-polyfill";
import { scoreInstrument } from "../questionnaires/score.ts";
import {
  Batch,
  BloodPressure,
  CheckIn,
  Dose,
  Medication,
  OtherSubstance,
  Plan,
  Profile,
  Screening,
  SymptomReport,
} from "../schemas/journal.ts";
import { parseWith } from "../schemas/validate.ts";
import type { Finding } from "./finding.ts";
import { viewJournal } from "./journal-view.ts";
import type { SafetyRule } from "./rule.ts";
import type { JournalSnapshot } from "./snapshot.ts";

export const NOW = "2026-03-22T12:00:00Z";
const ZONE = "Europe/London";

let counter = 0;
const nextId = (prefix: string) => `${prefix}${++counter}`;

export const defaultProfile: Profile = {
  weightKg: 70,
  units: "metric",
  timeZone: ZONE,
  conditions: [],
  country: "GB",
  emergencyNumber: null,
  helpline: null,
};

type SnapshotParts = Partial<Omit<JournalSnapshot, "now" | "profile">> & {
  readonly now?: string;
  readonly profile?: Partial<Profile>;
};

/** A snapshot with `now` (default NOW), the default profile, and the given records. */
export function journal(parts: SnapshotParts = {}): JournalSnapshot {
  return {
    now: Temporal.Instant.from(parts.now ?? NOW),
    profile: parseWith(Profile, { ...defaultProfile, ...parts.profile }),
    medications: parts.medications ?? [],
    plans: parts.plans ?? [],
    doses: parts.doses ?? [],
    otherSubstances: parts.otherSubstances ?? [],
    checkIns: parts.checkIns ?? [],
    symptomReports: parts.symptomReports ?? [],
    bloodPressures: parts.bloodPressures ?? [],
    screenings: parts.screenings ?? [],
    batches: parts.batches ?? [],
  };
}

/** Runs one rule over a snapshot. */
export function evaluate(rule: SafetyRule, snapshot: JournalSnapshot): Finding[] {
  return rule.evaluate(viewJournal(snapshot));
}

export function dose(at: string, fields: Partial<Dose> = {}): Dose {
  return parseWith(Dose, {
    id: nextId("dose"),
    at,
    timeZone: ZONE,
    substance: "ketamine",
    amount: 7,
    unit: "mg",
    route: "nasal",
    batchId: null,
    planId: null,
    isEstimate: false,
    note: null,
    ...fields,
  });
}

export function other(at: string, name: string, fields: Partial<OtherSubstance> = {}) {
  return parseWith(OtherSubstance, {
    id: nextId("other"),
    at,
    timeZone: ZONE,
    name,
    amount: null,
    unit: null,
    route: null,
    note: null,
    ...fields,
  });
}

export function report(
  at: string,
  checklist: SymptomReport["checklist"],
  symptoms: string[],
  fields: Partial<SymptomReport> = {},
): SymptomReport {
  return parseWith(SymptomReport, {
    id: nextId("report"),
    at,
    timeZone: ZONE,
    checklist,
    symptoms,
    note: null,
    ...fields,
  });
}

export function bloodPressure(
  at: string,
  systolicMmHg: number,
  diastolicMmHg: number,
  fields: Partial<BloodPressure> = {},
): BloodPressure {
  return parseWith(BloodPressure, {
    id: nextId("bp"),
    at,
    timeZone: ZONE,
    systolicMmHg,
    diastolicMmHg,
    pulseBpm: null,
    ...fields,
  });
}

export function screening(
  at: string,
  instrument: Screening["instrument"],
  answers: number[],
  fields: Partial<Screening> = {},
): Screening {
  const scored = scoreInstrument(instrument, answers);
  return parseWith(Screening, {
    id: nextId("screening"),
    at,
    timeZone: ZONE,
    instrument,
    answers,
    total: scored.total,
    band: scored.band,
    crisis: scored.crisis,
    ...fields,
  });
}

export function checkIn(at: string, fields: Partial<CheckIn> = {}): CheckIn {
  return parseWith(CheckIn, {
    id: nextId("checkin"),
    at,
    timeZone: ZONE,
    mood: null,
    energy: null,
    focus: null,
    anxiety: null,
    sleep: null,
    effects: null,
    afterEffects: null,
    note: null,
    shulgin: null,
    ...fields,
  });
}

export function batch(fields: Partial<Batch> = {}): Batch {
  return parseWith(Batch, {
    id: nextId("batch"),
    substance: "ketamine",
    label: "Bottle A",
    form: "powder",
    concentrationMgPerMl: null,
    mlPerSpray: null,
    purityPercent: null,
    createdAt: "2026-03-01T10:00:00Z",
    reagentTests: [],
    ...fields,
  });
}

export function medication(
  name: string,
  addedAt: string,
  fields: Partial<Medication> = {},
): Medication {
  return parseWith(Medication, { id: nextId("med"), name, addedAt, endedAt: null, ...fields });
}

export function plan(fields: Partial<Plan> = {}): Plan {
  return parseWith(Plan, {
    id: nextId("plan"),
    substance: "ketamine",
    target: { amount: 7, unit: "mg" },
    protocol: { kind: "every-n-days", intervalDays: 7 },
    cycle: { weeksOn: 4, weeksOff: 2 },
    startDate: "2026-03-01",
    localTime: "09:00",
    timeZone: ZONE,
    end: { kind: "count", count: 12 },
    acceptRisk: false,
    createdAt: "2026-03-01T08:00:00Z",
    endedAt: null,
    ...fields,
  });
}
