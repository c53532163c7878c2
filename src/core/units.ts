/**
 * Quantities with units: parsing what a person types and formatting what Titrate
 * prints. Every number that has a unit travels with it; nothing here guesses one.
 */
import { TitrateError } from "./errors.ts";

export type MassUnit = "µg" | "mg" | "g";
export type VolumeUnit = "µl" | "ml";
export type BodyWeightUnit = "kg" | "lb";
export type ConcentrationUnit = "µg/ml" | "mg/ml";
export type PerWeightUnit = "µg/kg" | "mg/kg";
export type PercentUnit = "%";

interface UnitsByKind {
  mass: MassUnit;
  volume: VolumeUnit;
  "body-weight": BodyWeightUnit;
  concentration: ConcentrationUnit;
  "per-weight": PerWeightUnit;
  percent: PercentUnit;
}
export type QuantityKind = keyof UnitsByKind;

/** An amount with its unit, exactly as the person gave it. */
export interface Quantity<U extends string = string> {
  readonly amount: number;
  readonly unit: U;
}

/** Canonical unit, its kind, and its factor to the kind's base unit (mg, ml, kg, mg/ml, mg/kg). */
interface UnitSpec {
  readonly unit: string;
  readonly kind: QuantityKind;
  readonly toBase: number;
}

const POUND_KG = 0.45359237; // exact, by the international yard and pound agreement (1959)

const unitSpecs: readonly UnitSpec[] = [
  { unit: "µg", kind: "mass", toBase: 0.001 },
  { unit: "mg", kind: "mass", toBase: 1 },
  { unit: "g", kind: "mass", toBase: 1000 },
  { unit: "µl", kind: "volume", toBase: 0.001 },
  { unit: "ml", kind: "volume", toBase: 1 },
  { unit: "kg", kind: "body-weight", toBase: 1 },
  { unit: "lb", kind: "body-weight", toBase: POUND_KG },
  { unit: "µg/ml", kind: "concentration", toBase: 0.001 },
  { unit: "mg/ml", kind: "concentration", toBase: 1 },
  { unit: "µg/kg", kind: "per-weight", toBase: 0.001 },
  { unit: "mg/kg", kind: "per-weight", toBase: 1 },
  { unit: "%", kind: "percent", toBase: 1 },
];

/** Spellings people type, mapped to the canonical unit (keys are lower case, micro as "u"). */
const aliases: Readonly<Record<string, string>> = {
  ug: "µg",
  mcg: "µg",
  mg: "mg",
  g: "g",
  ul: "µl",
  ml: "ml",
  kg: "kg",
  kgs: "kg",
  lb: "lb",
  lbs: "lb",
  "ug/ml": "µg/ml",
  "mcg/ml": "µg/ml",
  "mg/ml": "mg/ml",
  "ug/kg": "µg/kg",
  "mcg/kg": "µg/kg",
  "mg/kg": "mg/kg",
  "%": "%",
};

const kindNames: Readonly<Record<QuantityKind, string>> = {
  mass: "a mass (µg, mg, g)",
  volume: "a volume (µl, ml)",
  "body-weight": "a body weight (kg, lb)",
  concentration: "a concentration (mg/ml, µg/ml)",
  "per-weight": "a dose per body weight (mg/kg, µg/kg)",
  percent: "a percentage (%)",
};

/** Body weights Titrate accepts, in kg: outside this, a typo is far likelier than a person. */
export const BODY_WEIGHT_RANGE_KG = { min: 30, max: 300 } as const;

// A number (one decimal point or comma), optional space, then the unit. No exponents,
// no thousands separators: a dose is no place for notation that can be misread.
const quantityPattern = /^([+-]?)(\d+(?:[.,]\d+)?|[.,]\d+)\s*(\S*)$/u;

function specOf(unit: string): UnitSpec {
  const spec = unitSpecs.find((s) => s.unit === unit);
  if (!spec) throw new Error(`unit table is missing ${unit}`);
  return spec;
}

function canonicalUnit(raw: string): string | undefined {
  // Both the micro sign (U+00B5) and the Greek mu (U+03BC) mean micro.
  const key = raw.toLowerCase().replace(/[µμ]/gu, "u");
  return aliases[key];
}

/**
 * Reads a quantity such as `70kg`, `154 lb`, `0,7ml` or `0.1mg/kg`.
 * Throws a TitrateError naming `field` for a missing or unknown unit, a unit of another
 * kind, a value that is not a number, ambiguous, zero or negative, or (for body weight)
 * outside 30–300 kg.
 */
