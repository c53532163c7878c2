/**
 * Supplies: batches (what you have, its form and concentration, the pump's volume per
 * spray) and their reagent tests, with the colours the catalog expects for each reagent
 * (FACTS TEST-1, P-TEST-1); and the saved doses (presets) made from them.
 */
import { useState } from "preact/hooks";
import { batchForms } from "../../core/schemas/journal.ts";
import { api, fieldError, otherErrors } from "../api.ts";
import { useTimeZone } from "../app-context.ts";
import { describedBy, Field, FormErrors, WhenField } from "../components/field.tsx";
import { LoadError, listOf } from "../components/load.tsx";
import { PresetsSection } from "../components/presets.tsx";
import { SubstanceField } from "../components/substance-field.tsx";
import { readNumber, unreadable } from "../lib/numbers.ts";
import { getSubstance, substanceName } from "../lib/substances.ts";
import { formatWhen, fromLocalInput, nowInstant, toLocalInput, whenProblem } from "../lib/time.ts";
import type { Batch, ReagentTest } from "../types.ts";

interface TestAnswer {
  readonly test: ReagentTest;
  readonly expected: string | null;
  readonly verdictMeaning: string;
}

import { useApi } from "../use-api.ts";
import { useSubmit } from "../use-submit.ts";

const formNames: Readonly<Record<string, string>> = {
  powder: "powder",
  solution: "solution (in a bottle)",
  spray: "nasal spray",
  blotter: "blotter",
  capsule: "capsule",
  dried: "dried (mushrooms)",
  other: "other",
};

export default function SuppliesScreen() {
  const batches = useApi<{ batches: Batch[] } | Batch[]>("/api/v1/batches");
  const list = listOf(batches.data, "batches");
  return (
    <>
      <h1>Supplies</h1>
      <p>
        Record each batch you have, and test it every time: street supply is often not what it
        claims (FACTS TEST-2).
      </p>
      <LoadError error={batches.error} />
      {list.length === 0 && !batches.loading ? <p class="muted">No batches yet.</p> : null}
      {list.map((b) => (
        <BatchCard key={b.id} batch={b} onChange={batches.reload} />
      ))}
      <NewBatch onCreated={batches.reload} />
      <PresetsSection batches={list} />
    </>
  );
}

