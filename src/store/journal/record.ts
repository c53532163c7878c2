/**
 * Writing a journal entry and running the safety rules on it, in one transaction: the entry
 * is always recorded (the journal must tell the truth, however high or soon a dose was), and
 * the findings it brings come back at once.
 */
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import { compareFindings as byDangerFirst, type Finding } from "../../core/safety/finding.ts";
import { concernsSubstance } from "../../core/safety/finding-substance.ts";
import { activeFindings, runRules } from "../../core/safety/run-rules.ts";
import type { JournalSnapshot } from "../../core/safety/snapshot.ts";
import type { Dose, Profile } from "../../core/schemas/journal.ts";
import { findSubstance } from "../../core/substances/catalog.ts";
import { assertPlausibleTime, formatInstant } from "../../core/time.ts";
import type { Db, EventTable } from "../database.ts";
import { type EventKind, insertEvent } from "../repos/events.ts";
import { getProfile } from "../repos/profile.ts";
import { loadSnapshot } from "../snapshot.ts";
import type { Store } from "../store.ts";

export interface Recorded<R> {
  readonly record: R;
  /**
   * What this entry brought, danger first (compareFindings below): findings about the entry
   * itself and new ones (even when they belong to the past, for an entry logged late),
   * findings active now that it changed, and for a dose every active danger about its
   * substance.
   */
  readonly findings: readonly Finding[];
  /** Every finding active now, danger first. */
  readonly active: readonly Finding[];
}

/** Which snapshot list an event kind belongs to (notes are not read by the rules). */
const snapshotListOf: Partial<Record<EventTable, keyof JournalSnapshot>> = {
  doses: "doses",
  other_substances: "otherSubstances",
  check_ins: "checkIns",
  symptom_reports: "symptomReports",
  blood_pressures: "bloodPressures",
  screenings: "screenings",
};

export interface WriteContext {
  readonly tx: Db;
  readonly profile: Profile;
  readonly snapshot: JournalSnapshot;
}

/**
 * Builds an event with `build` (inside the transaction, with the profile and the journal as
 * it was), stores it, and returns it with the findings it brought.
 */
export async function recordEvent<
  R extends { id: string; at: string; timeZone: string },
  T extends EventTable,
>(
  store: Store,
  userId: string,
  kind: EventKind<R, T>,
  now: Temporal.Instant,
  build: (context: WriteContext) => Promise<R> | R,
  source = "manual",
): Promise<Recorded<R>> {
  return store.transaction(async (tx) => {
    const profile = await requireProfileIn(tx, userId);
    const before = await loadSnapshot(tx, userId, profile, now);
    const record = await build({ tx, profile, snapshot: before });
    await insertEvent(tx, kind, userId, record, {
      source,
      fingerprint: null,
      createdAt: formatInstant(now),
    });
    const list = snapshotListOf[kind.table];
    const after: JournalSnapshot = list
      ? { ...before, [list]: [...(before[list] as unknown as readonly R[]), record] }
      : before;
    const substance = kind.table === "doses" ? (record as unknown as Dose).substance : undefined;
    return { record, ...compareFindings(before, after, record.id, now, substance) };
  });
}

/**
 * The findings an entry brought, danger first, and every finding active now:
 * - the findings about the entry itself, even when they belong to the past;
 * - findings that did not exist before it, even past ones: a backdated other substance that
 *   makes an earlier dose a dangerous combination brought that finding, though it has ended;
 * - active findings whose words it changed (a standing finding keyed on its subject, such as
 *   an untested batch, says "2 doses taken from it untested");
 * - for a dose of `substance`, every active danger that concerns that substance
 *   (concernsSubstance), new or not: a contraindication is never out of sight after a dose.
 */
export function compareFindings(
  before: JournalSnapshot,
  after: JournalSnapshot,
  recordId: string,
  now: Temporal.Instant,
  substance?: string,
): { findings: Finding[]; active: Finding[] } {
  const beforeAll = runRules(before);
  const existed = new Set(beforeAll.map((f) => f.key));
  const wasActive = new Map(activeFindings(beforeAll, now).map((f) => [f.key, f.detail]));
  const all = runRules(after);
  const active = activeFindings(all, now);
  const brought = new Map<string, Finding>();
  for (const f of all) {
    if (f.subjectId === recordId || !existed.has(f.key)) brought.set(f.key, f);
  }
  for (const f of active) {
    if (!brought.has(f.key) && wasActive.get(f.key) !== f.detail) brought.set(f.key, f);
  }
  const catalogId = substance === undefined ? undefined : findSubstance(substance)?.id;
  if (catalogId) {
    for (const f of active) {
      if (
        f.severity === "danger" &&
        !brought.has(f.key) &&
        concernsSubstance(f, catalogId, after)
      ) {
        brought.set(f.key, f);
      }
    }
  }
  return { findings: [...brought.values()].sort(byDangerFirst), active };
}

/** Every finding over the whole history, and those active now (for `titrate check`). */
export async function evaluateJournal(
  store: Store,
  userId: string,
  now: Temporal.Instant,
): Promise<{ all: Finding[]; active: Finding[] }> {
  const profile = await requireProfileIn(store.db, userId);
  const snapshot = await loadSnapshot(store.db, userId, profile, now);
  const all = runRules(snapshot);
  return { all, active: activeFindings(all, now) };
}

export async function requireProfileIn(db: Db, userId: string): Promise<Profile> {
  const profile = await getProfile(db, userId);
  if (!profile)
    throw new TitrateError(
      "STORE_NOT_INITIALISED",
      "this account has no profile yet; run `titrate init`",
    );
  return profile;
}

/**
 * The canonical instant text of an entry's time: given, or now. Refuses a time in the future
 * (TIME_IN_FUTURE) or more than 30 years ago (TIME_TOO_OLD), whoever calls: the CLI and the
 * API read times with parseWhen, which refuses them too.
 */
export function entryTime(
  at: Temporal.Instant | string | undefined,
  now: Temporal.Instant,
): string {
  if (at === undefined) return formatInstant(now);
  let instant: Temporal.Instant;
  try {
    instant = typeof at === "string" ? Temporal.Instant.from(at) : at;
  } catch {
    throw new TitrateError("VALIDATION_FAILED", `at: "${String(at)}" is not an instant`, "at");
  }
  assertPlausibleTime(instant, now, "at");
  return formatInstant(instant);
}
