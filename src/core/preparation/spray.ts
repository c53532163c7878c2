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
  if (!(perSprayMl > 0 && perSprayMl <= 1)) {
    throw new TitrateError(
      "QUANTITY_IMPLAUSIBLE",
      `spray volume: ${formatAmount(perSprayMl, "ml")} per spray is not plausible for a nasal pump (about 0.1 ml is usual, FACTS MEAS-3)`,
      "sprayVolume",
    );
  }
  const mgPerSpray = input.concentrationMgPerMl * perSprayMl;
  const sprays = Math.floor(input.doseMg / mgPerSpray + 1e-9);
  const deliveredMg = sprays * mgPerSpray;
  const warnings: string[] = [];
  const notes: string[] = [];

  if (sprays === 0) {
    warnings.push(
      `One spray delivers ${formatAmount(mgPerSpray, "mg")}, more than your dose of ${formatAmount(input.doseMg, "mg")}: dilute the solution (see the alternatives).`,
    );
  } else if (deliveredMg < input.doseMg - 1e-9) {
    notes.push(
      `${sprays} spray${sprays === 1 ? "" : "s"} deliver ${formatAmount(deliveredMg, "mg")}, a little under ${formatAmount(input.doseMg, "mg")}; a spray more would exceed it.`,
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
