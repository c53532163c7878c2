/**
 * dose-creep: signs of tolerance within a run of use (doses less than 14 days apart, the
 * time FACTS K-TOL-1 gives for tolerance to go):
 * - rising doses: the median of the last 3 doses is at least 25 % above the median of the
 *   run's first 3 (from the 6th dose on);
 * - fading effects at a steady dose: the last 3 rated dosing days (a Shulgin rating in a
 *   check-in within 24 h after the dose) average at least one step lower than the first 3,
 *   while the median dose stays within 10 % of the first 3.
 * The counts, 25 %, 10 % and one step are Titrate's choices: FACTS gives no threshold.
 * Active until the signal goes away, or until a 14-day break resets tolerance.
 */
import { shulginRatings } from "../../schemas/journal.ts";
import type { Finding } from "../finding.ts";
import { amountText, median, substanceText } from "../format.ts";
import type { DoseEntry, JournalView } from "../journal-view.ts";
import type { SafetyRule } from "../rule.ts";
import { DAY_MS, instantText, lowerBound } from "../time-math.ts";
import { TOLERANCE_RESET_MS } from "../windows.ts";

const WINDOW = 3; // doses compared at each end
const FIRST_CHECK = 2 * WINDOW - 1; // index of the first dose whose last 3 do not overlap the first 3
const CREEP_RATIO = 1.25;
const STEADY_FRACTION = 0.1;
const FADING_STEPS = 1;

export const doseCreep: SafetyRule = {
  id: "dose-creep",
  summary: "Doses rising against the first ones of a run, or effects fading at a steady dose",
  sources: ["K-TOL-1", "P-TOL-1"],
  evaluate(journal) {
    const findings: Finding[] = [];
    const ratings = ratingsAfterDoses(journal);
    for (const doses of journal.dosesBySubstance.values()) {
      for (const run of runsOf(doses)) {
        findings.push(...risingDoses(journal, run), ...fadingEffects(journal, run, ratings));
      }
    }
    return findings;
  },
};

/** Splits a substance's doses where 14 days or more pass without one (FACTS K-TOL-1). */
export function runsOf(doses: readonly DoseEntry[]): DoseEntry[][] {
  const runs: DoseEntry[][] = [];
  let previous: DoseEntry | undefined;
  for (const entry of doses) {
    if (!previous || entry.ms - previous.ms >= TOLERANCE_RESET_MS) runs.push([]);
    runs.at(-1)?.push(entry);
    previous = entry;
  }
  return runs;
}

interface Signal {
  readonly entry: DoseEntry;
  readonly detail: string;
}

/** Walks a run from the 6th point on, opening a finding when `test` starts to hold and closing it when it stops. */
function scan(
  run: readonly DoseEntry[],
  points: readonly DoseEntry[],
  test: (k: number) => string | null,
  make: (signal: Signal, activeUntil: string) => Finding,
): Finding[] {
  const findings: Finding[] = [];
  let open: Signal | null = null;
  for (let k = FIRST_CHECK; k < points.length; k++) {
    const detail = test(k);
    const entry = points[k] as DoseEntry;
    if (detail !== null && !open) open = { entry, detail };
    else if (detail === null && open) {
      findings.push(make(open, instantText(entry.ms)));
      open = null;
    }
  }
  const last = run.at(-1);
  if (open && last) findings.push(make(open, instantText(last.ms + TOLERANCE_RESET_MS)));
  return findings;
}

function adviceFor(entry: DoseEntry): { advice: string; sources: string[] } {
  return entry.substance.id === "ketamine"
    ? {
        advice:
          "If the dose you started with no longer does what it did, take a break rather than raising it again: ketamine tolerance halves in 3–7 days and is gone in 1–2 weeks (FACTS K-TOL-1). Never go above your ceiling.",
        sources: ["K-TOL-1"],
      }
    : {
        advice:
          "If the dose you started with no longer does what it did, take a break rather than raising it again: tolerance reverses after about 5 days off, and LSD and psilocybin share it (FACTS P-TOL-1). Never go above your ceiling.",
        sources: ["P-TOL-1"],
      };
}

