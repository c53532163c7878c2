/**
 * Nasal spray dosing: a pump delivers a fixed volume per spray, so a dose is a whole number
 * of sprays (FACTS MEAS-3).
 */
import { TitrateError } from "../errors.ts";
import { floorToStep, formatAmount, formatNumber, roundTo } from "../units.ts";

/** How the pump's volume per spray is known. */
export type SprayVolume =
  | { readonly kind: "volume"; readonly mlPerSpray: number }
  | { readonly kind: "sprays-per-ml"; readonly spraysPerMl: number }
  /** N sprays of water weighed on a scale: 1 ml of water weighs about 1 g (FACTS MEAS-3). */
  | { readonly kind: "calibration"; readonly sprays: number; readonly massG: number }
  /** Nothing known: a typical pump's 0.1 ml (FACTS MEAS-3), flagged for calibration. */
  | { readonly kind: "assumed" };

export interface SprayInput {
  readonly concentrationMgPerMl: number;
  readonly volume: SprayVolume;
  readonly doseMg: number;
  readonly solubilityMgPerMl?: number | undefined;
}

export interface SprayAlternative {
  readonly sprays: number;
  /** Concentration that makes the dose this many sprays, mg/ml, rounded down. */
  readonly concentrationMgPerMl: number;
}

export interface SprayResult {
  readonly mlPerSpray: number;
  readonly mgPerSpray: number;
  /** Whole sprays that do not exceed the dose (0 when one spray is already more). */
  readonly sprays: number;
  readonly deliveredMg: number;
  readonly alternatives: readonly SprayAlternative[];
  readonly warnings: readonly string[];
  readonly notes: readonly string[];
}

/** FACTS MEAS-3: a typical pump delivers about 0.1 ml per spray. */
export const TYPICAL_ML_PER_SPRAY = 0.1;
/**
 * The most a pump's spray may be, ml: 5 times a typical pump's (FACTS MEAS-3: about 0.1 ml;
 * the esketamine device gives 0.1 ml a spray). Titrate's limit: more is a typo, a dropper or
 * a wrong unit, and would run out of the nose rather than be absorbed.
 */
export const MAX_ML_PER_SPRAY = 0.5;
/** The most sprays Titrate plans for one dose (as a logged dose): more means too weak a solution. */
export const MAX_SPRAYS = 20;
/** Concentrations in the alternatives are rounded down to this step, mg/ml. */
const CONCENTRATION_STEP = 0.1;

/** The pump's volume per spray, ml. */
export function mlPerSpray(volume: SprayVolume): number {
  switch (volume.kind) {
    case "volume":
      return volume.mlPerSpray;
    case "sprays-per-ml":
      return 1 / volume.spraysPerMl;
    case "calibration":
      return volume.massG / volume.sprays; // 1 g of water ≈ 1 ml (FACTS MEAS-3)
    case "assumed":
      return TYPICAL_ML_PER_SPRAY;
  }
}

/**
 * mg per spray, the whole number of sprays that does not exceed the dose and what they
 * deliver, and the concentrations that would make the dose exactly 1–4 sprays.
 */
export function calculateSpray(input: SprayInput): SprayResult {
  const perSprayMl = mlPerSpray(input.volume);
  if (!(perSprayMl > 0 && perSprayMl <= MAX_ML_PER_SPRAY)) {
    throw new TitrateError(
      "QUANTITY_IMPLAUSIBLE",
      `spray volume: ${formatAmount(perSprayMl, "ml")} per spray is not plausible for a nasal pump: about 0.1 ml is usual (FACTS MEAS-3), and Titrate stops at ${MAX_ML_PER_SPRAY} ml; check the unit, or calibrate the pump`,
      "sprayVolume",
    );
  }
  const mgPerSpray = input.concentrationMgPerMl * perSprayMl;
  const sprays = Math.floor(input.doseMg / mgPerSpray + 1e-9);
  if (sprays > MAX_SPRAYS) {
    const forFour = floorToStep(input.doseMg / (4 * perSprayMl), CONCENTRATION_STEP);
    throw new TitrateError(
      "PREPARATION_IMPOSSIBLE",
      `concentration: at ${formatAmount(mgPerSpray, "mg")} a spray, ${formatAmount(input.doseMg, "mg")} would be ${sprays} sprays; Titrate plans at most ${MAX_SPRAYS} (a nostril holds little, and the rest is swallowed). Make a stronger solution: ${formatNumber(forFour, 1)} mg/ml makes it 4 sprays`,
      "concentration",
    );
  }
  const deliveredMg = sprays * mgPerSpray;
  const warnings: string[] = [];
  const notes: string[] = [];

  if (sprays === 0) {
    warnings.push(
      `One spray delivers ${formatAmount(mgPerSpray, "mg")}, more than your dose of ${formatAmount(input.doseMg, "mg")}: dilute the solution (see the alternatives).`,
    );
  } else if (deliveredMg < input.doseMg - 1e-9) {
    const shortMg = input.doseMg - deliveredMg;
    const percent = Math.floor((shortMg / input.doseMg) * 100);
    notes.push(
      `${sprays} spray${sprays === 1 ? " delivers" : "s deliver"} ${formatAmount(deliveredMg, "mg")}: ${formatAmount(shortMg, "mg")} (${percent < 1 ? "under 1" : percent} %) under your dose of ${formatAmount(input.doseMg, "mg")}; a spray more would exceed it. For the dose exactly, see the alternatives.`,
    );
  }
  if (sprays > 4) {
    notes.push("That is many sprays: a stronger solution would need fewer (see the alternatives).");
  }
  if (sprays > 1) {
    notes.push("Split the sprays between nostrils and wait a minute between them.");
  }
  if (input.volume.kind === "assumed") {
    warnings.push(
      `Assumed ${TYPICAL_ML_PER_SPRAY} ml per spray, a typical pump. Calibrate yours: weigh 10 sprays of water (1 ml ≈ 1 g) and pass --calibration 10:<grams> (FACTS MEAS-3).`,
    );
  }
  notes.push("Prime the pump before the first use, and keep it upright.");

  const alternatives = [1, 2, 3, 4].map((n) => ({
    sprays: n,
    concentrationMgPerMl: floorToStep(input.doseMg / (n * perSprayMl), CONCENTRATION_STEP),
  }));
  const solubility = input.solubilityMgPerMl;
  if (solubility !== undefined && input.concentrationMgPerMl > solubility) {
    warnings.push(
      `${formatNumber(input.concentrationMgPerMl, 2)} mg/ml is above the ${solubility} mg/ml known to dissolve (FACTS MEAS-1).`,
    );
  }

  return {
    mlPerSpray: roundTo(perSprayMl, 6),
    mgPerSpray: roundTo(mgPerSpray, 6),
    sprays,
    deliveredMg: roundTo(deliveredMg, 6),
    alternatives: alternatives.filter(
      (a) =>
        a.concentrationMgPerMl > 0 &&
        (solubility === undefined || a.concentrationMgPerMl <= solubility),
    ),
    warnings,
    notes,
  };
}
