/**
 * PHQ-9 and GAD-7 over time. The baseline is the first screening of the instrument in the
 * whole journal; the period's screenings are measured against it:
 * - response: a total at least 50 % below the baseline; remission: a total below 5. These
 *   are common definitions, which vary between studies (FACTS Q-PHQ9); for GAD-7 Titrate uses
 *   the same ones, 5 being where its "mild" band starts (FACTS Q-GAD7). Both need a baseline of
 *   5 or more: from a minimal score there is nothing to respond or remit from.
 * - a clinically meaningful change: 5 points or more on the PHQ-9, the minimal clinically
 *   important individual change (Löwe et al. 2004, FACTS Q-PHQ9). FACTS gives no such figure
 *   for the GAD-7, so Titrate marks none there rather than borrow one.
 * - the trend: a least-squares slope in points per 28 days, with its interval.
 */
import { bandOf, maxTotal, type Questionnaire } from "../questionnaires/instrument.ts";
import { getInstrument } from "../questionnaires/score.ts";
import { epochDay } from "../safety/time-math.ts";
import type { Screening } from "../schemas/journal.ts";
import { localDateOf } from "./daily-series.ts";
import type { NotEnoughData, Slope } from "./estimate.ts";
import { fitLine } from "./linear-fit.ts";

export const trajectoryInstruments = ["phq9", "gad7"] as const;
export type TrajectoryInstrument = (typeof trajectoryInstruments)[number];

/** PHQ-9: the minimal clinically important individual change (FACTS Q-PHQ9, Löwe 2004). */
export const PHQ9_MEANINGFUL_CHANGE = 5;
/** Response: the total fell by at least this share of the baseline (FACTS Q-PHQ9). */
export const RESPONSE_DROP = 0.5;
/** Remission: a total below this (FACTS Q-PHQ9; GAD-7's mild band starts here, Q-GAD7). */
export const REMISSION_BELOW = 5;

export interface TrajectoryPoint {
  readonly date: string;
  readonly at: string;
  readonly total: number;
  readonly band: string;
  readonly bandLabel: string;
  /** Total minus the baseline's. */
  readonly change: number;
}

export interface Trajectory {
  readonly instrument: TrajectoryInstrument;
  readonly name: string;
  readonly maxTotal: number;
  readonly bands: readonly { id: string; label: string; min: number; max: number }[];
  readonly baseline: TrajectoryPoint | null;
  /** The period's screenings, oldest first. */
  readonly points: readonly TrajectoryPoint[];
  readonly latest: TrajectoryPoint | null;
  /** Null when it does not apply (see `status`). */
  readonly response: boolean | null;
  readonly remission: boolean | null;
  /** PHQ-9 only: "better" or "worse" by 5 points or more, else "none"; null for GAD-7. */
  readonly meaningfulChange: "better" | "worse" | "none" | null;
  readonly meaningfulChangePoints: number | null;
  /** Points per 28 days over the period's screenings. */
  readonly trend: Slope | NotEnoughData;
  /**
   * Dates in the period of a screening whose crisis item was answered above 0 (PHQ-9 item 9,
   * thoughts of death or self-harm): whatever the total, it leads the summary (FACTS Q-PHQ9).
   */
  readonly crisisDates: readonly string[];
  /** One sentence on where things stand. */
  readonly summary: string;
  readonly sources: readonly string[];
}

function pointOf(
  instrument: Questionnaire,
  screening: Screening,
  baselineTotal: number,
): TrajectoryPoint {
  const band = bandOf(instrument, screening.total);
  return {
    date: localDateOf(screening),
    at: screening.at,
    total: screening.total,
    band: band.id,
    bandLabel: band.label,
    change: screening.total - baselineTotal,
  };
}

