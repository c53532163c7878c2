/**
 * One import, merged and reviewed inside its transaction (so a dry run can roll all of it
 * back and still say exactly what it would do):
 *
 * - which records the merge added (an outside record imported before is not added again);
 * - which outside records were imported before but differ in the file now (edited in the
 *   other app since): the journal's version is kept, and they are reported as conflicts,
 *   like a record with the same id and other content;
 * - the safety findings the rules give over the whole journal after the import that they did
 *   not give before it: what the imported history shows, in the past (a dose far above a
 *   microdose, ketamine doses closer than 5 days, tramadol near ketamine…) and still active
 *   (`titrate check` shows those);
 * - the source's own summary (what became of each entry), when it maps another format.
 */
import { isDeepStrictEqual } from "node:util";
import type { Temporal } from "temporal-polyfill";
import { type Finding, isActive } from "../core/safety/finding.ts";
import { runRules } from "../core/safety/run-rules.ts";
import { type EventTableKey, eventTableKeys, type JournalTables } from "../core/schemas/export.ts";
import type { Db, EventTable } from "./database.ts";
import { toExportedEvent } from "./export.ts";
import type { ImportPayload } from "./import.ts";
import {
  type ImportConflict,
  type ImportReport,
  mergeIntoAccount,
  type TableCounts,
} from "./import-merge.ts";
import type { ImportSummary } from "./import-summary.ts";
import {
  bloodPressures,
  checkIns,
  doses,
  type EventKind,
  notes,
  otherSubstances,
  screenings,
  symptomReports,
} from "./repos/events.ts";
import { getProfile } from "./repos/profile.ts";
import { findOwner, findUserByName } from "./repos/users.ts";
import { loadSnapshot } from "./snapshot.ts";

/** A finding the imported records brought, and whether it is still active now. */
export type ImportedFinding = Finding & { readonly active: boolean };

export interface ImportResult extends ImportReport {
  /** The source's id (`titrate`, `psychonautwiki`). */
  readonly source: string;
  /** True when nothing was written: the result says what an import would do. */
  readonly dryRun: boolean;
  /** What a source that maps another app's format made of the file; null for Titrate's own. */
  readonly summary: ImportSummary | null;
  /** Findings the rules give with the imported records that they did not give before: danger first. */
  readonly findings: readonly ImportedFinding[];
}

export interface ReviewOptions {
  readonly source: string;
  readonly username?: string | undefined;
  readonly now: Temporal.Instant;
  readonly dryRun: boolean;
}

const eventKinds = {
  doses,
  otherSubstances,
  checkIns,
  symptomReports,
  bloodPressures,
  screenings,
  notes,
} as const;

// biome-ignore lint/suspicious/noExplicitAny: one of the EventKinds, chosen by table.
const kindOf = (table: EventTableKey) => eventKinds[table] as EventKind<any, EventTable>;

// Kysely cannot type a query over a table chosen at run time; every caller passes a real table.
// biome-ignore lint/suspicious/noExplicitAny: see above.
const untyped = (db: Db): any => db;

const CHUNK = 400;

/** Merges `payload` (mergeIntoAccount) and reviews what it did. Call inside a transaction. */
export async function mergeAndReview(
  tx: Db,
  payload: ImportPayload,
  options: ReviewOptions,
): Promise<ImportResult> {
  const target =
    options.username === undefined
      ? await findOwner(tx)
      : await findUserByName(tx, options.username);
  const before = target ? await findingsOf(tx, target.id, options.now) : [];
  const present = await presentIds(tx, payload.tables);

  const report = await mergeIntoAccount(tx, payload, { username: options.username });

  const user = await findUserByName(tx, report.username);
  const after = user ? await findingsOf(tx, user.id, options.now) : [];
  const afterIds = await presentIds(tx, payload.tables);
  const added = new Set([...afterIds].filter((id) => !present.has(id)));
  const changed = user ? await changedSinceImported(tx, user.id, payload.tables, present) : [];

  const counts: Record<string, TableCounts> = {};
  for (const [table, c] of Object.entries(report.counts)) counts[table] = { ...c };
  for (const conflict of changed) {
    const c = counts[conflict.table];
    if (c) {
      c.skipped--;
      c.conflicts++;
    }
  }
  const known = new Set(before.map((f) => f.key));
  return {
    ...report,
    counts,
    conflicts: [...report.conflicts, ...changed],
    source: options.source,
    dryRun: options.dryRun,
    summary: payload.summarize?.(added) ?? null,
    findings: after
      .filter((f) => !known.has(f.key))
      .map((f) => ({ ...f, active: isActive(f, options.now) })),
  };
}

/** Every finding over the account's whole journal; none without a profile. */
async function findingsOf(tx: Db, userId: string, now: Temporal.Instant): Promise<Finding[]> {
  const profile = await getProfile(tx, userId);
  return profile ? runRules(await loadSnapshot(tx, userId, profile, now)) : [];
}

/** The ids of the payload's events that the journal has (any account). */
async function presentIds(tx: Db, tables: JournalTables): Promise<Set<string>> {
  const found = new Set<string>();
  for (const table of eventTableKeys) {
    const ids = (tables[table] as readonly { id: string }[]).map((r) => r.id);
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows: { id: string }[] = await untyped(tx)
        .selectFrom(kindOf(table).table)
        .select("id")
        .where("id", "in", ids.slice(i, i + CHUNK))
        .execute();
      for (const row of rows) found.add(row.id);
    }
  }
  return found;
}

/**
 * Outside records skipped because their fingerprint was imported before, whose content in the
 * file differs from the journal's (besides id and createdAt): one conflict each, naming the
 * journal's record and the fields that differ.
 */
async function changedSinceImported(
  tx: Db,
  userId: string,
  tables: JournalTables,
  present: ReadonlySet<string>,
): Promise<ImportConflict[]> {
  const conflicts: ImportConflict[] = [];
  for (const table of eventTableKeys) {
    const kind = kindOf(table);
    const byFingerprint = new Map<string, Record<string, unknown>>();
    for (const record of tables[table] as readonly Record<string, unknown>[]) {
      const fingerprint = record.fingerprint;
      if (typeof fingerprint === "string" && !present.has(record.id as string)) {
        byFingerprint.set(fingerprint, record);
      }
    }
    const fingerprints = [...byFingerprint.keys()];
    for (let i = 0; i < fingerprints.length; i += CHUNK) {
      const rows: Record<string, unknown>[] = await untyped(tx)
        .selectFrom(kind.table)
        .selectAll()
        .where("user_id", "=", userId)
        .where("fingerprint", "in", fingerprints.slice(i, i + CHUNK))
        .execute();
      for (const row of rows) {
        const mine = toExportedEvent(kind, row as never) as Record<string, unknown>;
        const theirs = byFingerprint.get(mine.fingerprint as string);
        if (!theirs || theirs.id === mine.id) continue;
        const fields = Object.keys({ ...mine, ...theirs })
          .filter((k) => k !== "id" && k !== "createdAt")
          .filter((k) => !isDeepStrictEqual(mine[k], theirs[k]))
          .sort();
        if (fields.length > 0) conflicts.push({ table, id: mine.id as string, fields });
      }
    }
  }
  return conflicts;
}
