/**
 * Saved doses (presets): a dose a person repeats — an amount, or a volume or a number of
 * sprays of a batch — shown as one-tap buttons on Today that open the dose form filled in.
 * Create (POST /api/v1/presets) and delete (DELETE /api/v1/presets/:id, after a
 * confirmation; doses logged with it stay). The amount is worked out as you type, beside
 * your ceiling (FACTS K-DOSE-1, P-DOSE-1, MEAS-1, MEAS-3).
 */
import { useMemo, useState } from "preact/hooks";
import { calculateDose } from "../../core/dose.ts";
import { resolveDoseAmount } from "../../core/dose-amount.ts";
import { formatAmount } from "../../core/units.ts";
import { api, fieldError, otherErrors } from "../api.ts";
import { useApp } from "../app-context.ts";
import { amountText } from "../lib/format.ts";
import { readNumber } from "../lib/numbers.ts";
import { getSubstance, routeName, substanceName } from "../lib/substances.ts";
import type { Batch, Preset } from "../types.ts";
import { useApi } from "../use-api.ts";
import { useSubmit } from "../use-submit.ts";
import { Confirm } from "./confirm.tsx";
import { describedBy, Field, FormErrors } from "./field.tsx";
import { LoadError, listOf } from "./load.tsx";
import { SubstanceField } from "./substance-field.tsx";

type Measure = "amount" | "volume" | "sprays";

/** "2 sprays of Spray A, nasal spray" — what a preset logs, in words. */
function presetText(preset: Preset, batches: readonly Batch[]): string {
  const batch = batches.find((b) => b.id === preset.batchId);
  const of = batch ? ` of ${batch.label}` : "";
  const what =
    preset.sprays !== null
      ? `${preset.sprays} ${preset.sprays === 1 ? "spray" : "sprays"}${of}`
      : preset.volumeMl !== null
        ? `${preset.volumeMl} ml${of}`
        : `${amountText(preset.amount, preset.unit)}${of}`;
  return `${substanceName(preset.substance)}: ${what}, ${routeName(preset.route)}`;
}

export function PresetsSection({ batches }: { readonly batches: readonly Batch[] }) {
  const presets = useApi<{ presets: Preset[] }>("/api/v1/presets");
  const list = listOf(presets.data, "presets");
  const [deleting, setDeleting] = useState<Preset | null>(null);
  const remove = useSubmit(
    async () => {
      if (deleting) await api.delete(`/api/v1/presets/${encodeURIComponent(deleting.id)}`);
    },
    async () => {
      setDeleting(null);
      await presets.reload();
    },
  );
  return (
    <section class="card" aria-labelledby="presets-title">
      <h2 id="presets-title">Saved doses</h2>
      <p class="hint">
        A dose you repeat, as a button on Today: it opens the dose form filled in, to check and log.
      </p>
      <LoadError error={presets.error} />
      {list.length === 0 && !presets.loading ? <p class="muted">No saved doses yet.</p> : null}
      <ul class="plain">
        {list.map((p) => (
          <li key={p.id} class="entry">
            <div class="entry-head">
              <span class="entry-kind">{p.name}</span>
              <button
                type="button"
                class="button secondary small"
                aria-label={`Delete the saved dose “${p.name}”`}
                onClick={() => setDeleting(p)}
              >
                Delete
              </button>
            </div>
            <p>{presetText(p, batches)}</p>
          </li>
        ))}
      </ul>
      {deleting ? (
        <Confirm
          title={`Delete “${deleting.name}”?`}
          confirmLabel="Delete it"
          busy={remove.busy}
          onConfirm={() => void remove.submit()}
          onCancel={() => setDeleting(null)}
        >
          <p>The button goes from Today. Doses you logged with it stay in your journal.</p>
          <FormErrors messages={otherErrors(remove.error, [])} />
        </Confirm>
      ) : null}
      <NewPreset batches={batches} onCreated={presets.reload} />
    </section>
  );
}

