/**
 * The dose a preparation is made for, shared by `calc solution` and `calc spray`: read,
 * converted to mg for the measuring math, and checked against the substance's ceiling.
 */
import { checkAmountAgainstCeiling } from "../../../core/dose.ts";
import { getSubstance } from "../../../core/substances/catalog.ts";
import type { Substance } from "../../../core/substances/substance.ts";
import { convert, parseQuantity, toBase } from "../../../core/units.ts";
import { optionalString, requiredString } from "../../args.ts";
import type { CommandContext, OptionSpec } from "../../command.ts";

export interface PreparedDose {
  readonly substance: Substance;
  readonly doseMg: number;
  /** The dose in the substance's own unit (µg for LSD). */
  readonly doseAmount: number;
  readonly notes: readonly string[];
}

export const preparedDoseOptions: Record<string, OptionSpec> = {
  dose: { type: "string", value: "7mg", description: "The dose to measure (mg, µg or g)." },
  substance: {
    type: "string",
    value: "ketamine",
    description: "Substance the dose is of (default ketamine); sets the ceiling checked.",
  },
  weight: {
    type: "string",
    value: "70kg",
    description: "Your body weight, to check the dose against your own ceiling.",
  },
};

/** Reads --dose, --substance and --weight; refuses a dose above the ceiling (exit 2). */
export function readPreparedDose(context: CommandContext): PreparedDose {
  const substance = getSubstance(optionalString(context, "substance") ?? "ketamine");
  const dose = parseQuantity(requiredString(context, "dose", "7mg"), "mass", "dose");
  const weightText = optionalString(context, "weight");
  const weightKg =
    weightText === undefined
      ? undefined
      : toBase(parseQuantity(weightText, "body-weight", "weight"));
  const doseAmount = convert(dose.amount, dose.unit, substance.unit);
  const notes = checkAmountAgainstCeiling(substance, doseAmount, weightKg);
  return { substance, doseMg: convert(dose.amount, dose.unit, "mg"), doseAmount, notes };
}
