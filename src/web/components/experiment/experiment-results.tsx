/**
 * The results of an unblinded experiment (GET /api/v1/experiments/current/report): first
 * whether the blind held — said plainly and prominently when it was broken, since then part
 * of any difference may be expectation (FACTS PLACEBO-1) — and whether it was unblinded
 * early; then active minus placebo on the chosen outcome with its 95 % interval and the
 * randomisation test's p-value, the outcome by belief, every rating, and every session.
 */
import { NOT_ENOUGH, notEnoughForAll, verdictText } from "../../../core/insights/describe.ts";
import { sentence } from "../../lib/format.ts";
import { formatDate, formatWhen } from "../../lib/time.ts";
import type { ExperimentReport, ExperimentResults, ExperimentView } from "../../types.ts";
import { useApi } from "../../use-api.ts";
import { IntervalList } from "../charts/interval-list.tsx";
import { ratingLabels, ratingNames, ratingTitle } from "../insights/rating-names.ts";
import { LoadError } from "../load.tsx";

const percent = (v: number) => `${Math.round(v * 100)} %`;

const verdicts: Readonly<
  Record<ExperimentResults["guessing"]["verdict"], { title: string; tone: string }>
> = {
  broken: { title: "The blind was broken", tone: "danger" },
  reversed: { title: "The blind did not hold", tone: "warning" },
  "not-shown-broken": { title: "No sign that the blind was broken", tone: "info" },
  "not-enough-guesses": {
    title: "Too few guesses to tell whether the blind held",
    tone: "caution",
  },
};

export function ExperimentResultsView({ experiment }: { readonly experiment: ExperimentView }) {
  const report = useApi<ExperimentReport>("/api/v1/experiments/current/report");
  const results = report.data?.results;
  const { unblinding } = experiment;
  return (
    <section class="card" aria-labelledby="results-title">
      <h2 id="results-title">Results</h2>
      {unblinding ? (
        <p>
          Unblinded on {formatWhen(unblinding.at, experiment.timeZone)}:{" "}
          <strong>{unblinding.activeCode}</strong> was active, {unblinding.placeboCode} the placebo.
        </p>
      ) : null}
      {unblinding?.early ? (
        <div class="notice warning">
          <p>
            <strong>Unblinded early</strong>, after {experiment.sessionsPast} of{" "}
            {experiment.sessions} session days
            {unblinding.reason ? ` (“${unblinding.reason}”)` : ""}. The results cover only the
            sessions before, and are recorded as from an experiment stopped early.
          </p>
        </div>
      ) : null}
      <LoadError error={report.error} />
      {results ? (
        <ResultsBody results={results} />
      ) : report.loading ? (
        <p class="muted">Loading…</p>
      ) : null}
    </section>
  );
}

function ResultsBody({ results }: { readonly results: ExperimentResults }) {
  const { guessing, primary, permutation, outcome } = results;
  const verdict = verdicts[guessing.verdict];
  return (
    <>
      <div
        class={`notice ${verdict.tone}`}
        role={guessing.verdict === "broken" ? "alert" : undefined}
      >
        <h3>{verdict.title}</h3>
        <p>{guessing.summary}</p>
      </div>
      <h3>Active against placebo: {ratingLabels[outcome].toLowerCase()}</h3>
      <IntervalList
        explain
        groupA="active sessions"
        groupB="placebo sessions"
        unit="points"
        rows={[
          {
            key: outcome,
            label: ratingTitle(outcome),
            result: primary,
            meaning: primary.enoughData
              ? verdictText(primary, outcome, "active sessions")
              : undefined,
          },
        ]}
      />
      {permutation ? (
        <p>
          Randomisation test:{" "}
          <strong>p = {permutation.p < 0.001 ? "< 0.001" : permutation.p.toFixed(3)}</strong> (
          {permutation.method === "exact"
            ? `exact: all ${permutation.permutations.toLocaleString("en-GB")} orders the blocks allow counted`
            : `${permutation.permutations.toLocaleString("en-GB")} seeded draws of the order within blocks`}
          ): how often shuffling the codes would give a difference at least this large with no real
          effect.
        </p>
      ) : null}
      <h3>By what you believed</h3>
      <IntervalList
        groupA="sessions believed active"
        groupB="sessions believed placebo"
        unit="points"
        rows={[
          {
            key: "belief",
            label: ratingTitle(outcome),
            result: results.byBelief,
          },
        ]}
      />
      <p class="hint">
        If belief separates your days better than what was in the bottle, expectation is doing much
        of the work (FACTS PLACEBO-1).
      </p>
      <h3>Your guesses</h3>
      <p>
        {guessing.accuracy.enoughData
          ? `${guessing.correct} of ${guessing.guessed} right: ${percent(guessing.accuracy.estimate)} (95 % CI ${percent(guessing.accuracy.ci95[0])} to ${percent(guessing.accuracy.ci95[1])}); chance is 50 %.`
          : `${sentence(NOT_ENOUGH)}: ${guessing.accuracy.reason}.`}
      </p>
      <h3>Every rating, active against placebo</h3>
      <EveryRating results={results} />
      <h3>In short</h3>
      <ul>
        {results.summary.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <details>
        <summary>Every session ({results.counted} counted)</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Code</th>
              <th scope="col">Held</th>
              <th scope="col">Your guess</th>
              <th scope="col">{ratingLabels[outcome]}</th>
            </tr>
          </thead>
          <tbody>
            {results.sessions.map((s) => (
              <tr key={s.number}>
                <td>
                  {s.number}, {formatDate(s.date)}
                </td>
                <td>{s.code}</td>
                <td>{s.content}</td>
                <td>{s.guess === null ? "–" : `${s.guess} (${s.correct ? "right" : "wrong"})`}</td>
                <td>{s.ratings[outcome] ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <p class="sources">FACTS {results.sources.join(", ")}</p>
      <p class="hint">
        A dozen sessions can show only a large effect: "no clear difference" means an effect, if
        there is one, small enough to hide in the interval — not that there is none.
      </p>
    </>
  );
}

/** Active minus placebo on every rating; one line when none has a number. */
function EveryRating({ results }: { readonly results: ExperimentResults }) {
  const none = notEnoughForAll(ratingNames.map((r) => results.ratings[r]));
  if (none) return <p class="notice caution">{sentence(none)}</p>;
  return (
    <IntervalList
      groupA="active sessions"
      groupB="placebo sessions"
      unit="points"
      rows={ratingNames.map((r) => {
        const result = results.ratings[r];
        return {
          key: r,
          label: ratingTitle(r),
          result,
          meaning: result.enoughData ? verdictText(result, r, "active sessions") : undefined,
        };
      })}
    />
  );
}
