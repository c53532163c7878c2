/**
 * Studies you coordinate: the list, and a form to start one — its dates, dose protocol,
 * questionnaires and daily check-in items, and the first version of its consent.
 */
import { useState } from "preact/hooks";
import { ratingNames } from "../../core/insights/ratings.ts";
import { api, fieldError, otherErrors } from "../api.ts";
import { useTimeZone } from "../app-context.ts";
import { describedBy, Field, FormErrors } from "../components/field.tsx";
import { LoadError } from "../components/load.tsx";
import {
  ConsentFields,
  type ConsentForm,
  emptyConsent,
} from "../components/study/consent-fields.tsx";
import { instrumentName } from "../components/study/study-design.tsx";
import { SubstanceField } from "../components/substance-field.tsx";
import { type NumberRead, readNumber, unreadable } from "../lib/numbers.ts";
import { localDate } from "../lib/time.ts";
import { followLink, navigate } from "../router.ts";
import type { StudySummary, StudyView } from "../study-types.ts";
import { useApi } from "../use-api.ts";
import { useSubmit } from "../use-submit.ts";

const questionnaireIds = ["phq9", "gad7", "phq2", "gad2"] as const;

export default function StudiesScreen() {
  const list = useApi<{ studies: StudySummary[] }>("/api/v1/studies");
  const studies = list.data?.studies ?? [];
  return (
    <>
      <h1>Run a study</h1>
      <p>
        As a study's coordinator you invite participants with single-use codes. Each keeps their own
        journal; you see only what the consent they accepted covers, aggregated or under pseudonyms
        — never a name or a username.
      </p>
      <LoadError error={list.error} />
      {studies.length > 0 ? (
        <section class="card" aria-labelledby="mine-title">
          <h2 id="mine-title">Your studies</h2>
          <ul class="plain">
            {studies.map((s) => (
              <li key={s.id} class="entry entry-head">
                <a href={`/studies/manage?id=${encodeURIComponent(s.id)}`} onClick={followLink}>
                  {s.title}
                </a>
                <span class="muted">
                  {s.startDate} to {s.endDate} · {s.state} · {s.participants} participant
                  {s.participants === 1 ? "" : "s"} · consent v{s.consentVersion}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <NewStudy />
    </>
  );
}

interface DesignForm {
  title: string;
  description: string;
  startDate: string;
  endDate: string;
  timeZone: string;
  checkInItems: string[];
  /** Each questionnaire's "every N days" as typed, or null when it is not asked. */
  questionnaires: Record<string, string | null>;
  substance: string;
  amount: string;
  unit: string;
  intervalDays: string;
}

function NewStudy() {
  const timeZone = useTimeZone();
  const today = localDate(Date.now(), timeZone);
  const [design, setDesign] = useState<DesignForm>({
    title: "",
    description: "",
    startDate: today,
    endDate: "",
    timeZone,
    checkInItems: ["mood", "energy", "focus", "anxiety", "sleep"],
    questionnaires: { phq9: "14" },
    substance: "",
    amount: "",
    unit: "mg",
    intervalDays: "7",
  });
  const [consent, setConsent] = useState<ConsentForm>(emptyConsent);
  const set = (changes: Partial<DesignForm>) => setDesign({ ...design, ...changes });
  const asked = questionnaireIds.flatMap((id) => {
    const every = design.questionnaires[id] ?? null;
    return every === null ? [] : [{ id, every }];
  });
  // Every number is read as every number field is (lib/numbers.ts): "1,000" is refused.
  const reads: Record<string, NumberRead> = {
    ...(design.substance
      ? {
          "protocol.target.amount": readNumber(design.amount, {
            kind: "mass",
            unit: design.unit,
            required: true,
          }),
          "protocol.protocol.intervalDays": readNumber(design.intervalDays, {
            whole: true,
            required: true,
          }),
        }
      : {}),
    ...Object.fromEntries(
      asked.map(({ every }, i) => [
        `questionnaires.${i}.everyDays`,
        readNumber(every, { whole: true, required: true }),
      ]),
    ),
  };
  const value = (path: string) => reads[path]?.value ?? null;
  const create = useSubmit(
    async () => {
      const problem = unreadable(reads);
      if (problem) throw problem;
      return api.post<StudyView>("/api/v1/studies", {
        title: design.title,
        description: design.description,
        startDate: design.startDate,
        endDate: design.endDate,
        timeZone: design.timeZone,
        checkInItems: design.checkInItems,
        questionnaires: asked.map(({ id }, i) => ({
          instrument: id,
          everyDays: value(`questionnaires.${i}.everyDays`),
        })),
        protocol: design.substance
          ? {
              substance: design.substance,
              target: { amount: value("protocol.target.amount"), unit: design.unit },
              protocol: {
                kind: "every-n-days",
                intervalDays: value("protocol.protocol.intervalDays"),
              },
              cycle: null,
            }
          : null,
        consent,
      });
    },
    (study) => navigate(`/studies/manage?id=${encodeURIComponent(study.id)}`),
  );
  const e = create.error;
  const err = (path: string) => fieldError(e, path);
  // A questionnaire's error is shown beside its "every … days", by its position in the request.
  const everyError = (id: string) => {
    const i = asked.findIndex((q) => q.id === id);
    return i < 0 ? undefined : err(`questionnaires.${i}.everyDays`);
  };
  return (
    <section class="card" aria-labelledby="new-study-title">
      <h2 id="new-study-title">Start a study</h2>
      <form onSubmit={create.submit} noValidate>
        <FormErrors
          messages={otherErrors(
            e,
            // Only the paths shown under a field: any other error (the time zone, the check-in
            // items, a part of the protocol or consent without a field) is said up here.
            [
              "title",
              "description",
              "startDate",
              "endDate",
              "protocol.substance",
              "protocol.target.amount",
              "protocol.protocol.intervalDays",
              ...asked.map((_, i) => `questionnaires.${i}.everyDays`),
              "consent.text",
              "consent.collects",
            ],
            {
              timeZone: "Time zone",
              checkInItems: "Daily check-in items",
              questionnaires: "Questionnaires",
              protocol: "Dose protocol",
              consent: "Consent",
            },
          )}
        />
        <Field id="study-title-input" label="Title" error={err("title")}>
          <input
            {...describedBy("study-title-input", { error: err("title") })}
            value={design.title}
            onInput={(ev) => set({ title: ev.currentTarget.value })}
          />
        </Field>
        <Field
          id="study-description"
          label="Description"
          hint="Shown to people with a code before they join."
          error={err("description")}
        >
          <textarea
            {...describedBy("study-description", { hint: true, error: err("description") })}
            rows={3}
            value={design.description}
            onInput={(ev) => set({ description: ev.currentTarget.value })}
          />
        </Field>
        <div class="filters">
          <Field id="study-start" label="Starts on" error={err("startDate")}>
            <input
              {...describedBy("study-start", { error: err("startDate") })}
              type="date"
              value={design.startDate}
              onInput={(ev) => set({ startDate: ev.currentTarget.value })}
            />
          </Field>
          <Field id="study-end" label="Ends on" error={err("endDate")}>
            <input
              {...describedBy("study-end", { error: err("endDate") })}
              type="date"
              value={design.endDate}
              onInput={(ev) => set({ endDate: ev.currentTarget.value })}
            />
          </Field>
        </div>
        <fieldset>
          <legend>Daily check-in items</legend>
          <div class="choices">
            {ratingNames.map((item) => (
              <label key={item} class="check">
                <input
                  type="checkbox"
                  checked={design.checkInItems.includes(item)}
                  onChange={(ev) =>
                    set({
                      checkInItems: ev.currentTarget.checked
                        ? ratingNames.filter((x) => x === item || design.checkInItems.includes(x))
                        : design.checkInItems.filter((x) => x !== item),
                    })
                  }
                />
                {item}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Questionnaires, and how often</legend>
          {questionnaireIds.map((id) => {
            const every = design.questionnaires[id] ?? null;
            return (
              <div key={id}>
                <label class="check">
                  <input
                    type="checkbox"
                    checked={every !== null}
                    onChange={(ev) =>
                      set({
                        questionnaires: {
                          ...design.questionnaires,
                          [id]: ev.currentTarget.checked ? "14" : null,
                        },
                      })
                    }
                  />
                  {instrumentName(id)}
                </label>
                {every !== null ? (
                  <>
                    <label class="every">
                      every
                      <input
                        id={`study-every-${id}`}
                        inputMode="numeric"
                        autoComplete="off"
                        aria-invalid={everyError(id) ? "true" : undefined}
                        aria-describedby={everyError(id) ? `study-every-${id}-error` : undefined}
                        value={every}
                        onInput={(ev) =>
                          set({
                            questionnaires: {
                              ...design.questionnaires,
                              [id]: ev.currentTarget.value,
                            },
                          })
                        }
                      />
                      days<span class="visually-hidden"> for the {instrumentName(id)}</span>
                    </label>
                    {everyError(id) ? (
                      <p class="field-error" id={`study-every-${id}-error`} role="alert">
                        {everyError(id)}
                      </p>
                    ) : null}
                  </>
                ) : null}
              </div>
            );
          })}
        </fieldset>
        <fieldset>
          <legend>Dose protocol (optional)</legend>
          <SubstanceField
            id="study-substance"
            value={design.substance}
            error={err("protocol.substance")}
            onChange={(substanceId) => set({ substance: substanceId })}
            none="No protocol"
          />
          {design.substance ? (
            <div class="filters">
              <Field id="study-amount" label="Dose" error={err("protocol.target.amount")}>
                <input
                  {...describedBy("study-amount", { error: err("protocol.target.amount") })}
                  inputMode="decimal"
                  value={design.amount}
                  onInput={(ev) => set({ amount: ev.currentTarget.value })}
                />
                <select
                  aria-label="Unit"
                  value={design.unit}
                  onChange={(ev) => set({ unit: ev.currentTarget.value })}
                >
                  <option value="µg">µg</option>
                  <option value="mg">mg</option>
                  <option value="g">g</option>
                </select>
              </Field>
              <Field
                id="study-interval"
                label="Every (days)"
                error={err("protocol.protocol.intervalDays")}
              >
                <input
                  {...describedBy("study-interval", {
                    error: err("protocol.protocol.intervalDays"),
                  })}
                  inputMode="numeric"
                  autoComplete="off"
                  value={design.intervalDays}
                  onInput={(ev) => set({ intervalDays: ev.currentTarget.value })}
                />
              </Field>
            </div>
          ) : null}
          <p class="hint">
            Each participant's plan is checked against their own weight and the substance's minimum
            interval when they start it.
          </p>
        </fieldset>
        <h3>Consent, version 1</h3>
        <ConsentFields
          form={consent}
          onChange={setConsent}
          error={e}
          prefix="consent"
          idPrefix="study-consent"
        />
        <button type="submit" class="button" disabled={create.busy}>
          {create.busy ? "Starting…" : "Start the study"}
        </button>
      </form>
    </section>
  );
}
