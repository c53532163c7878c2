/**
 * Doses actually taken, as the planner reads them: any record with an instant and a
 * substance (the journal's dose rows have more fields; they travel along untouched).
 */
import { Temporal } from "temporal-polyfill";
import { findSubstance } from "../substances/catalog.ts";
import type { SubstanceId } from "../substances/substance.ts";
import { parseInstant } from "./calendar.ts";

/** The least a dose record needs: when (ISO 8601 instant, e.g. `2026-03-22T09:05:00Z`) and what. */
export interface TakenDose {
  readonly at: string;
  readonly substance: string;
}

/** A record read: its instant and catalog id, and the record itself. */
export interface ReadDose<T extends TakenDose> {
  readonly record: T;
  readonly instant: Temporal.Instant;
  readonly substance: SubstanceId | null;
}

/**
 * Substances whose doses count towards each other's spacing and breaks: LSD and psilocybin
 * are cross-tolerant (FACTS P-TOL-1), and mushrooms are dosed for their psilocybin.
 */
const toleranceGroups: readonly (readonly SubstanceId[])[] = [["psilocybin", "mushrooms", "lsd"]];

/** True when a dose of `other` counts towards the spacing of a plan for `planned`. */
export function sharesTolerance(planned: SubstanceId, other: SubstanceId): boolean {
  return (
    planned === other ||
    toleranceGroups.some((group) => group.includes(planned) && group.includes(other))
  );
}

/**
 * Reads every record's instant (VALIDATION_FAILED naming `taken.<index>.at` when one is not an
 * ISO instant) and substance (null when it is not in the catalog), sorted by time.
 */
export function readDoses<T extends TakenDose>(taken: readonly T[]): ReadDose<T>[] {
  return taken
    .map((record, index) => ({
      record,
      instant: parseInstant(record.at, `taken.${index}.at`),
      substance: findSubstance(record.substance)?.id ?? null,
    }))
    .sort((a, b) => Temporal.Instant.compare(a.instant, b.instant));
}
