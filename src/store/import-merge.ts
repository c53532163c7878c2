/**
 * Writes an import payload into one account, inside the caller's transaction. Records are
 * matched by id (ids are random and globally unique, so the same id is the same record):
 *
 * - a record the journal does not have is added;
 * - the same id with the same content is already there and skipped;
 * - the same id with different content is a conflict: the journal's version is kept (it may
 *   be a correction made after the export) and the conflict is reported with the fields
 *   that differ; nothing is overwritten;
 * - an event whose import fingerprint the account already has is the same outside record
 *   imported before, and skipped;
 * - a new batch or preset whose label the account already uses is added under
 *   "label (imported)", and reported;
 * - an id that belongs to another account here refuses the whole import (IMPORT_CONFLICT).
 *
 * References (a dose's batch and plan, a preset's batch) must name a record in the file or
 * in the account; otherwise the import is refused naming the record and field.
 */
import { isDeepStrictEqual } from "node:util";
import { TitrateError } from "../core/errors.ts";
import {
  type EventTableKey,
  type ExportedBatch,
  type ExportedPreset,
  type ExportedProfile,
  eventTableKeys,
  type JournalTables,
} from "../core/schemas/export.ts";
import type { Database, Db, EventTable } from "./database.ts";
import {
  readProfile,
  toExportedBatch,
  toExportedEvent,
  toExportedPlan,
  toExportedPreset,
} from "./export.ts";
import type { ImportPayload } from "./import.ts";
import { type FieldProblem, problemsError, recordPath } from "./import-problems.ts";
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
import { planRow } from "./repos/plans.ts";
import { findOwner, findUserByName, type User } from "./repos/users.ts";

/** A record kept as the journal has it because the file's differs. */
export interface ImportConflict {
  /** `doses`, `batches.reagentTests`, `profile`, … */
  readonly table: string;
  readonly id: string;
  /** The fields whose values differ. */
  readonly fields: readonly string[];
}

export interface ImportRename {
  readonly table: "batches" | "presets";
  readonly id: string;
  readonly from: string;
  readonly to: string;
}

export interface TableCounts {
  /** New records written. */
  added: number;
  /** Already in the journal, the same (by id, or by import fingerprint). */
  skipped: number;
  /** Same id, different content: the journal's version was kept. */
  conflicts: number;
}

export interface ImportReport {
  readonly username: string;
  /** True when the account was created from the file (the journal was empty). */
  readonly createdAccount: boolean;
  readonly profile: "added" | "unchanged" | "kept-yours" | "none";
  readonly counts: Readonly<Record<string, TableCounts>>;
  readonly conflicts: readonly ImportConflict[];
  readonly renamed: readonly ImportRename[];
}

export interface MergeTarget {
  /** The account to import into (default: the owner; in an empty journal, the file's own). */
  readonly username?: string | undefined;
}

// Kysely cannot type a query over a table chosen at run time; every caller passes a real table.
// biome-ignore lint/suspicious/noExplicitAny: see above.
const untyped = (db: Db): any => db;

/** SQLite allows 32766 bound values per statement; rows are inserted in chunks well below. */
const CHUNK = 400;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const eventKindOf = {
  doses,
  otherSubstances,
  checkIns,
  symptomReports,
  bloodPressures,
  screenings,
  notes,
} as const;

const sqlTableOf: Record<keyof JournalTables | "reagentTests", keyof Database> = {
  weights: "weights",
  medications: "medications",
  batches: "batches",
  reagentTests: "reagent_tests",
  presets: "presets",
  plans: "plans",
  doses: "doses",
  otherSubstances: "other_substances",
  checkIns: "check_ins",
  symptomReports: "symptom_reports",
  bloodPressures: "blood_pressures",
  screenings: "screenings",
  notes: "notes",
  findingAcknowledgements: "finding_acknowledgements",
};

