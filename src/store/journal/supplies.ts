/**
 * Supplies: adding batches and recording reagent tests, whose results are read against the
 * catalog's expected colours (FACTS TEST-1, P-TEST-1).
 */
import type { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import { matchReagentResult } from "../../core/safety/reagent-verdict.ts";
import {
  type Batch,
  BatchInput,
  type ReagentTest,
  ReagentTestInput,
} from "../../core/schemas/journal.ts";
import { parseWith } from "../../core/schemas/validate.ts";
import { getSubstance } from "../../core/substances/catalog.ts";
import { formatInstant, normaliseInstant } from "../../core/time.ts";
import { addBatch, addReagentTest, getBatch } from "../repos/batches.ts";
import type { Store } from "../store.ts";

export async function createBatch(
  store: Store,
  userId: string,
  input: unknown,
  now: Temporal.Instant,
): Promise<Batch> {
  const batch = parseWith(BatchInput, input);
  const { notDissolved } = getSubstance(batch.substance);
  if (notDissolved !== undefined && (batch.form === "solution" || batch.form === "spray")) {
    // A drawn volume of a suspension holds no known amount: no dose may be measured by volume.
    throw new TitrateError(
      "PREPARATION_IMPOSSIBLE",
      `form: a ${batch.form} of ${batch.substance} cannot be made: ${notDissolved}`,
      "form",
    );
  }
  return store.transaction((tx) => addBatch(tx, userId, batch, formatInstant(now)));
}

export interface TestResult {
  readonly batch: Batch;
  readonly test: ReagentTest;
}

/** Records a reagent test on a batch (by id or label) with its verdict. */
export async function testBatch(
  store: Store,
  userId: string,
  batchRef: string,
  input: unknown,
): Promise<TestResult> {
  const parsed = parseWith(ReagentTestInput, input);
  return store.transaction(async (tx) => {
    const batch = await getBatch(tx, userId, batchRef);
    const substance = getSubstance(batch.substance);
    const test = await addReagentTest(tx, userId, batch.id, {
      reagent: parsed.reagent.trim().toLowerCase(),
      result: parsed.result,
      at: normaliseInstant(parsed.at),
      verdict: matchReagentResult(substance, parsed.reagent, parsed.result),
    });
    return { batch: { ...batch, reagentTests: [...batch.reagentTests, test] }, test };
  });
}
