/**
 * Correcting the journal: edit or delete a wrong entry by its id. The id's prefix names its
 * kind (dos_, chk_, …). An edit is validated as a whole record and the rules run again.
 */
import { Temporal } from "temporal-polyfill";
import * as z from "zod/mini";
import { TitrateError } from "../../core/errors.ts";
import {
  BloodPressure,
  CheckIn,
  Dose,
  OtherSubstance,
  Screening,
  SymptomReport,
  scoreScreeningInput,
} from "../../core/schemas/journal.ts";
import { parseWith } from "../../core/schemas/validate.ts";
import { assertPlausibleTime, normaliseInstant } from "../../core/time.ts";
import type { EventTable } from "../database.ts";
import { tableOfId } from "../ids.ts";
import {
  bloodPressures,
  checkIns,
  deleteEvent,
  doses,
  type EventKind,
  getEvent,
  notes,
  otherSubstances,
  screenings,
  symptomReports,
  updateEvent,
} from "../repos/events.ts";
import { loadSnapshot } from "../snapshot.ts";
import type { Store } from "../store.ts";
import { refuseEditOfKeptEntry } from "../study/kept.ts";
import { refuseCatalogSubstance } from "./log.ts";
import { compareFindings, type Recorded, requireProfileIn } from "./record.ts";

type AnyKind = EventKind<{ id: string; at: string; timeZone: string }>;

const kinds: Partial<Record<EventTable, { kind: AnyKind; schema: z.ZodMiniType }>> = {
  doses: { kind: doses as unknown as AnyKind, schema: Dose },
  other_substances: { kind: otherSubstances as unknown as AnyKind, schema: OtherSubstance },
  check_ins: { kind: checkIns as unknown as AnyKind, schema: CheckIn },
  symptom_reports: { kind: symptomReports as unknown as AnyKind, schema: SymptomReport },
  blood_pressures: { kind: bloodPressures as unknown as AnyKind, schema: BloodPressure },
  screenings: { kind: screenings as unknown as AnyKind, schema: Screening },
  notes: {
    kind: notes as unknown as AnyKind,
    schema: z.strictObject({
      id: z.string(),
      at: z.iso.datetime(),
      timeZone: z.string(),
      text: z.string().check(z.minLength(1), z.maxLength(20000)),
    }),
  },
};

function kindOf(id: string): { kind: AnyKind; schema: z.ZodMiniType } {
  const table = tableOfId(id);
  const entry = table === undefined ? undefined : kinds[table as EventTable];
  if (!entry) {
    throw new TitrateError(
      "NOT_FOUND",
      `id: "${id}" is not the id of a journal entry (doses start dos_, check-ins chk_, symptoms sym_, other substances sub_, blood pressure bpr_, screenings scr_, notes not_)`,
      "id",
    );
  }
  return entry;
}

/** The entry with this id, of whatever kind. */
export async function getEntry(
  store: Store,
  userId: string,
  id: string,
): Promise<{ kind: string; record: object }> {
  const { kind } = kindOf(id);
  return { kind: kind.noun, record: await getEvent(store.db, kind, userId, id) };
}

/**
 * Applies `changes` to an entry (its id and kind stay), validates the whole record, stores it
 * and re-runs the rules. A screening's total, band and crisis flag are re-scored from its answers.
 */
export async function editEntry(
  store: Store,
  userId: string,
  id: string,
  changes: Record<string, unknown>,
  now: Temporal.Instant,
): Promise<Recorded<{ id: string; at: string; timeZone: string }>> {
  const { kind, schema } = kindOf(id);
  if ("id" in changes)
    throw new TitrateError("VALIDATION_FAILED", "id: an entry's id cannot change", "id");
  return store.transaction(async (tx) => {
    const profile = await requireProfileIn(tx, userId);
    const current = await getEvent(tx, kind, userId, id);
    if (kind.table === "other_substances" && typeof changes.name === "string") {
      refuseCatalogSubstance(changes.name);
    }
    let merged: Record<string, unknown> = { ...current, ...changes };
    if (typeof merged.at === "string") {
      try {
        merged.at = normaliseInstant(merged.at);
      } catch {
        // left as given: the schema names the field
      }
    }
    if (kind.table === "screenings") {
      const { instrument, answers, at, timeZone } = merged as Screening;
      merged = { id, ...scoreScreeningInput({ instrument, answers, at, timeZone }) };
    }
    const record = parseWith(schema, merged) as { id: string; at: string; timeZone: string };
    // A new time is checked like a new entry's: not in the future, not 30 years ago.
    if ("at" in changes) assertPlausibleTime(Temporal.Instant.from(record.at), now, "at");
    const { created_at } = await tx
      .selectFrom(kind.table)
      .select("created_at")
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow();
    await refuseEditOfKeptEntry(
      tx,
      userId,
      kind.table,
      {
        createdAt: created_at,
        at: [(current as { at: string }).at, record.at],
        ...(kind.table === "screenings" ? { instrument: (record as Screening).instrument } : {}),
      },
      now,
    );
    const before = await loadSnapshot(tx, userId, profile, now);
    await updateEvent(tx, kind, userId, record);
    const after = await loadSnapshot(tx, userId, profile, now);
    const substance = (record as { substance?: unknown }).substance;
    return {
      record,
      ...compareFindings(
        before,
        after,
        id,
        now,
        kind.table === "doses" && typeof substance === "string" ? substance : undefined,
      ),
    };
  });
}

/** Deletes an entry; with secure_delete on, its bytes do not linger in the file. */
export async function deleteEntry(
  store: Store,
  userId: string,
  id: string,
): Promise<{ kind: string; record: object }> {
  const { kind } = kindOf(id);
  const record = await store.transaction((tx) => deleteEvent(tx, kind, userId, id));
  return { kind: kind.noun, record };
}
