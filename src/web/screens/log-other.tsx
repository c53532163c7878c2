/**
 * Log other things: another substance (alcohol, a medicine taken once…; checked for
 * dangerous combinations, FACTS K-MIX-1), a symptom checklist (FACTS K-BLAD-1, K-NOSE-1…),
 * or a blood-pressure reading (FACTS K-BP-1). Each shows what Titrate noticed at once.
 */
import { useState } from "preact/hooks";
import { checklistIds } from "../../core/questionnaires/instrument.ts";
import { getChecklist } from "../../core/questionnaires/instruments.ts";
import { api, fieldError, otherErrors } from "../api.ts";
import { useTimeZone } from "../app-context.ts";
import { describedBy, Field, FormErrors } from "../components/field.tsx";
import { FindingList } from "../components/findings.tsx";
import { fromLocalInput, nowInstant, toLocalInput } from "../lib/time.ts";
import { followLink, queryParam, usePath } from "../router.ts";
import type { Recorded } from "../types.ts";
import { useSubmit } from "../use-submit.ts";

type Tab = "substance" | "symptom" | "bp";
const tabNames: Readonly<Record<Tab, string>> = {
  substance: "Another substance",
  symptom: "Symptoms",
  bp: "Blood pressure",
};

export default function LogOtherScreen() {
  usePath();
  const tab = (queryParam("tab") as Tab | null) ?? "substance";
  const [saved, setSaved] = useState<Recorded<unknown> | null>(null);
  return (
    <>
      <h1>Log other things</h1>
      <nav class="tabs" aria-label="What to log">
        {(Object.keys(tabNames) as Tab[]).map((t) => (
          <a
            key={t}
            class="tab"
            href={`/log-other?tab=${t}`}
            onClick={(e) => {
              setSaved(null);
              followLink(e);
            }}
            aria-current={t === tab ? "page" : undefined}
          >
            {tabNames[t]}
          </a>
        ))}
      </nav>
      {saved ? (
        <>
          <p class="notice success" role="status">
            Saved in the journal.
          </p>
          <FindingList
            findings={saved.findings}
            title="What Titrate noticed"
            empty="Nothing to warn about."
          />
          <div class="actions">
            <a class="button" href="/today" onClick={followLink}>
              Back to Today
            </a>
            <button type="button" class="button secondary" onClick={() => setSaved(null)}>
              Log something else
            </button>
          </div>
        </>
      ) : tab === "symptom" ? (
        <SymptomForm onSaved={setSaved} />
      ) : tab === "bp" ? (
        <BloodPressureForm onSaved={setSaved} />
      ) : (
        <SubstanceForm onSaved={setSaved} />
      )}
    </>
  );
}

type Saved = (answer: Recorded<unknown>) => void;

function WhenField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
}) {
  return (
    <Field id="other-when" label="When" error={error}>
      <input
        {...describedBy("other-when", { error })}
        type="datetime-local"
        value={value}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
    </Field>
  );
}

const textOrNull = (t: string) => (t.trim() === "" ? null : t.trim());
const numberOrNull = (t: string) => {
  if (t.trim() === "") return null;
  const n = Number(t.trim().replace(",", "."));
  return Number.isNaN(n) ? t : n;
};

function SubstanceForm({ onSaved }: { onSaved: Saved }) {
  const timeZone = useTimeZone();
  const [name, setName] = useState("");
  const [amount, setAmount] = useState("");
  const [unit, setUnit] = useState("");
  const [route, setRoute] = useState("");
  const [note, setNote] = useState("");
  const [when, setWhen] = useState(() => toLocalInput(nowInstant(), timeZone));
  const submit = useSubmit(
    () =>
      api.post<Recorded<unknown>>("/api/v1/other-substances", {
        at: fromLocalInput(when, timeZone),
        name: name.trim(),
        amount: numberOrNull(amount),
        unit: textOrNull(unit),
        route: textOrNull(route),
        note: textOrNull(note),
      }),
    onSaved,
  );
  const e = submit.error;
  return (
    <form onSubmit={submit.submit} noValidate>
      <p>Alcohol, a medicine taken once, another drug: Titrate checks it against your doses.</p>
      <FormErrors messages={otherErrors(e, ["name", "amount", "unit", "route", "note", "at"])} />
      <Field
        id="other-name"
        label="What"
        hint="For example: wine, diazepam, grapefruit juice."
        error={fieldError(e, "name")}
      >
        <input
          {...describedBy("other-name", { hint: true, error: fieldError(e, "name") })}
          autoComplete="off"
          value={name}
          onInput={(ev) => setName(ev.currentTarget.value)}
        />
      </Field>
      <div class="filters">
        <Field id="other-amount" label="Amount (optional)" error={fieldError(e, "amount")}>
          <input
            {...describedBy("other-amount", { error: fieldError(e, "amount") })}
            inputMode="decimal"
            value={amount}
            onInput={(ev) => setAmount(ev.currentTarget.value)}
          />
        </Field>
        <Field id="other-unit" label="Unit" hint="mg, ml, glasses…" error={fieldError(e, "unit")}>
          <input
            {...describedBy("other-unit", { hint: true, error: fieldError(e, "unit") })}
            autoComplete="off"
            value={unit}
            onInput={(ev) => setUnit(ev.currentTarget.value)}
          />
        </Field>
      </div>
      <Field id="other-route" label="How taken (optional)" error={fieldError(e, "route")}>
        <input
          {...describedBy("other-route", { error: fieldError(e, "route") })}
          autoComplete="off"
          value={route}
          onInput={(ev) => setRoute(ev.currentTarget.value)}
        />
      </Field>
      <Field id="other-note" label="Note" error={fieldError(e, "note")}>
        <textarea
          {...describedBy("other-note", { error: fieldError(e, "note") })}
          value={note}
          onInput={(ev) => setNote(ev.currentTarget.value)}
        />
      </Field>
      <WhenField value={when} onChange={setWhen} error={fieldError(e, "at")} />
      <button type="submit" class="button" disabled={submit.busy}>
        Save
      </button>
    </form>
  );
}

