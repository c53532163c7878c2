/**
 * A finished, unblinded experiment for the results screen, computed by src/core from made-up
 * sessions: twelve weekly sessions can only finish in twelve weeks of real time, and the
 * server takes no fake clock. The numbers are the core's own (experimentResults), not typed
 * in; only the journal behind them is invented. The person guessed right eleven times out of
 * twelve, so the blind was broken and the screen must say so first.
 */
import { allocateSessions } from "../src/core/insights/experiment-design.ts";
import { experimentResults } from "../src/core/insights/experiment-results.ts";
import { seededRandom } from "../src/core/insights/random.ts";

const CODES = ["A-7K3", "B-Q92"] as const;
const START = "2026-01-05";
const dates = Array.from({ length: 12 }, (_, i) =>
  new Date(Date.parse(`${START}T12:00:00Z`) + i * 7 * 86_400_000).toISOString().slice(0, 10),
);

/** The answers of GET /api/v1/experiments and GET /api/v1/experiments/current/report. */
export function brokenBlindExperiment() {
  const slots = allocateSessions(12, seededRandom(7));
  const activeSlot = "A" as const;
  const sessions = slots.map((slot, i) => {
    const active = slot === activeSlot;
    // Wrong once (session 5), right otherwise: better than chance.
    const guess = (i === 4 ? !active : active) ? ("active" as const) : ("placebo" as const);
    return {
      number: i + 1,
      date: dates[i] as string,
      slot,
      code: CODES[slot === "A" ? 0 : 1],
      guess,
    };
  });
  const ratingsByDate = new Map(
    sessions.map((s, i) => {
      const lift = s.slot === activeSlot ? 1.5 : 0;
      const base = 5 + ((i * 7) % 3) - 1;
      return [
        s.date,
        {
          mood: base + lift,
          energy: 5 + (i % 2),
          focus: 6 - (i % 3),
          anxiety: 4 - lift / 2,
          sleep: 6,
        },
      ];
    }),
  );
  const results = experimentResults({
    sessions,
    activeSlot,
    outcome: "mood",
    ratingsByDate,
    random: seededRandom(11),
  });
  const view = {
    id: "exp_fixture00001",
    substance: "ketamine",
    outcome: "mood",
    codes: CODES,
    startDate: START,
    endDate: dates[11],
    intervalDays: 7,
    sessions: 12,
    blockSize: 4,
    timeZone: "Europe/London",
    createdAt: `${START}T08:00:00Z`,
    state: "unblinded",
    schedule: sessions.map((s) => ({ number: s.number, date: s.date, guessed: true })),
    sessionsPast: 12,
    guesses: 12,
    unblinding: {
      at: `${dates[11]}T20:00:00Z`,
      early: false,
      reason: null,
      activeCode: CODES[0],
      placeboCode: CODES[1],
    },
  };
  return { latest: { current: view }, report: { experiment: view, results } };
}
