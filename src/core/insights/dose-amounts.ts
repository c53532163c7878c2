/**
 * Doses as amounts per day, for one substance: the substance the period holds most dose days
 * of, each day's total in the catalog's unit (mg for ketamine, µg for LSD). A day with a dose
 * of unknown amount has no total, since Titrate never guesses one.
 */
import type { Dose } from "../schemas/journal.ts";
import { getSubstance } from "../substances/catalog.ts";
import type { SubstanceId } from "../substances/substance.ts";
import { convert } from "../units.ts";
import { localDateOf } from "./daily-series.ts";

export interface DayAmount {
  readonly date: string;
  /** The day's total, in `unit`; null when a dose that day has no amount. */
  readonly amount: number | null;
}

export interface SubstanceDays {
  readonly substance: SubstanceId;
  readonly unit: string;
  readonly days: readonly DayAmount[];
}

/**
 * The substance with the most dose days between `from` and `to` (ties: the first in
 * alphabetical order), with its daily totals; null when the period has no dose.
 */
export function mainSubstanceDays(
  doses: readonly Dose[],
  from: string,
  to: string,
): SubstanceDays | null {
  const bySubstance = new Map<SubstanceId, Map<string, (number | null)[]>>();
  for (const dose of doses) {
    const date = localDateOf(dose);
    if (date < from || date > to) continue;
    const days = bySubstance.get(dose.substance) ?? new Map<string, (number | null)[]>();
    const unit = getSubstance(dose.substance).unit;
    const amount = dose.amount === null ? null : convert(dose.amount, dose.unit, unit);
    days.set(date, [...(days.get(date) ?? []), amount]);
    bySubstance.set(dose.substance, days);
  }
  const ranked = [...bySubstance.entries()].sort(
    ([a, x], [b, y]) => y.size - x.size || (a < b ? -1 : 1),
  );
  const top = ranked[0];
  if (!top) return null;
  const [substance, days] = top;
  return {
    substance,
    unit: getSubstance(substance).unit,
    days: [...days.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, amounts]) => ({
        date,
        amount: amounts.some((a) => a === null)
          ? null
          : amounts.reduce<number>((sum, a) => sum + (a ?? 0), 0),
      })),
  };
}
