/**
 * Log other things: another substance (alcohol, a medicine taken once…; checked for
 * dangerous combinations, FACTS K-MIX-1), a symptom checklist (FACTS K-BLAD-1, K-NOSE-1…),
 * or a blood-pressure reading (FACTS K-BP-1). Each shows what Titrate noticed at once.
 */
import { useState } from "preact/hooks";
import { checklistIds } from "../../core/questionnaires/instrument.ts";
import { getChecklist } from "../../core/questionnaires/instruments.ts";
import { BloodPressureInput } from "../../core/schemas/journal.ts";
import { parseWith } from "../../core/schemas/validate.ts";
import { api, fieldError, otherErrors } from "../api.ts";
import { useTimeZone } from "../app-context.ts";
import { describedBy, Field, FormErrors, WhenField } from "../components/field.tsx";
import { FindingList } from "../components/findings.tsx";
import { readNumber, unreadable } from "../lib/numbers.ts";
import { fromLocalInput, nowInstant, toLocalInput, whenProblem } from "../lib/time.ts";
import { followLink, queryParam, usePath } from "../router.ts";
import type { Recorded } from "../types.ts";
import { useFocusWhen } from "../use-focus.ts";
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
  const savedNotice = useFocusWhen<HTMLParagraphElement>(saved);
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
          <p class="notice success" role="status" tabIndex={-1} ref={savedNotice}>
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

/** The time of an entry, in the profile's zone, checked here first (not in the future). */
function useWhen(): {
  when: string;
  setWhen: (value: string) => void;
  at: string | null;
  problem: string | undefined;
  field: (error: unknown) => preact.JSX.Element;
} {
  const timeZone = useTimeZone();
  const [when, setWhen] = useState(() => toLocalInput(nowInstant(), timeZone));
  const at = fromLocalInput(when, timeZone);
  const problem = whenProblem(at) ?? undefined;
  return {
    when,
    setWhen,
    at,
    problem,
    field: (error: unknown) => (
      <WhenField
        id="other-when"
        value={when}
        onChange={setWhen}
        error={problem ?? fieldError(error, "at")}
        timeZone={timeZone}
      />
    ),
  };
}

/** Refuses to send a form whose fields the browser can already tell are wrong. */
function refuse(fields: { path: string; message: string | undefined | null }[]): void {
  const wrong = fields.filter((f): f is { path: string; message: string } => !!f.message);
  if (wrong.length > 0) {
    throw Object.assign(new Error("Check the fields marked."), { fields: wrong });
  }
}

const textOrNull = (t: string) => (t.trim() === "" ? null : t.trim());

function SubstanceForm({ onSaved }: { onSaved: Saved }) {
  const time = useWhen();
  const [name, setName] = useState("");
  const [amount, setAmount] = useState("");
  const [unit, setUnit] = useState("");
  const [route, setRoute] = useState("");
  const [note, setNote] = useState("");
  const amountRead = readNumber(amount);
  const submit = useSubmit(() => {
    refuse([
      { path: "amount", message: amountRead.error },
      { path: "at", message: time.problem },
    ]);
    return api.post<Recorded<unknown>>("/api/v1/other-substances", {
      at: time.at,
      name: name.trim(),
      amount: amountRead.value,
      unit: textOrNull(unit),
      route: textOrNull(route),
      note: textOrNull(note),
    });
  }, onSaved);
  const e = submit.error;
  const amountError = amountRead.error ?? fieldError(e, "amount");
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
        <Field id="other-amount" label="Amount (optional)" error={amountError}>
          <input
            {...describedBy("other-amount", { error: amountError })}
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
      {time.field(e)}
      <button type="submit" class="button" disabled={submit.busy}>
        Save
      </button>
    </form>
  );
}

function SymptomForm({ onSaved }: { onSaved: Saved }) {
  const time = useWhen();
  const [checklistId, setChecklistId] = useState<(typeof checklistIds)[number]>("bladder");
  const [symptoms, setSymptoms] = useState<readonly string[]>([]);
  const [note, setNote] = useState("");
  const checklist = getChecklist(checklistId);
  const submit = useSubmit(() => {
    refuse([{ path: "at", message: time.problem }]);
    return api.post<Recorded<unknown>>("/api/v1/symptom-reports", {
      at: time.at,
      checklist: checklistId,
      symptoms,
      note: textOrNull(note),
    });
  }, onSaved);
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
      {time.field(e)}
      <button type="submit" class="button" disabled={submit.busy}>
        Save
      </button>
    </form>
  );
}

function BloodPressureForm({ onSaved }: { onSaved: Saved }) {
  const timeZone = useTimeZone();
  const time = useWhen();
  const [systolic, setSystolic] = useState("");
  const [diastolic, setDiastolic] = useState("");
  const [pulse, setPulse] = useState("");
  const reads = {
    systolicMmHg: readNumber(systolic, { whole: true, required: true }),
    diastolicMmHg: readNumber(diastolic, { whole: true, required: true }),
    pulseBpm: readNumber(pulse, { whole: true }),
  };
  const submit = useSubmit(() => {
    const unread = unreadable(reads);
    if (unread) throw unread;
    refuse([{ path: "at", message: time.problem }]);
    const reading = {
      at: time.at,
      systolicMmHg: reads.systolicMmHg.value,
      diastolicMmHg: reads.diastolicMmHg.value,
      pulseBpm: reads.pulseBpm.value,
    };
    // The core's own checks first (plausible values, the upper above the lower), so a slip
    // is named under its field before anything is sent.
    parseWith(BloodPressureInput, { ...reading, timeZone });
    return api.post<Recorded<unknown>>("/api/v1/blood-pressures", reading);
  }, onSaved);
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
      {time.field(e)}
      <button type="submit" class="button" disabled={submit.busy}>
        Save
      </button>
    </form>
  );
}