function NewBatch({ onCreated }: { onCreated: () => Promise<void> }) {
  const [substance, setSubstance] = useState("ketamine");
  const [label, setLabel] = useState("");
  const [form, setForm] = useState<string>("spray");
  const [concentration, setConcentration] = useState("");
  const [mlPerSpray, setMlPerSpray] = useState("");
  const [purity, setPurity] = useState("");
  const [howToTest, setHowToTest] = useState<string | null>(null);
  const liquid = form === "spray" || form === "solution";
  // Read with src/core's parser: "1,000" mg/ml is refused as ambiguous, never stored as 1.
  const numbers = {
    concentrationMgPerMl: liquid
      ? readNumber(concentration, { kind: "concentration", unit: "mg/ml" })
      : { value: null, error: null },
    mlPerSpray:
      form === "spray"
        ? readNumber(mlPerSpray, { kind: "volume", unit: "ml" })
        : { value: null, error: null },
    purityPercent: readNumber(purity, { kind: "percent", unit: "%" }),
  };
  const submit = useSubmit(
    () => {
      const problem = unreadable(numbers);
      if (problem) throw problem;
      return api.post<{ howToTest?: string }>("/api/v1/batches", {
        substance,
        label: label.trim(),
        form,
        concentrationMgPerMl: numbers.concentrationMgPerMl.value,
        mlPerSpray: numbers.mlPerSpray.value,
        purityPercent: numbers.purityPercent.value,
      });
    },
    async (answer) => {
      setLabel("");
      setConcentration("");
      setMlPerSpray("");
      setPurity("");
      setHowToTest(answer?.howToTest ?? null);
      await onCreated();
    },
  );
  const e = submit.error;
  const numberError = (path: keyof typeof numbers) => numbers[path].error ?? fieldError(e, path);
  return (
    <section class="card" aria-labelledby="new-batch-title">
      <h2 id="new-batch-title">Add a batch</h2>
      <form onSubmit={submit.submit} noValidate>
        <FormErrors
          messages={otherErrors(e, [
            "substance",
            "label",
            "form",
            "concentrationMgPerMl",
            "mlPerSpray",
            "purityPercent",
          ])}
        />
        <SubstanceField
          id="batch-substance"
          value={substance}
          error={fieldError(e, "substance")}
          onChange={setSubstance}
        />
        <Field
          id="batch-label"
          label="Label"
          hint="A name you will recognise, as on the bottle: “Spray A”."
          error={fieldError(e, "label")}
        >
          <input
            {...describedBy("batch-label", { hint: true, error: fieldError(e, "label") })}
            autoComplete="off"
            value={label}
            onInput={(ev) => setLabel(ev.currentTarget.value)}
          />
        </Field>
        <Field id="batch-form" label="Form" error={fieldError(e, "form")}>
          <select
            {...describedBy("batch-form", { error: fieldError(e, "form") })}
            value={form}
            onChange={(ev) => setForm(ev.currentTarget.value)}
          >
            {batchForms.map((f) => (
              <option key={f} value={f}>
                {formNames[f] ?? f}
              </option>
            ))}
          </select>
        </Field>
        {liquid ? (
          <Field
            id="batch-concentration"
            label="Concentration"
            hint="mg of substance per ml of liquid (see Prepare to work it out)."
            error={numberError("concentrationMgPerMl")}
            aside="mg/ml"
          >
            <input
              {...describedBy("batch-concentration", {
                hint: true,
                error: numberError("concentrationMgPerMl"),
              })}
              inputMode="decimal"
              autoComplete="off"
              value={concentration}
              onInput={(ev) => setConcentration(ev.currentTarget.value)}
            />
          </Field>
        ) : null}
        {form === "spray" ? (
          <Field
            id="batch-spray"
            label="Volume per spray"
            hint="A typical pump gives about 0.1 ml per spray; calibrate yours by weighing 10 sprays of water (1 ml ≈ 1 g), FACTS MEAS-3."
            error={numberError("mlPerSpray")}
            aside="ml per spray"
          >
            <input
              {...describedBy("batch-spray", { hint: true, error: numberError("mlPerSpray") })}
              inputMode="decimal"
              autoComplete="off"
              value={mlPerSpray}
              onInput={(ev) => setMlPerSpray(ev.currentTarget.value)}
            />
          </Field>
        ) : null}
        <Field
          id="batch-purity"
          label="Purity (optional)"
          hint="Only if a drug-checking service measured it. It never raises what Titrate allows (FACTS DESIGN-1)."
          error={numberError("purityPercent")}
          aside="%"
        >
          <input
            {...describedBy("batch-purity", { hint: true, error: numberError("purityPercent") })}
            inputMode="decimal"
            autoComplete="off"
            value={purity}
            onInput={(ev) => setPurity(ev.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="button" disabled={submit.busy}>
          {submit.busy ? "Saving…" : "Add batch"}
        </button>
      </form>
      {howToTest ? (
        <p class="notice info" role="status">
          Added. {howToTest}
        </p>
      ) : null}
    </section>
  );
}

function BatchCard({ batch, onChange }: { batch: Batch; onChange: () => Promise<void> }) {
  const timeZone = useTimeZone();
  const substance = getSubstance(batch.substance);
  return (
    <section class="card" aria-labelledby={`batch-${batch.id}`}>
      <h2 id={`batch-${batch.id}`}>{batch.label}</h2>
      <dl class="facts">
        <dt>Substance</dt>
        <dd>{substanceName(batch.substance)}</dd>
        <dt>Form</dt>
        <dd>{formNames[batch.form] ?? batch.form}</dd>
        {batch.concentrationMgPerMl !== null ? (
          <>
            <dt>Concentration</dt>
            <dd>{batch.concentrationMgPerMl} mg/ml</dd>
          </>
        ) : null}
        {batch.mlPerSpray !== null ? (
          <>
            <dt>Per spray</dt>
            <dd>
              {batch.mlPerSpray} ml
              {batch.concentrationMgPerMl !== null
                ? ` (${Math.round(batch.mlPerSpray * batch.concentrationMgPerMl * 1000) / 1000} mg)`
                : ""}
            </dd>
          </>
        ) : null}
        {batch.purityPercent !== null ? (
          <>
            <dt>Purity</dt>
            <dd>{batch.purityPercent} %</dd>
          </>
        ) : null}
      </dl>
      <h3>Reagent tests</h3>
      {batch.reagentTests.length === 0 ? (
        <p class="notice caution">Not tested yet. Test before you use it (FACTS TEST-2).</p>
      ) : (
        <ul>
          {batch.reagentTests.map((t) => (
            <li key={t.id}>
              {formatWhen(t.at, timeZone)}: <strong>{t.reagent}</strong> — “{t.result}”:{" "}
              {t.verdict === "match"
                ? "as expected"
                : t.verdict === "mismatch"
                  ? "NOT as expected: do not use it"
                  : "cannot tell"}
            </li>
          ))}
        </ul>
      )}
      {substance.reagents.length > 0 ? (
        <details>
          <summary>Colours to expect for {substanceName(batch.substance)}</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">Reagent</th>
                <th scope="col">Expected</th>
              </tr>
            </thead>
            <tbody>
              {substance.reagents.map((r) => (
                <tr key={r.reagent}>
                  <td>{r.reagent}</td>
                  <td>
                    {r.expected}
                    {r.uncertain ? " (weak evidence)" : ""}{" "}
                    <span class="sources">FACTS {r.facts.join(", ")}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="hint">Reagents show what a substance is, not its purity or amount.</p>
        </details>
      ) : null}
      <NewTest batch={batch} onAdded={onChange} />
    </section>
  );
}

function NewTest({ batch, onAdded }: { batch: Batch; onAdded: () => Promise<void> }) {
  const timeZone = useTimeZone();
  const substance = getSubstance(batch.substance);
  const [reagent, setReagent] = useState(substance.reagents[0]?.reagent ?? "");
  const [result, setResult] = useState("");
  const [when, setWhen] = useState(() => toLocalInput(nowInstant(), timeZone));
  const [meaning, setMeaning] = useState<TestAnswer | null>(null);
  const whenError = whenProblem(fromLocalInput(when, timeZone)) ?? undefined;
  const submit = useSubmit(
    () =>
      whenError
        ? Promise.reject(
            Object.assign(new Error("Check the time."), {
              fields: [{ path: "at", message: whenError }],
            }),
          )
        : api.post<TestAnswer>(`/api/v1/batches/${encodeURIComponent(batch.id)}/tests`, {
            reagent: reagent.trim(),
            result: result.trim(),
            at: fromLocalInput(when, timeZone),
          }),
    async (answer) => {
      setResult("");
      setMeaning(answer);
      await onAdded();
    },
  );
  const e = submit.error;
  const id = `test-${batch.id}`;
  return (
    <form onSubmit={submit.submit} noValidate aria-label={`Record a test of ${batch.label}`}>
      <h3>Record a test</h3>
      <FormErrors messages={otherErrors(e, ["reagent", "result", "at"])} />
      <Field id={`${id}-reagent`} label="Reagent" error={fieldError(e, "reagent")}>
        <input
          {...describedBy(`${id}-reagent`, { error: fieldError(e, "reagent") })}
          list={`${id}-reagents`}
          autoComplete="off"
          value={reagent}
          onInput={(ev) => setReagent(ev.currentTarget.value)}
        />
        <datalist id={`${id}-reagents`}>
          {substance.reagents.map((r) => (
            <option key={r.reagent} value={r.reagent} />
          ))}
        </datalist>
      </Field>
      <Field
        id={`${id}-result`}
        label="What you saw"
        hint="In your words: “dark purple within a minute”, “no change”."
        error={fieldError(e, "result")}
      >
        <input
          {...describedBy(`${id}-result`, { hint: true, error: fieldError(e, "result") })}
          autoComplete="off"
          value={result}
          onInput={(ev) => setResult(ev.currentTarget.value)}
        />
      </Field>
      <WhenField
        id={`${id}-at`}
        value={when}
        onChange={setWhen}
        error={whenError ?? fieldError(e, "at")}
        timeZone={timeZone}
      />
      <button type="submit" class="button secondary" disabled={submit.busy}>
        {submit.busy ? "Saving…" : "Record test"}
      </button>
      {meaning ? (
        <p
          class={`notice ${meaning.test.verdict === "mismatch" ? "danger" : meaning.test.verdict === "match" ? "success" : "caution"}`}
          role="status"
        >
          {meaning.expected ? `Expected: ${meaning.expected}. ` : ""}
          {meaning.verdictMeaning}
        </p>
      ) : null}
    </form>
  );
}
