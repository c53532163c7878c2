/**
 * Logging: doses, other substances, check-ins, symptom reports, blood pressure, screenings.
 * Each entry is validated with its core schema, written in one transaction, and returned
 * with the findings it brought (record.ts). The CLI and the API call these.
 */
import type { Temporal } from "temporal-polyfill";
import { type DoseAmount, type Measured, resolveDoseAmount } from "../../core/dose-amount.ts";
import { TitrateError } from "../../core/errors.ts";
import {
  type BloodPressure,
  BloodPressureInput,
  type CheckIn,
  CheckInInput,
  type Dose,
  DoseInput,
  type OtherSubstance,
  OtherSubstanceInput,
  type Screening,
  ScreeningInput,
  type SymptomReport,
  SymptomReportInput,
  scoreScreeningInput,
} from "../../core/schemas/journal.ts";
import { parseWith } from "../../core/schemas/validate.ts";
import { findSubstanceInText, getRoute, getSubstance } from "../../core/substances/catalog.ts";
import { normaliseInstant } from "../../core/time.ts";
import { newId } from "../ids.ts";
import { getBatch } from "../repos/batches.ts";
import {
  bloodPressures,
  checkIns,
  doses,
  otherSubstances,
  screenings,
  symptomReports,
} from "../repos/events.ts";
import { getPreset } from "../repos/presets.ts";
import type { Store } from "../store.ts";
import { entryTime, type Recorded, recordEvent, type WriteContext } from "./record.ts";

/** What a person says about a dose they took. Anything left out comes from the preset, batch or plan. */
export interface DoseRequest {
  readonly substance?: string | undefined;
  /** How much: an amount, a volume or sprays of the batch; `unknown` keeps the amount null. */
  readonly measured?: Measured | { readonly kind: "unknown" } | undefined;
  readonly preset?: string | undefined;
  readonly batch?: string | undefined;
  readonly route?: string | undefined;
  readonly at?: Temporal.Instant | string | undefined;
  readonly isEstimate?: boolean | undefined;
  readonly note?: string | null | undefined;
}

export interface LoggedDose extends Recorded<Dose> {
  /** How the amount was worked out, and the active amount at a measured purity. */
  readonly amount: DoseAmount | null;
}

/**
 * Records a dose already taken, always (however high or soon), with the findings it brings.
 * The substance comes from the request, the preset, the batch, or the one active plan.
 */
export async function logDose(
  store: Store,
  userId: string,
  request: DoseRequest,
  now: Temporal.Instant,
): Promise<LoggedDose> {
  let amount: DoseAmount | null = null;
  const recorded = await recordEvent(store, userId, doses, now, async (context) => {
    const resolved = await resolveDose(context, userId, request, now);
    amount = resolved.amount;
    return { ...resolved.dose, id: newId("doses") };
  });
  return { ...recorded, amount };
}

export interface ResolvedDose {
  /** The dose as it would be stored, without its id; `at` canonical UTC. */
  readonly dose: Omit<Dose, "id">;
  readonly amount: DoseAmount | null;
}

/**
 * Works out the dose a request describes, inside the caller's transaction: the substance
 * (from the request, preset, batch or the one active plan), the amount in the substance's
 * unit (through the batch for a volume or sprays), the route and the plan. Refuses what
 * cannot be worked out (BATCH_MISMATCH, BATCH_REQUIRED, NOT_FOUND…); never judges the amount:
 * that is for the safety rules.
 */
export async function resolveDose(
  { tx, profile, snapshot }: WriteContext,
  userId: string,
  request: DoseRequest,
  now: Temporal.Instant,
): Promise<ResolvedDose> {
  const preset = request.preset === undefined ? null : await getPreset(tx, userId, request.preset);
  const batchRef = request.batch ?? preset?.batchId ?? undefined;
  const batch = batchRef === undefined ? null : await getBatch(tx, userId, batchRef);
  const activePlans = snapshot.plans.filter((p) => p.endedAt === null);
  const substanceName =
    request.substance ??
    preset?.substance ??
    batch?.substance ??
    (activePlans.length === 1 ? activePlans[0]?.substance : undefined);
  if (substanceName === undefined) {
    throw new TitrateError(
      "CLI_MISSING_OPTION",
      "substance: which substance was it? Name the substance (or a batch or preset that says)",
      "substance",
    );
  }
  const substance = getSubstance(substanceName);
  if (batch && batch.substance !== substance.id) {
    throw new TitrateError(
      "BATCH_MISMATCH",
      `batch: "${batch.label}" holds ${batch.substance}, not ${substance.id}`,
      "batch",
    );
  }
  const measured = request.measured ?? presetMeasure(preset);
  if (measured === undefined) {
    throw new TitrateError(
      "CLI_MISSING_OPTION",
      "amount: how much? Give an amount (7mg), a volume or sprays of a batch, or a preset",
      "amount",
    );
  }
  const amount = measured.kind === "unknown" ? null : resolveDoseAmount(substance, measured, batch);
  const routeName =
    request.route ?? preset?.route ?? (batch?.form === "spray" ? "nasal" : substance.defaultRoute);
  const route = getRoute(substance, routeName).route;
  const at = entryTime(request.at, now);
  const plan = activePlans.find((p) => p.substance === substance.id);
  const input = parseWith(DoseInput, {
    at,
    timeZone: profile.timeZone,
    substance: substance.id,
    amount: amount?.amount ?? null,
    unit: substance.unit,
    route,
    batchId: batch?.id ?? null,
    planId: plan?.id ?? null,
    isEstimate: request.isEstimate ?? false,
    note: emptyToNull(request.note),
  });
  return { dose: { ...input, at: normaliseInstant(input.at) }, amount };
}

