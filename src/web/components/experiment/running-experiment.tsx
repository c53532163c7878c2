/**
 * A blinded experiment while it runs: today's code (the only code Titrate shows before
 * unblinding) with the day's steps and the guess, the two codes and how to label the
 * preparations without knowing which is which, the session dates, and unblinding.
 */
import { useState } from "preact/hooks";
import { api, otherErrors } from "../../api.ts";
import { substanceName } from "../../lib/substances.ts";
import { formatDate } from "../../lib/time.ts";
import { followLink } from "../../router.ts";
import type { ExperimentToday, ExperimentView, Guess } from "../../types.ts";
import { useApi } from "../../use-api.ts";
import { useSubmit } from "../../use-submit.ts";
import { FormErrors } from "../field.tsx";
import { ratingLabels } from "../insights/rating-names.ts";
import { LoadError } from "../load.tsx";
import { GuessFieldset } from "./guess-fieldset.tsx";
import { Unblind } from "./unblind.tsx";

export function RunningExperiment({
  experiment,
  onChange,
}: {
  readonly experiment: ExperimentView;
  readonly onChange: () => Promise<void>;
}) {
  const today = useApi<ExperimentToday>("/api/v1/experiments/current/today");
  async function changed() {
    await Promise.all([today.reload(), onChange()]);
  }
  return (
    <>
      <LoadError error={today.error} />
      {today.data ? <TodayCard today={today.data} onGuessed={changed} /> : null}
      <CodesCard experiment={experiment} />
      <Unblind experiment={experiment} onUnblinded={onChange} />
    </>
  );
}

function TodayCard({
  today,
  onGuessed,
}: {
  readonly today: ExperimentToday;
  readonly onGuessed: () => Promise<void>;
}) {
  const { session, nextSession } = today;
  const [guess, setGuess] = useState<Guess | null>(session?.guess ?? null);
  const [saved, setSaved] = useState(false);
  const submit = useSubmit(
    async () => {
      if (guess === null) throw new Error("Choose active or placebo first.");
      setSaved(false);
      await api.post("/api/v1/experiments/current/guess", { guess });
    },
    async () => {
      setSaved(true);
      await onGuessed();
    },
  );
  return (
    <section class="card prompt" aria-labelledby="exp-today-title">
      <h2 id="exp-today-title">Today, {formatDate(today.date)}</h2>
      {session ? (
        <>
          <p>
            Session {session.number} of {session.of}. Take the preparation labelled
          </p>
          <p class="code-big">{session.code}</p>
          <ol>
            <li>
              Take your usual dose from it, the usual way, and{" "}
              <a href="/log" onClick={followLink}>
                log the dose
              </a>{" "}
              as always: you do not know what it was, so Titrate's safety rules treat every session
              as a dose.
            </li>
            <li>
              Later today,{" "}
              <a href="/check-in" onClick={followLink}>
                check in
              </a>{" "}
              as you always do (the check-in asks for your guess too).
            </li>
            <li>Then guess what you took.</li>
          </ol>
          <form onSubmit={submit.submit} noValidate>
            <FormErrors messages={otherErrors(submit.error, [])} />
            <GuessFieldset id="exp-guess" session={session} value={guess} onChange={setGuess} />
            <button type="submit" class="button" disabled={submit.busy}>
              {submit.busy ? "Saving…" : "Save my guess"}
            </button>
            {saved || session.guess ? (
              <p class="notice success" role="status">
                Your guess for session {session.number}: {session.guess ?? guess}. You can change it
                until you unblind.
              </p>
            ) : null}
          </form>
        </>
      ) : (
        <p>
          No session today.{" "}
          {nextSession
            ? `The next is session ${nextSession.number}, on ${formatDate(nextSession.date)}.`
            : "Every session is done: unblind when you are ready (below)."}
        </p>
      )}
    </section>
  );
}

function CodesCard({ experiment }: { readonly experiment: ExperimentView }) {
  const [first, second] = experiment.codes;
  return (
    <section class="card" aria-labelledby="exp-codes-title">
      <h2 id="exp-codes-title">Your two codes</h2>
      <p class="codes">
        <span class="code-big">{first}</span> <span>and</span>{" "}
        <span class="code-big">{second}</span>
      </p>
      <p>
        The letters A and B only tell the labels apart: they say nothing about what is inside.
        Titrate does not know which is active either; you tell it only at the end, from the slip.
      </p>
      <details open={experiment.guesses === 0}>
        <summary>How to label the preparations without knowing which is which</summary>
        <h3>With a helper</h3>
        <p>
          Give someone you trust both preparations and the two codes. They flip a coin, stick one
          code on each, and write which code is on the active one on a slip (
          <span class="nowrap">"ACTIVE: {first}"</span>). They seal the slip in an envelope, give it
          to you, and say nothing else. Keep the envelope closed.
        </p>
        <h3>Alone, with a shuffle</h3>
        <ol>
          <li>
            Write ACTIVE on a small piece of paper and tape it under the base of the active bottle
            (or jar), covered with opaque tape. Tape an identical blank piece under the placebo,
            covered the same way.
          </li>
          <li>Put both in a bag, close your eyes, and shuffle them for a minute.</li>
          <li>
            Still without looking at the bases, stick <span class="nowrap">{first}</span> on one and{" "}
            <span class="nowrap">{second}</span> on the other.
          </li>
        </ol>
        <p>Do not peek: no looking under the bases, no opening the envelope, until you unblind.</p>
      </details>
      <dl class="facts">
        <dt>Substance</dt>
        <dd>{substanceName(experiment.substance)}</dd>
        <dt>Outcome</dt>
        <dd>{ratingLabels[experiment.outcome]}</dd>
        <dt>Sessions</dt>
        <dd>
          {experiment.sessions}, every {experiment.intervalDays} days,{" "}
          {formatDate(experiment.startDate)} to {formatDate(experiment.endDate)}
        </dd>
        <dt>So far</dt>
        <dd>
          {experiment.sessionsPast} of {experiment.sessions} session days reached,{" "}
          {experiment.guesses} with a guess
        </dd>
      </dl>
      <details>
        <summary>Every session date</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Date</th>
              <th scope="col">Guess</th>
            </tr>
          </thead>
          <tbody>
            {experiment.schedule.map((s) => (
              <tr key={s.number}>
                <td>{s.number}</td>
                <td>{formatDate(s.date)}</td>
                <td>{s.guessed ? "guessed" : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
