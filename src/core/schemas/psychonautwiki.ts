/**
 * The export file of PsychonautWiki Journal (Android and iOS: Settings → Export), as Titrate
 * reads it for `titrate import --from psychonautwiki`. Written from the format the app
 * publishes in its source; this is Titrate's own reading of it, not the app's code.
 *
 * One JSON object: `experiences` (each with its `ingestions`, and in newer files `ratings`
 * and `timedNotes`), `substanceCompanions` (colours), `customSubstances` and, in newer files,
 * `customUnits`. Times are epoch milliseconds (UTC); the file names no time zone.
 *
 * Two shapes are accepted:
 * - **older** (2022–2023): experiences with ingestions only; ingestions without
 *   `consumerName`, `customUnitId`, `endTime` or `estimatedDoseStandardDeviation`;
 * - **newer**: the same plus `ratings`, `timedNotes`, `customUnits` and those fields.
 * Missing optional fields read as absent; fields Titrate does not use (colours, favourites,
 * release forms, preferences…) are ignored, never refused, so a newer app version's file
 * still reads.
 */
import * as z from "zod/mini";
import { readShulginRating, type ShulginRating } from "./journal.ts";

// ── enum values, as the app writes them ────────────────────────────────────────────────────

/** Every administration route the app offers (Android writes the enum name; iOS upper-cases). */
export const psychonautWikiRoutes = [
  "ORAL",
  "SUBLINGUAL",
  "BUCCAL",
  "INSUFFLATED",
  "RECTAL",
  "TRANSDERMAL",
  "SUBCUTANEOUS",
  "INTRAMUSCULAR",
  "INTRAVENOUS",
  "SMOKED",
  "INHALED",
] as const;
export type PsychonautWikiRoute = (typeof psychonautWikiRoutes)[number];

/** The route as written in a file (`ORAL`, `oral`); undefined when it is not one. */
export function readPsychonautWikiRoute(text: string): PsychonautWikiRoute | undefined {
  const key = text.trim().toUpperCase();
  return (psychonautWikiRoutes as readonly string[]).includes(key)
    ? (key as PsychonautWikiRoute)
    : undefined;
}

/** Stomach fullness (for oral onset): the serialised value, and the words Titrate shows. */
const stomachFullness: Readonly<Record<string, string>> = {
  EMPTY: "empty",
  QUARTERFULL: "quarter full",
  HALFFULL: "half full",
  FULL: "full",
  VERYFULL: "very full",
};

/** `HALFFULL`, `HALF_FULL` or `halfFull` → "half full"; undefined when it is not one. */
export function readStomachFullness(text: string): string | undefined {
  return stomachFullness[
    text
      .trim()
      .toUpperCase()
      .replace(/[_\s-]/gu, "")
  ];
}

/**
 * Shulgin ratings: the app writes `minus`, `plusMinus`, `plus`, `twoPlus`, `threePlus`,
 * `fourPlus` (the enum names MINUS … FOUR_PLUS and the signs are read too).
 */
const shulginNames: Readonly<Record<string, ShulginRating>> = {
  minus: "-",
  plusminus: "±",
  plus: "+",
  twoplus: "++",
  threeplus: "+++",
  fourplus: "++++",
};

/** The rating on Titrate's Shulgin scale; undefined when it is not a Shulgin rating. */
export function readPsychonautWikiRating(text: string): ShulginRating | undefined {
  return (
    shulginNames[
      text
        .trim()
        .toLowerCase()
        .replace(/[_\s-]/gu, "")
    ] ?? readShulginRating(text)
  );
}

// ── building blocks ────────────────────────────────────────────────────────────────────────

/** The latest instant an ISO 8601 text with a four-digit year can hold (9999-12-31). */
const MAX_EPOCH_MS = 253_402_300_799_999;

/** A time: whole milliseconds since 1970-01-01 UTC. */
const EpochMs = z
  .int({ error: "must be a time in milliseconds since 1970 (a whole number)" })
  .check(
    z.gte(0, { error: "must be a time in milliseconds since 1970, not before" }),
    z.lte(MAX_EPOCH_MS, { error: "must be a time before the year 10000" }),
  );

const Amount = z
  .number({ error: "must be a number" })
  .check(z.gte(0, { error: "must not be negative" }));

const Route = z.string({ error: "must be a route name such as ORAL" }).check(
  z.refine((text) => readPsychonautWikiRoute(text) !== undefined, {
    error: `must be one of ${psychonautWikiRoutes.join(", ")}`,
  }),
);

// ── records ────────────────────────────────────────────────────────────────────────────────

