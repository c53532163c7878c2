/** Request and response schemas of logging and checking a dose. */
import * as z from "zod/mini";
import { Finding } from "../../core/safety/finding.ts";
import { Dose, DoseInput, RouteIdSchema, SubstanceIdSchema } from "../../core/schemas/journal.ts";
import { At, NoteText, RecordedFindings } from "./common.ts";
import { Measured, Reference } from "./supplies.ts";

/**
 * A dose taken (or about to be): anything left out comes from the preset, the batch, or the
 * one active plan. `measured` may also be `{ "kind": "unknown" }`: the amount is not known
 * and is never guessed.
 */
export const DoseBody = z.strictObject({
  substance: z.optional(SubstanceIdSchema),
  measured: z.optional(z.union([Measured, z.strictObject({ kind: z.literal("unknown") })])),
  preset: z.optional(Reference),
  batch: z.optional(Reference),
  route: z.optional(RouteIdSchema),
  at: z.optional(At),
  isEstimate: z.optional(z.boolean()),
  note: z.optional(NoteText),
});

/** How the amount was worked out from what was measured. */
export const DoseAmount = z.nullable(
  z.strictObject({
    amount: z.number(),
    unit: z.string(),
    activeAmount: z
      .nullable(z.number())
      .check(z.describe("The active amount at the batch's measured purity, for information.")),
    derivation: z
      .nullable(z.string())
      .check(z.describe('How it was worked out: "2 sprays of \\"bottle A\\" (5 mg each)".')),
  }),
);

const advisedNotToDose = z
  .boolean()
  .check(z.describe("True while an active danger finding advises against dosing at all."));

export const DoseLogged = z.strictObject({
  record: Dose,
  amount: DoseAmount,
  ...RecordedFindings,
  advisedNotToDose,
});

export const DoseChecked = z.strictObject({
  /** The dose as it would be recorded; nothing was written. */
  dose: DoseInput,
  amount: DoseAmount,
  findings: z
    .array(Finding)
    .check(
      z.describe(
        "What the rules say about this dose, then every other finding active at its time; danger first.",
      ),
    ),
  advisedNotToDose,
});
