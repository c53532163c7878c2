/**
 * A PHQ-9 or GAD-7 trajectory: where it stands against the first score ever, response
 * (at least 50 % lower) and remission (below 5) when they apply, the PHQ-9's clinically
 * meaningful change of 5 points (FACTS Q-PHQ9, Q-GAD7), the trend with its interval, and
 * the totals on their bands as a chart with its numbers in words.
 */
import { slopeText } from "../../../core/insights/describe.ts";
import type { Trajectory } from "../../../core/insights/trajectories.ts";
import { unsignZeros } from "../../lib/numbers.ts";
import { followLink } from "../../router.ts";
import { shortDate } from "../charts/chart-size.ts";
import { TrajectoryChart } from "../charts/trajectory-chart.tsx";

/** src/core's slope in words, with a zero printed as 0.0 rather than -0.0. */
const slopeWords = (...args: Parameters<typeof slopeText>) => unsignZeros(slopeText(...args));

const yesNo = (value: boolean | null, notApplying: string) =>
  value === null ? notApplying : value ? "yes" : "no";

function totalsInWords(t: Trajectory): string {
  const { points } = t;
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return `No ${t.name} in this period.`;
  const low = points.reduce((a, b) => (b.total < a.total ? b : a));
  const high = points.reduce((a, b) => (b.total > a.total ? b : a));
  const count = `${points.length} ${t.name} ${points.length === 1 ? "score" : "scores"} in the period`;
  if (points.length === 1) return `${count}: ${first.total} (${first.bandLabel}) on ${first.date}.`;
  return `${count}: ${first.total} (${first.bandLabel}) on ${first.date}, ${last.total} (${last.bandLabel}) on ${last.date}; lowest ${low.total} (${low.date}), highest ${high.total} (${high.date}).`;
}

export function QuestionnaireTrajectory({
  trajectory: t,
  from,
  to,
}: {
  readonly trajectory: Trajectory;
  readonly from: string;
  readonly to: string;
}) {
  const wordsId = `trajectory-${t.instrument}-words`;
  const compared = t.baseline !== null && t.latest !== null && t.latest.at !== t.baseline.at;
  const notApplying = !compared
    ? "needs a second score"
    : "does not apply (the first score was below 5)";
  return (
    <div class="trajectory">
      <h3>{t.name}</h3>
      <p class={t.crisisDates.length > 0 ? "notice danger" : undefined}>{t.summary}</p>
      {t.baseline === null ? (
        <p>
          <a href="/screenings" onClick={followLink}>
            Take a {t.name}
          </a>{" "}
          to start following it.
        </p>
      ) : (
        <>
          <dl class="facts">
            <dt>First score</dt>
            <dd>
              {t.baseline.total} ({t.baseline.bandLabel}) on {shortDate(t.baseline.date)}{" "}
              {t.baseline.date.slice(0, 4)}
            </dd>
            <dt>Response</dt>
            <dd>{yesNo(t.response, notApplying)} (at least 50 % below the first)</dd>
            <dt>Remission</dt>
            <dd>{yesNo(t.remission, notApplying)} (below 5)</dd>
            {t.meaningfulChangePoints !== null && t.latest ? (
              <>
                <dt>Change</dt>
                <dd>
                  {t.latest.change > 0 ? "+" : ""}
                  {t.latest.change} points:{" "}
                  {t.meaningfulChange === "better"
                    ? "a clinically meaningful improvement"
                    : t.meaningfulChange === "worse"
                      ? "a clinically meaningful worsening: talk to a doctor"
                      : "not a clinically meaningful change"}{" "}
                  ({t.meaningfulChangePoints} points or more is)
                </dd>
              </>
            ) : null}
            <dt>Trend</dt>
            <dd>{slopeWords(t.trend, 1)}</dd>
          </dl>
          {t.points.length > 0 ? (
            <TrajectoryChart trajectory={t} from={from} to={to} describedBy={wordsId} />
          ) : null}
          <p id={wordsId} class="words">
            {totalsInWords(t)}
          </p>
          <p class="sources">FACTS {t.sources.join(", ")}</p>
        </>
      )}
    </div>
  );
}
