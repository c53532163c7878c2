/**
 * For tests only: comparing computed statistics with reference values (SciPy's, or a
 * published table's) to a relative tolerance, and small journal entries to compute them
 * from. Throws rather than importing node:assert, so the core stays free of node modules.
 */
import type { CheckIn, Dose, Screening } from "../schemas/journal.ts";
import { scoreScreeningInput } from "../schemas/journal.ts";
import type { RatingName } from "./ratings.ts";

/** Throws unless |actual − expected| ≤ relative × max(1, |expected|). */
export function assertClose(actual: number, expected: number, relative = 1e-10, label = ""): void {
  const tolerance = relative * Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new Error(`${label} ${actual} is not within ${tolerance} of ${expected}`);
  }
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}_${String(++counter).padStart(12, "0")}`;

/** A check-in at 21:00 UTC on `date` (London in winter) with the given ratings, others null. */
export function checkInOn(
  date: string,
  ratings: Partial<Record<RatingName, number>>,
  at = `${date}T21:00:00Z`,
  timeZone = "Europe/London",
): CheckIn {
  return {
    id: nextId("chk"),
    at,
    timeZone,
    mood: null,
    energy: null,
    focus: null,
    anxiety: null,
    sleep: null,
    ...ratings,
    effects: null,
    afterEffects: null,
    note: null,
    shulgin: null,
  };
}

/** A nasal ketamine dose at 09:00 UTC on `date`. */
export function doseOn(
  date: string,
  amount: number | null = 7,
  at = `${date}T09:00:00Z`,
  timeZone = "Europe/London",
): Dose {
  return {
    id: nextId("dos"),
    at,
    timeZone,
    substance: "ketamine",
    amount,
    unit: "mg",
    route: "nasal",
    batchId: null,
    planId: null,
    isEstimate: false,
    note: null,
  };
}

/** A screening of `instrument` on `date` whose answers add up to `total`. */
export function screeningOn(date: string, instrument: "phq9" | "gad7", total: number): Screening {
  const items = instrument === "phq9" ? 8 : 7; // PHQ-9 item 9 stays 0
  const answers = Array.from({ length: instrument === "phq9" ? 9 : 7 }, () => 0);
  for (let left = total, i = 0; left > 0; i = (i + 1) % items) {
    if ((answers[i] ?? 0) < 3) {
      answers[i] = (answers[i] ?? 0) + 1;
      left--;
    }
  }
  const scored = scoreScreeningInput({
    at: `${date}T10:00:00Z`,
    timeZone: "Europe/London",
    instrument,
    answers,
  });
  return { id: nextId("scr"), ...scored };
}
