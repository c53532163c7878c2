/**
 * Screenings: the PHQ-9, GAD-7 and their two-item short forms, and Titrate's own symptom
 * checklists, as forms; then the band and what it means, and the history with bands.
 * An answer above 0 to PHQ-9 item 9 (thoughts of death or self-harm) shows the crisis
 * resources at once, full screen, before anything is saved (FACTS Q-PHQ9, CRISIS-1).
 */
import { useState } from "preact/hooks";
import type { CrisisResources } from "../../core/crisis.ts";
import type { Instrument } from "../../core/questionnaires/instrument.ts";
import { instruments } from "../../core/questionnaires/instruments.ts";
import { type ScoreResult, scoreInstrument } from "../../core/questionnaires/score.ts";
import { api, fieldError, otherErrors } from "../api.ts";
import { useApp, useTimeZone } from "../app-context.ts";
import { FormErrors } from "../components/field.tsx";
import { FindingList } from "../components/findings.tsx";
import { LoadError, listOf } from "../components/load.tsx";
import { formatWhen, nowInstant } from "../lib/time.ts";
import { followLink, queryParam, usePath } from "../router.ts";
import type { Recorded, Screening, TimelineEntry } from "../types.ts";
import { type Loaded, useApi } from "../use-api.ts";
import { useFocusWhen } from "../use-focus.ts";
import { useSubmit } from "../use-submit.ts";

export default function ScreeningsScreen() {
  usePath();
  const chosen = queryParam("i") ?? "phq9";
  const instrument = instruments.find((i) => i.id === chosen) ?? instruments[0];
  // Here, not in History: a screening just saved is listed at once, not after a reload.
  const history = useApi<{ entries: TimelineEntry[] } | TimelineEntry[]>(
    "/api/v1/journal?types=screening",
  );
  if (!instrument) return null;
  return (
    <>
      <h1>Screenings</h1>
      <p>
        Questionnaires and symptom checklists track how you are over time. A score is a screen, not
        a diagnosis.
      </p>
      <nav aria-label="Questionnaires and checklists" class="tabs">
        {instruments.map((i) => (
          <a
            key={i.id}
            class="tab"
            href={`/screenings?i=${i.id}`}
            onClick={followLink}
            aria-current={i.id === instrument.id ? "page" : undefined}
          >
            {i.name}
          </a>
        ))}
      </nav>
      <InstrumentForm
        key={instrument.id}
        instrument={instrument}
        onSaved={() => void history.reload()}
      />
      <History history={history} />
    </>
  );
}

