/**
 * The comparisons of days (dose days vs other days, the day after vs baseline, on protocol
 * vs before the first dose): each rating's difference with its 95 % interval, n per group
 * and Hedges' g, or "not enough data yet" and why. When no rating has a number, one line
 * says so for all of them.
 */
import { notEnoughForAll, verdictText } from "../../../core/insights/describe.ts";
import { sentence } from "../../lib/format.ts";
import type { Insights } from "../../types.ts";
import { IntervalList } from "../charts/interval-list.tsx";
import { ratingNames, ratingTitle } from "./rating-names.ts";

type Comparison = Insights["comparisons"][number];

export function ComparisonCard({
  comparison,
  explain,
}: {
  readonly comparison: Comparison;
  /** Says how to read the bars (the first card with numbers). */
  readonly explain: boolean;
}) {
  const { id, title, groupA, groupB, ratings } = comparison;
  const results = ratingNames.map((r) => ratings[r]);
  const none = notEnoughForAll(results);
  return (
    <section class="card" aria-labelledby={`comparison-${id}`}>
      <h2 id={`comparison-${id}`}>{title}</h2>
      {none ? (
        <p class="notice caution">{sentence(none)}</p>
      ) : (
        <>
          <p class="hint">
            The mean on {groupA} minus the mean on {groupB}, in rating points (0 to 10), with its 95
            % interval and the number of days in each group.
          </p>
          <IntervalList
            groupA={groupA}
            groupB={groupB}
            unit="points"
            explain={explain}
            rows={ratingNames.map((rating) => {
              const result = ratings[rating];
              return {
                key: rating,
                label: ratingTitle(rating),
                result,
                meaning: result.enoughData ? verdictText(result, rating, groupA) : undefined,
              };
            })}
          />
        </>
      )}
    </section>
  );
}
