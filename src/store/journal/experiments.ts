/**
 * The blinded self-experiment's actions, shared by `titrate experiment` and the API: start,
 * the code of the day, a guess, unblinding and the results. Before unblinding nothing here
 * hands out the allocation: only today's code, to the person about to take it.
 */
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import { dailyRatings } from "../../core/insights/daily-series.ts";
import {
  allocateSessions,
  type CodeSlot,
  checkExperimentDesign,
  DEFAULT_EXPERIMENT_SESSIONS,
  defaultIntervalDays,
  EXPERIMENT_BLOCK_SIZE,
  experimentCodes,
  sessionDates,
} from "../../core/insights/experiment-design.ts";
import {
  type ExperimentResults,
  experimentResults,
} from "../../core/insights/experiment-results.ts";
import { seededRandom } from "../../core/insights/random.ts";
import type { RatingName } from "../../core/insights/ratings.ts";
import { concernsSubstance } from "../../core/safety/finding-substance.ts";
import { countText, substanceText } from "../../core/safety/format.ts";
import { activeFindings, runRules } from "../../core/safety/run-rules.ts";
import type { JournalSnapshot } from "../../core/safety/snapshot.ts";
import { describeProtocol } from "../../core/schedule/describe.ts";
import { earliestNextDose } from "../../core/schedule/earliest-dose.ts";
import { sharesTolerance } from "../../core/schedule/taken-doses.ts";
import {
  ExperimentGuessInput,
  ExperimentStartInput,
  ExperimentUnblindInput,
} from "../../core/schemas/experiment.ts";
import type { Dose } from "../../core/schemas/journal.ts";
import { parseWith } from "../../core/schemas/validate.ts";
import { getSubstance } from "../../core/substances/catalog.ts";
import type { SubstanceId } from "../../core/substances/substance.ts";
import { formatInstant, localDateTimeText } from "../../core/time.ts";
import { newSeed, type Seed, sealSeed, secureDraw, unsealSeed } from "../experiment-seal.ts";
import { newId } from "../ids.ts";
import { checkIns, doses, listEvents } from "../repos/events.ts";
import {
  type ExperimentRecord,
  type GuessRecord,
  insertExperiment,
  latestExperiment,
  listGuesses,
  recordUnblinding,
  saveGuess,
} from "../repos/experiments.ts";
import { loadSnapshot } from "../snapshot.ts";
import type { Store } from "../store.ts";
import { requireProfile } from "./profile.ts";

export type ExperimentState = "upcoming" | "running" | "finished" | "unblinded";

export interface ExperimentView {
  readonly id: string;
  readonly substance: string;
  readonly outcome: RatingName;
  /** The two codes to label the preparations with. */
  readonly codes: readonly [string, string];
  readonly startDate: string;
  readonly endDate: string;
  readonly intervalDays: number;
  readonly sessions: number;
  readonly blockSize: number;
  readonly timeZone: string;
  readonly createdAt: string;
  /** upcoming: before the first session; finished: every session done, ready to unblind. */
  readonly state: ExperimentState;
  /** Dates only: which code falls on which session stays sealed. */
  readonly schedule: readonly { number: number; date: string; guessed: boolean }[];
  readonly sessionsPast: number;
  readonly guesses: number;
  readonly unblinding: {
    readonly at: string;
    readonly early: boolean;
    readonly reason: string | null;
    readonly activeCode: string;
    readonly placeboCode: string;
  } | null;
}

export interface TodayView {
  readonly date: string;
  readonly experimentId: string;
  readonly state: ExperimentState;
  /** Today's session and the code to take; null on a day without one. */
  readonly session: {
    readonly number: number;
    readonly of: number;
    readonly code: string;
    readonly guess: "active" | "placebo" | null;
  } | null;
  readonly nextSession: { readonly number: number; readonly date: string } | null;
  /**
   * When today's session comes before the minimum interval after the last dose taken before
   * today (a plan's dose, say; FACTS K-DOSE-2, P-TOL-1): what to do, and when the dose may be.
   */
  readonly tooSoon: {
    readonly lastDoseAt: string;
    readonly earliestAt: string;
    readonly message: string;
  } | null;
}