function SymptomForm({ onSaved }: { onSaved: Saved }) {
  const timeZone = useTimeZone();
  const [checklistId, setChecklistId] = useState<(typeof checklistIds)[number]>("bladder");
  const [symptoms, setSymptoms] = useState<readonly string[]>([]);
  const [note, setNote] = useState("");
  const [when, setWhen] = useState(() => toLocalInput(nowInstant(), timeZone));
  const checklist = getChecklist(checklistId);
  const submit = useSubmit(
    () =>
      api.post<Recorded<unknown>>("/api/v1/symptom-reports", {
        at: fromLocalInput(when, timeZone),
        checklist: checklistId,
        symptoms,
        note: textOrNull(note),
      }),
    onSaved,
  );
  const e = submit.error;
  return (
    <form onSubmit={submit.submit} noValidate>
      <FormErrors messages={otherErrors(e, ["checklist", "symptoms", "note", "at"])} />
      <Field id="symptom-list" label="Which signs" error={fieldError(e, "checklist")}>
        <select
          {...describedBy("symptom-list", { error: fieldError(e, "checklist") })}
          value={checklistId}
          onChange={(ev) => {
            setChecklistId(ev.currentTarget.value as (typeof checklistIds)[number]);
            setSymptoms([]);
          }}
        >
          {checklistIds.map((id) => (
            <option key={id} value={id}>
              {getChecklist(id).title}
            </option>
          ))}
        </select>
      </Field>
      <fieldset>
        <legend>{checklist.stem}</legend>
        {checklist.items.map((item) => (
          <label key={item.id} class="check">
            <input
              type="checkbox"
              checked={symptoms.includes(item.id)}
              onChange={(ev) =>
                setSymptoms(
                  ev.currentTarget.checked
                    ? [...symptoms, item.id]
                    : symptoms.filter((s) => s !== item.id),
                )
              }
            />
            {item.text}
          </label>
        ))}
        <p class="hint">Tick none to record that you have none of these.</p>
        {fieldError(e, "symptoms") ? (
          <p class="field-error" role="alert">
            {fieldError(e, "symptoms")}
          </p>
        ) : null}
      </fieldset>
      <Field id="symptom-note" label="Note" error={fieldError(e, "note")}>
        <textarea
          {...describedBy("symptom-note", { error: fieldError(e, "note") })}
          value={note}
          onInput={(ev) => setNote(ev.currentTarget.value)}
        />
      </Field>
      <WhenField value={when} onChange={setWhen} error={fieldError(e, "at")} />
      <button type="submit" class="button" disabled={submit.busy}>
        Save
      </button>
    </form>
  );
}

function BloodPressureForm({ onSaved }: { onSaved: Saved }) {
  const timeZone = useTimeZone();
  const [systolic, setSystolic] = useState("");
  const [diastolic, setDiastolic] = useState("");
  const [pulse, setPulse] = useState("");
  const [when, setWhen] = useState(() => toLocalInput(nowInstant(), timeZone));
  const submit = useSubmit(
    () =>
      api.post<Recorded<unknown>>("/api/v1/blood-pressures", {
        at: fromLocalInput(when, timeZone),
        systolicMmHg: numberOrNull(systolic),
        diastolicMmHg: numberOrNull(diastolic),
        pulseBpm: numberOrNull(pulse),
      }),
    onSaved,
  );
  const e = submit.error;
  return (
    <form onSubmit={submit.submit} noValidate>
      <p>Ketamine raises blood pressure; check it before a dose (FACTS K-BP-1).</p>
      <FormErrors messages={otherErrors(e, ["systolicMmHg", "diastolicMmHg", "pulseBpm", "at"])} />
      <div class="filters">
        <Field
          id="bp-sys"
          label="Systolic (upper)"
          error={fieldError(e, "systolicMmHg")}
          aside="mmHg"
        >
          <input
            {...describedBy("bp-sys", { error: fieldError(e, "systolicMmHg") })}
            inputMode="numeric"
            value={systolic}
            onInput={(ev) => setSystolic(ev.currentTarget.value)}
          />
        </Field>
        <Field
          id="bp-dia"
          label="Diastolic (lower)"
          error={fieldError(e, "diastolicMmHg")}
          aside="mmHg"
        >
          <input
            {...describedBy("bp-dia", { error: fieldError(e, "diastolicMmHg") })}
            inputMode="numeric"
            value={diastolic}
            onInput={(ev) => setDiastolic(ev.currentTarget.value)}
          />
        </Field>
      </div>
      <Field
        id="bp-pulse"
        label="Pulse (optional)"
        error={fieldError(e, "pulseBpm")}
        aside="beats per minute"
      >
        <input
          {...describedBy("bp-pulse", { error: fieldError(e, "pulseBpm") })}
          inputMode="numeric"
          value={pulse}
          onInput={(ev) => setPulse(ev.currentTarget.value)}
        />
      </Field>
      <WhenField value={when} onChange={setWhen} error={fieldError(e, "at")} />
      <button type="submit" class="button" disabled={submit.busy}>
        Save
      </button>
    </form>
  );
}
