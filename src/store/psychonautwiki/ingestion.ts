/**
 * One PsychonautWiki Journal ingestion → a Titrate record, honestly:
 *
 * - someone else's (it has a consumerName): skipped, and counted;
 * - a catalog substance (ketamine, LSD, psilocybin, mushrooms, under the names people use)
 *   by a route Titrate records for it: a **dose**. A mass unit (mg, µg/ug/mcg, g) is kept as
 *   written; a missing dose, a dose of 0 or a unit that is not a mass (ml, sprays, tabs)
 *   gives a dose whose amount is **unknown** (null), with what the file said in its note, so
 *   the rules still see that a dose was taken and nothing is invented;
 * - anything else, and a catalog substance by a route Titrate does not record for it (smoked
 *   ketamine, insufflated LSD): an **other substance** entry with the name, amount, unit and
 *   route as written, which the combination rule reads.
 *
 * An estimate stays one (`isEstimate`; an other substance says so in its note). Times are the
 * file's UTC instants; the zone is the profile's, since the file names none.
 */
import { Temporal } from "temporal-polyfill";
import type {
  ExportedDose,
  ExportedNote,
  ExportedOtherSubstance,
} from "../../core/schemas/export.ts";
import {
  type PsychonautWikiCustomUnit,
  type PsychonautWikiIngestion,
  type PsychonautWikiRoute,
  readPsychonautWikiRoute,
  readStomachFullness,
} from "../../core/schemas/psychonautwiki.ts";
import { findSubstance } from "../../core/substances/catalog.ts";
import type { RouteId, Substance, SubstanceId } from "../../core/substances/substance.ts";
import { formatInstant, localDateTimeText } from "../../core/time.ts";
import { formatNumber, type MassUnit, parseQuantity } from "../../core/units.ts";
import { newId } from "../ids.ts";
import type { EntryReason } from "../import-summary.ts";
import type { Fingerprints } from "./fingerprint.ts";

/** PsychonautWiki routes → Titrate routes; null: Titrate records no such route. */
const routeMap: Readonly<Record<PsychonautWikiRoute, RouteId | null>> = {
  ORAL: "oral",
  SUBLINGUAL: "sublingual",
  BUCCAL: "sublingual", // between gum and cheek: Titrate counts lozenges and wafers as sublingual
  INSUFFLATED: "insufflated",
  INTRAMUSCULAR: "intramuscular",
  INTRAVENOUS: "intravenous",
  RECTAL: null,
  TRANSDERMAL: null,
  SUBCUTANEOUS: null,
  SMOKED: null,
  INHALED: null,
};

/** Titrate's limits on an other-substance entry and a note (src/core/schemas/journal.ts). */
const NAME_MAX = 100;
const UNIT_MAX = 20;
const NOTE_MAX = 5000;

export interface IngestionContext {
  readonly timeZone: string;
  /** When the import runs (each record's `createdAt`). */
  readonly createdAt: string;
  readonly customUnits: ReadonlyMap<number, PsychonautWikiCustomUnit>;
  readonly fingerprints: Fingerprints;
}

interface Common {
  /** `experiences[2].ingestions[0]`. */
  readonly path: string;
  /** The substance as the file names it. */
  readonly name: string;
  /** Why it was not imported as a dose with a known amount; null when it was. */
  readonly reason: EntryReason | null;
  /** The reason in words. */
  readonly message: string;
}

export type MappedIngestion =
  | (Common & {
      readonly kind: "dose";
      readonly catalogId: SubstanceId;
      readonly record: ExportedDose;
      /** The ingestion's own note, when it does not fit in a dose's note. */
      readonly overflow: ExportedNote | null;
    })
  | (Common & {
      readonly kind: "other-substance";
      readonly catalogId: null;
      readonly record: ExportedOtherSubstance;
      readonly overflow: ExportedNote | null;
    })
  | (Common & { readonly kind: "skipped"; readonly catalogId: null });