/** Merges `payload` into the target account. Call inside a transaction. */
export async function mergeIntoAccount(
  tx: Db,
  payload: ImportPayload,
  target: MergeTarget,
): Promise<ImportReport> {
  const { user, created } = await resolveTarget(tx, payload, target);
  const userId = user.id;
  const t = payload.tables;

  // Everything is checked before the first write of a record.
  const existing = await existingRows(tx, t);
  refuseOtherAccounts(existing, userId);
  await checkReferences(tx, t, userId);

  const counts: Record<string, TableCounts> = {};
  const conflicts: ImportConflict[] = [];
  const renamed: ImportRename[] = [];
  const count = (table: string): TableCounts => {
    counts[table] ??= { added: 0, skipped: 0, conflicts: 0 };
    return counts[table];
  };
  /** Splits records into new ones and ones already present (same or conflicting). */
  const partition = <R extends { id: string }>(
    table: keyof typeof sqlTableOf,
    records: readonly R[],
    current: (row: never) => R,
    same: (mine: R, theirs: R) => boolean = isDeepStrictEqual,
  ): R[] => {
    const rows = existing.get(table) ?? new Map();
    const fresh: R[] = [];
    const c = count(table);
    for (const record of records) {
      const row = rows.get(record.id);
      if (row === undefined) {
        fresh.push(record);
        continue;
      }
      const mine = current(row as never);
      if (same(mine, record)) c.skipped++;
      else {
        c.conflicts++;
        conflicts.push({ table, id: record.id, fields: differingFields(mine, record) });
      }
    }
    c.added = fresh.length;
    return fresh;
  };

  const profileOutcome = await mergeProfile(tx, userId, payload.profile, conflicts);

  const weights = partition("weights", t.weights, (r: Database["weights"]) => ({
    id: r.id,
    at: r.at,
    weightKg: r.weight_kg,
  }));
  await insertRows(
    tx,
    "weights",
    weights.map((w) => ({ id: w.id, user_id: userId, at: w.at, weight_kg: w.weightKg })),
  );

  const medications = partition("medications", t.medications, (r: Database["medications"]) => ({
    id: r.id,
    name: r.name,
    addedAt: r.added_at,
    endedAt: r.ended_at,
  }));
  await insertRows(
    tx,
    "medications",
    medications.map((m) => ({
      id: m.id,
      user_id: userId,
      name: m.name,
      added_at: m.addedAt,
      ended_at: m.endedAt,
    })),
  );

  await mergeBatches(tx, userId, t.batches, existing, partition, count, conflicts, renamed);
  await mergePresets(tx, userId, t.presets, partition, renamed);

  const plans = partition("plans", t.plans, toExportedPlan);
  await insertRows(
    tx,
    "plans",
    plans.map((p) => planRow(userId, p)),
  );

  for (const table of eventTableKeys) {
    await mergeEvents(tx, userId, table, t[table], partition, count);
  }

  await mergeAcknowledgements(tx, userId, t.findingAcknowledgements, count);

  return {
    username: user.username,
    createdAccount: created,
    profile: profileOutcome,
    counts,
    conflicts,
    renamed,
  };
}

async function resolveTarget(
  tx: Db,
  payload: ImportPayload,
  target: MergeTarget,
): Promise<{ user: User; created: boolean }> {
  if (target.username !== undefined) {
    const user = await findUserByName(tx, target.username);
    if (!user) {
      throw new TitrateError("NOT_FOUND", `user: no account named "${target.username}"`, "user");
    }
    return { user, created: false };
  }
  const owner = await findOwner(tx);
  if (owner) return { user: owner, created: false };
  const anyone = await tx.selectFrom("users").select("id").executeTakeFirst();
  if (anyone || payload.user === null) {
    throw new TitrateError(
      "STORE_NOT_INITIALISED",
      anyone
        ? "this journal has accounts but no owner; name the account with --user"
        : "there is no journal here yet and the file names no account; start one with `titrate init`",
    );
  }
  // An empty journal: the file's account comes back as its owner (a journal needs one).
  const u = payload.user;
  await tx
    .insertInto("users")
    .values({
      id: u.id,
      username: u.username,
      passphrase_hash: null,
      role: "owner",
      created_at: u.createdAt,
    })
    .execute();
  return {
    user: {
      id: u.id,
      username: u.username,
      role: "owner",
      hasPassphrase: false,
      createdAt: u.createdAt,
    },
    created: true,
  };
}

type Existing = Map<string, Map<string, { user_id: string }>>;

