/**
 * What a source that maps another app's format made of the file (`--from psychonautwiki`):
 * every entry of the file is accounted for, by substance: written as a dose, kept as an
 * "other substance" entry, already imported before, or skipped, each with its reason.
 * Titrate's own export maps one to one and has no summary.
 */

/** Why an entry was not imported as a dose with a known amount. Stable ids, for scripts. */
export type EntryReason =
  /** Kept as an other substance: not in Titrate's catalog (alcohol, tramadol, cannabis…). */
  | "not-in-catalog"
  /** Kept as an other substance: a route Titrate does not record (smoked, rectal…). */
  | "route-not-in-titrate"
  /** Kept as an other substance: a route Titrate records, but not for this substance. */
  | "route-not-for-substance"
  /** A dose with an unknown amount: the file has none. */
  | "no-dose"
  /** A dose with an unknown amount: the file says 0. */
  | "zero-dose"
  /** A dose with an unknown amount: the unit is not a mass Titrate converts (ml, sprays, tabs). */
  | "unit-not-a-mass"
  /** A dose with an unknown amount: a custom unit without an amount per unit. */
  | "custom-unit-without-dose"
  /** Skipped: logged for someone else. */
  | "someone-else"
  /** Skipped: a note with no text. */
  | "empty"
  /** Imported, but another entry has the same substance and time: perhaps one is a duplicate. */
  | "same-time";

export type EntryOutcome = "other-substance" | "amount-unknown" | "skipped" | "imported";

/** One entry worth telling the person about. */
export interface ImportEntryNote {
  /** Where it is in the file: `experiences[2].ingestions[0]`. */
  readonly path: string;
  /** The substance as the file names it, for ingestions. */
  readonly substance: string | null;
  readonly outcome: EntryOutcome;
  readonly reason: EntryReason;
  /** The same in plain words. */
  readonly message: string;
}

/** Ingestions of one substance (as the file names it) and what became of them. */
export interface SubstanceSummary {
  readonly name: string;
  /** The catalog substance its doses were written as; null when none. */
  readonly catalogId: string | null;
  /** Ingestions in the file, including someone else's. */
  readonly ingestions: number;
  /** Written now as doses. */
  readonly doses: number;
  /** Written now as other-substance entries. */
  readonly otherSubstances: number;
  /** In the journal from an earlier import (same fingerprint): not added again. */
  readonly alreadyImported: number;
  /** Not imported at all (see `reasons`). */
  readonly skipped: number;
  /** How many ingestions had each reason (kept as other substance, amount unknown, skipped). */
  readonly reasons: Readonly<Partial<Record<EntryReason, number>>>;
}

export interface ImportSummary {
  /** What was read, e.g. "PsychonautWiki Journal export (newer shape)". */
  readonly format: string;
  /** The zone the file's times were given (the profile's) when the file names none. */
  readonly timeZone: string | null;
  /** What the file holds, by kind: `{ experiences: 6, ingestions: 14, … }`. */
  readonly inFile: Readonly<Record<string, number>>;
  readonly substances: readonly SubstanceSummary[];
  /** Every entry not imported as it was, or not at all, and entries worth a second look. */
  readonly entries: readonly ImportEntryNote[];
  /** What the file holds that Titrate does not import, in words. */
  readonly notImported: readonly string[];
}
