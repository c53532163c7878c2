/**
 * How much was taken, from what the person measured: an amount, a volume of a solution
 * batch, or a number of sprays of a spray batch (FACTS MEAS-1, MEAS-3). A batch's purity,
 * when a drug-checking service measured it, gives the active amount too; it is reported for
 * information and never raises what the ceiling allows (FACTS DESIGN-1).
 */
import { TitrateError } from "./errors.ts";
import type { Batch } from "./schemas/journal.ts";
import type { Substance } from "./substances/substance.ts";
import { convert, formatAmount, roundTo } from "./units.ts";

export type Measured =
  | { readonly kind: "amount"; readonly amount: number; readonly unit: string }
  | { readonly kind: "volume"; readonly volumeMl: number }
  | { readonly kind: "sprays"; readonly sprays: number };

export interface DoseAmount {
  /** In the substance's unit. */
  readonly amount: number;
  readonly unit: Substance["unit"];
  /** The active amount at the batch's measured purity, in `unit`; null when unknown. */
  readonly activeAmount: number | null;
  /** How the amount was worked out, in words ("0.7 ml of bottle A at 10 mg/ml"). */
  readonly derivation: string | null;
}

/** The amount taken, in the substance's unit; refuses a volume or sprays without the batch data. */
export function resolveDoseAmount(
  substance: Substance,
  measured: Measured,
  batch: Batch | null,
): DoseAmount {
  let amountMg: number;
  let derivation: string | null = null;
  if (measured.kind === "amount") {
    const amount = convert(measured.amount, measured.unit, substance.unit);
    return withPurity(substance, amount, null, batch);
  }
  if (!batch) {
    throw new TitrateError(
      "BATCH_REQUIRED",
      `batch: a dose given as ${measured.kind === "volume" ? "a volume" : "sprays"} needs the batch it came from (--batch), to know its concentration`,
      "batch",
    );
  }
  const concentration = batch.concentrationMgPerMl;
  if (concentration === null) {
    throw new TitrateError(
      "BATCH_INCOMPLETE",
      `batch: "${batch.label}" has no concentration recorded; give the dose as an amount, or record the batch's concentration`,
      "batch",
    );
  }
  if (measured.kind === "volume") {
    amountMg = measured.volumeMl * concentration;
    // In the substance's unit: an LSD batch of 10 µg/ml is "10 µg/ml", not "0.01 mg/ml".
    const perMl = roundTo(convert(concentration, "mg", substance.unit), 4);
    derivation = `${formatAmount(measured.volumeMl, "ml")} of "${batch.label}" at ${perMl} ${substance.unit}/ml`;
  } else {
    if (batch.mlPerSpray === null) {
      throw new TitrateError(
        "BATCH_INCOMPLETE",
        `batch: "${batch.label}" has no volume per spray recorded; calibrate the pump (titrate calc spray --help) and record it`,
        "batch",
      );
    }
    amountMg = measured.sprays * batch.mlPerSpray * concentration;
    derivation = `${measured.sprays} spray${measured.sprays === 1 ? "" : "s"} of "${batch.label}" (${formatAmount(convert(batch.mlPerSpray * concentration, "mg", substance.unit), substance.unit)} each)`;
  }
  return withPurity(substance, convert(amountMg, "mg", substance.unit), derivation, batch);
}

function withPurity(
  substance: Substance,
  amount: number,
  derivation: string | null,
  batch: Batch | null,
): DoseAmount {
  const rounded = roundTo(amount, 6);
  const purity = batch?.purityPercent ?? null;
  return {
    amount: rounded,
    unit: substance.unit,
    activeAmount: purity === null ? null : roundTo((rounded * purity) / 100, 6),
    derivation,
  };
}
