/**
 * The snapshot prepared once for all rules: every list sorted by time, every instant parsed
 * to epoch milliseconds, doses grouped by substance with amounts in the substance's unit,
 * and local dates computed once and cached. Rules then walk sorted lists or binary-search
 * them, so a run over years of records stays linear (plus n log n for the sort).
 */
import type {
  BloodPressure,
  CheckIn,
  Dose,
  OtherSubstance,
  Plan,
  Screening,
  SymptomReport,
} from "../schemas/journal.ts";
import { findSubstance } from "../substances/catalog.ts";
import type { Substance, SubstanceId } from "../substances/substance.ts";
import { convert } from "../units.ts";
import { amountText, groupBy, substanceText } from "./format.ts";
import type { JournalSnapshot } from "./snapshot.ts";
import { epochDay, instantMs, instantText, localDateTime } from "./time-math.ts";
import { ONE_OFF_FINDING_MS } from "./windows.ts";

export interface Timed<T> {
  readonly record: T;
  /** `record.at` in epoch milliseconds. */
  readonly ms: number;
}

export interface DoseEntry extends Timed<Dose> {
  readonly substance: Substance;
  /** The amount in the substance's unit (mg, µg or g); null when unknown. */
  readonly amount: number | null;
}

export interface JournalView {
  readonly snapshot: JournalSnapshot;
  readonly nowMs: number;
  /** Every dose of a catalog substance, oldest first. */
  readonly doses: readonly DoseEntry[];
  readonly dosesBySubstance: ReadonlyMap<SubstanceId, readonly DoseEntry[]>;
  readonly otherSubstances: readonly Timed<OtherSubstance>[];
  readonly checkIns: readonly Timed<CheckIn>[];
  readonly symptomReports: readonly Timed<SymptomReport>[];
  readonly bloodPressures: readonly Timed<BloodPressure>[];
  readonly screenings: readonly Timed<Screening>[];
  readonly plansById: ReadonlyMap<string, Plan>;
  /** Substances with a dose or a plan: the ones the person uses or means to. */
  readonly substancesInUse: ReadonlySet<SubstanceId>;
  /** The local date (`YYYY-MM-DD`) of an instant in a zone; cached. */
  localDate(ms: number, timeZone: string): string;
  /** The local date and time (`YYYY-MM-DD HH:MM`) of an instant in a zone, for messages. */
  localText(ms: number, timeZone: string): string;
  /** Calendar days from the local date of `fromMs` to that of `toMs`, both read in `timeZone`. */
  calendarDays(fromMs: number, toMs: number, timeZone: string): number;
}

function timed<T extends { readonly id: string; readonly at: string }>(
  records: readonly T[],
): Timed<T>[] {
  return records
    .map((record) => ({ record, ms: instantMs(record.at) }))
    .sort((a, b) => a.ms - b.ms || a.record.id.localeCompare(b.record.id));
}

/** Prepares `snapshot` for the rules (sorts and parses once). */
export function viewJournal(snapshot: JournalSnapshot): JournalView {
  const doses: DoseEntry[] = [];
  for (const { record, ms } of timed(snapshot.doses)) {
    const substance = findSubstance(record.substance);
    if (!substance) continue; // not in the catalog: no rule can judge it
    const amount =
      record.amount === null ? null : convert(record.amount, record.unit, substance.unit);
    doses.push({ record, ms, substance, amount });
  }
  const dosesBySubstance = new Map<SubstanceId, DoseEntry[]>();
  for (const entry of doses) {
    const list = dosesBySubstance.get(entry.substance.id) ?? [];
    list.push(entry);
    dosesBySubstance.set(entry.substance.id, list);
  }
  const substancesInUse = new Set<SubstanceId>(dosesBySubstance.keys());
  for (const plan of snapshot.plans) {
    const substance = findSubstance(plan.substance);
    if (substance) substancesInUse.add(substance.id);
  }

  const cache = new Map<string, { date: string; time: string }>();
  const local = (ms: number, timeZone: string) => {
    const key = `${ms}|${timeZone}`;
    let value = cache.get(key);
    if (!value) {
      value = localDateTime(ms, timeZone);
      cache.set(key, value);
    }
    return value;
  };

  return {
    snapshot,
    nowMs: snapshot.now.epochMilliseconds,
    doses,
    dosesBySubstance,
    otherSubstances: timed(snapshot.otherSubstances),
    checkIns: timed(snapshot.checkIns),
    symptomReports: timed(snapshot.symptomReports),
    bloodPressures: timed(snapshot.bloodPressures),
    screenings: timed(snapshot.screenings),
    plansById: new Map(snapshot.plans.map((p) => [p.id, p])),
    substancesInUse,
    localDate: (ms, timeZone) => local(ms, timeZone).date,
    localText: (ms, timeZone) => {
      const { date, time } = local(ms, timeZone);
      return `${date} ${time}`;
    },
    calendarDays: (fromMs, toMs, timeZone) =>
      epochDay(local(toMs, timeZone).date) - epochDay(local(fromMs, timeZone).date),
  };
}

/** When the next dose in `list` after index `i` was taken (UTC text), or null if none. */
export function nextDoseAt(list: readonly DoseEntry[], i: number): string | null {
  const next = list[i + 1];
  return next ? instantText(next.ms) : null;
}

/**
 * When a finding about the dose at index `i` of `list` stops being active: at the next dose
 * in the list, or ONE_OFF_FINDING_MS (7 days) after the dose, whichever comes first.
 */
export function oneOffUntil(list: readonly DoseEntry[], i: number): string {
  const entry = list[i] as DoseEntry;
  const next = list[i + 1];
  const cap = entry.ms + ONE_OFF_FINDING_MS;
  return instantText(next ? Math.min(next.ms, cap) : cap);
}

/** "7 mg of ketamine (nasal) on 2026-03-22 09:10", with "(an estimate)" when estimated. */
export function describeDose(journal: JournalView, entry: DoseEntry): string {
  const { record, substance } = entry;
  const amount =
    entry.amount === null ? "an unknown amount" : amountText(entry.amount, substance.unit);
  const estimate = record.isEstimate && entry.amount !== null ? " (an estimate)" : "";
  return `${amount}${estimate} of ${substanceText(substance)} (${record.route}) on ${journal.localText(entry.ms, record.timeZone)}`;
}

/** Doses grouped by the batch they were taken from, oldest first. */
export function dosesByBatch(journal: JournalView): Map<string, DoseEntry[]> {
  return groupBy(
    journal.doses.filter((d) => d.record.batchId !== null),
    (d) => d.record.batchId as string,
  );
}
