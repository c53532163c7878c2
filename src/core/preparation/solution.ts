/**
 * Volumetric dosing: a weighed mass dissolved to a measured volume, then a dose drawn with
 * a syringe (FACTS MEAS-1, MEAS-2, MEAS-5).
 */
import { TitrateError } from "../errors.ts";
import { countText } from "../safety/format.ts";
import {
  convert,
  floorToStep,
  formatAmount,
  formatNumber,
  type MassUnit,
  roundTo,
} from "../units.ts";
import {
  assertMeasurable,
  combineRelativeErrors,
  type MeasuringTools,
  MIN_MEASURABLE_STEPS,
  RECOMMENDED_MIN_STEPS,
  scaleErrorMg,
  stepsIn,
} from "./measurement.ts";

export interface SolutionInput {
  /** Mass dissolved, mg. */
  readonly massMg: number;
  /** Final volume of the solution, ml. */
  readonly solutionVolumeMl: number;
  /** Dose wanted, mg. */
  readonly doseMg: number;
  readonly tools: MeasuringTools;
  /**
   * The mass was not weighed but counted: a tab or capsule of stated content. Its content is
   * the seller's claim, so the scale plays no part in the estimate.
   */
  readonly massIsCounted?: boolean;
  /** Highest concentration the substance is known to dissolve to, mg/ml. */
  readonly solubilityMgPerMl?: number | undefined;
  /** The substance's own unit, for the amounts in messages (µg for LSD); mg when absent. */
  readonly unit?: MassUnit | undefined;
  /** Why the substance cannot be made into a solution (catalog `notDissolved`): refused. */
  readonly notDissolved?: string | undefined;
}

/** Refuses (PREPARATION_IMPOSSIBLE) a substance that does not dissolve, such as dried mushroom. */
export function assertDissolves(notDissolved: string | undefined): void {
  if (notDissolved !== undefined) {
    throw new TitrateError(
      "PREPARATION_IMPOSSIBLE",
      `substance: no solution can be made: ${notDissolved}`,
      "substance",
    );
  }
}

/** An amount in mg, shown in `unit` (10 µg, not 0.01 mg, for LSD). */
export function amountIn(mg: number, unit: MassUnit = "mg"): string {
  return formatAmount(convert(mg, "mg", unit), unit);
}

/** A concentration in mg/ml, shown per ml of `unit` (10 µg/ml, not 0.01 mg/ml, for LSD). */
export function concentrationIn(mgPerMl: number, unit: MassUnit = "mg"): string {
  return `${formatNumber(convert(mgPerMl, "mg", unit), 2)} ${unit}/ml`;
}

export interface SolutionResult {
  readonly concentrationMgPerMl: number;
  /** Volume to draw, ml, rounded down to the syringe's graduation. */
  readonly doseVolumeMl: number;
  /** What that volume holds, mg (never more than the dose). */
  readonly deliveredMg: number;
  /** Estimated relative uncertainty of the delivered dose, a fraction (0.016 = 1.6 %). */
  readonly relativeUncertainty: number;
  /** Whole doses the solution holds. */
  readonly doses: number;
  readonly warnings: readonly string[];
  readonly notes: readonly string[];
}

/**
 * Concentration, the volume to draw for a dose, how many doses the solution holds, and the
 * estimated uncertainty of each dose. Refuses (MEASUREMENT_TOO_COARSE) any reading under
 * 10 steps of its tool (FACTS MEAS-2).
 */
