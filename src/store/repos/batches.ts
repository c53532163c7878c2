/** Supplies: batches with their form, strength and reagent test results. */
import { TitrateError } from "../../core/errors.ts";
import type { Batch, BatchInput, ReagentTest } from "../../core/schemas/journal.ts";
import type { Database, Db } from "../database.ts";
import { newId } from "../ids.ts";

type BatchRow = Database["batches"];
type TestRow = Database["reagent_tests"];

function toTest(r: TestRow): ReagentTest {
  return {
    id: r.id,
    reagent: r.reagent,
    result: r.result,
    at: r.at,
    verdict: r.verdict as ReagentTest["verdict"],
  };
}

function toBatch(r: BatchRow, tests: readonly TestRow[]): Batch {
  return {
    id: r.id,
    substance: r.substance as Batch["substance"],
    label: r.label,
    form: r.form as Batch["form"],
    concentrationMgPerMl: r.concentration_mg_per_ml,
    mlPerSpray: r.ml_per_spray,
    purityPercent: r.purity_percent,
    createdAt: r.created_at,
    reagentTests: tests.filter((t) => t.batch_id === r.id).map(toTest),
  };
}

export async function listBatches(db: Db, userId: string): Promise<Batch[]> {
  const [rows, tests] = await Promise.all([
    db
      .selectFrom("batches")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("reagent_tests")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("at")
      .execute(),
  ]);
  return rows.map((r) => toBatch(r, tests));
}

/** A batch by id or by label (case-insensitive); NOT_FOUND naming `field` otherwise. */
export async function getBatch(
  db: Db,
  userId: string,
  idOrLabel: string,
  field = "batch",
): Promise<Batch> {
  const batches = await listBatches(db, userId);
  const key = idOrLabel.trim().toLowerCase();
  const batch =
    batches.find((b) => b.id === idOrLabel) ?? batches.find((b) => b.label.toLowerCase() === key);
  if (!batch) {
    const known = batches.map((b) => `"${b.label}"`).join(", ");
    throw new TitrateError(
      "NOT_FOUND",
      `${field}: no batch "${idOrLabel}"${known ? `; your batches: ${known}` : "; add one with `titrate batch add`"}`,
      field,
    );
  }
  return batch;
}

export async function addBatch(
  db: Db,
  userId: string,
  input: BatchInput,
  createdAt: string,
): Promise<Batch> {
  const clash = await db
    .selectFrom("batches")
    .select("id")
    .where("user_id", "=", userId)
    .where("label", "=", input.label)
    .executeTakeFirst();
  if (clash)
    throw new TitrateError(
      "LABEL_TAKEN",
      `label: you already have a batch labelled "${input.label}"`,
      "label",
    );
  const row: BatchRow = {
    id: newId("batches"),
    user_id: userId,
    substance: input.substance,
    label: input.label,
    form: input.form,
    concentration_mg_per_ml: input.concentrationMgPerMl,
    ml_per_spray: input.mlPerSpray,
    purity_percent: input.purityPercent,
    created_at: createdAt,
    archived_at: null,
  };
  await db.insertInto("batches").values(row).execute();
  return toBatch(row, []);
}

export async function addReagentTest(
  db: Db,
  userId: string,
  batchId: string,
  test: Omit<ReagentTest, "id">,
): Promise<ReagentTest> {
  const row: TestRow = { id: newId("reagent_tests"), user_id: userId, batch_id: batchId, ...test };
  await db.insertInto("reagent_tests").values(row).execute();
  return toTest(row);
}