export const PsychonautWikiIngestion = z.object({
  substanceName: z.string().check(z.minLength(1), z.maxLength(1000)),
  time: EpochMs,
  /** Newer files: when a long ingestion (a drink over an evening) ended. */
  endTime: z.nullish(EpochMs),
  creationDate: z.nullish(EpochMs),
  administrationRoute: Route,
  /** In `units`; null when the person did not know it. */
  dose: z.nullish(Amount),
  isDoseAnEstimate: z.boolean(),
  estimatedDoseStandardDeviation: z.nullish(Amount),
  /** "mg", "µg", "g", "mg (THC)", a custom substance's unit…; null or "" when unknown. */
  units: z.nullish(z.string().check(z.maxLength(200))),
  notes: z.nullish(z.string()),
  stomachFullness: z.nullish(
    z.string().check(
      z.refine((text) => readStomachFullness(text) !== undefined, {
        error: "must be one of EMPTY, QUARTERFULL, HALFFULL, FULL, VERYFULL",
      }),
    ),
  ),
  /** Newer files: the ingestion was logged for this other person. */
  consumerName: z.nullish(z.string()),
  /** Newer files: the dose is a count of this custom unit (`customUnits`). */
  customUnitId: z.nullish(z.int()),
});
export type PsychonautWikiIngestion = z.infer<typeof PsychonautWikiIngestion>;

export const PsychonautWikiRating = z.object({
  option: z.string().check(
    z.refine((text) => readPsychonautWikiRating(text) !== undefined, {
      error: "must be a Shulgin rating: minus, plusMinus, plus, twoPlus, threePlus or fourPlus",
    }),
  ),
  /** Null for the rating of the whole experience. */
  time: z.nullish(EpochMs),
  creationDate: z.nullish(EpochMs),
});
export type PsychonautWikiRating = z.infer<typeof PsychonautWikiRating>;

export const PsychonautWikiTimedNote = z.object({
  creationDate: z.nullish(EpochMs),
  time: EpochMs,
  note: z.string(),
});
export type PsychonautWikiTimedNote = z.infer<typeof PsychonautWikiTimedNote>;

export const PsychonautWikiLocation = z.object({
  name: z.string(),
  latitude: z.nullish(z.number()),
  longitude: z.nullish(z.number()),
});

export const PsychonautWikiExperience = z.object({
  title: z.nullish(z.string()),
  text: z.nullish(z.string()),
  creationDate: z.nullish(EpochMs),
  /** The experience's date; iOS writes null for one that never had one. */
  sortDate: z.nullish(EpochMs),
  isFavorite: z.nullish(z.boolean()),
  ingestions: z.optional(z.array(PsychonautWikiIngestion)),
  location: z.nullish(PsychonautWikiLocation),
  /** Newer files. */
  ratings: z.optional(z.array(PsychonautWikiRating)),
  /** Newer files. */
  timedNotes: z.optional(z.array(PsychonautWikiTimedNote)),
});
export type PsychonautWikiExperience = z.infer<typeof PsychonautWikiExperience>;

export const PsychonautWikiCustomSubstance = z.object({
  name: z.string().check(z.minLength(1)),
  units: z.nullish(z.string()),
  description: z.nullish(z.string()),
});

/** Newer files: a unit of the person's own (a capsule, a spray) worth `dose` `originalUnit`. */
export const PsychonautWikiCustomUnit = z.object({
  id: z.int(),
  substanceName: z.string(),
  name: z.string(),
  administrationRoute: z.nullish(Route),
  /** Per unit, in `originalUnit`; null when the person did not know it. */
  dose: z.nullish(Amount),
  estimatedDoseStandardDeviation: z.nullish(Amount),
  isEstimate: z.nullish(z.boolean()),
  unit: z.string(),
  unitPlural: z.nullish(z.string()),
  originalUnit: z.string(),
});
export type PsychonautWikiCustomUnit = z.infer<typeof PsychonautWikiCustomUnit>;

/** The whole file, older or newer shape. */
export const PsychonautWikiExport = z.object({
  experiences: z.array(PsychonautWikiExperience),
  substanceCompanions: z.optional(z.array(z.object({ substanceName: z.string() }))),
  customSubstances: z.optional(z.array(PsychonautWikiCustomSubstance)),
  customUnits: z.optional(z.array(PsychonautWikiCustomUnit)),
});
export type PsychonautWikiExport = z.infer<typeof PsychonautWikiExport>;

/** The top-level fields Titrate reads (any other is reported as not imported). */
export const psychonautWikiExportFields = [
  "experiences",
  "substanceCompanions",
  "customSubstances",
  "customUnits",
] as const;
