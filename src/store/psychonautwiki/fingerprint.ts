/**
 * Import fingerprints for PsychonautWiki Journal records. The file has no ids, so a record is
 * known by what identifies it and does not change when the person edits it in the app:
 *
 * - an ingestion: its substance name and time (not the dose, route or note: an ingestion
 *   edited after an earlier import is the same ingestion, and the journal keeps its version);
 * - an experience: its creation time (kept when the app moves a journal between phones), else
 *   its date;
 * - a rating or a timed note: its experience, and its time.
 *
 * Two records with the same identity in one file (two drinks logged at the same minute) are
 * told apart by their order: `#1`, `#2`. So the same file always gives the same fingerprints,
 * and importing it again adds nothing.
 */
import { createHash } from "node:crypto";

export const FINGERPRINT_PREFIX = "pwj";

export type FingerprintKind =
  | "ingestion"
  | "ingestion-note"
  | "experience"
  | "rating"
  | "timed-note";

/** Counts identities as they come, so repeats in one file get their own fingerprints. */
export class Fingerprints {
  readonly #seen = new Map<string, number>();

  /** The fingerprint of the next record with this identity: `pwj:ingestion:<32 hex>`. */
  next(kind: FingerprintKind, identity: readonly (string | number | null)[]): string {
    const key = JSON.stringify([kind, ...identity]);
    const occurrence = (this.#seen.get(key) ?? 0) + 1;
    this.#seen.set(key, occurrence);
    const hash = createHash("sha256").update(`${key}#${occurrence}`).digest("hex").slice(0, 32);
    return `${FINGERPRINT_PREFIX}:${kind}:${hash}`;
  }
}
