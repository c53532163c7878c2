/**
 * Everything the insights show for a period, from the whole journal's check-ins, doses and
 * screenings: the daily series, the three comparisons of days, dose–response, the PHQ-9 and
 * GAD-7 trajectories and the tolerance signal. Pure: the same journal and period give the
 * same result, with no time of computation in it.
 */
import type { CheckIn, Dose, Screening } from "../schemas/journal.ts";
import { type Comparison, compareDays } from "./comparisons.ts";
import {
  buildDailySeries,
  type DailySeries,
  dailyRatings,
  doseDates,
  localDateOf,
} from "./daily-series.ts";
import { mainSubstanceDays } from "./dose-amounts.ts";
import { type DoseResponse, doseResponse } from "./dose-response.ts";
import { MIN_PER_GROUP } from "./estimate.ts";
import type { Period } from "./period.ts";
import { type ToleranceSignal, toleranceSignal } from "./tolerance.ts";
import { questionnaireTrajectory, type Trajectory, trajectoryInstruments } from "./trajectories.ts";

export interface InsightsInput {
  readonly period: Period;
  /** The person's time zone, for showing; each entry's own zone decides its date. */
  readonly timeZone: string;
  readonly checkIns: readonly CheckIn[];
  readonly doses: readonly Dose[];
  readonly screenings: readonly Screening[];
}

export interface Insights {
  readonly period: Period & { readonly timeZone: string };
  /** The fewest values per group (or points on a line) before a number is shown. */
  readonly minimumPerGroup: number;
  readonly counts: {
    readonly checkInDays: number;
    readonly doseDays: number;
    readonly doses: number;
    readonly screenings: number;
  };
  readonly series: DailySeries;
  readonly comparisons: readonly Comparison[];
  readonly doseResponse: DoseResponse;
  readonly questionnaires: readonly Trajectory[];
  readonly tolerance: ToleranceSignal;
  /** What every number here should be read with. */
  readonly caveats: readonly string[];
}

export const insightCaveats: readonly string[] = [
  "A difference on dose days, or an improvement over time (in the ratings, the PHQ-9 or the GAD-7), does not show that the dose caused it: expectation explains much of what people report from microdosing (FACTS PLACEBO-1), and scores change for many other reasons. A blinded self-experiment can tell the two apart.",
  "Each day counts as one independent observation. Ratings drift over weeks and neighbouring days resemble each other, so the intervals are somewhat narrower than they should be: read them as a guide, not a verdict.",
  "Anxiety is the one rating where lower is better.",
];

/** The insights for `input.period`. */
export function computeInsights(input: InsightsInput): Insights {
  const { period } = input;
  const inPeriod = <T extends { at: string; timeZone: string }>(entries: readonly T[]) =>
    entries.filter((e) => {
      const date = localDateOf(e);
      return date >= period.from && date <= period.to;
    });
  const ratingsByDate = dailyRatings(input.checkIns);
  const dosed = doseDates(input.doses);
  const series = buildDailySeries(period.from, period.to, input.checkIns, input.doses, {
    ratingsByDate,
    doseDates: dosed,
  });
  const main = mainSubstanceDays(input.doses, period.from, period.to);
  return {
    period: { ...period, timeZone: input.timeZone },
    minimumPerGroup: MIN_PER_GROUP,
    counts: {
      checkInDays: series.checkIns.filter((n) => n > 0).length,
      doseDays: series.doseDay.filter(Boolean).length,
      doses: inPeriod(input.doses).length,
      screenings: inPeriod(input.screenings).length,
    },
    series,
    comparisons: compareDays({ dates: series.dates, ratingsByDate, doseDates: dosed }),
    doseResponse: doseResponse(main, ratingsByDate),
    questionnaires: trajectoryInstruments.map((id) =>
      questionnaireTrajectory(id, input.screenings, period.from, period.to),
    ),
    tolerance: toleranceSignal(main, ratingsByDate, dosed, period.from),
    caveats: insightCaveats,
  };
}
