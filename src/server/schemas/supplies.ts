/** Request and response schemas of batches, reagent tests and presets. */
import * as z from "zod/mini";
import {
  Batch,
  BatchInput,
  ReagentTest,
  RouteIdSchema,
  SubstanceIdSchema,
} from "../../core/schemas/journal.ts";
import { At } from "./common.ts";

const batch = BatchInput.shape;

/** A batch of a substance; strength, spray volume and purity are optional (null when unknown). */
export const BatchBody = z.strictObject({
  substance: batch.substance,
  label: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  form: batch.form,
  concentrationMgPerMl: z.optional(batch.concentrationMgPerMl),
  mlPerSpray: z.optional(batch.mlPerSpray),
  purityPercent: z.optional(batch.purityPercent),
});

export const BatchAnswer = z.strictObject({
  batch: Batch,
  howToTest: z
    .string()
    .check(z.describe("Which reagents to use and what they show (FACTS TEST-1).")),
});
export const BatchList = z.strictObject({ batches: z.array(Batch) });

export const ReagentTestBody = z.strictObject({
  reagent: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
  result: z
    .string()
    .check(
      z.trim(),
      z.minLength(1),
      z.maxLength(500),
      z.describe(
        'What you saw, in your words: "orange", "no change", "dark purple within a minute".',
      ),
    ),
  at: z.optional(At),
});

export const ReagentTestAnswer = z.strictObject({
  batch: Batch,
  test: ReagentTest,
  expected: z
    .nullable(z.string())
    .check(
      z.describe(
        "The colour the catalog expects for this reagent and substance; null when it has none.",
      ),
    ),
  verdictMeaning: z.string().check(z.describe("What the verdict means, in plain words.")),
});

const positive = z.number().check(z.positive(), z.lte(1_000_000));

/**
 * A mass unit. The micro sign (U+00B5), the Greek mu (U+03BC), "ug" and "mcg" all mean µg,
 * as everywhere in Titrate; nothing else is guessed (a µg read as mg is a thousandfold dose).
 */
const MassUnit = z.pipe(
  z.enum(["µg", "mg", "g", "μg", "ug", "mcg"]),
  z.transform((unit): "µg" | "mg" | "g" => (unit === "mg" || unit === "g" ? unit : "µg")),
);

/** How much, as measured: an amount in a mass unit, or a volume or sprays of a batch. */
export const Measured = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("amount"),
    amount: positive,
    unit: MassUnit,
  }),
  z.strictObject({
    kind: z.literal("volume"),
    volumeMl: z.number().check(z.positive(), z.lte(1000)),
  }),
  z.strictObject({ kind: z.literal("sprays"), sprays: z.int().check(z.gte(1), z.lte(20)) }),
]);

/** A batch or preset named by its id or its label (within your own account). */
export const Reference = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));

export const PresetBody = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
  substance: z.optional(SubstanceIdSchema),
  measured: Measured,
  route: z.optional(RouteIdSchema),
  batch: z.optional(Reference),
});

export const PresetView = z.strictObject({
  id: z.string(),
  name: z.string(),
  substance: z.string(),
  amount: z.nullable(z.number()).check(z.describe("In `unit`; null for a volume or sprays.")),
  unit: z.string(),
  route: z.string(),
  batchId: z.nullable(z.string()),
  volumeMl: z.nullable(z.number()),
  sprays: z.nullable(z.int()),
});
export const PresetAnswer = z.strictObject({ preset: PresetView });
export const PresetList = z.strictObject({ presets: z.array(PresetView) });