export function parseQuantity<K extends QuantityKind>(
  text: string,
  kind: K,
  field: string,
): Quantity<UnitsByKind[K]> {
  const trimmed = text.normalize("NFKC").trim();
  const match = quantityPattern.exec(trimmed);
  // A digit inside the unit means a malformed number (1e3mg, 0x10mg, 1.2.3mg), not a unit.
  if (!match || /[\d.,]/u.test(match[3]?.replace(/\/|%/gu, "") ?? "")) {
    throw new TitrateError(
      "QUANTITY_INVALID",
      `${field}: "${text}" is not a number with a unit; expected ${kindNames[kind]}, for example ${exampleOf(kind)}`,
      field,
    );
  }
  const [, sign = "", digits = "", rawUnit = ""] = match;
  assertUnambiguous(text, digits, rawUnit, field);
  const amount = Number(digits.replace(",", "."));
  if (!Number.isFinite(amount) || amount > 1e9) {
    throw new TitrateError("QUANTITY_INVALID", `${field}: "${text}" is not a usable number`, field);
  }
  if (rawUnit === "") {
    throw new TitrateError(
      "UNIT_MISSING",
      `${field}: "${text}" has no unit; expected ${kindNames[kind]}, for example ${exampleOf(kind)}`,
      field,
    );
  }
  const unit = canonicalUnit(rawUnit);
  if (!unit) {
    throw new TitrateError(
      "UNIT_UNKNOWN",
      `${field}: unknown unit "${rawUnit}"; expected ${kindNames[kind]}`,
      field,
    );
  }
  const spec = specOf(unit);
  if (spec.kind !== kind) {
    throw new TitrateError(
      "UNIT_WRONG_KIND",
      `${field}: "${text}" is ${kindNames[spec.kind]}, but ${kindNames[kind]} is needed here`,
      field,
    );
  }
  if (sign === "-" || amount === 0) {
    throw new TitrateError(
      "QUANTITY_NOT_POSITIVE",
      `${field}: must be greater than zero (got ${sign}${digits} ${unit})`,
      field,
    );
  }
  const quantity = { amount, unit: unit as UnitsByKind[K] };
  if (kind === "body-weight") assertPlausibleWeight(toBase(quantity), field);
  if (kind === "percent" && amount > 100) {
    throw new TitrateError(
      "QUANTITY_IMPLAUSIBLE",
      `${field}: a percentage cannot be above 100 % (got ${amount} %)`,
      field,
    );
  }
  return quantity;
}

/**
 * Refuses a number with exactly three digits after its one "." or "," (`1.000mg`, `2,500mg`)
 * unless the whole part is 0: in much of Europe "1.000" is one thousand, in English one, and
 * reading it wrongly is a thousand-fold dose error. `0.125g` and `1.0mg` are clear.
 */
function assertUnambiguous(text: string, digits: string, rawUnit: string, field: string): void {
  const match = /^(\d+)[.,](\d{3})$/u.exec(digits);
  if (!match || /^0+$/u.test(match[1] ?? "")) return;
  const [, whole = "", fraction = ""] = match;
  const asDecimal = Number(`${whole}.${fraction}`);
  const asThousands = Number(`${whole}${fraction}`);
  const unit = canonicalUnit(rawUnit) ?? rawUnit;
  const decimalText = /0$/u.test(fraction) ? `${asDecimal}` : `${whole}.${fraction}0`;
  throw new TitrateError(
    "QUANTITY_AMBIGUOUS",
    `${field}: "${text}" is ambiguous: ${digits} is ${asDecimal} in some countries and ${asThousands} in others. Write ${decimalText}${unit} for ${asDecimal}, or ${asThousands}${unit} without a separator`,
    field,
  );
}

function exampleOf(kind: QuantityKind): string {
  const examples: Record<QuantityKind, string> = {
    mass: "7mg",
    volume: "0.7ml",
    "body-weight": "70kg",
    concentration: "10mg/ml",
    "per-weight": "0.1mg/kg",
    percent: "85%",
  };
  return examples[kind];
}

/** Throws QUANTITY_IMPLAUSIBLE unless 30 kg ≤ weightKg ≤ 300 kg. */
export function assertPlausibleWeight(weightKg: number, field: string): void {
  if (
    !(weightKg >= BODY_WEIGHT_RANGE_KG.min && weightKg <= BODY_WEIGHT_RANGE_KG.max) ||
    !Number.isFinite(weightKg)
  ) {
    throw new TitrateError(
      "QUANTITY_IMPLAUSIBLE",
      `${field}: a body weight of ${formatNumber(weightKg, 3)} kg is outside ${BODY_WEIGHT_RANGE_KG.min}–${BODY_WEIGHT_RANGE_KG.max} kg; check the number and the unit`,
      field,
    );
  }
}

