/**
 * Proposes a solution for a dose: how much to weigh (or how many tabs) and the final
 * volume, so each dose is a convenient 0.2–1 ml, every reading is at least 50 steps of its
 * scale, and the estimated uncertainty is at most 5 % (FACTS MEAS-1, MEAS-2).
 */
import { TitrateError } from "../errors.ts";
import { formatAmount, type MassUnit } from "../units.ts";
import {
  type MeasuringTools,
  MIN_MEASURABLE_STEPS,
  RECOMMENDED_MIN_STEPS,
  stepsIn,
} from "./measurement.ts";
import { amountIn, assertDissolves, calculateSolution, type SolutionResult } from "./solution.ts";

/** Convenient volumes to draw per dose, ml, most dilute first (FACTS MEAS-1: dilute is safer). */
const DOSE_VOLUMES_ML = [1, 0.9, 0.8, 0.75, 0.7, 0.6, 0.5, 0.4, 0.3, 0.25, 0.2] as const;
/** Final volumes that are easy to measure in a cylinder or syringe, ml. */
const BATCH_VOLUMES_ML = [5, 10, 15, 20, 25, 30, 40, 50, 100] as const;
/** Largest estimated uncertainty a proposal may have. */
export const MAX_PROPOSED_UNCERTAINTY = 0.05;

export interface SolutionPlanInput {
  readonly doseMg: number;
  readonly tools: MeasuringTools;
  /** A tab or capsule of stated content, mg: the plan dissolves whole tabs instead of weighing. */
  readonly tabMg?: number | undefined;
  readonly solubilityMgPerMl?: number | undefined;
  /** The substance's own unit, for the amounts in messages (µg for LSD); mg when absent. */
  readonly unit?: MassUnit | undefined;
  /** Why the substance cannot be made into a solution (catalog `notDissolved`): refused. */
  readonly notDissolved?: string | undefined;
  /** Days between doses, to say how long the batch lasts. */
  readonly intervalDays: number;
}

export interface SolutionPlan extends SolutionResult {
  /** Mass to weigh (or the tabs' total content), mg. */
  readonly massMg: number;
  /** Tabs to dissolve, when planning from tabs. */
  readonly tabs: number | null;
  /** Final volume to make up with distilled water, ml. */
  readonly solventVolumeMl: number;
  /** Days the batch lasts at one dose every `intervalDays`. */
  readonly lastsDays: number;
}

interface Candidate {
  readonly massMg: number;
  readonly tabs: number | null;
  readonly volumeMl: number;
  readonly doseVolumeMl: number;
}

/**
 * The smallest batch (fewest doses) that meets every rule, preferring the more dilute
 * solution. Throws PREPARATION_IMPOSSIBLE when none does, with the reason.
 */
export function planSolution(input: SolutionPlanInput): SolutionPlan {
  assertDissolves(input.notDissolved);
  const candidates = input.tabMg === undefined ? weighedCandidates(input) : tabCandidates(input);
  const usable = candidates
    .map((c) => ({ candidate: c, result: tryCalculate(c, input) }))
    .filter(
      (x): x is { candidate: Candidate; result: SolutionResult } =>
        x.result !== null &&
        x.result.relativeUncertainty <= MAX_PROPOSED_UNCERTAINTY &&
        x.result.deliveredMg === roundMg(input.doseMg) &&
        (input.solubilityMgPerMl === undefined ||
          x.result.concentrationMgPerMl <= input.solubilityMgPerMl),
    )
    .sort(
      (a, b) =>
        a.result.doses - b.result.doses ||
        b.candidate.doseVolumeMl - a.candidate.doseVolumeMl ||
        a.candidate.volumeMl - b.candidate.volumeMl,
    );
  const best = usable[0];
  if (!best) {
    const tool =
      input.tabMg === undefined
        ? `a scale that reads ${formatAmount(input.tools.scaleResolutionMg, "mg")}`
        : `tabs of ${amountIn(input.tabMg, input.unit)}`;
    const hint =
      input.tabMg === undefined ? "; a finer scale, or a tab dissolved in water, may work" : "";
    throw new TitrateError(
      "PREPARATION_IMPOSSIBLE",
      `dose: no solution of ${amountIn(input.doseMg, input.unit)} doses with ${tool} keeps every reading at ${RECOMMENDED_MIN_STEPS}+ steps and the uncertainty under ${MAX_PROPOSED_UNCERTAINTY * 100} %${hint} (FACTS MEAS-2)`,
      "dose",
    );
  }
  const { candidate, result } = best;
  return {
    ...result,
    massMg: candidate.massMg,
    tabs: candidate.tabs,
    solventVolumeMl: candidate.volumeMl,
    lastsDays: result.doses * input.intervalDays,
  };
}

function weighedCandidates(input: SolutionPlanInput): Candidate[] {
  const { scaleResolutionMg, scaleAccuracyMg } = input.tools;
  const out: Candidate[] = [];
  for (const doseVolumeMl of DOSE_VOLUMES_ML) {
    for (const volumeMl of BATCH_VOLUMES_ML) {
      const massMg = roundMg((input.doseMg * volumeMl) / doseVolumeMl);
      const isWholeSteps =
        Math.abs(massMg / scaleResolutionMg - Math.round(massMg / scaleResolutionMg)) < 1e-6;
      if (!isWholeSteps) continue;
      if (stepsIn(massMg, scaleResolutionMg) < RECOMMENDED_MIN_STEPS) continue;
      if (scaleAccuracyMg !== undefined && massMg < MIN_MEASURABLE_STEPS * scaleAccuracyMg)
        continue;
      out.push({ massMg, tabs: null, volumeMl, doseVolumeMl });
    }
  }
  return out;
}

function tabCandidates(input: SolutionPlanInput): Candidate[] {
  const tabMg = input.tabMg ?? 0;
  const out: Candidate[] = [];
  for (const tabs of [1, 2, 3, 4]) {
    for (const doseVolumeMl of DOSE_VOLUMES_ML) {
      const volumeMl = roundMg((doseVolumeMl * tabs * tabMg) / input.doseMg);
      const resolution = input.tools.solventResolutionMl;
      if (Math.abs(volumeMl / resolution - Math.round(volumeMl / resolution)) > 1e-6) continue;
      if (volumeMl > 100) continue;
      out.push({ massMg: roundMg(tabs * tabMg), tabs, volumeMl, doseVolumeMl });
    }
  }
  return out;
}

function tryCalculate(candidate: Candidate, input: SolutionPlanInput): SolutionResult | null {
  try {
    return calculateSolution({
      massMg: candidate.massMg,
      solutionVolumeMl: candidate.volumeMl,
      doseMg: input.doseMg,
      tools: input.tools,
      massIsCounted: candidate.tabs !== null,
      solubilityMgPerMl: input.solubilityMgPerMl,
      unit: input.unit,
    });
  } catch (error) {
    if (error instanceof TitrateError) return null;
    throw error;
  }
}

function roundMg(value: number): number {
  return Number(value.toFixed(6));
}
