/**
 * Blinded experiments and their guesses: one mapping between rows and records. The sealed
 * allocation travels only between this file and src/store/journal/experiments.ts, which
 * never hands it out before unblinding.
 */
import type { Content } from "../../core/insights/experiment-design.ts";
import type { RatingName } from "../../core/insights/ratings.ts";
import type { SubstanceId } from "../../core/substances/substance.ts";
import type { Database, Db } from "../database.ts";
import type { Sealed } from "../experiment-seal.ts";

export interface Unblinding {
  readonly at: string;
  /** True when it happened before the last session was done. */
  readonly early: boolean;
  readonly reason: string | null;
  readonly activeCode: string;
}

export interface ExperimentRecord {
  readonly id: string;
  readonly substance: SubstanceId;
  readonly outcome: RatingName;
  readonly codes: readonly [string, string];
  readonly startDate: string;
  readonly intervalDays: number;
  readonly sessions: number;
  readonly blockSize: number;
  readonly timeZone: string;
  readonly createdAt: string;
  readonly sealed: Sealed;
  readonly unblinding: Unblinding | null;
}

export interface GuessRecord {
  /** 1-based session number. */
  readonly session: number;
  readonly guess: Content;
  readonly guessedAt: string;
}

function toRecord(row: Database["experiments"]): ExperimentRecord {
  return {
    id: row.id,
    substance: row.substance as SubstanceId,
    outcome: row.outcome as RatingName,
    codes: [row.code_a, row.code_b],
    startDate: row.start_date,
    intervalDays: row.interval_days,
    sessions: row.sessions,
    blockSize: row.block_size,
    timeZone: row.time_zone,
    createdAt: row.created_at,
    sealed: { sealed: row.sealed_allocation, secret: row.seal_secret },
    unblinding:
      row.unblinded_at === null || row.active_code === null
        ? null
        : {
            at: row.unblinded_at,
            early: row.unblinded_early === 1,
            reason: row.unblind_reason,
            activeCode: row.active_code,
          },
  };
}

export async function insertExperiment(
  db: Db,
  userId: string,
  record: ExperimentRecord,
): Promise<void> {
  await db
    .insertInto("experiments")
    .values({
      id: record.id,
      user_id: userId,
      substance: record.substance,
      outcome: record.outcome,
      code_a: record.codes[0],
      code_b: record.codes[1],
      start_date: record.startDate,
      interval_days: record.intervalDays,
      sessions: record.sessions,
      block_size: record.blockSize,
      time_zone: record.timeZone,
      sealed_allocation: record.sealed.sealed,
      seal_secret: record.sealed.secret,
      created_at: record.createdAt,
      unblinded_at: null,
      unblinded_early: null,
      unblind_reason: null,
      active_code: null,
    })
    .execute();
}

/** The account's most recent experiment, if any. */
export async function latestExperiment(
  db: Db,
  userId: string,
): Promise<ExperimentRecord | undefined> {
  const row = await db
    .selectFrom("experiments")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Every experiment of the account, oldest first. */
export async function listExperiments(db: Db, userId: string): Promise<ExperimentRecord[]> {
  const rows = await db
    .selectFrom("experiments")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(toRecord);
}

export async function recordUnblinding(
  db: Db,
  userId: string,
  id: string,
  unblinding: Unblinding,
): Promise<void> {
  await db
    .updateTable("experiments")
    .set({
      unblinded_at: unblinding.at,
      unblinded_early: unblinding.early ? 1 : 0,
      unblind_reason: unblinding.reason,
      active_code: unblinding.activeCode,
    })
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .execute();
}

export async function listGuesses(
  db: Db,
  userId: string,
  experimentId: string,
): Promise<GuessRecord[]> {
  const rows = await db
    .selectFrom("experiment_guesses")
    .selectAll()
    .where("user_id", "=", userId)
    .where("experiment_id", "=", experimentId)
    .orderBy("session")
    .execute();
  return rows.map((r) => ({
    session: r.session,
    guess: r.guess as Content,
    guessedAt: r.guessed_at,
  }));
}

/** Records a session's guess, replacing an earlier one for the same session. */
export async function saveGuess(
  db: Db,
  userId: string,
  experimentId: string,
  guess: GuessRecord,
): Promise<void> {
  await db
    .deleteFrom("experiment_guesses")
    .where("user_id", "=", userId)
    .where("experiment_id", "=", experimentId)
    .where("session", "=", guess.session)
    .execute();
  await db
    .insertInto("experiment_guesses")
    .values({
      experiment_id: experimentId,
      user_id: userId,
      session: guess.session,
      guess: guess.guess,
      guessed_at: guess.guessedAt,
    })
    .execute();
}
