/**
 * The person's profile (weight, units, time zone, conditions, crisis contacts) and the
 * history of their weight: a weight change adds a row, so earlier doses keep their context.
 */
import type { Profile } from "../../core/schemas/journal.ts";
import type { Database, Db } from "../database.ts";
import { newId } from "../ids.ts";

export interface WeightEntry {
  readonly at: string;
  readonly weightKg: number;
}

export async function getProfile(db: Db, userId: string): Promise<Profile | null> {
  const row = await db
    .selectFrom("profiles")
    .selectAll()
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? toProfile(row) : null;
}

/** A stored profile as the core's Profile. */
export function toProfile(row: Database["profiles"]): Profile {
  return {
    weightKg: row.weight_kg,
    units: row.units === "imperial" ? "imperial" : "metric",
    timeZone: row.time_zone,
    conditions: JSON.parse(row.conditions_json),
    country: row.country,
    emergencyNumber: row.emergency_number,
    helpline: row.helpline_json === null ? null : JSON.parse(row.helpline_json),
  };
}

/** Writes the whole profile; records the weight in the history when it changed. */
export async function saveProfile(
  db: Db,
  userId: string,
  profile: Profile,
  at: string,
): Promise<void> {
  const previous = await getProfile(db, userId);
  const row = {
    user_id: userId,
    weight_kg: profile.weightKg,
    units: profile.units,
    time_zone: profile.timeZone,
    country: profile.country,
    emergency_number: profile.emergencyNumber,
    helpline_json: profile.helpline === null ? null : JSON.stringify(profile.helpline),
    conditions_json: JSON.stringify(profile.conditions),
    updated_at: at,
  };
  if (previous) {
    await db.updateTable("profiles").set(row).where("user_id", "=", userId).execute();
  } else {
    await db.insertInto("profiles").values(row).execute();
  }
  if (profile.weightKg !== null && profile.weightKg !== previous?.weightKg) {
    await db
      .insertInto("weights")
      .values({ id: newId("weights"), user_id: userId, at, weight_kg: profile.weightKg })
      .execute();
  }
}

export async function weightHistory(db: Db, userId: string): Promise<WeightEntry[]> {
  const rows = await db
    .selectFrom("weights")
    .select(["at", "weight_kg"])
    .where("user_id", "=", userId)
    .orderBy("at")
    .execute();
  return rows.map((r) => ({ at: r.at, weightKg: r.weight_kg }));
}
