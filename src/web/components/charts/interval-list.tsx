/**
 * Differences with their 95 % intervals, one row each: the words first (estimate, interval,
 * n in each group, Hedges' g, what it means), then a bar on a scale shared by the rows, with
 * a dashed line at zero. The bar is decoration for the words beside it (aria-hidden); a row
 * below the minimum says "not enough data yet" and why, and draws nothing.
 */

import { NOT_ENOUGH } from "../../../core/insights/describe.ts";
import type { MeanDifference, NotEnoughData } from "../../../core/insights/estimate.ts";
import { intervalWords, signedText } from "../../lib/numbers.ts";

export interface IntervalRow {
  readonly key: string;
  readonly label: string;
  readonly result: MeanDifference | NotEnoughData;
  /** What the difference means ("higher on dose days (better)"), when there is one. */
  readonly meaning?: string | undefined;
}

export interface IntervalListProps {
  readonly rows: readonly IntervalRow[];
  /** Plural nouns for the two groups, as the API names them: "dose days", "other days". */
  readonly groupA: string;
  readonly groupB: string;
  /** "points" for ratings. */
  readonly unit: string;
  /** Says under the bars how to read them; once per screen is enough. */
  readonly explain?: boolean;
}

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

/** The half-width of the scale: the farthest interval end, rounded up to a whole number. */
function reachOf(rows: readonly IntervalRow[]): number {
  const ends = rows.flatMap((r) =>
    r.result.enoughData ? [Math.abs(r.result.ci95[0]), Math.abs(r.result.ci95[1])] : [],
  );
  return Math.max(1, Math.ceil(Math.max(0, ...ends)));
}

export function IntervalList({ rows, groupA, groupB, unit, explain = false }: IntervalListProps) {
  const reach = reachOf(rows);
  const at = (v: number) => pct((v + reach) / (2 * reach));
  const anyNumber = rows.some((r) => r.result.enoughData);
  return (
    <div class="forest">
      <ul class="plain">
        {rows.map(({ key, label, result, meaning }) => (
          <li key={key} class="forest-row">
            <p class="forest-text">
              <strong>{label}</strong>{" "}
              {result.enoughData ? (
                <>
                  <strong>
                    {signedText(result.estimate)} {unit}
                  </strong>{" "}
                  ({intervalWords(result.ci95)}), {result.nA} {groupA} and {result.nB} {groupB},
                  Hedges' g {signedText(result.hedgesG.estimate)} (
                  {intervalWords(result.hedgesG.ci95)})
                  {meaning ? <span class="forest-meaning">{meaning}</span> : null}
                </>
              ) : (
                <span class="muted">
                  — {NOT_ENOUGH}: {result.reason}
                </span>
              )}
            </p>
            {result.enoughData ? (
              <svg class="forest-bar" aria-hidden="true">
                <line class="chart-zero" x1={at(0)} x2={at(0)} y1="0" y2="22" />
                <line
                  class="chart-interval"
                  x1={at(result.ci95[0])}
                  x2={at(result.ci95[1])}
                  y1="11"
                  y2="11"
                />
                <circle class="chart-estimate" cx={at(result.estimate)} cy="11" r="5" />
              </svg>
            ) : null}
          </li>
        ))}
      </ul>
      {anyNumber ? (
        <>
          <p class="forest-scale" aria-hidden="true">
            <span>−{reach}</span>
            <span>0</span>
            <span>+{reach}</span>
          </p>
          {explain ? (
            <p class="hint">
              Each bar is the 95 % interval around the difference ({groupA} minus {groupB}, in{" "}
              {unit}); the dot is the estimate and the dashed line no difference. A bar that crosses
              the line shows no clear difference.
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