/** The journal's rows (any account) that have the ids of the file's records, per table. */
async function existingRows(tx: Db, t: JournalTables): Promise<Existing> {
  const found: Existing = new Map();
  const lookup = async (table: keyof typeof sqlTableOf, ids: readonly string[]) => {
    const rows = new Map<string, { user_id: string }>();
    for (const part of chunks(ids)) {
      const result: ({ id: string; user_id: string } & Record<string, unknown>)[] = await untyped(
        tx,
      )
        .selectFrom(sqlTableOf[table])
        .selectAll()
        .where("id", "in", part)
        .execute();
      for (const row of result) rows.set(row.id, row);
    }
    found.set(table, rows);
  };
  for (const table of [
    "weights",
    "medications",
    "batches",
    "presets",
    "plans",
    ...eventTableKeys,
  ] as const) {
    await lookup(
      table,
      (t[table] as readonly { id: string }[]).map((r) => r.id),
    );
  }
  await lookup(
    "reagentTests",
    t.batches.flatMap((b) => b.reagentTests.map((r) => r.id)),
  );
  return found;
}

function refuseOtherAccounts(existing: Existing, userId: string): void {
  const clashes: string[] = [];
  for (const [table, rows] of existing) {
    for (const [id, row] of rows) if (row.user_id !== userId) clashes.push(`${table} ${id}`);
  }
  if (clashes.length > 0) {
    throw new TitrateError(
      "IMPORT_CONFLICT",
      `file: ${clashes.length} record${clashes.length === 1 ? "" : "s"} in the file belong${clashes.length === 1 ? "s" : ""} to another account in this journal (${clashes.slice(0, 5).join(", ")}${clashes.length > 5 ? ", …" : ""}); nothing was imported. Import into that account with --user, or into another data directory`,
      "file",
    );
  }
}

/** Every batch and plan a record names is in the file or in this account. */
async function checkReferences(tx: Db, t: JournalTables, userId: string): Promise<void> {
  const fileBatches = new Set(t.batches.map((b) => b.id));
  const filePlans = new Set(t.plans.map((p) => p.id));
  const ownIds = async (table: "batches" | "plans", ids: Set<string>): Promise<Set<string>> => {
    const own = new Set<string>();
    for (const part of chunks([...ids])) {
      const rows = await tx
        .selectFrom(table)
        .select("id")
        .where("user_id", "=", userId)
        .where("id", "in", part)
        .execute();
      for (const r of rows) own.add(r.id);
    }
    return own;
  };
  const wantedBatches = new Set(
    [...t.doses.map((d) => d.batchId), ...t.presets.map((p) => p.batchId)].filter(
      (id): id is string => id !== null && !fileBatches.has(id),
    ),
  );
  const wantedPlans = new Set(
    t.doses.map((d) => d.planId).filter((id): id is string => id !== null && !filePlans.has(id)),
  );
  const journalBatches = await ownIds("batches", wantedBatches);
  const journalPlans = await ownIds("plans", wantedPlans);
  const problems: FieldProblem[] = [];
  const check = (id: string | null, known: Set<string>, path: string, what: string) => {
    if (id !== null && !known.has(id) && !(what === "batch" ? fileBatches : filePlans).has(id)) {
      problems.push({
        path,
        message: `names ${what} ${id}, which is neither in the file nor in this journal`,
      });
    }
  };
  t.doses.forEach((d, i) => {
    check(d.batchId, journalBatches, `${recordPath("doses", i)}.batchId`, "batch");
    check(d.planId, journalPlans, `${recordPath("doses", i)}.planId`, "plan");
  });
  t.presets.forEach((p, i) => {
    check(p.batchId, journalBatches, `${recordPath("presets", i)}.batchId`, "batch");
  });
  if (problems.length > 0) throw problemsError(problems);
}

async function insertRows(tx: Db, table: keyof Database, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const width = Object.keys(rows[0] ?? {}).length || 1;
  for (const part of chunks(rows, Math.max(1, Math.floor(8000 / width)))) {
    await untyped(tx).insertInto(table).values(part).execute();
  }
}

/** The names of the top-level fields whose values differ. */
function differingFields(mine: object, theirs: object): string[] {
  const a = mine as Record<string, unknown>;
  const b = theirs as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !isDeepStrictEqual(a[k], b[k])).sort();
}

