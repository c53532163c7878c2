/**
 * A study's consent: the current version in full with its terms, every earlier version, and a
 * form for the next version (published versions never change; participants keep the version
 * they accepted until they accept the new one).
 */
import { useState } from "preact/hooks";
import { api, otherErrors } from "../../api.ts";
import { formatWhen } from "../../lib/time.ts";
import type { StudyView } from "../../study-types.ts";
import { useSubmit } from "../../use-submit.ts";
import { FormErrors } from "../field.tsx";
import { ConsentFields, type ConsentForm } from "./consent-fields.tsx";
import { ConsentTerms, ConsentText } from "./consent-terms.tsx";

export function ConsentVersions({
  study,
  timeZone,
  onChange,
}: {
  readonly study: StudyView;
  readonly timeZone: string;
  readonly onChange: () => Promise<void>;
}) {
  const current = study.consent;
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState<ConsentForm>(() => ({
    text: current.text,
    collects: [...current.collects],
    onWithdrawal: current.onWithdrawal,
    dates: current.dates,
  }));
  const publish = useSubmit(
    () => api.post(`/api/v1/studies/${encodeURIComponent(study.id)}/consent`, form),
    async () => {
      setEditing(false);
      await onChange();
    },
  );
  return (
    <section class="card" aria-labelledby="consent-title">
      <h2 id="consent-title">Consent: version {current.version}</h2>
      <p class="muted">Published {formatWhen(current.createdAt, timeZone)}.</p>
      <ConsentText consent={current} />
      <ConsentTerms consent={current} />
      {study.consentVersions.length > 1 ? (
        <details>
          <summary>Earlier versions ({study.consentVersions.length - 1})</summary>
          {study.consentVersions
            .filter((v) => v.version !== current.version)
            .reverse()
            .map((v) => (
              <div key={v.version}>
                <h3>
                  Version {v.version}, {formatWhen(v.createdAt, timeZone)}
                </h3>
                <ConsentText consent={v} />
                <ConsentTerms consent={v} />
              </div>
            ))}
        </details>
      ) : null}
      {editing ? (
        <form onSubmit={publish.submit} noValidate>
          <h3>Version {current.version + 1}</h3>
          <p class="hint">
            Participants keep the version they accepted, and what it covers, until they accept the
            new one; people who join from now on accept the new one.
          </p>
          <FormErrors messages={otherErrors(publish.error, ["text", "collects"])} />
          <ConsentFields
            form={form}
            onChange={setForm}
            error={publish.error}
            prefix=""
            idPrefix="new-consent"
          />
          <div class="actions">
            <button type="submit" class="button" disabled={publish.busy}>
              Publish version {current.version + 1}
            </button>
            <button type="button" class="button secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button type="button" class="button secondary" onClick={() => setEditing(true)}>
          Change the consent…
        </button>
      )}
    </section>
  );
}
