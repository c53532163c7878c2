/**
 * The earliest the next dose of a substance may be, after the last dose taken of it or of one
 * cross-tolerant with it (FACTS K-DOSE-2, P-TOL-1): that dose's local time, the catalog's
 * minimum interval later in calendar days, in the dose's own zone (as plans count days).
 */
import { Temporal } from "temporal-polyfill";
import { findSubstance } from "../substances/catalog.ts";
import type { SubstanceId } from "../substances/substance.ts";
import { sharesTolerance, type TakenDose } from "./taken-doses.ts";

export interface EarliestDose<T> {
  /** The last dose counted. */
  readonly lastDose: T;
  /** The last dose plus the minimum interval. */
  readonly earliest: Temporal.Instant;
  readonly minIntervalDays: number;
  readonly facts: readonly string[];
}

/**
 * The earliest next dose of `substance` given the doses `taken` before `before` (all when
 * absent), or null when none counts.
 */
export function earliestNextDose<T extends TakenDose & { readonly timeZone: string }>(
  taken: readonly T[],
  substance: SubstanceId,
  before?: Temporal.Instant,
): EarliestDose<T> | null {
  const entry = findSubstance(substance);
  if (!entry) return null;
  let last: { dose: T; at: Temporal.Instant } | null = null;
  for (const dose of taken) {
    const other = findSubstance(dose.substance);
    if (!other || !sharesTolerance(substance, other.id)) continue;
    const at = Temporal.Instant.from(dose.at);
    if (before && Temporal.Instant.compare(at, before) >= 0) continue;
    if (!last || Temporal.Instant.compare(at, last.at) > 0) last = { dose, at };
  }
  if (!last) return null;
  return {
    lastDose: last.dose,
    earliest: last.at
      .toZonedDateTimeISO(last.dose.timeZone)
      .add({ days: entry.minIntervalDays })
      .toInstant(),
    minIntervalDays: entry.minIntervalDays,
    facts: entry.minIntervalFacts,
  };
}