/** The trajectory of `id` from the journal's screenings, over `from`…`to`. */
export function questionnaireTrajectory(
  id: TrajectoryInstrument,
  screenings: readonly Screening[],
  from: string,
  to: string,
): Trajectory {
  const instrument = getInstrument(id) as Questionnaire;
  const all = screenings
    .filter((s) => s.instrument === id)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const first = all[0];
  const baselineTotal = first?.total ?? 0;
  const baseline = first ? pointOf(instrument, first, baselineTotal) : null;
  const points = all
    .map((s) => pointOf(instrument, s, baselineTotal))
    .filter((p) => p.date >= from && p.date <= to);
  const latest = points.at(-1) ?? null;
  const crisisDates = all
    .filter((s) => s.crisis)
    .map(localDateOf)
    .filter((date) => date >= from && date <= to);
  const isPhq9 = id === "phq9";
  const sources = isPhq9 ? ["Q-PHQ9"] : ["Q-GAD7", "Q-PHQ9"];

  const compared = baseline !== null && latest !== null && latest.at !== baseline.at;
  const applies = compared && baseline.total >= REMISSION_BELOW;
  const response = applies ? latest.total <= baseline.total * (1 - RESPONSE_DROP) : null;
  const remission = applies ? latest.total < REMISSION_BELOW : null;
  const meaningfulChange = !isPhq9
    ? null
    : !compared
      ? null
      : latest.change <= -PHQ9_MEANINGFUL_CHANGE
        ? "better"
        : latest.change >= PHQ9_MEANINGFUL_CHANGE
          ? "worse"
          : "none";

  const startDay = epochDay(from);
  const trend = fitLine(
    points.map((p) => ({ x: epochDay(p.date) - startDay, y: p.total })),
    {
      unit: "points per 28 days",
      noun: `${instrument.name} screenings in this period`,
      xName: "the date",
      scale: 28,
    },
  );

  let summary: string;
  if (baseline === null) summary = `No ${instrument.name} yet.`;
  else if (latest === null)
    summary = `No ${instrument.name} in this period; the first, on ${baseline.date}, scored ${baseline.total}.`;
  else if (!compared)
    summary = `One ${instrument.name} so far: ${latest.total} (${latest.bandLabel}) on ${latest.date}; a second one will show the change.`;
  else {
    const pointsText = (n: number) => `${n} point${n === 1 ? "" : "s"}`;
    const direction =
      latest.change < 0
        ? `${pointsText(-latest.change)} lower than`
        : latest.change > 0
          ? `${pointsText(latest.change)} higher than`
          : "the same as";
    const parts = [
      `${instrument.name} ${latest.total} (${latest.bandLabel}) on ${latest.date}, ${direction} the first, ${baseline.total} on ${baseline.date}`,
    ];
    if (meaningfulChange === "better")
      parts.push("a clinically meaningful improvement (5 points or more)");
    if (meaningfulChange === "worse")
      parts.push("a clinically meaningful worsening (5 points or more): talk to a doctor");
    if (!applies) parts.push("response and remission do not apply to a first score below 5");
    else if (remission) parts.push("in remission (below 5)");
    else if (response) parts.push("a response (at least 50 % lower)");
    summary = `${parts.join("; ")}.`;
  }
  if (crisisDates.length > 0) {
    // Never below a total that looks better: item 9 above 0 needs a response whatever the total.
    summary = `Thoughts of death or self-harm (item 9 answered above 0) on ${crisisDates.join(", ")}: that needs a safety response now, whatever the total; a later 0 is no reassurance (FACTS Q-PHQ9, CRISIS-1). ${summary}`;
  }

  return {
    instrument: id,
    name: instrument.name,
    maxTotal: maxTotal(instrument),
    bands: instrument.bands.map(({ id: bandId, label, min, max }) => ({
      id: bandId,
      label,
      min,
      max,
    })),
    baseline,
    points,
    latest,
    response,
    remission,
    meaningfulChange,
    meaningfulChangePoints: isPhq9 ? PHQ9_MEANINGFUL_CHANGE : null,
    trend,
    crisisDates,
    summary,
    sources: crisisDates.length > 0 ? [...sources, "CRISIS-1"] : sources,
  };
}