/** Maps one ingestion (already validated) to what Titrate keeps of it. */
export function mapIngestion(
  ingestion: PsychonautWikiIngestion,
  path: string,
  context: IngestionContext,
): MappedIngestion {
  const name = ingestion.substanceName.trim();
  const consumer = ingestion.consumerName?.trim() ?? "";
  if (consumer !== "") {
    return {
      kind: "skipped",
      path,
      name,
      catalogId: null,
      reason: "someone-else",
      message: `logged for ${consumer}, not for you: not imported as your dose`,
    };
  }
  const at = formatInstant(Temporal.Instant.fromEpochMilliseconds(ingestion.time));
  const fingerprint = context.fingerprints.next("ingestion", [name, ingestion.time]);
  const route = readPsychonautWikiRoute(ingestion.administrationRoute) as PsychonautWikiRoute;
  const titrateRoute = routeMap[route];
  const substance = findSubstance(name);
  const meta = {
    at,
    timeZone: context.timeZone,
    source: "psychonautwiki",
    createdAt: context.createdAt,
  };
  const extras = extraLines(ingestion, context);

  if (substance && titrateRoute && substance.routes.some((r) => r.route === titrateRoute)) {
    const amount = doseAmount(ingestion, substance, context);
    const lines = [...extras, ...(amount.line ? [amount.line] : [])];
    const { note, overflow } = fitNote(ingestion.notes, lines, fingerprint, meta, name, context);
    return {
      kind: "dose",
      path,
      name,
      catalogId: substance.id,
      reason: amount.reason,
      message: amount.message,
      overflow,
      record: {
        id: newId("doses"),
        ...meta,
        fingerprint,
        substance: substance.id,
        amount: amount.amount,
        unit: amount.unit,
        route: titrateRoute,
        batchId: null,
        planId: null,
        // A count of a custom unit whose amount is an estimate is an estimate too.
        isEstimate:
          ingestion.isDoseAnEstimate || customUnitOf(ingestion, context)?.isEstimate === true,
        note,
      },
    };
  }

  const reason: EntryReason = !substance
    ? "not-in-catalog"
    : titrateRoute
      ? "route-not-for-substance"
      : "route-not-in-titrate";
  const message = !substance
    ? "not in Titrate's catalog: kept as an other substance, which the combination rule reads"
    : titrateRoute
      ? `Titrate does not record ${substance.name} taken ${titrateRoute} (it records ${substance.routes.map((r) => r.route).join(", ")}): kept as an other substance`
      : `Titrate has no ${route.toLowerCase()} route: kept as an other substance`;
  const other = otherAmount(ingestion, context);
  const longName = name.length > NAME_MAX;
  const lines = [
    ...(longName ? [`Substance: ${name}`] : []),
    ...(ingestion.isDoseAnEstimate && other.amount !== null ? ["The amount is an estimate."] : []),
    ...extras,
    ...(other.line ? [other.line] : []),
  ];
  const { note, overflow } = fitNote(ingestion.notes, lines, fingerprint, meta, name, context);
  return {
    kind: "other-substance",
    path,
    name,
    catalogId: null,
    reason,
    message,
    overflow,
    record: {
      id: newId("other_substances"),
      ...meta,
      fingerprint,
      name: longName ? `${name.slice(0, NAME_MAX - 1)}…` : name,
      amount: other.amount,
      unit: other.unit,
      route: route.toLowerCase(),
      note,
    },
  };
}

/** A mass unit as written (`mg`, `µg`, `ug`, `mcg`, `g`); undefined for anything else. */
export function readMassUnit(text: string | null | undefined): MassUnit | undefined {
  const unit = text?.trim() ?? "";
  if (unit === "") return undefined;
  try {
    return parseQuantity(`1${unit}`, "mass", "units").unit;
  } catch {
    return undefined;
  }
}

/** Multiplies without binary tails (3 × 0.1 = 0.3, not 0.30000000000000004). */
function times(a: number, b: number): number {
  return Number((a * b).toPrecision(12));
}

interface Amount {
  readonly amount: number | null;
  readonly unit: MassUnit;
  readonly reason: EntryReason | null;
  readonly message: string;
  /** What the file said, when it could not become the amount. */
  readonly line: string | null;
}

function doseAmount(
  ingestion: PsychonautWikiIngestion,
  substance: Substance,
  context: IngestionContext,
): Amount {
  const unknown = (reason: EntryReason, message: string, line: string | null = null): Amount => ({
    amount: null,
    unit: substance.unit,
    reason,
    message: `${message}: imported as a ${substance.name} dose of unknown amount`,
    line,
  });
  const dose = ingestion.dose ?? null;
  if (dose === null) return unknown("no-dose", "no dose in the file");
  if (dose === 0) return unknown("zero-dose", "the file says 0", "The file gives a dose of 0.");
  const custom = customUnitOf(ingestion, context);
  if (custom) {
    if (custom.dose === null || custom.dose === undefined) {
      return unknown(
        "custom-unit-without-dose",
        `custom unit "${custom.name}" has no amount per unit`,
      );
    }
    const unit = readMassUnit(custom.originalUnit);
    if (!unit) {
      return unknown(
        "unit-not-a-mass",
        `custom unit "${custom.name}" is in "${custom.originalUnit}", not a mass`,
      );
    }
    return { amount: times(dose, custom.dose), unit, reason: null, message: "", line: null };
  }
  const unit = readMassUnit(ingestion.units);
  if (!unit) {
    const written = `${formatNumber(dose, 6)}${ingestion.units?.trim() ? ` ${ingestion.units.trim()}` : ""}`;
    return unknown(
      "unit-not-a-mass",
      ingestion.units?.trim()
        ? `"${ingestion.units.trim()}" is not a mass Titrate converts`
        : "the dose has no unit",
      `In PsychonautWiki Journal: ${written}.`,
    );
  }
  return { amount: dose, unit, reason: null, message: "", line: null };
}

