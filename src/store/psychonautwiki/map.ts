/**
 * A whole PsychonautWiki Journal export → Titrate records: each experience's ingestions (see
 * ingestion.ts), its text as a note on its day, its timed notes as notes at their times, and
 * its Shulgin ratings as check-ins that keep the Shulgin scale (`shulgin`), the rest of the
 * check-in left empty. Nothing is merged or guessed: two ingestions of one substance at the
 * same time are both imported, and flagged so the person can look.
 */
import { Temporal } from "temporal-polyfill";
import type { ExportedCheckIn, ExportedNote } from "../../core/schemas/export.ts";
import {
  type PsychonautWikiExperience,
  type PsychonautWikiExport,
  readPsychonautWikiRating,
} from "../../core/schemas/psychonautwiki.ts";
import { formatInstant } from "../../core/time.ts";
import { newId } from "../ids.ts";
import type { ImportEntryNote } from "../import-summary.ts";
import { Fingerprints } from "./fingerprint.ts";
import { type MappedIngestion, mapIngestion } from "./ingestion.ts";
import { experienceDate } from "./parse.ts";

/** A record and where it came from, so a problem names the file's field. */
export interface Sourced<R> {
  readonly record: R;
  /** `experiences[2]`, `experiences[2].timedNotes[1]`. */
  readonly path: string;
  /** Record field → the file's field it came from (`text` → `note`). */
  readonly fields: Readonly<Record<string, string>>;
}

export interface MappedExport {
  readonly ingestions: readonly MappedIngestion[];
  readonly notes: readonly Sourced<ExportedNote>[];
  readonly checkIns: readonly Sourced<ExportedCheckIn>[];
  /** Entries skipped (an empty note) or worth a second look (same substance, same time). */
  readonly entries: readonly ImportEntryNote[];
}

export interface MapContext {
  readonly timeZone: string;
  readonly now: Temporal.Instant;
}

const instantOf = (ms: number) => formatInstant(Temporal.Instant.fromEpochMilliseconds(ms));

/** Maps every experience of a validated export. */
export function mapExport(doc: PsychonautWikiExport, context: MapContext): MappedExport {
  const fingerprints = new Fingerprints();
  const base = {
    timeZone: context.timeZone,
    source: "psychonautwiki",
    createdAt: formatInstant(context.now),
  };
  const ingestionContext = {
    timeZone: context.timeZone,
    createdAt: base.createdAt,
    customUnits: new Map((doc.customUnits ?? []).map((u) => [u.id, u])),
    fingerprints,
  };
  const ingestions: MappedIngestion[] = [];
  const notes: Sourced<ExportedNote>[] = [];
  const checkIns: Sourced<ExportedCheckIn>[] = [];
  const entries: ImportEntryNote[] = [];
  /** Paths of each substance-and-time identity, to flag repeats. */
  const sameTime = new Map<string, string[]>();

  doc.experiences.forEach((experience, i) => {
    const path = `experiences[${i}]`;
    (experience.ingestions ?? []).forEach((ingestion, j) => {
      const mapped = mapIngestion(ingestion, `${path}.ingestions[${j}]`, ingestionContext);
      ingestions.push(mapped);
      if (mapped.kind === "skipped") return;
      const key = JSON.stringify([mapped.name, ingestion.time]);
      sameTime.set(key, [...(sameTime.get(key) ?? []), mapped.path]);
    });

    const day = experienceDate(experience);
    const identity = experience.creationDate ?? day;
    const title = experience.title?.trim() ?? "";
    const text = experienceText(experience);
    if (text !== "" && day !== null) {
      notes.push({
        path,
        fields: { text: "text", at: "sortDate" },
        record: {
          id: newId("notes"),
          at: instantOf(day),
          ...base,
          fingerprint: fingerprints.next("experience", [identity]),
          text,
        },
      });
    }

    (experience.timedNotes ?? []).forEach((timed, k) => {
      const notePath = `${path}.timedNotes[${k}]`;
      const words = timed.note.trim();
      if (words === "") {
        entries.push({
          path: notePath,
          substance: null,
          outcome: "skipped",
          reason: "empty",
          message: "a timed note with no text: nothing to import",
        });
        return;
      }
      notes.push({
        path: notePath,
        fields: { text: "note", at: "time" },
        record: {
          id: newId("notes"),
          at: instantOf(timed.time),
          ...base,
          fingerprint: fingerprints.next("timed-note", [identity, timed.time]),
          text: words,
        },
      });
    });

    (experience.ratings ?? []).forEach((rating, k) => {
      const at = rating.time ?? day;
      if (at === null || at === undefined) return; // unreachable: a rating's experience has a date
      const overall = rating.time === null || rating.time === undefined;
      const of = title === "" ? "" : ` of "${title}"`;
      checkIns.push({
        path: `${path}.ratings[${k}]`,
        fields: { shulgin: "option", at: "time" },
        record: {
          id: newId("check_ins"),
          at: instantOf(at),
          ...base,
          fingerprint: fingerprints.next("rating", [identity, rating.time ?? "overall"]),
          mood: null,
          energy: null,
          focus: null,
          anxiety: null,
          sleep: null,
          effects: null,
          afterEffects: null,
          note: overall
            ? `Shulgin rating of the whole experience${of} in PsychonautWiki Journal.`
            : `Shulgin rating${of} in PsychonautWiki Journal.`,
          shulgin: readPsychonautWikiRating(rating.option) ?? null,
        },
      });
    });
  });

  for (const paths of sameTime.values()) {
    if (paths.length < 2) continue;
    for (const path of paths) {
      const mapped = ingestions.find((m) => m.path === path);
      entries.push({
        path,
        substance: mapped?.name ?? null,
        outcome: "imported",
        reason: "same-time",
        message: `${paths.length} ingestions of ${mapped?.name ?? "it"} at the same time (${paths.join(", ")}): all imported; if they are one, delete the others with titrate delete`,
      });
    }
  }
  return { ingestions, notes, checkIns, entries };
}

/** Title, text and the location's name (never its coordinates), one per line. */
function experienceText(experience: PsychonautWikiExperience): string {
  const title = experience.title?.trim() ?? "";
  const text = experience.text?.trim() ?? "";
  const place = experience.location?.name.trim() ?? "";
  return [title, text, place === "" ? "" : `Location: ${place}`]
    .filter((line) => line !== "")
    .join("\n\n");
}
