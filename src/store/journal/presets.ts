/**
 * Presets: a dose a person repeats, saved once and logged in one step (`titrate log dose
 * --preset NAME`, or `preset` in the API). The CLI and the API create them here.
 */
import type { Temporal } from "temporal-polyfill";
import { checkAmountAgainstCeiling } from "../../core/dose.ts";
import { type Measured, resolveDoseAmount } from "../../core/dose-amount.ts";
import { TitrateError } from "../../core/errors.ts";
import { effectiveVerdict } from "../../core/safety/reagent-verdict.ts";
import { getRoute, getSubstance } from "../../core/substances/catalog.ts";
import { formatInstant } from "../../core/time.ts";
import { convert, roundTo } from "../../core/units.ts";
import { getBatch } from "../repos/batches.ts";
import { addPreset, type Preset } from "../repos/presets.ts";
import { getProfile } from "../repos/profile.ts";
import type { Store } from "../store.ts";

export interface PresetRequest {
  readonly name: string;
  /** Default: the batch's substance. */
  readonly substance?: string | undefined;
  /** An amount (any mass unit; kept in the substance's unit), or a volume or sprays of the batch. */
  readonly measured: Measured;
  /** Default: nasal for a spray batch, else the substance's usual route. */
  readonly route?: string | undefined;
  /** The batch it comes from, by id or label; needed for a volume or sprays. */
  readonly batch?: string | undefined;
}

/**
 * Saves a preset: a dose proposed once and repeated in one step, so it is checked like one.
 * Refuses a volume or sprays without a batch (BATCH_REQUIRED) or on a batch lacking the
 * concentration or spray volume (BATCH_INCOMPLETE), a batch of another substance
 * (BATCH_MISMATCH) or one whose reagent test did not match (BATCH_TEST_MISMATCH, FACTS TEST-1,
 * P-TEST-1), an amount above the person's ceiling, or above the ceiling at any weight when
 * the profile has none (DOSE_ABOVE_CEILING, FACTS K-DOSE-1, P-DOSE-1), a route the substance
 * does not list, and a name already used (LABEL_TAKEN).
 */
export async function createPreset(
  store: Store,
  userId: string,
  request: PresetRequest,
  now: Temporal.Instant,
): Promise<Preset> {
  return store.transaction(async (tx) => {
    const batch = request.batch === undefined ? null : await getBatch(tx, userId, request.batch);
    if (request.substance === undefined && !batch) {
      throw new TitrateError(
        "VALIDATION_FAILED",
        "substance: is required when no batch is given",
        "substance",
      );
    }
    const substance = getSubstance(request.substance ?? batch?.substance ?? "", "substance");
    if (batch && batch.substance !== substance.id) {
      throw new TitrateError(
        "BATCH_MISMATCH",
        `batch: "${batch.label}" holds ${batch.substance}, not ${substance.id}`,
        "batch",
      );
    }
    const { measured } = request;
    if (measured.kind !== "amount" && !batch) {
      throw new TitrateError(
        "BATCH_REQUIRED",
        "batch: a preset given as a volume or sprays needs the batch it comes from",
        "batch",
      );
    }
    // A preset is a proposal, repeated in one step: it gets the checks of a dose proposed.
    const { amount } = resolveDoseAmount(substance, measured, batch);
    const weightKg = (await getProfile(tx, userId))?.weightKg ?? undefined;
    const field =
      measured.kind === "amount"
        ? "measured.amount"
        : measured.kind === "volume"
          ? "measured.volumeMl"
          : "measured.sprays";
    checkAmountAgainstCeiling(substance, amount, weightKg, field);
    const failed = batch?.reagentTests.find((t) => effectiveVerdict(substance, t) === "mismatch");
    if (batch && failed) {
      throw new TitrateError(
        "BATCH_TEST_MISMATCH",
        `batch: "${batch.label}" failed its ${failed.reagent} test ("${failed.result}"): it may not be ${substance.id}, and Titrate saves no dose from it (FACTS ${substance.id === "lsd" ? "P-TEST-1" : "TEST-1"})`,
        "batch",
      );
    }
    const route = getRoute(
      substance,
      request.route ?? (batch?.form === "spray" ? "nasal" : substance.defaultRoute),
    ).route;
    return addPreset(
      tx,
      userId,
      {
        name: request.name,
        substance: substance.id,
        amount:
          measured.kind === "amount"
            ? roundTo(convert(measured.amount, measured.unit, substance.unit), 6)
            : null,
        unit: substance.unit,
        route,
        batchId: batch?.id ?? null,
        volumeMl: measured.kind === "volume" ? measured.volumeMl : null,
        sprays: measured.kind === "sprays" ? measured.sprays : null,
      },
      formatInstant(now),
    );
  });
}
