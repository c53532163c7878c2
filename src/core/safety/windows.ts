/**
 * The time windows the rules use. FACTS.md gives durations for ketamine only; where it is
 * silent, Titrate chooses conservatively from what it gives, and says so (docs/safety.md).
 */
import type { SubstanceId } from "../substances/substance.ts";
import { DAY_MS, HOUR_MS } from "./time-math.ts";

/**
 * Another substance logged up to 24 h before a dose counts as near it. Titrate's choice:
 * FACTS gives no durations for alcohol, opioids, sedatives or stimulants, and a whole day
 * covers the dosing day and the night before. Long-acting medicines belong in the profile,
 * where they count against every dose.
 */
export const NEAR_BEFORE_DOSE_MS = 24 * HOUR_MS;

/**
 * How long after a dose another substance still counts as near it. Ketamine: 12 h, Titrate's
 * choice from FACTS K-ROUTE-2 (onset up to 75 min by mouth, effects 1–2 h, after-effects
 * 1–2 h, so up to about 5 h; half-life 2–3 h, so 12 h is four half-lives) and K-BP-1 (blood
 * pressure raised for about 4 h). Psychedelics: 24 h, since FACTS gives no duration for them.
 */
export function nearAfterDoseMs(substance: SubstanceId): number {
  return substance === "ketamine" ? 12 * HOUR_MS : 24 * HOUR_MS;
}

/** The longest near-after window of any substance (for range searches). */
export const MAX_NEAR_AFTER_DOSE_MS = 24 * HOUR_MS;

/**
 * A blood-pressure reading taken up to 24 h before a ketamine dose counts as its pre-dose
 * reading (FACTS K-BP-1 says to check before dosing; the window is Titrate's choice).
 */
export const BLOOD_PRESSURE_BEFORE_DOSE_MS = 24 * HOUR_MS;

/**
 * Days without a dose after which tolerance counts as reset: 14, the upper end of FACTS
 * K-TOL-1 (ketamine tolerance gone in 1–2 weeks), and longer than P-TOL-1's 5 days for LSD
 * and psilocybin. Used to split use into runs for dose creep.
 */
export const TOLERANCE_RESET_MS = 14 * DAY_MS;

/** LSD, psilocybin and mushrooms are cross-tolerant (FACTS P-TOL-1): one group for breaks. */
export type ToleranceGroup = "ketamine" | "psychedelics";

export function toleranceGroupOf(substance: SubstanceId): ToleranceGroup {
  return substance === "ketamine" ? "ketamine" : "psychedelics";
}

/**
 * How long a finding about one dose (above the ceiling or the start amount, too soon after
 * the last, a second dose that day, a unit to check, outside the plan) stays active when no
 * later dose replaces it: 7 days. Titrate's choice: the upper end of ketamine's spacing
 * (FACTS K-DOSE-2: 5–7 days) and of the days in which its tolerance halves (K-TOL-1: 3–7);
 * after that the dose is history, not a reason for a warning on Today, and an import of
 * years of journal does not leave its one-off findings active for years.
 */
export const ONE_OFF_FINDING_MS = 7 * DAY_MS;