function risingDoses(journal: JournalView, run: readonly DoseEntry[]): Finding[] {
  const known = run.filter((d) => d.amount !== null);
  if (known.length <= FIRST_CHECK) return [];
  const first = known[0] as DoseEntry;
  const { substance } = first;
  const zone = first.record.timeZone;
  const baseline = median(known.slice(0, WINDOW).map((d) => d.amount as number));
  return scan(
    run,
    known,
    (k) => {
      const recent = median(known.slice(k - WINDOW + 1, k + 1).map((d) => d.amount as number));
      if (recent < baseline * CREEP_RATIO * (1 - 1e-9)) return null;
      const percent = Math.round((recent / baseline - 1) * 100);
      return `Your last ${WINDOW} ${substanceText(substance)} doses (median ${amountText(recent, substance.unit)}) are ${percent} % above your first ${WINDOW} since ${journal.localDate(first.ms, zone)} (median ${amountText(baseline, substance.unit)}).`;
    },
    ({ entry, detail }, activeUntil) => ({
      ruleId: "dose-creep",
      severity: "caution",
      title: `${substance.name} doses creeping up`,
      detail: `${detail} Rising doses are a first sign of tolerance, even when each step was a deliberate adjustment (FACTS ${adviceFor(entry).sources[0]}).`,
      ...adviceFor(entry),
      key: `dose-creep:${entry.record.id}`,
      subjectId: entry.record.id,
      at: instantText(entry.ms),
      activeUntil,
    }),
  );
}

/** For each dose, the highest Shulgin rating (0–5) in a check-in within 24 h after it and before the next dose. */
function ratingsAfterDoses(journal: JournalView): Map<string, number> {
  const ratings = new Map<string, number>();
  const checkIns = journal.checkIns.filter((c) => c.record.shulgin !== null);
  journal.doses.forEach((entry, i) => {
    const end = Math.min(entry.ms + DAY_MS, journal.doses[i + 1]?.ms ?? Number.POSITIVE_INFINITY);
    let best = -1;
    for (let j = lowerBound(checkIns, entry.ms); j < checkIns.length; j++) {
      const checkIn = checkIns[j];
      if (!checkIn || checkIn.ms >= end) break;
      best = Math.max(best, shulginRatings.indexOf(checkIn.record.shulgin ?? "-"));
    }
    if (best >= 0) ratings.set(entry.record.id, best);
  });
  return ratings;
}

function fadingEffects(
  journal: JournalView,
  run: readonly DoseEntry[],
  ratings: ReadonlyMap<string, number>,
): Finding[] {
  const rated = run.filter((d) => d.amount !== null && ratings.has(d.record.id));
  if (rated.length <= FIRST_CHECK) return [];
  const first = rated[0] as DoseEntry;
  const { substance } = first;
  const amountOf = (d: DoseEntry) => d.amount as number;
  const ratingOf = (d: DoseEntry) => ratings.get(d.record.id) as number;
  const mean = (list: readonly number[]) => list.reduce((a, b) => a + b, 0) / list.length;
  const baseAmount = median(rated.slice(0, WINDOW).map(amountOf));
  const baseRating = mean(rated.slice(0, WINDOW).map(ratingOf));
  return scan(
    run,
    rated,
    (k) => {
      const recent = rated.slice(k - WINDOW + 1, k + 1);
      const recentAmount = median(recent.map(amountOf));
      const recentRating = mean(recent.map(ratingOf));
      const steady = Math.abs(recentAmount - baseAmount) <= baseAmount * STEADY_FRACTION;
      if (!steady || recentRating > baseRating - FADING_STEPS) return null;
      return `At a steady ${amountText(recentAmount, substance.unit)}, your last ${WINDOW} rated doses averaged ${recentRating.toFixed(1)} on the Shulgin scale (0 = −, 5 = ++++), down from ${baseRating.toFixed(1)} for your first ${WINDOW} since ${journal.localDate(first.ms, first.record.timeZone)}.`;
    },
    ({ entry, detail }, activeUntil) => ({
      ruleId: "dose-creep",
      severity: "caution",
      title: `${substance.name} effects fading at the same dose`,
      detail: `${detail} Fading effects are a sign of tolerance (FACTS ${adviceFor(entry).sources[0]}).`,
      ...adviceFor(entry),
      key: `dose-creep:fading:${entry.record.id}`,
      subjectId: entry.record.id,
      at: instantText(entry.ms),
      activeUntil,
    }),
  );
}