/** The amount in its kind's base unit: mg, ml, kg, mg/ml or mg/kg. */
export function toBase(quantity: Quantity): number {
  return quantity.amount * specOf(quantity.unit).toBase;
}

/** Converts an amount in the base unit of `unit`'s kind into `unit`. */
export function fromBase(baseAmount: number, unit: string): number {
  return baseAmount / specOf(unit).toBase;
}

/** Converts between two units of the same kind (mg → µg, say). */
export function convert(amount: number, from: string, to: string): number {
  const a = specOf(from);
  const b = specOf(to);
  if (a.kind !== b.kind) throw new Error(`cannot convert ${from} to ${to}`);
  return (amount * a.toBase) / b.toBase;
}

/** Number of decimals needed to show multiples of `step` (0.1 → 1, 0.01 → 2, 1 → 0). */
export function decimalsOf(step: number): number {
  for (let decimals = 0; decimals <= 9; decimals++) {
    if (Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) < 1e-9) {
      return decimals;
    }
  }
  return 9;
}

/**
 * Rounds `value` down to a whole multiple of `step`, so a rounded dose is never more than
 * the exact one. A tolerance of a billionth of a step absorbs binary floating-point noise
 * (0.1 × 70 = 7.000000000000001), which would otherwise flip results across a step.
 */
export function floorToStep(value: number, step: number): number {
  const steps = Math.floor(value / step + 1e-9);
  return roundTo(steps * step, decimalsOf(step));
}

/** Rounds `value` to a whole multiple of `step` (nearest). For display and volumes, not doses. */
export function roundToStep(value: number, step: number): number {
  return roundTo(Math.round(value / step) * step, decimalsOf(step));
}

/** Rounds to a number of decimals, without the binary tails (6.8999999 → 6.9). */
export function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

/** Formats a number with at most `maxDecimals`, dropping trailing zeros: 7 → "7", 0.70 → "0.7". */
export function formatNumber(value: number, maxDecimals: number): string {
  return String(roundTo(value, maxDecimals));
}

/**
 * "6.9 mg", "0.70 ml", "6.66 mg", "0.007 mg": the amount, then the unit. With a step, at
 * least the decimals the step needs (trailing zeros kept); without one, up to 3, trailing
 * zeros dropped. A dose is never shown larger than it is: an amount that is not a whole
 * number of steps gets more decimals (up to 3 more) rather than being rounded up, and one
 * that needs still more is cut, not rounded, at 3 significant digits.
 */
export function formatAmount(amount: number, unit: string, step?: number): string {
  return `${amountText(amount, step === undefined ? 0 : decimalsOf(step), step !== undefined)} ${unit}`;
}

/** The number part of formatAmount: `minDecimals` shown (padded when `pad`), never rounded up. */
function amountText(amount: number, minDecimals: number, pad: boolean): string {
  const show = (value: number, decimals: number) => {
    const fixed = value.toFixed(decimals);
    if (!fixed.includes(".")) return fixed;
    const keep = pad ? minDecimals : 0;
    const [whole = "", fraction = ""] = fixed.split(".");
    let cut = fraction.length;
    while (cut > keep && fraction[cut - 1] === "0") cut--;
    return cut === 0 ? whole : `${whole}.${fraction.slice(0, cut)}`;
  };
  const tolerance = 1e-9 * Math.max(1, Math.abs(amount));
  const maxExact = Math.max(minDecimals, 0) + 3;
  for (let decimals = minDecimals; decimals <= maxExact; decimals++) {
    const rounded = roundTo(amount, decimals);
    if (Math.abs(rounded - amount) <= tolerance) return show(rounded, decimals);
  }
  // Not a short decimal (6.6666…): cut towards zero at 3 significant digits, and at least
  // 2 decimals more than the step's, so the text is never more than the amount.
  const magnitude = amount === 0 ? 0 : Math.floor(Math.log10(Math.abs(amount)));
  const decimals = Math.min(9, Math.max(minDecimals + 2, 2 - magnitude));
  const scale = 10 ** decimals;
  const scaled = Math.abs(amount) * scale;
  const cut = (Math.sign(amount) * Math.floor(scaled + 1e-9 * scaled)) / scale;
  return show(cut, decimals);
}
