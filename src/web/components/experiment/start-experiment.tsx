/**
 * Starting a blinded experiment (POST /api/v1/experiments): what you need, plainly, then
 * the design — substance, the outcome chosen before the first session, how many sessions and
 * how far apart (never closer than the substance's minimum interval, FACTS K-DOSE-2,
 * P-PROT-1), and the first session's date. The codes and the labelling come next.
 */
import { useState } from "preact/hooks";
import { api, fieldError, otherErrors } from "../../api.ts";
import { useTimeZone } from "../../app-context.ts";
import { readNumber } from "../../lib/numbers.ts";
import { getSubstance } from "../../lib/substances.ts";
import { localDate } from "../../lib/time.ts";
import type { ExperimentView, RatingName } from "../../types.ts";
import { useSubmit } from "../../use-submit.ts";
import { describedBy, Field, FormErrors } from "../field.tsx";
import { ratingLabels, ratingNames } from "../insights/rating-names.ts";
import { SubstanceField } from "../substance-field.tsx";

/** 12 to 48 sessions, whole blocks of 4 (the API refuses anything else). */
const sessionChoices = [12, 16, 20, 24, 28, 32, 36, 40, 44, 48];

export function StartExperiment({ onStarted }: { readonly onStarted: () => Promise<void> }) {
  const timeZone = useTimeZone();
  const [substance, setSubstance] = useState("ketamine");
  const [outcome, setOutcome] = useState<RatingName>("mood");
  const [sessions, setSessions] = useState(12);
  const [interval, setIntervalText] = useState("");
  const [startDate, setStartDate] = useState(() => localDate(Date.now(), timeZone));
  const entry = getSubstance(substance);
  const intervalRead = readNumber(interval, { whole: true });
  const submit = useSubmit(async () => {
    if (intervalRead.error) {
      throw Object.assign(new Error("Check the days between sessions."), {
        fields: [{ path: "intervalDays", message: intervalRead.error }],
      });
    }
    const days = intervalRead.value;
    await api.post<ExperimentView>("/api/v1/experiments", {
      substance,
      outcome,
      sessions,
      startDate,
      ...(days === null ? {} : { intervalDays: days }),
    });
    await onStarted();
  });
  const e = submit.error;
  return (
    <section class="card" aria-labelledby="start-title">
      <h2 id="start-title">Start an experiment</h2>
      <h3>What you need</h3>
      <ul>
        <li>
          <strong>Two preparations that look, feel and are taken the same way</strong>: one active
          (your usual dose), one placebo — two identical spray bottles, one with plain water; or
          identical capsules, some with an inert powder.
        </li>
        <li>
          <strong>Two labels</strong> for the two codes Titrate gives you when you start.
        </li>
        <li>
          <strong>Someone to do the labelling</strong>, or ten minutes for the shuffle method:
          nobody who watches you dose may know which code is active — you included.
        </li>
      </ul>
      <p>
        Keep everything else the same during the experiment: the dose, the route, the time of day.
        Sessions are spaced like doses: a placebo session is planned like one.
      </p>
      <form onSubmit={submit.submit} noValidate>
        <FormErrors
          messages={otherErrors(e, [
            "substance",
            "outcome",
            "sessions",
            "intervalDays",
            "startDate",
          ])}
        />
        <SubstanceField
          id="exp-substance"
          value={substance}
          error={fieldError(e, "substance")}
          onChange={setSubstance}
        />
        <Field
          id="exp-outcome"
          label="What you measure"
          hint="The rating the result is about. Choose it now: picking the one that looks best after unblinding lets chance choose the winner. Every rating is still shown."
          error={fieldError(e, "outcome")}
        >
          <select
            {...describedBy("exp-outcome", { hint: true, error: fieldError(e, "outcome") })}
            value={outcome}
            onChange={(ev) => setOutcome(ev.currentTarget.value as RatingName)}
          >
            {ratingNames.map((r) => (
              <option key={r} value={r}>
                {ratingLabels[r]}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="exp-sessions"
          label="Sessions"
          hint="In blocks of 4, each code twice per block. 12 can show only a large effect; more narrow the interval."
          error={fieldError(e, "sessions")}
        >
          <select
            {...describedBy("exp-sessions", { hint: true, error: fieldError(e, "sessions") })}
            value={sessions}
            onChange={(ev) => setSessions(Number(ev.currentTarget.value))}
          >
            {sessionChoices.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="exp-interval"
          label="Days between sessions (optional)"
          hint={`Empty: ${entry.name}'s usual spacing. Never under ${entry.minIntervalDays} days for ${entry.name} (FACTS ${entry.minIntervalFacts.join(", ")}).`}
          error={intervalRead.error ?? fieldError(e, "intervalDays")}
          aside="days"
        >
          <input
            {...describedBy("exp-interval", {
              hint: true,
              error: intervalRead.error ?? fieldError(e, "intervalDays"),
            })}
            inputMode="numeric"
            autoComplete="off"
            value={interval}
            onInput={(ev) => setIntervalText(ev.currentTarget.value)}
          />
        </Field>
        <Field id="exp-start" label="First session" error={fieldError(e, "startDate")}>
          <input
            {...describedBy("exp-start", { error: fieldError(e, "startDate") })}
            type="date"
            value={startDate}
            onInput={(ev) => setStartDate(ev.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="button" disabled={submit.busy}>
          {submit.busy ? "Starting…" : "Start the experiment"}
        </button>
      </form>
    </section>
  );
}
