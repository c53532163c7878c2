/**
 * Blinded self-experiments (docs/blinded-experiment.md): the design, the sealed
 * randomisation, the unblinding, and one guess per session. Portable to PostgreSQL like
 * 0001: text ids and dates, integers, and `user_id` on every row.
 *
 * `sealed_allocation` holds the randomisation's seed encrypted with a key derived from
 * `seal_secret` (src/store/experiment-seal.ts): it keeps the allocation from being read by
 * accident (in a database browser, a CSV of the table), not from someone who sets out to
 * decrypt it with the secret beside it. Which code is active is not stored until unblinding.
 */
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's types.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("experiments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("substance", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("code_a", "text", (c) => c.notNull())
    .addColumn("code_b", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("interval_days", "integer", (c) => c.notNull())
    .addColumn("sessions", "integer", (c) => c.notNull())
    .addColumn("block_size", "integer", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("sealed_allocation", "text", (c) => c.notNull())
    .addColumn("seal_secret", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("unblinded_at", "text")
    .addColumn("unblinded_early", "integer")
    .addColumn("unblind_reason", "text")
    .addColumn("active_code", "text")
    .execute();
  await db.schema
    .createIndex("experiments_user_created")
    .on("experiments")
    .columns(["user_id", "created_at"])
    .execute();

  await db.schema
    .createTable("experiment_guesses")
    .addColumn("experiment_id", "text", (c) =>
      c.notNull().references("experiments.id").onDelete("cascade"),
    )
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("session", "integer", (c) => c.notNull())
    .addColumn("guess", "text", (c) => c.notNull())
    .addColumn("guessed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("experiment_guesses_pk", ["experiment_id", "session"])
    .execute();
  await db.schema
    .createIndex("experiment_guesses_user")
    .on("experiment_guesses")
    .columns(["user_id", "experiment_id"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("experiment_guesses").execute();
  await db.schema.dropTable("experiments").execute();
}
