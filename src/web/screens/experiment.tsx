/**
 * The blinded self-experiment (docs/blinded-experiment.md): start one (what you need, the
 * design), then each session day the one code to take, the check-in and a guess; unblind at
 * the end (or early, deliberately, with a second confirmation, and recorded); then the
 * results, saying prominently when the blind was broken. Expectation explains much of what
 * people report from microdosing (FACTS PLACEBO-1); this is the way to find out.
 */
import { useState } from "preact/hooks";
import { ExperimentResultsView } from "../components/experiment/experiment-results.tsx";
import { RunningExperiment } from "../components/experiment/running-experiment.tsx";
import { StartExperiment } from "../components/experiment/start-experiment.tsx";
import { LoadError } from "../components/load.tsx";
import type { ExperimentView } from "../types.ts";
import { useApi } from "../use-api.ts";

export default function ExperimentScreen() {
  const latest = useApi<{ current: ExperimentView | null }>("/api/v1/experiments");
  const [startingAnother, setStartingAnother] = useState(false);
  const current = latest.data?.current ?? null;
  const blinded = current !== null && current.state !== "unblinded";

  async function started() {
    setStartingAnother(false);
    await latest.reload();
  }

  return (
    <>
      <h1>Blinded experiment</h1>
      <p>
        Your journal can show that you feel better on dose days; it cannot show why. Expecting an
        effect produces one: in a large study where people blinded themselves, most of the benefit
        they reported came with placebo too (FACTS PLACEBO-1). Here some session days are your usual
        dose and others an identical placebo, and you learn which was which only at the end.
      </p>
      <LoadError error={latest.error} />
      {latest.loading && !latest.data ? <p class="muted">Loading…</p> : null}
      {latest.data && (current === null || startingAnother) ? (
        <StartExperiment onStarted={started} />
      ) : null}
      {current && blinded ? (
        <RunningExperiment key={current.id} experiment={current} onChange={latest.reload} />
      ) : null}
      {current && !blinded && !startingAnother ? (
        <>
          <ExperimentResultsView key={current.id} experiment={current} />
          <button type="button" class="button secondary" onClick={() => setStartingAnother(true)}>
            Start another experiment
          </button>
        </>
      ) : null}
    </>
  );
}