async function mergeProfile(
  tx: Db,
  userId: string,
  profile: ExportedProfile | null,
  conflicts: ImportConflict[],
): Promise<ImportReport["profile"]> {
  if (profile === null) return "none";
  const mine = await readProfile(tx, userId);
  if (mine === null) {
    await tx
      .insertInto("profiles")
      .values({
        user_id: userId,
        weight_kg: profile.weightKg,
        units: profile.units,
        time_zone: profile.timeZone,
        country: profile.country,
        emergency_number: profile.emergencyNumber,
        helpline_json: profile.helpline === null ? null : JSON.stringify(profile.helpline),
        conditions_json: JSON.stringify(profile.conditions),
        updated_at: profile.updatedAt,
      })
      .execute();
    return "added";
  }
  const { updatedAt: _mine, ...myFields } = mine;
  const { updatedAt: _theirs, ...theirFields } = profile;
  if (isDeepStrictEqual(myFields, theirFields)) return "unchanged";
  conflicts.push({ table: "profile", id: userId, fields: differingFields(myFields, theirFields) });
  return "kept-yours";
}

type Partition = <R extends { id: string }>(
  table: keyof typeof sqlTableOf,
  records: readonly R[],
  current: (row: never) => R,
  same?: (mine: R, theirs: R) => boolean,
) => R[];

/** A label the account does not use yet: `label (imported)`, `label (imported 2)`, … */
function freeLabel(label: string, taken: (candidate: string) => boolean, max: number): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? " (imported)" : ` (imported ${n})`;
    const candidate = `${label.slice(0, max - suffix.length)}${suffix}`;
    if (!taken(candidate)) return candidate;
  }
}

/**
 * True when `stored` is `label` itself or the name an earlier import gave it (`label
 * (imported)`, the label shortened to fit), so importing the same file again is quiet.
 */
function isLabelOrRenamed(stored: string, label: string): boolean {
  if (stored === label) return true;
  const base = /^(.*) \(imported(?: \d+)?\)$/su.exec(stored)?.[1];
  return base !== undefined && base.length > 0 && label.startsWith(base);
}

async function mergeBatches(
  tx: Db,
  userId: string,
  batches: readonly ExportedBatch[],
  existing: Existing,
  partition: Partition,
  count: (table: string) => TableCounts,
  conflicts: ImportConflict[],
  renamed: ImportRename[],
): Promise<void> {
  const withoutTests = (b: ExportedBatch) => ({ ...b, reagentTests: [] });
  const fresh = partition(
    "batches",
    batches.map(withoutTests),
    (r: Database["batches"]) => toExportedBatch(r, []),
    (mine, theirs) =>
      isDeepStrictEqual({ ...mine, label: "" }, { ...theirs, label: "" }) &&
      isLabelOrRenamed(mine.label, theirs.label),
  );
  const labels = new Set(
    (await tx.selectFrom("batches").select("label").where("user_id", "=", userId).execute()).map(
      (r) => r.label,
    ),
  );
  const rows = fresh.map((b) => {
    let label = b.label;
    if (labels.has(label)) {
      label = freeLabel(b.label, (c) => labels.has(c), 100);
      renamed.push({ table: "batches", id: b.id, from: b.label, to: label });
    }
    labels.add(label);
    return {
      id: b.id,
      user_id: userId,
      substance: b.substance,
      label,
      form: b.form,
      concentration_mg_per_ml: b.concentrationMgPerMl,
      ml_per_spray: b.mlPerSpray,
      purity_percent: b.purityPercent,
      created_at: b.createdAt,
      archived_at: b.archivedAt,
    };
  });
  await insertRows(tx, "batches", rows);

  // Reagent tests: a batch already in the journal can still gain tests made since.
  const tests = existing.get("reagentTests") ?? new Map();
  const c = count("reagentTests");
  const newTests: Database["reagent_tests"][] = [];
  for (const batch of batches) {
    for (const test of batch.reagentTests) {
      const row = tests.get(test.id) as Database["reagent_tests"] | undefined;
      if (row === undefined) {
        newTests.push({ ...test, user_id: userId, batch_id: batch.id });
        continue;
      }
      const mine = {
        batchId: row.batch_id,
        id: row.id,
        reagent: row.reagent,
        result: row.result,
        at: row.at,
        verdict: row.verdict,
      };
      const theirs = { batchId: batch.id, ...test };
      if (isDeepStrictEqual(mine, theirs)) c.skipped++;
      else {
        c.conflicts++;
        conflicts.push({
          table: "reagentTests",
          id: test.id,
          fields: differingFields(mine, theirs),
        });
      }
    }
  }
  c.added = newTests.length;
  await insertRows(tx, "reagent_tests", newTests);
}

