/**
 * `titrate insights`: the statistics over a period as compact text with sparklines and their
 * numbers in words (for screen readers and NO_COLOR), or with --json the whole result, every
 * estimate as { estimate, ci95, n, … } or { enoughData: false, reason }.
 */
import {
  differenceText,
  intervalText,
  NOT_ENOUGH,
  notEnoughForAll,
  seriesText,
  signed,
  slopeText,
} from "../../core/insights/describe.ts";
import type { Insights } from "../../core/insights/insights.ts";
import { ratingNames } from "../../core/insights/ratings.ts";
import { markRow, sparkline } from "../../core/insights/sparkline.ts";
import { loadInsights } from "../../store/journal/insights.ts";
import { assertNoPositionals } from "../args.ts";
import type { Command } from "../command.ts";
import { withJournal } from "../journal-context.ts";
import { journalOptions } from "../journal-options.ts";
import { styler, writeJson, writeLine } from "../output.ts";
import { periodFlags, periodOptions } from "../period-options.ts";

const WIDTH = 60;

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** The insights as lines of text; `style` adds colour where the terminal wants it. */
export function insightsText(
  insights: Insights,
  style: (kind: "bold" | "dim", text: string) => string,
): string[] {
  const { period, counts, series } = insights;
  const lines: string[] = [];
  const heading = (text: string) => {
    lines.push("", style("bold", text));
  };
  lines.push(
    style(
      "bold",
      `Insights, ${period.from} to ${period.to} (${plural(period.days, "day")}, ${period.timeZone})`,
    ),
    `${plural(counts.checkInDays, "day")} with a check-in, ${plural(counts.doseDays, "dose day")}, ${plural(counts.screenings, "screening")}. A number needs at least ${insights.minimumPerGroup} days in each group; below that Titrate says "${NOT_ENOUGH}".`,
  );

  const columns = sparkline(
    series.doseDay.map(() => 0),
    0,
    1,
    WIDTH,
  ).daysPerColumn;
  heading(
    `Ratings, 7-day mean (scale 0 to 10; • marks a dose${columns > 1 ? `; one column is ${columns} days` : ""})`,
  );
  for (const name of ratingNames) {
    const chart = sparkline(series.ratings[name].rolling7, 0, 10, WIDTH).text;
    lines.push(`  ${name.padEnd(8)} ${chart.trim() === "" ? style("dim", NOT_ENOUGH) : chart}`);
  }
  lines.push(`  ${"doses".padEnd(8)} ${markRow(series.doseDay, WIDTH)}`);
  for (const name of ratingNames) {
    lines.push(
      style(
        "dim",
        `  ${seriesText(`${name}, 7-day mean`, series.ratings[name].rolling7, series.dates)}`,
      ),
    );
  }

  for (const comparison of insights.comparisons) {
    heading(`${comparison.title} (${comparison.groupA} minus ${comparison.groupB})`);
    const none = notEnoughForAll(ratingNames.map((name) => comparison.ratings[name]));
    if (none !== null) {
      lines.push(`  ${none}`);
      continue;
    }
    for (const name of ratingNames) {
      lines.push(`  ${differenceText(name, comparison.ratings[name], comparison.groupA)}`);
    }
  }

  const response = insights.doseResponse;
  heading(
    response.substance === null
      ? "Dose and the next day's ratings"
      : `Dose and the next day's ratings (${response.substance}, per ${response.unit})`,
  );
  const noResponse = notEnoughForAll(ratingNames.map((name) => response.ratings[name]));
  if (noResponse !== null) {
    lines.push(`  ${noResponse}`);
  } else {
    for (const name of ratingNames) lines.push(`  ${name}: ${slopeText(response.ratings[name])}`);
  }

  heading("Questionnaires");
  for (const trajectory of insights.questionnaires) {
    const totals = series.dates.map(
      (date) => trajectory.points.find((p) => p.date === date)?.total ?? null,
    );
    const chart =
      trajectory.points.length > 0
        ? `${sparkline(totals, 0, trajectory.maxTotal, WIDTH).text}  (scale 0 to ${trajectory.maxTotal})`
        : "";
    lines.push(`  ${trajectory.name.padEnd(6)} ${chart}`.trimEnd());
    lines.push(`         ${trajectory.summary}`);
    if (trajectory.points.length > 0) {
      lines.push(
        style(
          "dim",
          `         Scores: ${trajectory.points.map((p) => `${p.total} (${p.date})`).join(", ")}.`,
        ),
      );
      lines.push(style("dim", `         Trend: ${slopeText(trajectory.trend, 1)}.`));
    }
  }

  heading("Tolerance");
  const { tolerance } = insights;
  const anyEffect = ratingNames.some((name) => tolerance.effectTrend[name].enoughData);
  if (tolerance.substance !== null && (tolerance.doseTrend.enoughData || anyEffect)) {
    const trend = tolerance.doseTrend;
    lines.push(
      `  dose (${tolerance.substance}): ${
        trend.enoughData && trend.ci95[0] === 0 && trend.ci95[1] === 0
          ? `steady, every dose ${tolerance.steadyAmount} ${tolerance.unit}`
          : slopeText(trend)
      }`,
    );
    for (const name of anyEffect ? ratingNames : []) {
      const lift = tolerance.meanLift[name];
      const ci = tolerance.meanLiftCi95[name];
      const average =
        lift === null
          ? ""
          : `${signed(lift)}${ci ? ` (${intervalText(ci)})` : ""} on average against the week before; `;
      lines.push(
        style(
          "dim",
          `  ${name} on dose days at ${tolerance.steadyAmount} ${tolerance.unit}: ${average}change ${slopeText(tolerance.effectTrend[name])}`,
        ),
      );
    }
  }
  lines.push(`  ${tolerance.summary}`);

  heading("Read with care");
  for (const caveat of insights.caveats) lines.push(`  - ${caveat}`);
  return lines;
}

export const command: Command = {
  name: "insights",
  summary: "What your journal shows, with its uncertainty: ratings, dose days, questionnaires",
  options: { ...periodOptions, ...journalOptions },
  examples: [
    "titrate insights",
    "titrate insights --since 12w",
    "titrate insights --since 2026-01-01 --until 2026-03-31 --json",
  ],
  details: [
    "Compares dose days with other days, the day after a dose with baseline days, and on-protocol weeks with the days before your first dose, for mood, energy, focus, anxiety and sleep: each as a difference of means with a 95 % confidence interval (Welch) and Hedges' g. Also dose against the next day's ratings, PHQ-9 and GAD-7 over time, and a tolerance signal.",
    `With fewer than 5 days in a group it says "${NOT_ENOUGH}" and shows no number. A difference is not proof the dose caused it: expectation explains much of what people report (FACTS PLACEBO-1); \`titrate experiment\` runs a blinded test.`,
    "The same journal and options always give the same output.",
  ],
  async run(context) {
    assertNoPositionals(context, "insights");
    const insights = await withJournal(context, ({ store, user, now }) =>
      loadInsights(store, user.id, periodFlags(context), now),
    );
    if (context.json) {
      writeJson(context.io, insights);
      return 0;
    }
    const { stdout, env } = context.io;
    const style = styler(stdout, env);
    for (const line of insightsText(insights, style)) writeLine(stdout, line);
    return 0;
  },
};
