/**
 * Microdose sizing: the start amount, the ceiling, and a checked target for one person.
 * Amounts are in the substance's unit, of the form the person weighs or counts, rounded
 * down to the catalog's step so a proposal is always something that can be measured.
 */
import { TitrateError } from "./errors.ts";
import { getRoute } from "./substances/catalog.ts";
import type { Range, RouteId, Substance, SubstanceId } from "./substances/substance.ts";
import {
  assertPlausibleWeight,
  BODY_WEIGHT_RANGE_KG,
  convert,
  decimalsOf,
  floorToStep,
  formatAmount,
  formatNumber,
  parseQuantity,
  roundTo,
} from "./units.ts";

/** What the person asks for: a dose per kg of body weight, or an amount in the substance's unit. */
export type DoseTarget =
  | { readonly kind: "per-kg"; readonly perKg: number }
  | { readonly kind: "amount"; readonly amount: number };

export interface DoseRequest {
  readonly substance: Substance;
  /** Body weight in kg; required when the substance is sized per kg. */
  readonly weightKg?: number | undefined;
  readonly target?: DoseTarget | undefined;
  readonly route?: string | undefined;
}

export interface DoseResult {
  readonly substance: SubstanceId;
  readonly unit: string;
  readonly weightKg: number | null;
  /** The amount to begin with, in `unit`. */
  readonly start: number;
  /** The most a proposal may reach, in `unit`. */
  readonly ceiling: number;
  /** The checked target in `unit` (the start when no target was asked for). */
  readonly target: number;
  readonly route: RouteId;
  /** Of the target, the amount that reaches the blood by this route, for information only. */
  readonly absorbed: Range | null;
  readonly notes: readonly string[];
  readonly sources: readonly string[];
}

/** Tolerance for comparing a decimal the person typed with a computed ceiling. */
const RELATIVE_EPSILON = 1e-12;

/**
 * Computes the start, ceiling and target for a person, in the substance's unit.
 * Refuses (DOSE_ABOVE_CEILING, naming the ceiling) a target above the microdose ceiling
 * and never clamps it; a target equal to the ceiling is allowed. FACTS K-DOSE-1, P-DOSE-1,
 * P-DOSE-2, DESIGN-1.
 */
export function calculateDose(request: DoseRequest): DoseResult {
  const { substance } = request;
  const routeData = getRoute(substance, request.route ?? substance.defaultRoute);
  const { sizing, step, unit } = substance;
  const decimals = decimalsOf(step);
  const notes: string[] = [];

  let weightKg: number | null = null;
  if (request.weightKg !== undefined) {
    assertPlausibleWeight(request.weightKg, "weight");
    weightKg = request.weightKg;
  }

  let exactStart: number;
  let exactCeiling: number;
  let ceilingText: string;
  if (sizing.kind === "per-kg") {
    if (weightKg === null) {
      throw new TitrateError(
        "WEIGHT_REQUIRED",
        `weight: ${substance.name} is dosed by body weight; give your weight, for example --weight 70kg`,
        "weight",
      );
    }
    exactStart = sizing.startPerKg * weightKg;
    exactCeiling = sizing.ceilingPerKg * weightKg;
    ceilingText = `${sizing.ceilingPerKg} ${unit}/kg (${formatAmount(floorToStep(exactCeiling, step), unit, step)} for ${formatNumber(weightKg, 2)} kg)`;
  } else {
    exactStart = sizing.start;
    exactCeiling = sizing.ceiling;
    ceilingText = formatAmount(sizing.ceiling, unit, step);
  }
  const start = floorToStep(exactStart, step);
  const ceiling = floorToStep(exactCeiling, step);

  let target = start;
  if (request.target) {
    const requested = requestedAmount(request.target, substance, weightKg);
    if (requested > exactCeiling * (1 + RELATIVE_EPSILON)) {
      throw new TitrateError(
        "DOSE_ABOVE_CEILING",
        `target: ${describeTarget(request.target, unit)} is above the microdose ceiling of ${ceilingText}; Titrate does not propose it (FACTS ${sizing.facts[0]})`,
        "target",
      );
    }
    target = floorToStep(requested, step);
    if (target <= 0) {
      throw new TitrateError(
        "MEASUREMENT_TOO_COARSE",
        `target: ${describeTarget(request.target, unit)} is less than the smallest measurable step of ${formatAmount(step, unit, step)}`,
        "target",
      );
    }
    if (roundTo(requested, 9) !== target) {
      notes.push(
        `Rounded down to ${formatAmount(target, unit, step)}, the nearest step of ${formatAmount(step, unit, step)} you can measure.`,
      );
    }
    if (target > start) {
      notes.push(
        `Your target is above the start amount of ${formatAmount(start, unit, step)}: begin at the start amount and raise slowly, guided by your journal.`,
      );
    }
  }

  const bio = routeData.bioavailability;
  const absorbed = bio
    ? {
        low: roundTo(target * bio.low, decimals + 1),
        high: roundTo(target * bio.high, decimals + 1),
      }
    : null;
  if (absorbed && bio && bio.high < 1) {
    notes.push(
      `By the ${routeData.route} route about ${Math.round(bio.low * 100)}–${Math.round(bio.high * 100)} % reaches the blood (${formatAmount(absorbed.low, unit)}–${formatAmount(absorbed.high, unit)}); this is information, never a reason to take more (FACTS DESIGN-1).`,
    );
  }
  if (routeData.note) notes.push(routeData.note);
  notes.push(...substance.notes);

  const sources = unique([...sizing.facts, ...routeData.facts, ...substance.minIntervalFacts]);
  return {
    substance: substance.id,
    unit,
    weightKg: weightKg === null ? null : roundTo(weightKg, 3),
    start,
    ceiling,
    target,
    route: routeData.route,
    absorbed,
    notes,
    sources,
  };
}

