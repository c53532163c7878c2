/**
 * Every number a person types goes through here: src/core's parseQuantity reads it, with the
 * same rules as the command line. A decimal point or a decimal comma ("0.7", "0,7"); never a
 * guess at a thousands separator ("1,000" is refused as ambiguous rather than read as 1.0);
 * no exponents; greater than zero; a body weight within 30–300 kg. The message is written
 * for the field it is shown under (no field path, the text as typed).
 */
import { isTitrateError } from "../../core/errors.ts";
import { parseQuantity, type QuantityKind } from "../../core/units.ts";

export interface NumberSpec {
  /** The quantity the field holds, with the unit shown beside it (mass in mg, …). */
  readonly kind?: QuantityKind;
  readonly unit?: string;
  /** A count (sprays, days, doses): a whole number. */
  readonly whole?: boolean;
  /** An empty field is an error ("is required") rather than no value. */
  readonly required?: boolean;
}

/** What was read: a number, nothing (an empty field), or why it cannot be read. */
export interface NumberRead {
  readonly value: number | null;
  readonly error: string | null;
}

const EMPTY: NumberRead = { value: null, error: null };

/** Reads a number field; never throws. */
export function readNumber(text: string, spec: NumberSpec = {}): NumberRead {
  const typed = text.trim();
  if (typed === "") return spec.required ? { value: null, error: "is required" } : EMPTY;
  // A count has no unit of its own: a mass in mg carries it through the same parser.
  const kind = spec.kind ?? "mass";
  const unit = spec.kind ? (spec.unit ?? "") : "mg";
  let value: number;
  try {
    value = parseQuantity(`${typed} ${unit}`, kind, "field").amount;
  } catch (error) {
    return { value: null, error: messageFor(error, typed, unit) };
  }
  if (spec.whole && !Number.isInteger(value)) {
    return { value: null, error: `must be a whole number (got ${typed})` };
  }
  return { value, error: null };
}

/** A unit written after a number ("1000mg/ml", "1 mg"), to leave the number alone. */
function gluedUnit(unit: string): RegExp {
  const escaped = unit.replace(/[.*+?^${}()|[\]\\/]/gu, "\\$&");
  return new RegExp(String.raw`(\d)\s?${escaped}(?![\w/])`, "gu");
}

function messageFor(error: unknown, typed: string, unit: string): string {
  if (!isTitrateError(error)) return "cannot be read as a number";
  const core = error.message
    .replace(/^field: /u, "")
    .replaceAll(`"${typed} ${unit}"`, `"${typed}"`)
    .replace(/ \(got [^)]*\)$/u, "");
  switch (error.code) {
    case "QUANTITY_AMBIGUOUS":
      // The unit is beside the field: its examples are numbers alone ("Write 1 for 1").
      return core.replace(gluedUnit(unit), "$1");
    case "QUANTITY_IMPLAUSIBLE":
      return core;
    case "QUANTITY_NOT_POSITIVE":
      return "must be greater than zero";
    default:
      return /[a-zµμ%/]/iu.test(typed)
        ? `"${typed}" is not a number: type the number alone (the unit is beside the field)`
        : `"${typed}" is not a number: write digits, with a decimal point or comma, such as 0.7`;
  }
}

/**
 * An error a form can show under its fields, as the API's errors are: `fields` lists each
 * field that cannot be read. Null when every field reads.
 */
export function unreadable(
  reads: Readonly<Record<string, NumberRead>>,
): (Error & { fields: { path: string; message: string }[] }) | null {
  const fields = Object.entries(reads)
    .filter(([, read]) => read.error !== null)
    .map(([path, read]) => ({ path, message: read.error as string }));
  if (fields.length === 0) return null;
  return Object.assign(new Error("Some numbers cannot be read: see the fields marked."), {
    fields,
  });
}

/**
 * "+0.8", "-1.2", and "0.0" for a value that rounds to zero either way: a sign on a zero
 * ("-0.0") reads as a difference that is not there.
 */
export function signedText(value: number, decimals = 1): string {
  const text = Math.abs(value).toFixed(decimals);
  if (Number(text) === 0) return text;
  return `${value < 0 ? "-" : "+"}${text}`;
}

/** "95 % CI 0.0 to +1.7". */
export function intervalWords(ci95: readonly [number, number], decimals = 1): string {
  return `95 % CI ${signedText(ci95[0], decimals)} to ${signedText(ci95[1], decimals)}`;
}

/** A sentence from src/core/insights/describe.ts with its signed zeros ("-0.0", "+0.00") unsigned. */
export function unsignZeros(text: string): string {
  return text.replace(/(?<![\d.])[+-](0(?:\.0+)?)(?![\d.])/gu, "$1");
}
