/**
 * The blinded self-experiment's design (docs/blinded-experiment.md): two identical
 * preparations, one active and one placebo, labelled with two codes; dosing sessions spaced
 * like the substance's protocol; and a balanced, blocked randomisation of which code is taken
 * at each session.
 *
 * Blocks of 4: every 4 sessions hold each code twice, so the two groups stay equal in size
 * even if the experiment stops early, and slow changes over the weeks (a season, a new job)
 * fall on both codes alike. Blocks of 2 would make every second session predictable from the
 * first; 4 keeps it to the last of each block, and that only if the person has worked out
 * the block size (the two codes do not say which is active anyway).
 *
 * Sessions are spaced by at least the substance's minimum interval (FACTS K-DOSE-2, P-PROT-1):
 * a placebo session is still a session the person plans as a dose, and Titrate never plans
 * doses closer than its rules allow.
 */

import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../errors.ts";
import { getSubstance } from "../substances/catalog.ts";
import { type SubstanceId, usualIntervalDays } from "../substances/substance.ts";
import { type SeededRandom, shuffled } from "./random.ts";

export const EXPERIMENT_BLOCK_SIZE = 4;
/** 12 sessions: 6 of each, above the 5 per group any comparison needs (estimate.ts). */
export const MIN_EXPERIMENT_SESSIONS = 12;
export const MAX_EXPERIMENT_SESSIONS = 48;
export const DEFAULT_EXPERIMENT_SESSIONS = 12;
/** Sessions further apart than a month would stretch 12 sessions over a year. */
export const MAX_INTERVAL_DAYS = 30;

/** Which of the two codes: "A" is the first code ("A-7K3"), "B" the second. */
export type CodeSlot = "A" | "B";
export type Content = "active" | "placebo";

/** Characters that cannot be mistaken for each other on a label: no 0/O, 1/I/L, U/V. */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ";
export const CODE_PATTERN = /^[AB]-[23456789ABCDEFGHJKMNPQRSTWXYZ]{3}$/u;

/**
 * The two codes, "A-" and "B-" followed by three characters each, with `draw(n)` giving a
 * uniform integer in [0, n) (the store passes node:crypto's). The letters A and B only tell
 * the labels apart; they say nothing about what is inside.
 */
export function experimentCodes(draw: (n: number) => number): readonly [string, string] {
  const suffix = () =>
    Array.from({ length: 3 }, () => CODE_ALPHABET[draw(CODE_ALPHABET.length)]).join("");
  const a = suffix();
  let b = suffix();
  while (b === a) b = suffix();
  return [`A-${a}`, `B-${b}`];
}

/** The code taken at each session: blocks of 4, each holding A twice and B twice, shuffled. */
export function allocateSessions(sessions: number, random: SeededRandom): CodeSlot[] {
  const blocks = sessions / EXPERIMENT_BLOCK_SIZE;
  const allocation: CodeSlot[] = [];
  for (let b = 0; b < blocks; b++)
    allocation.push(...shuffled<CodeSlot>(["A", "A", "B", "B"], random));
  return allocation;
}

/** The 0-based block a 1-based session number belongs to. */
export function blockOf(session: number): number {
  return Math.floor((session - 1) / EXPERIMENT_BLOCK_SIZE);
}

/** The session dates: `startDate`, then every `intervalDays`. */
export function sessionDates(startDate: string, intervalDays: number, sessions: number): string[] {
  const start = Temporal.PlainDate.from(startDate);
  return Array.from({ length: sessions }, (_, i) =>
    start.add({ days: i * intervalDays }).toString(),
  );
}

/** The spacing Titrate proposes: the substance's usual protocol (ketamine 7 days, Fadiman 3). */
export function defaultIntervalDays(substance: SubstanceId): number {
  return usualIntervalDays(getSubstance(substance)); // FACTS K-DOSE-2, P-PROT-1
}

/**
 * Refuses a design Titrate will not run: sessions not a whole number of blocks within
 * 12–48, or spaced closer than the substance's minimum interval.
 */
export function checkExperimentDesign(
  substance: SubstanceId,
  sessions: number,
  intervalDays: number,
): void {
  if (
    !Number.isInteger(sessions) ||
    sessions < MIN_EXPERIMENT_SESSIONS ||
    sessions > MAX_EXPERIMENT_SESSIONS ||
    sessions % EXPERIMENT_BLOCK_SIZE !== 0
  ) {
    throw new TitrateError(
      "VALIDATION_FAILED",
      `sessions: must be a multiple of ${EXPERIMENT_BLOCK_SIZE} from ${MIN_EXPERIMENT_SESSIONS} to ${MAX_EXPERIMENT_SESSIONS} (each block of ${EXPERIMENT_BLOCK_SIZE} holds both codes twice); got ${sessions}`,
      "sessions",
    );
  }
  if (!Number.isInteger(intervalDays) || intervalDays > MAX_INTERVAL_DAYS) {
    throw new TitrateError(
      "VALIDATION_FAILED",
      `intervalDays: must be a whole number of days, at most ${MAX_INTERVAL_DAYS}; got ${intervalDays}`,
      "intervalDays",
    );
  }
  const entry = getSubstance(substance);
  if (intervalDays < entry.minIntervalDays) {
    throw new TitrateError(
      "EXPERIMENT_INTERVAL_TOO_SHORT",
      `intervalDays: ${entry.name} sessions must be at least ${entry.minIntervalDays} day${entry.minIntervalDays === 1 ? "" : "s"} apart (FACTS ${entry.minIntervalFacts.join(", ")}); a placebo session is planned like a dose`,
      "intervalDays",
    );
  }
}