/** An other substance's amount and unit as written (a custom unit multiplied out). */
function otherAmount(
  ingestion: PsychonautWikiIngestion,
  context: IngestionContext,
): { amount: number | null; unit: string | null; line: string | null } {
  const dose = ingestion.dose ?? null;
  const custom = customUnitOf(ingestion, context);
  let amount = dose;
  let unit = ingestion.units?.trim() || null;
  if (custom && dose !== null) {
    amount = custom.dose === null || custom.dose === undefined ? null : times(dose, custom.dose);
    unit = amount === null ? null : custom.originalUnit.trim() || null;
  }
  if (amount === 0) return { amount: null, unit: null, line: "The file gives a dose of 0." };
  if (unit !== null && unit.length > UNIT_MAX) {
    return {
      amount: null,
      unit: null,
      line: `In PsychonautWiki Journal: ${amount === null ? "" : `${formatNumber(amount, 6)} `}${unit}.`,
    };
  }
  return { amount, unit: amount === null ? null : unit, line: null };
}

function customUnitOf(
  ingestion: PsychonautWikiIngestion,
  context: IngestionContext,
): PsychonautWikiCustomUnit | undefined {
  const id = ingestion.customUnitId;
  return id === null || id === undefined ? undefined : context.customUnits.get(id);
}

/** What the file says beyond the dose: stomach, spread of an estimate, end time, custom unit. */
function extraLines(ingestion: PsychonautWikiIngestion, context: IngestionContext): string[] {
  const lines: string[] = [];
  const sd = ingestion.estimatedDoseStandardDeviation;
  const unitText = ingestion.units?.trim() ?? "";
  if (sd !== null && sd !== undefined && sd > 0) {
    lines.push(`Estimated, give or take ${formatNumber(sd, 6)}${unitText ? ` ${unitText}` : ""}.`);
  }
  const custom = customUnitOf(ingestion, context);
  if (custom && ingestion.dose !== null && ingestion.dose !== undefined) {
    const count = ingestion.dose;
    const units = count === 1 ? custom.unit : (custom.unitPlural ?? custom.unit);
    const each =
      custom.dose === null || custom.dose === undefined
        ? "amount per unit unknown"
        : `${formatNumber(custom.dose, 6)} ${custom.originalUnit} each${custom.isEstimate ? " (an estimate)" : ""}`;
    lines.push(`Custom unit "${custom.name}": ${formatNumber(count, 6)} ${units}, ${each}.`);
  }
  if (ingestion.stomachFullness) {
    lines.push(`Stomach: ${readStomachFullness(ingestion.stomachFullness)}.`);
  }
  if (ingestion.endTime !== null && ingestion.endTime !== undefined) {
    const end = formatInstant(Temporal.Instant.fromEpochMilliseconds(ingestion.endTime));
    lines.push(`Taken until ${localDateTimeText(end, context.timeZone)}.`);
  }
  return lines;
}

/**
 * The record's note: the person's own words first, then what Titrate adds. When that does not
 * fit a record's note (5000 characters), the person's words become a note on the day instead.
 */
function fitNote(
  own: string | null | undefined,
  lines: readonly string[],
  fingerprint: string,
  meta: { at: string; timeZone: string; source: string; createdAt: string },
  name: string,
  context: IngestionContext,
): { note: string | null; overflow: ExportedNote | null } {
  const words = own?.trim() ?? "";
  const joined = [words, ...lines].filter((l) => l !== "").join("\n");
  if (joined.length <= NOTE_MAX) return { note: joined === "" ? null : joined, overflow: null };
  const overflow: ExportedNote = {
    id: newId("notes"),
    ...meta,
    fingerprint: context.fingerprints.next("ingestion-note", [fingerprint]),
    text: `Note on ${name} (${localDateTimeText(meta.at, context.timeZone)}):\n${words}`,
  };
  const pointer = "Your note on this entry is in this day's notes (too long for here).";
  const note = [pointer, ...lines].join("\n").slice(0, NOTE_MAX);
  return { note, overflow };
}
