/**
 * Study mode (docs/decisions.md, "Study mode"). Portable like 0001: text ids, instants as ISO
 * 8601 UTC text, 0/1 integers, JSON as text, and `user_id` on every row — the coordinator's on
 * the study's own rows, the participant's on what is theirs — so a sharded deployment keeps
 * each row with its account.
 *
 * - `studies`: the design (protocol, questionnaires, check-in items, dates) and the secret its
 *   pseudonyms are made with (never answered by the API).
 * - `study_consent_versions`: every consent text ever published, never changed afterwards;
 *   each carries what the study may see, what withdrawal does and how dates are given.
 * - `study_invitations`: single-use codes, stored as SHA-256 only, expiring; which participant
 *   used a code is not recorded, so a code handed to a known person does not name a pseudonym.
 * - `study_enrolments` and `study_consents`: the participant's rows. `joined_at` is the first
 *   consent; `first_day_at` the midnight that began that day where the participant was. They name the study by id
 *   without a foreign key: a participant's own copy of their account (a backup download) holds
 *   them without the coordinator's rows, and a study erased with its coordinator leaves the
 *   participant's own record of what they consented to, and when, in their account.
 */
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's types.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("studies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("protocol_json", "text")
    .addColumn("questionnaires_json", "text", (c) => c.notNull())
    .addColumn("check_in_items_json", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("pseudonym_secret", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("studies_user_created")
    .on("studies")
    .columns(["user_id", "created_at"])
    .execute();

  await db.schema
    .createTable("study_consent_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("study_id", "text", (c) => c.notNull().references("studies.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("collects_json", "text", (c) => c.notNull())
    .addColumn("on_withdrawal", "text", (c) => c.notNull())
    .addColumn("dates", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("study_consent_versions_study_version")
    .on("study_consent_versions")
    .columns(["study_id", "version"])
    .unique()
    .execute();

  await db.schema
    .createTable("study_invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("study_id", "text", (c) => c.notNull().references("studies.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull().unique())
    .addColumn("hint", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema
    .createIndex("study_invitations_study")
    .on("study_invitations")
    .columns(["study_id", "created_at"])
    .execute();

  await db.schema
    .createTable("study_enrolments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("study_id", "text", (c) => c.notNull())
    .addColumn("joined_at", "text", (c) => c.notNull())
    .addColumn("first_day_at", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("consent_version", "integer", (c) => c.notNull())
    .addColumn("consented_at", "text", (c) => c.notNull())
    .addColumn("withdrawn_at", "text")
    .addColumn("withdrawal", "text")
    .addColumn("deleted_json", "text")
    .execute();
  await db.schema
    .createIndex("study_enrolments_user_study")
    .on("study_enrolments")
    .columns(["user_id", "study_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("study_enrolments_study")
    .on("study_enrolments")
    .columns(["study_id", "user_id"])
    .execute();

  await db.schema
    .createTable("study_consents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("enrolment_id", "text", (c) =>
      c.notNull().references("study_enrolments.id").onDelete("cascade"),
    )
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("accepted_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("study_consents_enrolment")
    .on("study_consents")
    .columns(["enrolment_id", "version"])
    .unique()
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("study_consents").execute();
  await db.schema.dropTable("study_enrolments").execute();
  await db.schema.dropTable("study_invitations").execute();
  await db.schema.dropTable("study_consent_versions").execute();
  await db.schema.dropTable("studies").execute();
}
