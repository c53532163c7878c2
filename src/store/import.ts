/**
 * Importing into the journal. A *source* reads one kind of file (a Titrate export, and later
 * other apps' exports: `--from psychonautwiki`, issue 9) and checks the whole of it before
 * anything is written, giving an ImportPayload: records in the export's shape, each with its
 * id, `source` and, for outside records, a `fingerprint`. One merge (import-merge.ts) then
 * writes any payload into an account in a single transaction, adding only what is new.
 *
 * To add a source: write `import-<name>.ts` exporting `source: ImportSource`, and list it in
 * `importSources` below. Nothing else changes.
 *
 * After the merge, import-review.ts works out what the import added and which safety findings
 * the imported history brings (a dry run does that too, then rolls back).
 */
import type { Temporal } from "temporal-polyfill";
import { TitrateError } from "../core/errors.ts";
import type { ExportedProfile, ExportedUser, JournalTables } from "../core/schemas/export.ts";
import { problemsError } from "./import-problems.ts";
import { type ImportResult, mergeAndReview } from "./import-review.ts";
import type { ImportSummary } from "./import-summary.ts";
import { timeProblems } from "./import-times.ts";
import { findOwner, findUserByName } from "./repos/users.ts";
import type { Store } from "./store.ts";

/** What a source makes of a file: records ready to merge, all of them already validated. */
export interface ImportPayload {
  /** The account the file belongs to; used to create it when the journal is empty. */
  readonly user: ExportedUser | null;
  readonly profile: ExportedProfile | null;
  readonly tables: JournalTables;
  /**
   * For a source that maps another app's format: what became of each entry of the file, told
   * after the merge with the ids it added (an entry imported before is not added again).
   */
  readonly summarize?: (added: ReadonlySet<string>) => ImportSummary;
}

export interface ImportSourceContext {
  readonly now: Temporal.Instant;
  /** The time zone of the account imported into (its profile's), when there is one. */
  readonly timeZone: string | null;
}

export interface ImportSource {
  /** The `--from` name, e.g. `titrate`. */
  readonly id: string;
  readonly summary: string;
  /**
   * Reads and validates the whole file. Throws before anything is written:
   * IMPORT_FORMAT_UNKNOWN for a file of another kind, VALIDATION_FAILED naming every record
   * and field at fault (`doses[3].amount`).
   */
  read(bytes: Uint8Array, context: ImportSourceContext): ImportPayload;
}

/** Every source, loaded only when asked for. */
export const importSources: Readonly<Record<string, () => Promise<ImportSource>>> = {
  titrate: async () => (await import("./import-titrate.ts")).source,
  psychonautwiki: async () => (await import("./import-psychonautwiki.ts")).source,
};

/** The default source: Titrate's own JSON export. */
export const DEFAULT_IMPORT_SOURCE = "titrate";

/** The source named `id`; CLI_INVALID_OPTION listing the known ones otherwise. */
export async function getImportSource(id: string, field = "from"): Promise<ImportSource> {
  const load = Object.hasOwn(importSources, id) ? importSources[id] : undefined;
  if (!load) {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      `${field}: "${id}" is not a source Titrate imports from; known: ${Object.keys(importSources).join(", ")}`,
      field,
    );
  }
  return load();
}

export interface ImportOptions {
  readonly source: ImportSource;
  readonly bytes: Uint8Array;
  /** The account to import into (default: the owner; in an empty journal, the file's own). */
  readonly username?: string | undefined;
  readonly now: Temporal.Instant;
  /** Check and merge, report what would happen, then roll everything back. */
  readonly dryRun?: boolean | undefined;
}

/**
 * Validates the file completely (with every time neither in the future nor more than 30 years
 * ago, import-times.ts), then writes it in one transaction: all of it or nothing.
 * Into an empty journal the file's account is created and everything restored; into an
 * existing account only records it does not have are added (docs/decisions.md, "Data").
 * A dry run goes through the same merge and rolls it back, so its report is exactly what a
 * real import would say.
 */
export async function importJournal(store: Store, options: ImportOptions): Promise<ImportResult> {
  const timeZone = await targetTimeZone(store, options.username);
  const payload = options.source.read(options.bytes, { now: options.now, timeZone });
  const times = timeProblems(payload.tables, options.now);
  if (times.length > 0) throw problemsError(times);
  const target = {
    source: options.source.id,
    username: options.username,
    now: options.now,
    dryRun: options.dryRun === true,
  };
  if (!options.dryRun) return store.transaction((tx) => mergeAndReview(tx, payload, target));
  try {
    await store.transaction(async (tx) => {
      throw new RolledBack(await mergeAndReview(tx, payload, target));
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.report;
    throw error;
  }
  throw new Error("unreachable: a dry run always rolls back");
}

/** Thrown out of a dry run's transaction so that it rolls back, carrying the report. */
class RolledBack extends Error {
  readonly report: ImportResult;
  constructor(report: ImportResult) {
    super("dry run");
    this.report = report;
  }
}

async function targetTimeZone(store: Store, username: string | undefined): Promise<string | null> {
  const user =
    username === undefined ? await findOwner(store.db) : await findUserByName(store.db, username);
  if (!user) return null;
  const row = await store.db
    .selectFrom("profiles")
    .select("time_zone")
    .where("user_id", "=", user.id)
    .executeTakeFirst();
  return row?.time_zone ?? null;
}
