/** Request and response schemas of the profile, weight history and medications. */
import * as z from "zod/mini";
import { Medication, Profile } from "../../core/schemas/journal.ts";
import { At, CrisisResources, Instant } from "./common.ts";

const fields = Profile.shape;

/**
 * Changes to the profile; a field left out stays as it is. On an account with no profile
 * yet this creates it: `timeZone` is then required, and the rest default to no weight,
 * metric units, no conditions, no country and no contacts of one's own.
 */
export const ProfileChanges = z.strictObject({
  weightKg: z.optional(fields.weightKg),
  units: z.optional(fields.units),
  timeZone: z.optional(fields.timeZone),
  conditions: z.optional(fields.conditions),
  /** Upper-cased before it is checked (gb → GB); UK is read as GB. */
  country: z.optional(
    z.nullable(
      z
        .string()
        .check(
          z.trim(),
          z.toUpperCase(),
          z.regex(/^[A-Z]{2}$/u, { error: "must be a two-letter country code such as GB or US" }),
        ),
    ),
  ),
  emergencyNumber: z.optional(fields.emergencyNumber),
  helpline: z.optional(fields.helpline),
});

export const ProfileAnswer = z.strictObject({
  username: z.string(),
  profile: z
    .nullable(Profile)
    .check(z.describe("Null until the profile is set up with PATCH /api/v1/profile.")),
  crisis: CrisisResources,
});

export const ProfileSaved = z.strictObject({
  profile: Profile,
  created: z.boolean().check(z.describe("True when this request created the profile.")),
  crisis: CrisisResources,
});

export const WeightHistory = z.strictObject({
  weights: z.array(z.strictObject({ at: Instant, weightKg: z.number() })),
});

export const MedicationBody = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  addedAt: z.optional(At),
});
export const MedicationAnswer = z.strictObject({ medication: Medication });
export const MedicationAdded = z.strictObject({
  medication: Medication,
  knownCombinations: z
    .array(
      z.strictObject({
        substance: z.string(),
        agent: z.string(),
        severity: z.enum(["danger", "caution"]),
      }),
    )
    .check(
      z.describe(
        "The combinations every dose is checked for with this medication; empty when Titrate knows none for it, which is not a sign that it is safe (ask a pharmacist).",
      ),
    ),
});
export const MedicationList = z.strictObject({
  medications: z
    .array(Medication)
    .check(
      z.describe("Current and ended medications, oldest first; current ones have no endedAt."),
    ),
});
