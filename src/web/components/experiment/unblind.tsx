/**
 * Unblinding (POST /api/v1/experiments/current/unblind): the person says which code the
 * slip names as active. Before the last session is done that is an early unblinding: it
 * needs an explicit second confirmation, is recorded as early (with the reason, if given),
 * and cannot be undone (docs/blinded-experiment.md, step 6).
 */
import { useState } from "preact/hooks";
import { api, fieldError, otherErrors } from "../../api.ts";
import type { ExperimentView } from "../../types.ts";
import { useSubmit } from "../../use-submit.ts";
import { Confirm } from "../confirm.tsx";
import { describedBy, Field, FormErrors } from "../field.tsx";

export function Unblind({
  experiment,
  onUnblinded,
}: {
  readonly experiment: ExperimentView;
  readonly onUnblinded: () => Promise<void>;
}) {
  const early = experiment.state !== "finished";
  const ahead = experiment.sessions - experiment.sessionsPast;
  const [activeCode, setActiveCode] = useState("");
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const submit = useSubmit(
    () =>
      api.post("/api/v1/experiments/current/unblind", {
        activeCode,
        ...(early ? { early: true, reason: reason.trim() === "" ? null : reason.trim() } : {}),
      }),
    async () => {
      setConfirming(false);
      await onUnblinded();
    },
  );

  function ask(event: Event) {
    event.preventDefault();
    if (activeCode === "") {
      submit.setError(
        Object.assign(new Error("Choose the code the slip names as active."), {
          fields: [{ path: "activeCode", message: "choose the code the slip names as active" }],
        }),
      );
      return;
    }
    submit.setError(null);
    setConfirming(true);
  }

  const codeError = fieldError(submit.error, "activeCode");
  return (
    <section class="card" aria-labelledby="unblind-title">
      <h2 id="unblind-title">Unblind</h2>
      {early ? (
        <div class="notice caution">
          <p>
            <strong>The experiment is not over:</strong> {ahead} of {experiment.sessions}{" "}
            {ahead === 1 ? "session is" : "sessions are"} still ahead. To stop, you only need to
            stop taking both preparations. Unblind early only if you need to know what you took (for
            your doctor, say): it is recorded as early, and the results will cover the sessions so
            far.
          </p>
        </div>
      ) : (
        <p>
          Every session is done. Open the envelope (or peel the tape) and say which code was active.
        </p>
      )}
      <form onSubmit={ask} noValidate>
        <FormErrors messages={otherErrors(submit.error, ["activeCode", "early", "reason"])} />
        <fieldset aria-describedby={codeError ? "unblind-code-error" : undefined}>
          <legend>Which code does the slip name as active?</legend>
          <div class="choices">
            {experiment.codes.map((code) => (
              <label key={code} class="check">
                <input
                  type="radio"
                  name="unblind-code"
                  value={code}
                  checked={activeCode === code}
                  onChange={() => setActiveCode(code)}
                />
                {code}
              </label>
            ))}
          </div>
          {codeError ? (
            <p class="field-error" id="unblind-code-error" role="alert">
              {codeError}
            </p>
          ) : null}
        </fieldset>
        {early ? (
          <Field
            id="unblind-reason"
            label="Why now (optional)"
            hint="Kept with the experiment: “felt unwell”, “my doctor asked”."
            error={fieldError(submit.error, "reason")}
          >
            <textarea
              {...describedBy("unblind-reason", {
                hint: true,
                error: fieldError(submit.error, "reason"),
              })}
              value={reason}
              onInput={(ev) => setReason(ev.currentTarget.value)}
            />
          </Field>
        ) : null}
        <button type="submit" class={early ? "button secondary" : "button"}>
          {early ? "Unblind early…" : "Unblind…"}
        </button>
      </form>
      {confirming ? (
        <Confirm
          title={early ? "Unblind before the experiment is over?" : "Unblind now?"}
          confirmLabel={early ? "Yes, unblind early" : "Yes, unblind"}
          busy={submit.busy}
          onConfirm={() => void submit.submit()}
          onCancel={() => setConfirming(false)}
        >
          {early ? (
            <p>
              {ahead} {ahead === 1 ? "session is" : "sessions are"} still ahead. Once you know which
              code is active, later sessions are no longer blind. This is recorded as an early
              unblinding and cannot be undone.
            </p>
          ) : (
            <p>Once you know which code was active, the blind is over. This cannot be undone.</p>
          )}
          <p>
            Active: <strong>{activeCode}</strong>
          </p>
          <FormErrors messages={otherErrors(submit.error, [])} />
        </Confirm>
      ) : null}
    </section>
  );
}
