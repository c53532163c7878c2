/**
 * The ratings over time: one rating at a time (chosen with radio buttons), its daily values
 * and 7-day mean on the whole 0–10 scale with dose days marked, and the same in words.
 */
import { useState } from "preact/hooks";
import { seriesText } from "../../../core/insights/describe.ts";
import type { Insights } from "../../types.ts";
import { shortDate } from "../charts/chart-size.ts";
import { RatingChart, RatingLegend } from "../charts/rating-chart.tsx";
import { type RatingName, ratingLabels, ratingNames, ratingTitle } from "./rating-names.ts";

export function RatingsOverTime({ insights }: { readonly insights: Insights }) {
  const [rating, setRating] = useState<RatingName>("mood");
  const { series } = insights;
  const { daily, rolling7 } = series.ratings[rating];
  const rated = daily.filter((v) => v !== null).length;
  const doseDates = series.dates.filter((_, i) => series.doseDay[i]);
  const name = ratingLabels[rating];
  return (
    <section class="card" aria-labelledby="ratings-title">
      <h2 id="ratings-title">Ratings over time</h2>
      <fieldset class="segmented">
        <legend>Rating</legend>
        {ratingNames.map((r) => (
          <label key={r} class={r === rating ? "chosen" : undefined}>
            <input
              type="radio"
              name="rating"
              value={r}
              checked={r === rating}
              onChange={() => setRating(r)}
            />
            {ratingLabels[r]}
          </label>
        ))}
      </fieldset>
      <h3>{ratingTitle(rating)}, 0 to 10</h3>
      {rated === 0 ? (
        <p class="notice caution">
          Not enough data yet: no check-in with a {rating} rating in this period.
        </p>
      ) : (
        <>
          <RatingChart
            label={`${name} over the period: the day's rating, the 7-day mean and dose days`}
            describedBy="ratings-words"
            dates={series.dates}
            daily={daily}
            rolling={rolling7}
            doseDay={series.doseDay}
          />
          <RatingLegend />
          <div id="ratings-words" class="words">
            <p>{seriesText(`${name}, 7-day mean`, rolling7, series.dates)}.</p>
            <p>
              {seriesText(`${name}, the day's rating`, daily, series.dates)}; {rated} of{" "}
              {series.dates.length} days rated.
            </p>
            <p>
              {doseDates.length === 0
                ? "No dose in this period."
                : `${doseDates.length} dose ${doseDates.length === 1 ? "day" : "days"}: ${doseDates.map(shortDate).join(", ")}.`}
            </p>
          </div>
        </>
      )}
    </section>
  );
}