function InstrumentForm({ instrument, onSaved }: { instrument: Instrument; onSaved: () => void }) {
  const { showCrisis } = useApp();
  const [answers, setAnswers] = useState<(number | null)[]>(() =>
    instrument.items.map(() => (instrument.kind === "checklist" ? 0 : null)),
  );
  const [result, setResult] = useState<{ score: ScoreResult; saved: Recorded<unknown> } | null>(
    null,
  );
  const resultHeading = useFocusWhen<HTMLHeadingElement>(result);
  const complete = answers.every((a) => a !== null);
  const score = complete ? scoreInstrument(instrument, answers as number[]) : null;

  function answer(index: number, value: number) {
    setAnswers((old) => old.map((a, i) => (i === index ? value : a)));
    // FACTS Q-PHQ9: an answer above 0 to item 9 needs an immediate safety response.
    if (index === instrument.crisisItemIndex && value > 0) showCrisis();
  }

  const submit = useSubmit(
    async () => {
      if (!complete) {
        const missing = answers.indexOf(null);
        throw Object.assign(new Error(`Answer every question: number ${missing + 1} is open.`), {
          fields: [{ path: `answers.${missing}`, message: "needs an answer" }],
        });
      }
      const values = answers as number[];
      const saved =
        instrument.kind === "questionnaire"
          ? await api.post<Recorded<Screening> & { crisisResources?: CrisisResources | null }>(
              "/api/v1/screenings",
              { at: nowInstant(), instrument: instrument.id, answers: values },
            )
          : await api.post<Recorded<unknown>>("/api/v1/symptom-reports", {
              at: nowInstant(),
              checklist: instrument.id,
              symptoms: instrument.items.filter((_, i) => values[i] === 1).map((item) => item.id),
              note: null,
            });
      return { score: scoreInstrument(instrument, values), saved };
    },
    (done) => {
      setResult(done);
      onSaved();
      const resources = (done.saved as { crisisResources?: CrisisResources | null })
        .crisisResources;
      if (done.score.crisis) showCrisis(resources ?? undefined);
    },
  );

  if (result) {
    return (
      <section class="card" aria-labelledby="result-title">
        <h2 id="result-title" tabIndex={-1} ref={resultHeading}>
          {instrument.name}: {result.score.bandLabel}
        </h2>
        <p class="result big">
          {result.score.total} of {result.score.maxTotal}
        </p>
        <p>{result.score.meaning}</p>
        {result.score.followUp ? (
          <p>
            <a href={`/screenings?i=${result.score.followUp}`} onClick={followLink}>
              Take the full {instruments.find((i) => i.id === result.score.followUp)?.name}
            </a>
          </p>
        ) : null}
        <FindingList findings={result.saved.findings} title="What Titrate noticed" />
        <p class="sources">FACTS {result.score.sources.join(", ")}</p>
      </section>
    );
  }

  return (
    <form onSubmit={submit.submit} noValidate aria-labelledby="instrument-title">
      <h2 id="instrument-title">{instrument.title}</h2>
      <p>{instrument.stem}</p>
      <FormErrors messages={otherErrors(submit.error, ["answers"])} />
      {instrument.items.map((item, index) => {
        const error = fieldError(submit.error, `answers.${index}`);
        return (
          <fieldset key={item.id} class={error ? "has-error" : undefined}>
            <legend>
              {index + 1}. {item.text}
            </legend>
            <div class="choices">
              {instrument.options.map((option) => (
                <label key={option.value} class="check">
                  <input
                    type="radio"
                    name={`${instrument.id}-${item.id}`}
                    value={option.value}
                    checked={answers[index] === option.value}
                    onChange={() => answer(index, option.value)}
                  />
                  {option.label}
                </label>
              ))}
            </div>
            {error ? (
              <p class="field-error" role="alert">
                {error}
              </p>
            ) : null}
          </fieldset>
        );
      })}
      <p aria-live="polite">
        {score
          ? `Total ${score.total} of ${score.maxTotal}: ${score.bandLabel}.`
          : `${answers.filter((a) => a !== null).length} of ${answers.length} answered.`}
      </p>
      <button type="submit" class="button" disabled={submit.busy}>
        {submit.busy ? "Saving…" : "Save"}
      </button>
      {instrument.kind === "questionnaire" ? <p class="sources">{instrument.attribution}</p> : null}
    </form>
  );
}

function History({ history }: { history: Loaded<{ entries: TimelineEntry[] } | TimelineEntry[]> }) {
  const timeZone = useTimeZone();
  const entries = listOf(history.data, "entries")
    .filter((e) => e.kind === "screening")
    .reverse();
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">Your past screenings</h2>
      <LoadError error={history.error} />
      {entries.length === 0 && !history.loading ? <p class="muted">None yet.</p> : null}
      {entries.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Questionnaire</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const s = entry.record as unknown as Screening;
              const instrument = instruments.find((i) => i.id === s.instrument);
              const band = instrument?.bands.find((b) => b.id === s.band);
              return (
                <tr key={entry.id}>
                  <td>{formatWhen(entry.at, timeZone)}</td>
                  <td>{instrument?.name ?? s.instrument}</td>
                  <td>
                    {s.total} — {band?.label ?? s.band}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