function presetMeasure(preset: Awaited<ReturnType<typeof getPreset>> | null): Measured | undefined {
  if (!preset) return undefined;
  if (preset.amount !== null) return { kind: "amount", amount: preset.amount, unit: preset.unit };
  if (preset.volumeMl !== null) return { kind: "volume", volumeMl: preset.volumeMl };
  if (preset.sprays !== null) return { kind: "sprays", sprays: preset.sprays };
  return undefined;
}

function emptyToNull(text: string | null | undefined): string | null {
  return text === undefined || text === null || text.trim() === "" ? null : text;
}

/** The fields every other entry takes from the request and the profile. */
type Timed = { readonly at?: Temporal.Instant | string | undefined };

/**
 * Refuses a catalog substance logged as "another substance" ("ketamine 5mg", "esketamine",
 * "Ketamine (K)"): there no dose rule would see it (ceiling, interval, combinations), so it
 * belongs in a dose (OTHER_SUBSTANCE_IN_CATALOG, naming `name`).
 */
export function refuseCatalogSubstance(name: string): void {
  const substance = findSubstanceInText(name);
  if (!substance) return;
  throw new TitrateError(
    "OTHER_SUBSTANCE_IN_CATALOG",
    `name: "${name.trim()}" is ${substance.name === substance.name.toUpperCase() ? substance.name : substance.name.toLowerCase()}, which Titrate doses and checks: log it as a dose (titrate log dose <amount> --substance ${substance.id}, or Log a dose in the app), so its ceiling, interval and combinations are checked. Other substances are for alcohol, medicines and the like.`,
    "name",
  );
}

export async function logOtherSubstance(
  store: Store,
  userId: string,
  request: Timed & {
    name: string;
    amount?: number | null;
    unit?: string | null;
    route?: string | null;
    note?: string | null;
  },
  now: Temporal.Instant,
): Promise<Recorded<OtherSubstance>> {
  refuseCatalogSubstance(request.name);
  return recordEvent(store, userId, otherSubstances, now, ({ profile }) => {
    const input = parseWith(OtherSubstanceInput, {
      at: entryTime(request.at, now),
      timeZone: profile.timeZone,
      name: request.name.trim(),
      amount: request.amount ?? null,
      unit: emptyToNull(request.unit),
      route: emptyToNull(request.route),
      note: emptyToNull(request.note),
    });
    return { ...input, id: newId("other_substances"), at: normaliseInstant(input.at) };
  });
}

export type CheckInRequest = Timed & Partial<Omit<CheckIn, "id" | "at" | "timeZone">>;

export async function logCheckIn(
  store: Store,
  userId: string,
  request: CheckInRequest,
  now: Temporal.Instant,
): Promise<Recorded<CheckIn>> {
  return recordEvent(store, userId, checkIns, now, ({ profile }) => {
    const input = parseWith(CheckInInput, {
      at: entryTime(request.at, now),
      timeZone: profile.timeZone,
      mood: request.mood ?? null,
      energy: request.energy ?? null,
      focus: request.focus ?? null,
      anxiety: request.anxiety ?? null,
      sleep: request.sleep ?? null,
      effects: emptyToNull(request.effects),
      afterEffects: emptyToNull(request.afterEffects),
      note: emptyToNull(request.note),
      shulgin: request.shulgin ?? null,
    });
    return { ...input, id: newId("check_ins"), at: normaliseInstant(input.at) };
  });
}

export async function logSymptoms(
  store: Store,
  userId: string,
  request: Timed & { checklist: string; symptoms: readonly string[]; note?: string | null },
  now: Temporal.Instant,
): Promise<Recorded<SymptomReport>> {
  return recordEvent(store, userId, symptomReports, now, ({ profile }) => {
    const input = parseWith(SymptomReportInput, {
      at: entryTime(request.at, now),
      timeZone: profile.timeZone,
      checklist: request.checklist,
      symptoms: [...request.symptoms],
      note: emptyToNull(request.note),
    });
    return { ...input, id: newId("symptom_reports"), at: normaliseInstant(input.at) };
  });
}

export async function logBloodPressure(
  store: Store,
  userId: string,
  request: Timed & { systolicMmHg: number; diastolicMmHg: number; pulseBpm?: number | null },
  now: Temporal.Instant,
): Promise<Recorded<BloodPressure>> {
  return recordEvent(store, userId, bloodPressures, now, ({ profile }) => {
    const input = parseWith(BloodPressureInput, {
      at: entryTime(request.at, now),
      timeZone: profile.timeZone,
      systolicMmHg: request.systolicMmHg,
      diastolicMmHg: request.diastolicMmHg,
      pulseBpm: request.pulseBpm ?? null,
    });
    return { ...input, id: newId("blood_pressures"), at: normaliseInstant(input.at) };
  });
}

/** Scores and stores a questionnaire (PHQ-9, GAD-7, PHQ-2, GAD-2). */
export async function logScreening(
  store: Store,
  userId: string,
  request: Timed & { instrument: string; answers: readonly number[] },
  now: Temporal.Instant,
): Promise<Recorded<Screening>> {
  return recordEvent(store, userId, screenings, now, ({ profile }) => {
    const input = parseWith(ScreeningInput, {
      at: entryTime(request.at, now),
      timeZone: profile.timeZone,
      instrument: request.instrument,
      answers: [...request.answers],
    });
    const scored = scoreScreeningInput(input);
    return { ...scored, id: newId("screenings"), at: normaliseInstant(scored.at) };
  });
}