/** The requested target in the substance's unit (exact, before rounding to the step). */
function requestedAmount(
  target: DoseTarget,
  substance: Substance,
  weightKg: number | null,
): number {
  if (target.kind === "amount") return target.amount;
  if (substance.sizing.kind !== "per-kg") {
    throw new TitrateError(
      "VALIDATION_FAILED",
      `target: ${substance.name} is not dosed by body weight; give an amount in ${substance.unit}, for example ${substance.sizing.start}${substance.unit}`,
      "target",
    );
  }
  // weightKg is present: calculateDose checked it before asking for a per-kg target.
  return target.perKg * (weightKg ?? Number.NaN);
}

function describeTarget(target: DoseTarget, unit: string): string {
  return target.kind === "per-kg"
    ? `${target.perKg} ${unit}/kg`
    : formatAmount(target.amount, unit);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/**
 * Checks an amount someone wants to prepare (in the substance's unit) against the ceiling.
 * With a weight, the person's own ceiling; without one, for a per-kg substance, the ceiling
 * at the heaviest weight Titrate accepts (300 kg), so no preparation is ever planned for a
 * dose no one could take as a microdose. Throws DOSE_ABOVE_CEILING; returns notes otherwise.
 */
export function checkAmountAgainstCeiling(
  substance: Substance,
  amount: number,
  weightKg: number | undefined,
  field = "dose",
): string[] {
  const { sizing, unit, step } = substance;
  if (sizing.kind === "absolute" || weightKg !== undefined) {
    try {
      calculateDose({ substance, weightKg, target: { kind: "amount", amount } });
    } catch (error) {
      if (error instanceof TitrateError && error.code === "DOSE_ABOVE_CEILING") {
        throw new TitrateError(
          "DOSE_ABOVE_CEILING",
          error.message.replace(/^target:/u, `${field}:`),
          field,
        );
      }
      throw error;
    }
    return [];
  }
  const highestCeiling = sizing.ceilingPerKg * BODY_WEIGHT_RANGE_KG.max;
  if (amount > highestCeiling * (1 + RELATIVE_EPSILON)) {
    throw new TitrateError(
      "DOSE_ABOVE_CEILING",
      `${field}: ${formatAmount(amount, unit, step)} is above the microdose ceiling of ${sizing.ceilingPerKg} ${unit}/kg at any body weight Titrate accepts (FACTS ${sizing.facts[0]})`,
      field,
    );
  }
  return [
    `Without your weight Titrate cannot check ${formatAmount(amount, unit, step)} against your ceiling of ${sizing.ceilingPerKg} ${unit}/kg: add --weight.`,
  ];
}

/**
 * Reads a target typed as a dose per weight (`0.15mg/kg`) or an amount (`10mg`, `10µg`) into
 * the substance's unit. Throws the unit errors of parseQuantity, naming `field`.
 */
export function parseDoseTarget(text: string, substance: Substance, field = "target"): DoseTarget {
  if (/\/\s*kg\s*$/iu.test(text.trim())) {
    const perWeight = parseQuantity(text, "per-weight", field);
    const massUnit = perWeight.unit.replace("/kg", "");
    return { kind: "per-kg", perKg: convert(perWeight.amount, massUnit, substance.unit) };
  }
  const mass = parseQuantity(text, "mass", field);
  return { kind: "amount", amount: convert(mass.amount, mass.unit, substance.unit) };
}
