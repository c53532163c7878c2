/** Stored plans. The protocol, cycle and end are kept as JSON of their core schemas. */
import { TitrateError } from "../../core/errors.ts";
import type { Plan } from "../../core/schemas/journal.ts";
import type { PlanInput } from "../../core/schemas/plan.ts";
import type { Database, Db } from "../database.ts";
import { newId } from "../ids.ts";

type Row = Database["plans"];

/** A stored plan as the core's Plan (also what an export writes). */
export function toPlan(r: Row): Plan {
  return {
    id: r.id,
    substance: r.substance,
    target: { amount: r.target_amount, unit: r.target_unit as Plan["target"]["unit"] },
    protocol: JSON.parse(r.protocol_json),
    cycle: r.cycle_json === null ? null : JSON.parse(r.cycle_json),
    startDate: r.start_date,
    localTime: r.local_time,
    timeZone: r.time_zone,
    end: JSON.parse(r.end_json),
    acceptRisk: r.accept_risk === 1,
    createdAt: r.created_at,
    endedAt: r.ended_at,
  };
}

/** A plan as its row (the reverse of toPlan): for creating, importing and the demo. */
export function planRow(userId: string, plan: Plan): Row {
  return {
    id: plan.id,
    user_id: userId,
    substance: plan.substance,
    target_amount: plan.target.amount,
    target_unit: plan.target.unit,
    protocol_json: JSON.stringify(plan.protocol),
    cycle_json: plan.cycle === null ? null : JSON.stringify(plan.cycle),
    start_date: plan.startDate,
    local_time: plan.localTime,
    time_zone: plan.timeZone,
    end_json: JSON.stringify(plan.end),
    accept_risk: plan.acceptRisk ? 1 : 0,
    created_at: plan.createdAt,
    ended_at: plan.endedAt,
  };
}

export async function listPlans(db: Db, userId: string): Promise<Plan[]> {
  const rows = await db
    .selectFrom("plans")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
  return rows.map(toPlan);
}

export async function getPlan(db: Db, userId: string, id: string): Promise<Plan> {
  const row = await db
    .selectFrom("plans")
    .selectAll()
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new TitrateError("NOT_FOUND", `plan: no plan with id ${id}`, "plan");
  return toPlan(row);
}

export async function createPlan(
  db: Db,
  userId: string,
  input: PlanInput,
  createdAt: string,
): Promise<Plan> {
  const row = planRow(userId, {
    ...input,
    id: newId("plans"),
    createdAt,
    endedAt: null,
  });
  await db.insertInto("plans").values(row).execute();
  return toPlan(row);
}

export async function endPlan(db: Db, userId: string, id: string, endedAt: string): Promise<Plan> {
  const plan = await getPlan(db, userId, id);
  if (plan.endedAt !== null) return plan;
  await db
    .updateTable("plans")
    .set({ ended_at: endedAt })
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .execute();
  return { ...plan, endedAt };
}

export async function setPlanTimeZone(
  db: Db,
  userId: string,
  id: string,
  timeZone: string,
): Promise<Plan> {
  const plan = await getPlan(db, userId, id);
  await db
    .updateTable("plans")
    .set({ time_zone: timeZone })
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .execute();
  return { ...plan, timeZone };
}
