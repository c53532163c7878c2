/**
 * The import summary of a PsychonautWiki Journal export: by substance, what became doses,
 * what was kept as other substances, what was already in the journal from an earlier import,
 * and what was skipped and why; then the entries worth naming, and what the file holds that
 * Titrate does not import.
 */
import type { EntryOutcome, EntryReason, ImportSummary } from "../import-summary.ts";
import type { MappedExport } from "./map.ts";
import type { ParsedPsychonautWiki } from "./parse.ts";

/** A substance's line while it is counted. */
interface Counting {
  name: string;
  catalogId: string | null;
  ingestions: number;
  doses: number;
  otherSubstances: number;
  alreadyImported: number;
  skipped: number;
  reasons: Partial<Record<EntryReason, number>>;
}

/** Builds the summary once the merge has run; `added` holds the ids it wrote. */
export function summarizePsychonautWiki(
  parsed: ParsedPsychonautWiki,
  mapped: MappedExport,
  added: ReadonlySet<string>,
  timeZone: string,
): ImportSummary {
  const bySubstance = new Map<string, Counting>();
  const entries: ImportSummary["entries"][number][] = [];
  for (const m of mapped.ingestions) {
    const key = m.name.toLowerCase();
    const line = bySubstance.get(key) ?? {
      name: m.name,
      catalogId: m.catalogId,
      ingestions: 0,
      doses: 0,
      otherSubstances: 0,
      alreadyImported: 0,
      skipped: 0,
      reasons: {},
    };
    bySubstance.set(key, line);
    line.ingestions++;
    line.catalogId ??= m.catalogId;
    const isNew = m.kind === "skipped" || added.has(m.record.id);
    if (m.kind === "skipped") line.skipped++;
    else if (!isNew) line.alreadyImported++;
    else if (m.kind === "dose") line.doses++;
    else line.otherSubstances++;
    if (m.reason === null || !isNew) continue;
    line.reasons[m.reason] = (line.reasons[m.reason] ?? 0) + 1;
    // "Not in the catalog" is said once per substance, in its reasons, not once per entry.
    if (m.reason === "not-in-catalog") continue;
    const outcome: EntryOutcome =
      m.kind === "skipped" ? "skipped" : m.kind === "dose" ? "amount-unknown" : "other-substance";
    entries.push({
      path: m.path,
      substance: m.name,
      outcome,
      reason: m.reason,
      message: m.message,
    });
  }
  const fresh = new Set(
    mapped.ingestions.flatMap((m) =>
      m.kind !== "skipped" && added.has(m.record.id) ? [m.path] : [],
    ),
  );
  for (const entry of mapped.entries) {
    // A same-time flag matters only for what this import wrote.
    if (entry.reason === "same-time" && !fresh.has(entry.path)) continue;
    entries.push(entry);
  }

  const { doc } = parsed;
  const experiences = doc.experiences;
  const count = (pick: (e: (typeof experiences)[number]) => readonly unknown[] | undefined) =>
    experiences.reduce((sum, e) => sum + (pick(e)?.length ?? 0), 0);
  return {
    format: `PsychonautWiki Journal export (${parsed.shape} shape)`,
    timeZone,
    inFile: {
      experiences: experiences.length,
      ingestions: count((e) => e.ingestions),
      ratings: count((e) => e.ratings),
      timedNotes: count((e) => e.timedNotes),
      customSubstances: doc.customSubstances?.length ?? 0,
      customUnits: doc.customUnits?.length ?? 0,
    },
    substances: [...bySubstance.values()].sort(
      (a, b) => b.ingestions - a.ingestions || a.name.localeCompare(b.name),
    ),
    entries,
    notImported: notImported(parsed),
  };
}

/** What the file holds that Titrate leaves out, in words; nothing is left out silently. */
function notImported(parsed: ParsedPsychonautWiki): string[] {
  const { doc } = parsed;
  const out: string[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const located = doc.experiences.filter(
    (e) => typeof e.location?.latitude === "number" || typeof e.location?.longitude === "number",
  ).length;
  if (located > 0) {
    out.push(
      `map coordinates of ${plural(located, "experience")} (only the place's name is kept, in the note: where you used stays off your disk)`,
    );
  }
  const favourites = doc.experiences.filter((e) => e.isFavorite === true).length;
  if (favourites > 0) out.push(`favourite marks (${plural(favourites, "experience")})`);
  const described = (doc.customSubstances ?? []).filter((c) => c.description?.trim()).length;
  if (described > 0) out.push(`descriptions of ${plural(described, "custom substance")}`);
  if ((doc.substanceCompanions ?? []).length > 0) out.push("substance colours");
  if (parsed.unreadFields.length > 0) {
    out.push(`fields Titrate does not read: ${parsed.unreadFields.join(", ")}`);
  }
  return out;
}