export function calculateSolution(input: SolutionInput): SolutionResult {
  const { massMg, solutionVolumeMl, doseMg, tools } = input;
  assertDissolves(input.notDissolved);
  const unit = input.unit ?? "mg";
  const warnings: string[] = [];
  const notes: string[] = [];

  if (!input.massIsCounted) {
    assertMeasurable(massMg, tools.scaleResolutionMg, "mg", "mass", "scale");
    if (
      tools.scaleAccuracyMg !== undefined &&
      massMg < MIN_MEASURABLE_STEPS * tools.scaleAccuracyMg
    ) {
      throw new TitrateError(
        "MEASUREMENT_TOO_COARSE",
        `mass: ${formatAmount(massMg, "mg")} is under ${MIN_MEASURABLE_STEPS} times your scale's stated accuracy of ±${formatAmount(tools.scaleAccuracyMg, "mg")}; weigh more (FACTS MEAS-2)`,
        "mass",
      );
    }
    if (stepsIn(massMg, tools.scaleResolutionMg) < RECOMMENDED_MIN_STEPS) {
      warnings.push(
        `Weigh at least ${RECOMMENDED_MIN_STEPS} steps of your scale (${formatAmount(RECOMMENDED_MIN_STEPS * tools.scaleResolutionMg, "mg")} on this one): make a larger batch, or use a finer scale (FACTS MEAS-2).`,
      );
    }
  }
  assertMeasurable(solutionVolumeMl, tools.solventResolutionMl, "ml", "volume", "measure");

  const concentrationMgPerMl = massMg / solutionVolumeMl;
  const exactVolumeMl = doseMg / concentrationMgPerMl;
  const doseVolumeMl = floorToGraduation(exactVolumeMl, tools.syringeResolutionMl);
  const graduations = stepsIn(doseVolumeMl, tools.syringeResolutionMl);
  if (graduations < MIN_MEASURABLE_STEPS) {
    // Say what the dose is at this strength, and how dilute a solution would measure it.
    const grad = formatAmount(tools.syringeResolutionMl, "ml");
    const dilute = floorToStep(
      convert(doseMg / (MIN_MEASURABLE_STEPS * tools.syringeResolutionMl), "mg", unit),
      0.1,
    );
    throw new TitrateError(
      "MEASUREMENT_TOO_COARSE",
      `dose: at ${concentrationIn(concentrationMgPerMl, unit)}, ${amountIn(doseMg, unit)} is ${formatAmount(exactVolumeMl, "ml")}, ${graduations === 0 ? `smaller than one graduation (${grad}) of the syringe` : `only ${countText(graduations, "graduation")} of ${grad} on the syringe`}; Titrate needs at least ${MIN_MEASURABLE_STEPS} (FACTS MEAS-2). Make a more dilute solution: ${dilute > 0 ? `at most ${formatNumber(dilute, 1)} ${unit}/ml` : "more water for the same mass"}`,
      "dose",
    );
  }
  const deliveredMg = doseVolumeMl * concentrationMgPerMl;

  const relativeUncertainty = combineRelativeErrors([
    input.massIsCounted ? 0 : scaleErrorMg(tools) / massMg,
    tools.solventResolutionMl / 2 / solutionVolumeMl,
    tools.syringeResolutionMl / 2 / doseVolumeMl,
  ]);

  if (doseVolumeMl < exactVolumeMl - 1e-9) {
    notes.push(
      `${formatAmount(exactVolumeMl, "ml")} cannot be read on a syringe graduated in ${formatAmount(tools.syringeResolutionMl, "ml")}: draw ${formatAmount(doseVolumeMl, "ml")}, which holds ${amountIn(deliveredMg, unit)}.`,
    );
  }
  if (doseVolumeMl > 1) {
    // A 1 ml syringe holds 1 ml a go: 2.5 ml is 3 goes, not 2.
    const goes = Math.ceil(doseVolumeMl - 1e-9);
    warnings.push(
      `${formatAmount(doseVolumeMl, "ml")} is more than a 1 ml syringe holds: draw it in ${goes} goes, or make a stronger solution.`,
    );
  }
  if (input.solubilityMgPerMl !== undefined && concentrationMgPerMl > input.solubilityMgPerMl) {
    warnings.push(
      `${formatNumber(concentrationMgPerMl, 2)} mg/ml is above the ${input.solubilityMgPerMl} mg/ml that is known to dissolve; it may not dissolve fully (FACTS MEAS-1).`,
    );
  }
  if (input.massIsCounted) {
    notes.push(
      "A tab's content is the seller's claim: the estimate covers only the measuring, not the tab.",
    );
  }
  notes.push(
    "The uncertainty is an estimate from your tools' steps (half a step per reading, combined as a root sum of squares), not a worst case (FACTS MEAS-2).",
    "Dissolve in distilled water, top up to the final volume, mix well, and label the bottle with its concentration and date (FACTS MEAS-1).",
  );

  return {
    concentrationMgPerMl: roundTo(concentrationMgPerMl, 6),
    doseVolumeMl,
    deliveredMg: roundTo(deliveredMg, 6),
    relativeUncertainty: roundTo(relativeUncertainty, 6),
    doses: Math.floor(solutionVolumeMl / doseVolumeMl + 1e-9),
    warnings,
    notes,
  };
}

/** Rounds a volume down to a syringe graduation, tolerant of binary rounding. */
export function floorToGraduation(volumeMl: number, graduationMl: number): number {
  const steps = Math.floor(volumeMl / graduationMl + 1e-9);
  return roundTo(steps * graduationMl, 9);
}
