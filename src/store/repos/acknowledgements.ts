/** Which findings the person acknowledged, by the finding's stable key. */
import type { Db } from "../database.ts";

export async function acknowledgedKeys(db: Db, userId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("finding_acknowledgements")
    .select(["finding_key", "acknowledged_at"])
    .where("user_id", "=", userId)
    .execute();
  return new Map(rows.map((r) => [r.finding_key, r.acknowledged_at]));
}

export async function acknowledge(db: Db, userId: string, key: string, at: string): Promise<void> {
  await db
    .insertInto("finding_acknowledgements")
    .values({ user_id: userId, finding_key: key, acknowledged_at: at })
    .onConflict((oc) => oc.columns(["user_id", "finding_key"]).doNothing())
    .execute();
}