/** What a started experiment answers: the experiment, and what to know before session 1. */
export interface StartedExperiment extends ExperimentView {
  /** An active plan of the substance, a session too soon after the last dose, a failed batch. */
  readonly warnings: readonly string[];
}

function todayIn(timeZone: string, now: Temporal.Instant): string {
  return now.toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

function allocationOf(record: ExperimentRecord): CodeSlot[] {
  return allocateSessions(record.sessions, seededRandom(unsealSeed(record.id, record.sealed)));
}

function isOver(record: ExperimentRecord, guesses: readonly GuessRecord[], today: string): boolean {
  const last = sessionDates(record.startDate, record.intervalDays, record.sessions).at(-1) ?? "";
  return today > last || guesses.some((g) => g.session === record.sessions);
}

function viewOf(
  record: ExperimentRecord,
  guesses: readonly GuessRecord[],
  now: Temporal.Instant,
): ExperimentView {
  const today = todayIn(record.timeZone, now);
  const dates = sessionDates(record.startDate, record.intervalDays, record.sessions);
  const guessed = new Set(guesses.map((g) => g.session));
  const state: ExperimentState = record.unblinding
    ? "unblinded"
    : today < record.startDate
      ? "upcoming"
      : isOver(record, guesses, today)
        ? "finished"
        : "running";
  const { unblinding } = record;
  return {
    id: record.id,
    substance: record.substance,
    outcome: record.outcome,
    codes: record.codes,
    startDate: record.startDate,
    endDate: dates.at(-1) ?? record.startDate,
    intervalDays: record.intervalDays,
    sessions: record.sessions,
    blockSize: record.blockSize,
    timeZone: record.timeZone,
    createdAt: record.createdAt,
    state,
    schedule: dates.map((date, i) => ({ number: i + 1, date, guessed: guessed.has(i + 1) })),
    sessionsPast: dates.filter((d) => d <= today).length,
    guesses: guesses.length,
    unblinding: unblinding
      ? {
          ...unblinding,
          placeboCode: record.codes.find((c) => c !== unblinding.activeCode) ?? "",
        }
      : null,
  };
}

async function requireLatest(store: Store, userId: string): Promise<ExperimentRecord> {
  const record = await latestExperiment(store.db, userId);
  if (!record) {
    throw new TitrateError(
      "EXPERIMENT_NOT_FOUND",
      "you have no blinded experiment yet; start one with `titrate experiment start --substance ketamine`",
    );
  }
  return record;
}

/**
 * Starts an experiment: the codes and the seed from node:crypto, the seed sealed. Refused
 * while another is not yet unblinded (EXPERIMENT_RUNNING), with sessions closer than the
 * substance's minimum interval (EXPERIMENT_INTERVAL_TOO_SHORT), or while an active danger
 * finding concerns the substance (EXPERIMENT_ADVISED_AGAINST: every session would have the
 * person take what Titrate advises against). Warns about an active plan of the substance or
 * a cross-tolerant one, whose place the sessions take; about a first session sooner than the
 * minimum interval after the last dose; and about a batch whose reagent test failed.
 */
export async function startExperiment(
  store: Store,
  userId: string,
  input: unknown,
  now: Temporal.Instant,
): Promise<StartedExperiment> {
  const parsed = parseWith(ExperimentStartInput, input);
  const profile = await requireProfile(store, userId);
  const sessions = parsed.sessions ?? DEFAULT_EXPERIMENT_SESSIONS;
  const intervalDays = parsed.intervalDays ?? defaultIntervalDays(parsed.substance);
  checkExperimentDesign(parsed.substance, sessions, intervalDays);
  const today = todayIn(profile.timeZone, now);
  const startDate = parsed.startDate ?? today;
  try {
    Temporal.PlainDate.from(startDate);
  } catch {
    throw new TitrateError(
      "VALIDATION_FAILED",
      `startDate: "${startDate}" is not a date`,
      "startDate",
    );
  }
  if (startDate < today) {
    throw new TitrateError(
      "VALIDATION_FAILED",
      `startDate: ${startDate} is in the past; an experiment starts today (${today}) or later`,
      "startDate",
    );
  }
  const snapshot = await loadSnapshot(store.db, userId, profile, now);
  const warnings = startChecks(snapshot, parsed.substance, startDate, now);
  const id = newId("experiments");
  const seed: Seed = newSeed();
  const record: ExperimentRecord = {
    id,
    substance: parsed.substance,
    outcome: parsed.outcome ?? "mood",
    codes: experimentCodes(secureDraw),
    startDate,
    intervalDays,
    sessions,
    blockSize: EXPERIMENT_BLOCK_SIZE,
    timeZone: profile.timeZone,
    createdAt: formatInstant(now),
    sealed: sealSeed(id, seed),
    unblinding: null,
  };
  await store.transaction(async (tx) => {
    const latest = await latestExperiment(tx, userId);
    if (latest && latest.unblinding === null) {
      throw new TitrateError(
        "EXPERIMENT_RUNNING",
        `experiment ${latest.id} (${latest.codes.join(" / ")}) is still blinded; unblind it before starting another`,
      );
    }
    await insertExperiment(tx, userId, record);
  });
  return { ...viewOf(record, [], now), warnings };
}

/** The refusal and the warnings of startExperiment (see there). */
function startChecks(
  snapshot: JournalSnapshot,
  substance: SubstanceId,
  startDate: string,
  now: Temporal.Instant,
): string[] {
  const entry = getSubstance(substance);
  const name = substanceText(entry);
  const active = activeFindings(runRules(snapshot), now).filter(
    (f) => f.severity === "danger" && concernsSubstance(f, substance, snapshot),
  );
  // A failed batch rules out that batch, not the substance: a warning, below.
  const dangers = active.filter((f) => f.ruleId !== "reagent-mismatch");
  if (dangers.length > 0) {
    throw new TitrateError(
      "EXPERIMENT_ADVISED_AGAINST",
      `substance: ${dangers.length === 1 ? "an active danger finding advises" : `${dangers.length} active danger findings advise`} against taking ${name}: ${dangers.map((f) => `"${f.title}" (${f.advice})`).join("; ")}. A blinded experiment has you take it at every session, so it cannot start while this stands: follow the advice, and see titrate check`,
      "substance",
    );
  }
  const warnings: string[] = [];
  for (const plan of snapshot.plans) {
    const other = getSubstance(plan.substance);
    if (plan.endedAt !== null || !sharesTolerance(substance, other.id)) continue;
    warnings.push(
      `Your plan ${plan.id} (${substanceText(other)}, ${describeProtocol(plan.protocol)}) is still active. The experiment's sessions take its place: end the plan before the first session on ${startDate} (titrate plan end ${plan.id}), or two schedules will ask for doses. Until then every dose you log counts for both: the plan's next dose waits the minimum interval after a session's dose, and a session too soon after a plan's dose says so (FACTS ${entry.minIntervalFacts.join(", ")}${other.id === entry.id ? "" : ", P-TOL-1"}).`,
    );
  }
  const startOfFirst = Temporal.PlainDate.from(startDate)
    .toZonedDateTime(snapshot.profile.timeZone)
    .toInstant();
  const earliest = earliestNextDose(snapshot.doses, substance, startOfFirst);
  if (earliest && Temporal.Instant.compare(earliest.earliest, startOfFirst) > 0) {
    const zone = earliest.lastDose.timeZone;
    const firstOk = earliest.earliest.toZonedDateTimeISO(snapshot.profile.timeZone).toPlainDate();
    warnings.push(
      `Your last ${name} dose was ${localDateTimeText(earliest.lastDose.at, zone)}; ${name} needs at least ${countText(earliest.minIntervalDays, "day")} between doses (FACTS ${earliest.facts.join(", ")}), so not before ${localDateTimeText(formatInstant(earliest.earliest), zone)}. The first session on ${startDate} comes sooner: take its dose no earlier than that, or start on ${firstOk.toString()} or later (--start).`,
    );
  }
  for (const f of active.filter((f) => f.ruleId === "reagent-mismatch")) {
    warnings.push(`${f.title}: do not use that batch for the active preparation. ${f.advice}`);
  }
  return warnings;
}

/** The most recent experiment, without its allocation. */
export async function currentExperiment(
  store: Store,
  userId: string,
  now: Temporal.Instant,
): Promise<ExperimentView> {
  const record = await requireLatest(store, userId);
  return viewOf(record, await listGuesses(store.db, userId, record.id), now);
}

/** Today's session and the one code to take, or the next session's date. */
export async function experimentToday(
  store: Store,
  userId: string,
  now: Temporal.Instant,
): Promise<TodayView> {
  const record = await requireLatest(store, userId);
  const guesses = await listGuesses(store.db, userId, record.id);
  const view = viewOf(record, guesses, now);
  const today = todayIn(record.timeZone, now);
  const index = view.schedule.findIndex((s) => s.date === today);
  const next = view.schedule.find((s) => s.date > today);
  const blinded = record.unblinding === null;
  const slot = blinded && index !== -1 ? allocationOf(record)[index] : undefined;
  const tooSoon =
    slot === undefined
      ? null
      : sessionTooSoon(record, await listEvents(store.db, doses, userId), today, now);
  return {
    tooSoon,
    date: today,
    experimentId: record.id,
    state: view.state,
    session:
      slot === undefined
        ? null
        : {
            number: index + 1,
            of: record.sessions,
            code: slot === "A" ? record.codes[0] : record.codes[1],
            guess: guesses.find((g) => g.session === index + 1)?.guess ?? null,
          },
    nextSession: blinded && next ? { number: next.number, date: next.date } : null,
  };
}

/**
 * Today's session against the doses taken before today (a plan's, say): when the minimum
 * interval after the last one (FACTS K-DOSE-2, P-TOL-1) ends later than now, when the dose
 * may be taken, or that the session is better skipped. Doses of today are left out: the
 * session's own dose, once logged, is one of them.
 */
function sessionTooSoon(
  record: ExperimentRecord,
  taken: readonly Dose[],
  today: string,
  now: Temporal.Instant,
): TodayView["tooSoon"] {
  const startOfToday = Temporal.PlainDate.from(today).toZonedDateTime(record.timeZone).toInstant();
  const earliest = earliestNextDose(taken, record.substance as SubstanceId, startOfToday);
  if (!earliest || Temporal.Instant.compare(earliest.earliest, now) <= 0) return null;
  const name = substanceText(getSubstance(record.substance));
  const zone = record.timeZone;
  const at = earliest.earliest.toZonedDateTimeISO(zone);
  const lastDoseAt = earliest.lastDose.at;
  const laterToday = at.toPlainDate().toString() === today;
  return {
    lastDoseAt,
    earliestAt: formatInstant(earliest.earliest),
    message: `Your last ${name} dose was ${localDateTimeText(lastDoseAt, zone)}; ${name} needs at least ${countText(earliest.minIntervalDays, "day")} between doses (FACTS ${earliest.facts.join(", ")}). ${laterToday ? `Take this session's dose no earlier than ${localDateTimeText(formatInstant(earliest.earliest), zone)}.` : `Do not take this session's dose today (not before ${localDateTimeText(formatInstant(earliest.earliest), zone)}): skip the session. A session without a guess is left out of the result.`}`,
  };
}

/** Records the guess for the session on `date` (default today); replaces an earlier one. */
export async function recordGuess(
  store: Store,
  userId: string,
  input: unknown,
  now: Temporal.Instant,
): Promise<ExperimentView> {
  const parsed = parseWith(ExperimentGuessInput, input);
  const record = await requireLatest(store, userId);
  if (record.unblinding) {
    throw new TitrateError(
      "EXPERIMENT_UNBLINDED",
      `experiment ${record.id} was unblinded on ${localDateTimeText(record.unblinding.at, record.timeZone)} (${record.timeZone}); guesses are closed`,
    );
  }
  const today = todayIn(record.timeZone, now);
  const date = parsed.date ?? today;
  const dates = sessionDates(record.startDate, record.intervalDays, record.sessions);
  const index = dates.indexOf(date);
  if (index === -1 || date > today) {
    const next = dates.find((d) => d >= today);
    throw new TitrateError(
      "EXPERIMENT_NO_SESSION",
      `date: ${date > today ? `${date} is still ahead` : `there is no session on ${date}`}; ${next ? `the next session is on ${next}` : "every session has passed"}`,
      "date",
    );
  }
  await store.transaction((tx) =>
    saveGuess(tx, userId, record.id, {
      session: index + 1,
      guess: parsed.guess,
      guessedAt: formatInstant(now),
    }),
  );
  return currentExperiment(store, userId, now);
}

/**
 * Unblinds with the code written on the active preparation. Before the last session is
 * done it must be asked for as early (EXPERIMENT_NOT_OVER otherwise), and it is recorded so.
 */
export async function unblindExperiment(
  store: Store,
  userId: string,
  input: unknown,
  now: Temporal.Instant,
): Promise<ExperimentView> {
  const parsed = parseWith(ExperimentUnblindInput, input);
  const record = await requireLatest(store, userId);
  if (record.unblinding) {
    throw new TitrateError(
      "EXPERIMENT_UNBLINDED",
      `experiment ${record.id} was already unblinded on ${localDateTimeText(record.unblinding.at, record.timeZone)} (${record.timeZone})`,
    );
  }
  const guesses = await listGuesses(store.db, userId, record.id);
  const today = todayIn(record.timeZone, now);
  const over = isOver(record, guesses, today);
  if (!over && parsed.early !== true) {
    const ahead = sessionDates(record.startDate, record.intervalDays, record.sessions).filter(
      (d) => d > today,
    );
    const still =
      ahead.length === 0
        ? "the last session, today's, has no guess yet"
        : `${ahead.length} session${ahead.length === 1 ? " is" : "s are"} still ahead (the last on ${ahead.at(-1)})`;
    throw new TitrateError(
      "EXPERIMENT_NOT_OVER",
      `early: ${still}; unblinding now ends the experiment early: ask for it with --early (in the API, "early": true), and it is recorded as early`,
      "early",
    );
  }
  if (!record.codes.includes(parsed.activeCode)) {
    throw new TitrateError(
      "EXPERIMENT_CODE_UNKNOWN",
      `activeCode: ${parsed.activeCode} is not one of this experiment's codes (${record.codes.join(", ")})`,
      "activeCode",
    );
  }
  await store.transaction((tx) =>
    recordUnblinding(tx, userId, record.id, {
      at: formatInstant(now),
      early: !over,
      reason: parsed.reason ?? null,
      activeCode: parsed.activeCode,
    }),
  );
  return currentExperiment(store, userId, now);
}

export interface ExperimentReport {
  readonly experiment: ExperimentView;
  readonly results: ExperimentResults;
}

/** The results of the latest experiment; EXPERIMENT_BLINDED until it is unblinded. */
export async function experimentReport(
  store: Store,
  userId: string,
  now: Temporal.Instant,
): Promise<ExperimentReport> {
  const record = await requireLatest(store, userId);
  return reportOf(store, userId, record, now);
}

/** The results of `record`, which must be unblinded. */
export async function reportOf(
  store: Store,
  userId: string,
  record: ExperimentRecord,
  now: Temporal.Instant,
): Promise<ExperimentReport> {
  const guesses = await listGuesses(store.db, userId, record.id);
  const view = viewOf(record, guesses, now);
  if (!record.unblinding) {
    throw new TitrateError(
      "EXPERIMENT_BLINDED",
      `the results stay sealed until you unblind (titrate experiment unblind); sessions so far: ${view.sessionsPast} of ${record.sessions}, ${guesses.length} with a guess`,
    );
  }
  const seed = unsealSeed(record.id, record.sealed);
  const allocation = allocateSessions(record.sessions, seededRandom(seed));
  const activeSlot: CodeSlot = record.unblinding.activeCode === record.codes[0] ? "A" : "B";
  const journalCheckIns = await listEvents(store.db, checkIns, userId);
  const results = experimentResults({
    sessions: view.schedule.map((s, i) => {
      const slot = allocation[i] ?? "A";
      return {
        number: s.number,
        date: s.date,
        slot,
        code: slot === "A" ? record.codes[0] : record.codes[1],
        guess: guesses.find((g) => g.session === s.number)?.guess ?? null,
      };
    }),
    activeSlot,
    outcome: record.outcome,
    ratingsByDate: dailyRatings(journalCheckIns),
    // A stream of its own for the randomisation test, so the report never changes.
    random: seededRandom([seed[0] ^ 0x5bd1e995, seed[1], seed[2], seed[3] ^ 0x27d4eb2f]),
  });
  return { experiment: view, results };
}
