/**
 * Reads a PsychonautWiki Journal export file and checks all of it before anything is mapped:
 * that it is one (not a Titrate export, a backup or another app's file), every field against
 * the schema (src/core/schemas/psychonautwiki.ts), and what the schema cannot see alone (a
 * custom unit an ingestion names but the file lacks). Every problem names the experience, the
 * record and the field: `experiences[2].ingestions[0].time: must be a time in milliseconds…`.
 */
import { TitrateError } from "../../core/errors.ts";
import {
  type PsychonautWikiExperience,
  PsychonautWikiExport,
  psychonautWikiExportFields,
} from "../../core/schemas/psychonautwiki.ts";
import { parseWith } from "../../core/schemas/validate.ts";
import { backupKind } from "../backup-format.ts";
import { type FieldProblem, problemsError } from "../import-problems.ts";
import { bracketPath } from "../import-titrate.ts";

export type PsychonautWikiShape = "older" | "newer";

export interface ParsedPsychonautWiki {
  readonly doc: PsychonautWikiExport;
  /** Newer files have ratings, timed notes, custom units or consumer names. */
  readonly shape: PsychonautWikiShape;
  /** Top-level fields of the file that Titrate does not read (`preferences`, …). */
  readonly unreadFields: readonly string[];
}

const notAnExport = (why: string) =>
  new TitrateError(
    "IMPORT_FORMAT_UNKNOWN",
    `file: this is not a PsychonautWiki Journal export (${why}); export one in the app with Settings → Export`,
    "file",
  );

/** Reads and validates the whole file; throws before anything is written. */
export function parsePsychonautWikiExport(bytes: Uint8Array): ParsedPsychonautWiki {
  const value = parseJson(bytes);
  const top = checkTop(value);
  let doc: PsychonautWikiExport;
  try {
    doc = parseWith(PsychonautWikiExport, value);
  } catch (error) {
    if (error instanceof TitrateError && error.code === "VALIDATION_FAILED") {
      throw problemsError(
        error.fields.map((f) => ({ path: bracketPath(f.path), message: f.message })),
      );
    }
    throw error;
  }
  const problems = referenceProblems(doc);
  if (problems.length > 0) throw problemsError(problems);
  return {
    doc,
    shape: shapeOf(value as Record<string, unknown>),
    unreadFields: Object.keys(top).filter(
      (k) => !(psychonautWikiExportFields as readonly string[]).includes(k),
    ),
  };
}

function parseJson(bytes: Uint8Array): unknown {
  if (backupKind(bytes) !== "unknown") {
    throw new TitrateError(
      "IMPORT_FORMAT_UNKNOWN",
      "file: this is a Titrate backup, not a PsychonautWiki Journal export; bring it back with `titrate restore FILE`",
      "file",
    );
  }
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("utf8");
  if (text.startsWith("\uFEFF")) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw notAnExport(`it is not valid JSON: ${detail}`);
  }
}

function checkTop(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw notAnExport("it is not a JSON object");
  }
  const top = value as Record<string, unknown>;
  if (top.format === "titrate-journal") {
    throw new TitrateError(
      "IMPORT_FORMAT_UNKNOWN",
      "file: this is a Titrate export, not a PsychonautWiki Journal one; import it with `titrate import FILE` (without --from)",
      "file",
    );
  }
  if (Array.isArray(top.ingestions)) {
    // The 2022 test versions listed ingestions beside experiences, with their own ids and
    // time encodings; reading them by guess could misplace doses in time.
    throw new TitrateError(
      "IMPORT_FORMAT_UNKNOWN",
      "file: this is an early PsychonautWiki Journal export (ingestions listed outside experiences), which Titrate does not read; update the app and export again",
      "file",
    );
  }
  if (!("experiences" in top)) throw notAnExport('it has no "experiences"');
  return top;
}

/**
 * An ingestion's custom unit must be in the file (its amount per unit is the dose), and an
 * experience with text or ratings needs a date to put them on.
 */
function referenceProblems(doc: PsychonautWikiExport): FieldProblem[] {
  const units = new Set((doc.customUnits ?? []).map((u) => u.id));
  const problems: FieldProblem[] = [];
  doc.experiences.forEach((experience, i) => {
    const hasContent =
      Boolean(
        experience.title?.trim() || experience.text?.trim() || experience.location?.name.trim(),
      ) || (experience.ratings ?? []).length > 0;
    if (hasContent && experienceDate(experience) === null) {
      problems.push({
        path: `experiences[${i}].sortDate`,
        message: "is missing, and the experience has no other date (creationDate, an ingestion)",
      });
    }
    (experience.ingestions ?? []).forEach((ingestion, j) => {
      const id = ingestion.customUnitId;
      if (id !== null && id !== undefined && !units.has(id)) {
        problems.push({
          path: `experiences[${i}].ingestions[${j}].customUnitId`,
          message: `names custom unit ${id}, which is not in the file's customUnits`,
        });
      }
    });
  });
  return problems;
}

function has(record: unknown, key: string): boolean {
  return typeof record === "object" && record !== null && key in record;
}

/** Newer: anything the older shape did not have. */
function shapeOf(top: Record<string, unknown>): PsychonautWikiShape {
  if ("customUnits" in top) return "newer";
  const experiences = Array.isArray(top.experiences) ? top.experiences : [];
  const newer = experiences.some(
    (e) =>
      has(e, "ratings") ||
      has(e, "timedNotes") ||
      (Array.isArray((e as { ingestions?: unknown }).ingestions) &&
        (e as { ingestions: unknown[] }).ingestions.some(
          (i) => has(i, "consumerName") || has(i, "customUnitId") || has(i, "endTime"),
        )),
  );
  return newer ? "newer" : "older";
}

/** The experience's day: its date, else its first ingestion, else when it was created. */
export function experienceDate(experience: PsychonautWikiExperience): number | null {
  if (experience.sortDate !== null && experience.sortDate !== undefined) return experience.sortDate;
  const times = (experience.ingestions ?? []).map((i) => i.time);
  if (times.length > 0) return Math.min(...times);
  const rated = (experience.ratings ?? []).flatMap((r) =>
    r.time === null || r.time === undefined ? [] : [r.time],
  );
  const noted = (experience.timedNotes ?? []).map((n) => n.time);
  const others = [...rated, ...noted];
  if (others.length > 0) return Math.min(...others);
  return experience.creationDate ?? null;
}
