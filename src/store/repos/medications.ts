/** Medicines the person takes regularly: each counts against every dose while current. */
import { TitrateError } from "../../core/errors.ts";
import type { Medication } from "../../core/schemas/journal.ts";
import type { Db } from "../database.ts";
import { newId } from "../ids.ts";

type Row = { id: string; name: string; added_at: string; ended_at: string | null };
const toMedication = (r: Row): Medication => ({
  id: r.id,
  name: r.name,
  addedAt: r.added_at,
  endedAt: r.ended_at,
});

export async function listMedications(db: Db, userId: string): Promise<Medication[]> {
  const rows = await db
    .selectFrom("medications")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("added_at")
    .execute();
  return rows.map(toMedication);
}

export async function addMedication(
  db: Db,
  userId: string,
  input: { name: string; addedAt: string },
): Promise<Medication> {
  const row = {
    id: newId("medications"),
    user_id: userId,
    name: input.name,
    added_at: input.addedAt,
    ended_at: null,
  };
  await db.insertInto("medications").values(row).execute();
  return toMedication(row);
}

/** Marks a medication as stopped (by id, or by name for the current one). */
export async function endMedication(
  db: Db,
  userId: string,
  idOrName: string,
  endedAt: string,
): Promise<Medication> {
  const current = (await listMedications(db, userId)).filter((m) => m.endedAt === null);
  const match =
    current.find((m) => m.id === idOrName) ??
    current.find((m) => m.name.toLowerCase() === idOrName.trim().toLowerCase());
  if (!match) {
    throw new TitrateError(
      "NOT_FOUND",
      `medication: no current medication "${idOrName}"`,
      "medication",
    );
  }
  await db
    .updateTable("medications")
    .set({ ended_at: endedAt })
    .where("user_id", "=", userId)
    .where("id", "=", match.id)
    .execute();
  return { ...match, endedAt };
}