async function mergePresets(
  tx: Db,
  userId: string,
  presets: readonly ExportedPreset[],
  partition: Partition,
  renamed: ImportRename[],
): Promise<void> {
  const fresh = partition(
    "presets",
    presets,
    toExportedPreset,
    (mine, theirs) =>
      isDeepStrictEqual({ ...mine, name: "" }, { ...theirs, name: "" }) &&
      isLabelOrRenamed(mine.name, theirs.name),
  );
  // Preset names are unique without regard to case (repos/presets.ts).
  const names = new Set(
    (await tx.selectFrom("presets").select("name").where("user_id", "=", userId).execute()).map(
      (r) => r.name.toLowerCase(),
    ),
  );
  const rows = fresh.map((p) => {
    let name = p.name;
    if (names.has(name.toLowerCase())) {
      name = freeLabel(p.name, (c) => names.has(c.toLowerCase()), 200);
      renamed.push({ table: "presets", id: p.id, from: p.name, to: name });
    }
    names.add(name.toLowerCase());
    return {
      id: p.id,
      user_id: userId,
      name,
      substance: p.substance,
      amount: p.amount,
      unit: p.unit,
      route: p.route,
      batch_id: p.batchId,
      volume_ml: p.volumeMl,
      sprays: p.sprays,
      created_at: p.createdAt,
    };
  });
  await insertRows(tx, "presets", rows);
}

async function mergeEvents(
  tx: Db,
  userId: string,
  table: EventTableKey,
  records: JournalTables[EventTableKey],
  partition: Partition,
  count: (table: string) => TableCounts,
): Promise<void> {
  // biome-ignore lint/suspicious/noExplicitAny: one of the EventKinds, chosen by table.
  const kind = eventKindOf[table] as EventKind<any, EventTable>;
  const fresh = partition(
    table,
    records as readonly { id: string; fingerprint: string | null }[],
    (row) => toExportedEvent(kind, row) as never,
  ) as unknown as {
    id: string;
    at: string;
    timeZone: string;
    source: string;
    fingerprint: string | null;
    createdAt: string;
  }[];

  // An outside record imported before (same fingerprint, another id) is not added again.
  const fingerprints = fresh.map((e) => e.fingerprint).filter((f): f is string => f !== null);
  const known = new Set<string>();
  for (const part of chunks(fingerprints)) {
    const rows: { fingerprint: string }[] = await untyped(tx)
      .selectFrom(kind.table)
      .select("fingerprint")
      .where("user_id", "=", userId)
      .where("fingerprint", "in", part)
      .execute();
    for (const r of rows) known.add(r.fingerprint);
  }
  const added = fresh.filter((e) => e.fingerprint === null || !known.has(e.fingerprint));
  const c = count(table);
  c.skipped += fresh.length - added.length;
  c.added = added.length;
  await insertRows(
    tx,
    kind.table,
    added.map((e) => ({
      id: e.id,
      user_id: userId,
      at: e.at,
      time_zone: e.timeZone,
      source: e.source,
      fingerprint: e.fingerprint,
      created_at: e.createdAt,
      ...kind.toColumns(e),
    })),
  );
}

async function mergeAcknowledgements(
  tx: Db,
  userId: string,
  acknowledgements: JournalTables["findingAcknowledgements"],
  count: (table: string) => TableCounts,
): Promise<void> {
  const mine = new Set(
    (
      await tx
        .selectFrom("finding_acknowledgements")
        .select("finding_key")
        .where("user_id", "=", userId)
        .execute()
    ).map((r) => r.finding_key),
  );
  const fresh = acknowledgements.filter((a) => !mine.has(a.findingKey));
  const c = count("findingAcknowledgements");
  c.added = fresh.length;
  c.skipped = acknowledgements.length - fresh.length;
  await insertRows(
    tx,
    "finding_acknowledgements",
    fresh.map((a) => ({
      user_id: userId,
      finding_key: a.findingKey,
      acknowledged_at: a.acknowledgedAt,
    })),
  );
}
