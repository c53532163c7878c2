/**
 * The journal's tables. Written to run unchanged on SQLite and PostgreSQL: text ids,
 * instants as ISO 8601 UTC text with second precision (they sort as text), floats as
 * `double precision`, booleans as 0/1 integers, lists as JSON text. Every row carries
 * `user_id`, so a hosted deployment can shard by user.
 */
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's types.
type AnyDb = Kysely<any>;

/** The tables that hold a person's journal events, each indexed by (user_id, at). */
const eventTables = [
  "doses",
  "other_substances",
  "check_ins",
  "symptom_reports",
  "blood_pressures",
  "screenings",
  "notes",
] as const;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("passphrase_hash", "text")
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("profiles")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("weight_kg", "double precision")
    .addColumn("units", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("country", "text")
    .addColumn("emergency_number", "text")
    .addColumn("helpline_json", "text")
    .addColumn("conditions_json", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("weights")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("weight_kg", "double precision", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("medications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("added_at", "text", (c) => c.notNull())
    .addColumn("ended_at", "text")
    .execute();

  await db.schema
    .createTable("batches")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("substance", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("form", "text", (c) => c.notNull())
    .addColumn("concentration_mg_per_ml", "double precision")
    .addColumn("ml_per_spray", "double precision")
    .addColumn("purity_percent", "double precision")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("archived_at", "text")
    .execute();
  await db.schema
    .createIndex("batches_user_label")
    .on("batches")
    .columns(["user_id", "label"])
    .unique()
    .execute();

  await db.schema
    .createTable("reagent_tests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("batch_id", "text", (c) => c.notNull().references("batches.id").onDelete("cascade"))
    .addColumn("reagent", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("verdict", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("reagent_tests_batch")
    .on("reagent_tests")
    .columns(["user_id", "batch_id"])
    .execute();

  await db.schema
    .createTable("plans")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("substance", "text", (c) => c.notNull())
    .addColumn("target_amount", "double precision", (c) => c.notNull())
    .addColumn("target_unit", "text", (c) => c.notNull())
    .addColumn("protocol_json", "text", (c) => c.notNull())
    .addColumn("cycle_json", "text")
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("local_time", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("end_json", "text", (c) => c.notNull())
    .addColumn("accept_risk", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("ended_at", "text")
    .execute();

  await db.schema
    .createTable("presets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("substance", "text", (c) => c.notNull())
    .addColumn("amount", "double precision")
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("route", "text", (c) => c.notNull())
    .addColumn("batch_id", "text", (c) => c.references("batches.id").onDelete("set null"))
    .addColumn("volume_ml", "double precision")
    .addColumn("sprays", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("presets_user_name")
    .on("presets")
    .columns(["user_id", "name"])
    .unique()
    .execute();

  await db.schema
    .createTable("doses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("substance", "text", (c) => c.notNull())
    .addColumn("amount", "double precision")
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("route", "text", (c) => c.notNull())
    .addColumn("batch_id", "text", (c) => c.references("batches.id").onDelete("set null"))
    .addColumn("plan_id", "text", (c) => c.references("plans.id").onDelete("set null"))
    .addColumn("is_estimate", "integer", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("other_substances")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("amount", "double precision")
    .addColumn("unit", "text")
    .addColumn("route", "text")
    .addColumn("note", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("check_ins")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("mood", "integer")
    .addColumn("energy", "integer")
    .addColumn("focus", "integer")
    .addColumn("anxiety", "integer")
    .addColumn("sleep", "integer")
    .addColumn("effects", "text")
    .addColumn("after_effects", "text")
    .addColumn("note", "text")
    .addColumn("shulgin", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("symptom_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("checklist", "text", (c) => c.notNull())
    .addColumn("symptoms_json", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("blood_pressures")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("systolic_mm_hg", "integer", (c) => c.notNull())
    .addColumn("diastolic_mm_hg", "integer", (c) => c.notNull())
    .addColumn("pulse_bpm", "integer")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("screenings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("instrument", "text", (c) => c.notNull())
    .addColumn("answers_json", "text", (c) => c.notNull())
    .addColumn("total", "integer", (c) => c.notNull())
    .addColumn("band", "text", (c) => c.notNull())
    .addColumn("crisis", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("notes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  for (const table of eventTables) {
    await db.schema.createIndex(`${table}_user_at`).on(table).columns(["user_id", "at"]).execute();
    // An imported record's fingerprint makes a second import of the same file add nothing.
    await db.schema
      .createIndex(`${table}_user_fingerprint`)
      .on(table)
      .columns(["user_id", "fingerprint"])
      .unique()
      .execute();
  }

  await db.schema
    .createTable("finding_acknowledgements")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("finding_key", "text", (c) => c.notNull())
    .addColumn("acknowledged_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("finding_acknowledgements_pk", ["user_id", "finding_key"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    "finding_acknowledgements",
    ...eventTables,
    "presets",
    "plans",
    "reagent_tests",
    "batches",
    "medications",
    "weights",
    "profiles",
    "users",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
