/**
 * Response schemas of the insights, the blinded experiment and the report (src/core/insights).
 * Every estimate is `{ enoughData: true, estimate, ci95: [low, high], n, … }` (two groups also
 * `nA`, `nB`), or `{ enoughData: false, reason, n }` below the minimum of 5 per group.
 * Per-rating objects have the keys mood, energy, focus, anxiety and sleep, in that order.
 */
import * as z from "zod/mini";
import { comparisonIds } from "../../core/insights/comparisons.ts";
import { SINCE_PATTERN } from "../../core/insights/period.ts";
import { trajectoryInstruments } from "../../core/insights/trajectories.ts";
import { LocalDate } from "../../core/schemas/experiment.ts";

const Interval = z
  .tuple([z.number(), z.number()])
  .check(z.describe("The 95 % confidence interval: [low, high], in the estimate's unit."));

export const NotEnoughData = z.strictObject({
  enoughData: z.literal(false),
  reason: z
    .string()
    .check(z.describe('Why there is no number: show "not enough data yet" and this.')),
  n: z.int(),
  nA: z.optional(z.int()),
  nB: z.optional(z.int()),
});

const EffectSize = z.strictObject({ estimate: z.number(), ci95: Interval });

export const MeanDifference = z.strictObject({
  enoughData: z.literal(true),
  kind: z.literal("mean-difference"),
  estimate: z.number().check(z.describe("Mean of group A minus mean of group B.")),
  ci95: Interval,
  n: z.int(),
  nA: z.int(),
  nB: z.int(),
  meanA: z.number(),
  meanB: z.number(),
  sdA: z.number(),
  sdB: z.number(),
  standardError: z.number(),
  df: z.number().check(z.describe("Welch–Satterthwaite degrees of freedom.")),
  hedgesG: EffectSize,
});

export const Slope = z.strictObject({
  enoughData: z.literal(true),
  kind: z.literal("slope"),
  unit: z.string(),
  estimate: z.number(),
  ci95: Interval,
  n: z.int(),
  intercept: z.number(),
  standardError: z.number(),
  df: z.int(),
});

export const Proportion = z.strictObject({
  enoughData: z.literal(true),
  kind: z.literal("proportion"),
  estimate: z.number(),
  ci95: Interval,
  n: z.int(),
  successes: z.int(),
});

export const DifferenceResult = z.union([MeanDifference, NotEnoughData]);
export const SlopeResult = z.union([Slope, NotEnoughData]);

/** One value per rating. */
export function perRating<S extends z.ZodMiniType>(schema: S) {
  return z.strictObject({
    mood: schema,
    energy: schema,
    focus: schema,
    anxiety: schema,
    sleep: schema,
  });
}

const MaybeNumber = z.nullable(z.number());

const TrajectoryPoint = z.strictObject({
  date: z.string(),
  at: z.string(),
  total: z.int(),
  band: z.string(),
  bandLabel: z.string(),
  change: z.int(),
});

const Trajectory = z.strictObject({
  instrument: z.enum(trajectoryInstruments),
  name: z.string(),
  maxTotal: z.int(),
  bands: z.array(z.strictObject({ id: z.string(), label: z.string(), min: z.int(), max: z.int() })),
  baseline: z.nullable(TrajectoryPoint),
  points: z.array(TrajectoryPoint),
  latest: z.nullable(TrajectoryPoint),
  response: z.nullable(z.boolean()),
  remission: z.nullable(z.boolean()),
  meaningfulChange: z.nullable(z.enum(["better", "worse", "none"])),
  meaningfulChangePoints: z.nullable(z.int()),
  trend: SlopeResult,
  crisisDates: z.array(z.string()),
  summary: z.string(),
  sources: z.array(z.string()),
});

export const Insights = z.strictObject({
  period: z.strictObject({ from: z.string(), to: z.string(), days: z.int(), timeZone: z.string() }),
  minimumPerGroup: z.int(),
  counts: z.strictObject({
    checkInDays: z.int(),
    doseDays: z.int(),
    doses: z.int(),
    screenings: z.int(),
  }),
  series: z
    .strictObject({
      dates: z.array(z.string()),
      doseDay: z.array(z.boolean()),
      dayAfterDose: z.array(z.boolean()),
      checkIns: z.array(z.int()),
      ratings: perRating(
        z.strictObject({ daily: z.array(MaybeNumber), rolling7: z.array(MaybeNumber) }),
      ),
    })
    .check(
      z.describe(
        "Columns as long as `dates` (uPlot takes them as they are): the day's mean rating and its trailing 7-day mean (null with fewer than 4 rated days of the 7).",
      ),
    ),
  comparisons: z.array(
    z.strictObject({
      id: z.enum(comparisonIds),
      title: z.string(),
      groupA: z.string(),
      groupB: z.string(),
      ratings: perRating(DifferenceResult),
    }),
  ),
  doseResponse: z.strictObject({
    substance: z.nullable(z.string()),
    unit: z.nullable(z.string()),
    points: z.array(
      z.strictObject({ date: z.string(), amount: z.number(), nextDay: perRating(MaybeNumber) }),
    ),
    ratings: perRating(SlopeResult),
  }),
  questionnaires: z.array(Trajectory),
  tolerance: z.strictObject({
    substance: z.nullable(z.string()),
    unit: z.nullable(z.string()),
    steadyAmount: MaybeNumber,
    doseTrend: SlopeResult,
    effectTrend: perRating(SlopeResult),
    meanLift: perRating(MaybeNumber),
    meanLiftCi95: perRating(z.nullable(Interval)),
    signals: z.array(z.string()),
    summary: z.string(),
    sources: z.array(z.string()),
  }),
  caveats: z.array(z.string()),
});

const Since = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.regex(SINCE_PATTERN, {
    error: "must be a length such as 90d or 12w, or a date such as 2026-01-01",
  }),
  z.describe("The period's start: 90d, 12w (ending on `until`), or a first date. Default 90d."),
);

export const InsightsQuery = z.strictObject({
  since: z.optional(Since),
  until: z.optional(LocalDate.check(z.describe("The period's last day; default today."))),
});

export const ReportQuery = z.strictObject({
  since: z.optional(Since),
  until: z.optional(LocalDate),
  exclude: z.optional(
    z
      .string()
      .check(
        z.maxLength(300),
        z.describe(
          "Sections to leave out, comma-separated: profile, plan, adherence, doses, ratings, symptoms, blood-pressure, screenings, insights, experiment, findings, other-substances, notes.",
        ),
      ),
  ),
});
