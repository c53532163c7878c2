/**
 * Insights: what the journal shows over a period (GET /api/v1/insights), every number with
 * its 95 % interval and its n, and below the minimum "not enough data yet" with the reason
 * and no number (DESIGN: honest numbers). Expectation explains much of what people report
 * from microdosing (FACTS PLACEBO-1): the API's caveats come first, with the way to find out
 * (a blinded experiment). The charts are hand-drawn SVG with their numbers in words.
 */
import { useState } from "preact/hooks";
import { useTimeZone } from "../app-context.ts";
import { shortDate } from "../components/charts/chart-size.ts";
import { ComparisonCard } from "../components/insights/comparisons.tsx";
import { DoseResponseCard, ToleranceCard } from "../components/insights/dose-and-tolerance.tsx";
import { QuestionnaireTrajectory } from "../components/insights/questionnaire.tsx";
import { RatingsOverTime } from "../components/insights/ratings-over-time.tsx";
import { LoadError } from "../components/load.tsx";
import {
  type PeriodChoice,
  PeriodPicker,
  periodFromAddress,
  periodQuery,
} from "../components/period-picker.tsx";
import { localDate } from "../lib/time.ts";
import { followLink, navigate } from "../router.ts";
import type { Insights } from "../types.ts";
import { useApi } from "../use-api.ts";

export default function InsightsScreen() {
  const timeZone = useTimeZone();
  const [period, setPeriod] = useState<PeriodChoice>(periodFromAddress);
  const query = periodQuery(period);
  const insights = useApi<Insights>(`/api/v1/insights?${query}`);
  const data = insights.data;

  function choose(next: PeriodChoice) {
    setPeriod(next);
    navigate(`/insights?${periodQuery(next)}`, { replace: true });
  }

  return (
    <>
      <h1>Insights</h1>
      <PeriodPicker
        id="insights-period"
        value={period}
        onChange={choose}
        today={localDate(Date.now(), timeZone)}
      />
      <LoadError error={insights.error} />
      {insights.loading && !data ? <p class="muted">Loading…</p> : null}
      {data ? <InsightsBody insights={data} busy={insights.loading} /> : null}
    </>
  );
}

function InsightsBody({ insights, busy }: { readonly insights: Insights; readonly busy: boolean }) {
  const { period, counts } = insights;
  const firstWithNumbers = insights.comparisons.find((c) =>
    Object.values(c.ratings).some((r) => r.enoughData),
  )?.id;
  return (
    <div aria-busy={busy}>
      <p class="period-summary">
        <strong>
          {shortDate(period.from)} {period.from.slice(0, 4)} to {shortDate(period.to)}{" "}
          {period.to.slice(0, 4)}
        </strong>{" "}
        ({period.days} {period.days === 1 ? "day" : "days"}): {counts.checkInDays}{" "}
        {counts.checkInDays === 1 ? "day" : "days"} with a check-in, {counts.doseDays} dose{" "}
        {counts.doseDays === 1 ? "day" : "days"}, {counts.screenings}{" "}
        {counts.screenings === 1 ? "screening" : "screenings"}. A number needs at least{" "}
        {insights.minimumPerGroup} days in each group; below that Titrate says "not enough data
        yet".
      </p>
      <section class="notice info" aria-labelledby="caveats-title">
        <h2 id="caveats-title">Read these numbers with care</h2>
        <ul>
          {insights.caveats.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <p>
          <a href="/experiment" onClick={followLink}>
            Run a blinded experiment
          </a>{" "}
          to find out whether the dose or the expectation makes the difference.
        </p>
      </section>
      <RatingsOverTime insights={insights} />
      {insights.comparisons.map((c) => (
        <ComparisonCard key={c.id} comparison={c} explain={c.id === firstWithNumbers} />
      ))}
      <section class="card" aria-labelledby="questionnaires-title">
        <h2 id="questionnaires-title">PHQ-9 and GAD-7</h2>
        <p class="hint">
          Your scores on their bands, against your first score ever. Response means at least 50 %
          below the first; remission, below 5 (both only from a first score of 5 or more).
        </p>
        {insights.questionnaires.map((t) => (
          <QuestionnaireTrajectory
            key={t.instrument}
            trajectory={t}
            from={period.from}
            to={period.to}
          />
        ))}
      </section>
      <DoseResponseCard dose={insights.doseResponse} />
      <ToleranceCard tolerance={insights.tolerance} />
      <p>
        <a
          href={`/report?${new URLSearchParams({ since: period.from, until: period.to })}`}
          onClick={followLink}
        >
          A report of this period for your clinician
        </a>
      </p>
    </div>
  );
}