function NewPreset({
  batches,
  onCreated,
}: {
  readonly batches: readonly Batch[];
  readonly onCreated: () => Promise<void>;
}) {
  const { profile } = useApp();
  const [name, setName] = useState("");
  const [batchId, setBatchId] = useState("");
  const [substanceId, setSubstanceId] = useState("ketamine");
  const [measure, setMeasure] = useState<Measure>("amount");
  const [value, setValue] = useState("");
  const [unit, setUnit] = useState("mg");
  const [route, setRoute] = useState("");
  const batch = batches.find((b) => b.id === batchId);
  const substance = getSubstance(batch?.substance ?? substanceId);
  const measures: Measure[] = batch
    ? [
        ...(batch.form === "spray" && batch.mlPerSpray !== null ? (["sprays"] as const) : []),
        ...(batch.concentrationMgPerMl !== null ? (["volume"] as const) : []),
        "amount",
      ]
    : ["amount"];
  const kind = measures.includes(measure) ? measure : "amount";
  const read =
    kind === "sprays"
      ? readNumber(value, { whole: true })
      : kind === "volume"
        ? readNumber(value, { kind: "volume", unit: "ml" })
        : readNumber(value, { kind: "mass", unit });
  const number = read.value;
  const measured =
    number === null
      ? null
      : kind === "sprays"
        ? { kind, sprays: number }
        : kind === "volume"
          ? { kind, volumeMl: number }
          : { kind, amount: number, unit };

  const preview = useMemo(() => {
    if (!measured) return null;
    try {
      const amount = resolveDoseAmount(substance, measured, batch ?? null);
      const sizing = calculateDose({ substance, weightKg: profile?.weightKg ?? undefined });
      return { amount, ceiling: sizing.ceiling, above: amount.amount > sizing.ceiling };
    } catch {
      return null; // no weight for a per-kg substance, or a batch without its concentration
    }
  }, [substance, batch, kind, number, unit, profile?.weightKg]);

  const submit = useSubmit(
    () => {
      if (!measured) {
        throw Object.assign(new Error("How much is missing."), {
          fields: [{ path: "measured", message: read.error ?? "enter a number above 0" }],
        });
      }
      return api.post<{ preset: Preset }>("/api/v1/presets", {
        name: name.trim(),
        ...(batch ? { batch: batch.id } : { substance: substanceId }),
        measured,
        ...(route === "" ? {} : { route }),
      });
    },
    async () => {
      setName("");
      setValue("");
      await onCreated();
    },
  );
  const e = submit.error;
  const amountError =
    read.error ??
    fieldError(e, "measured.amount") ??
    fieldError(e, "measured.volumeMl") ??
    fieldError(e, "measured.sprays") ??
    fieldError(e, "measured");
  return (
    <form onSubmit={submit.submit} noValidate aria-labelledby="new-preset-title">
      <h3 id="new-preset-title">Save a dose</h3>
      <FormErrors messages={otherErrors(e, ["name", "batch", "substance", "measured", "route"])} />
      <Field
        id="preset-name"
        label="Name"
        hint="As it will read on Today: “Usual 2 sprays”."
        error={fieldError(e, "name")}
      >
        <input
          {...describedBy("preset-name", { hint: true, error: fieldError(e, "name") })}
          autoComplete="off"
          value={name}
          onInput={(ev) => setName(ev.currentTarget.value)}
        />
      </Field>
      <Field id="preset-batch" label="Batch" error={fieldError(e, "batch")}>
        <select
          {...describedBy("preset-batch", { error: fieldError(e, "batch") })}
          value={batchId}
          onChange={(ev) => setBatchId(ev.currentTarget.value)}
        >
          <option value="">None: an amount of a substance</option>
          {batches.map((b) => (
            <option key={b.id} value={b.id}>
              {b.label}
            </option>
          ))}
        </select>
      </Field>
      {batch ? null : (
        <SubstanceField
          id="preset-substance"
          value={substanceId}
          error={fieldError(e, "substance")}
          onChange={(id) => {
            setSubstanceId(id);
            setUnit(getSubstance(id).unit);
            setRoute("");
          }}
        />
      )}
      <Field id="preset-route" label="Route" error={fieldError(e, "route")}>
        <select
          {...describedBy("preset-route", { error: fieldError(e, "route") })}
          value={route}
          onChange={(ev) => setRoute(ev.currentTarget.value)}
        >
          <option value="">
            The usual ({batch?.form === "spray" ? "nasal spray" : routeName(substance.defaultRoute)}
            )
          </option>
          {substance.routes.map((r) => (
            <option key={r.route} value={r.route}>
              {routeName(r.route)}
            </option>
          ))}
        </select>
      </Field>
      {measures.length > 1 ? (
        <fieldset>
          <legend>Measured as</legend>
          <div class="choices">
            {measures.map((m) => (
              <label key={m} class="check">
                <input
                  type="radio"
                  name="preset-measure"
                  checked={kind === m}
                  onChange={() => {
                    setMeasure(m);
                    setValue("");
                  }}
                />
                {m === "sprays" ? "Sprays" : m === "volume" ? "Volume (ml)" : "Amount"}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <Field
        id="preset-amount"
        label={kind === "sprays" ? "Number of sprays" : kind === "volume" ? "Volume" : "Amount"}
        error={amountError}
      >
        <input
          {...describedBy("preset-amount", { error: amountError })}
          inputMode={kind === "sprays" ? "numeric" : "decimal"}
          autoComplete="off"
          value={value}
          onInput={(ev) => setValue(ev.currentTarget.value)}
        />
        {kind === "amount" ? (
          <select
            class="unit-select"
            aria-label="Unit"
            value={unit}
            onChange={(ev) => setUnit(ev.currentTarget.value)}
          >
            {["µg", "mg", "g"].map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        ) : (
          <span class="unit">{kind === "sprays" ? "sprays" : "ml"}</span>
        )}
      </Field>
      {preview ? (
        <p class={preview.above ? "notice warning" : "hint"} role="status">
          = {formatAmount(preview.amount.amount, preview.amount.unit, substance.step)}; your ceiling
          is {formatAmount(preview.ceiling, preview.amount.unit, substance.step)}
          {preview.above
            ? `. This is above it (FACTS ${substance.sizing.facts.join(", ")}): the dose form will warn you each time.`
            : "."}
        </p>
      ) : null}
      <button type="submit" class="button secondary" disabled={submit.busy}>
        {submit.busy ? "Saving…" : "Save this dose"}
      </button>
    </form>
  );
}
