/**
 * Two smaller sections of the insights: dose against the next day's ratings (a slope with
 * its interval, or why there is none), and the tolerance signal — a slope of the dose and
 * of the dose-day lift at the steady amount, raised only when an interval lies wholly on the
 * worrying side, and always "a signal to watch, not a diagnosis" (FACTS K-TOL-1, P-TOL-1).
 */
import { notEnoughForAll, slopeText } from "../../../core/insights/describe.ts";
import { amountText, sentence } from "../../lib/format.ts";
import { unsignZeros } from "../../lib/numbers.ts";
import { substanceName } from "../../lib/substances.ts";
import type { Insights } from "../../types.ts";
import { ratingNames, ratingTitle } from "./rating-names.ts";

/** src/core's slope in words, with a zero printed as 0.0 rather than -0.0. */
const slopeWords = (...args: Parameters<typeof slopeText>) => unsignZeros(slopeText(...args));

export function DoseResponseCard({ dose }: { readonly dose: Insights["doseResponse"] }) {
  const results = ratingNames.map((r) => dose.ratings[r]);
  const none = notEnoughForAll(results);
  return (
    <section class="card" aria-labelledby="dose-response-title">
      <h2 id="dose-response-title">Dose and the next day</h2>
      {dose.substance === null ? (
        <p class="notice caution">Not enough data yet: no dose in this period.</p>
      ) : (
        <>
          <p class="hint">
            {substanceName(dose.substance)}: how each rating on the day after a dose changes with
            the amount, as a straight line's slope ({dose.points.length} dose{" "}
            {dose.points.length === 1 ? "day" : "days"} with a rating the next day).
          </p>
          {none ? (
            <p class="notice caution">{sentence(none)}</p>
          ) : (
            <ul>
              {ratingNames.map((r) => (
                <li key={r}>
                  <strong>{ratingTitle(r)}</strong>: {slopeWords(dose.ratings[r])}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** The dose's slope; an amount that never changed is said so, not as "+0.00 (+0.00 to +0.00)". */
function doseTrendText(trend: Insights["tolerance"]["doseTrend"]): string {
  if (trend.enoughData && trend.estimate === 0 && trend.ci95[0] === 0 && trend.ci95[1] === 0) {
    return `the same amount every time (n = ${trend.n})`;
  }
  return slopeWords(trend);
}

export function ToleranceCard({ tolerance }: { readonly tolerance: Insights["tolerance"] }) {
  const effects = ratingNames.map((r) => tolerance.effectTrend[r]);
  const none = notEnoughForAll(effects);
  return (
    <section class="card" aria-labelledby="tolerance-title">
      <h2 id="tolerance-title">Tolerance</h2>
      <p class={tolerance.signals.length > 0 ? "notice warning" : undefined}>{tolerance.summary}</p>
      {tolerance.substance !== null ? (
        <>
          <p>
            <strong>{substanceName(tolerance.substance)} dose</strong>
            {tolerance.steadyAmount !== null
              ? ` (most often ${amountText(tolerance.steadyAmount, tolerance.unit)})`
              : ""}
            : {doseTrendText(tolerance.doseTrend)}
          </p>
          <p>The lift on dose days at that amount, over time:</p>
          {none ? (
            <p class="notice caution">{sentence(none)}</p>
          ) : (
            <ul>
              {ratingNames.map((r) => (
                <li key={r}>
                  <strong>{ratingTitle(r)}</strong>: {slopeWords(tolerance.effectTrend[r])}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      <p class="sources">FACTS {tolerance.sources.join(", ")}</p>
    </section>
  );
}
