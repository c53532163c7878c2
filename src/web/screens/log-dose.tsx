/**
 * Log a dose: substance, batch, route and amount, with the live calculator of src/core —
 * mg from ml or sprays of the batch (resolveDoseAmount, FACTS MEAS-1, MEAS-3), the start and
 * ceiling for your weight beside the field (calculateDose, FACTS K-DOSE-1, P-DOSE-1), and the
 * safety rules' warnings as you type (POST /api/v1/doses/check: too soon, above the ceiling,
 * untested batch…), before anything is saved.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { calculateDose, type DoseResult } from "../../core/dose.ts";
import { type DoseAmount, resolveDoseAmount } from "../../core/dose-amount.ts";
import { formatAmount } from "../../core/units.ts";
import { api, errorText, fieldError, otherErrors } from "../api.ts";
import { useApp, useTimeZone } from "../app-context.ts";
import { describedBy, Field, FormErrors, WhenField } from "../components/field.tsx";
import { FindingList } from "../components/findings.tsx";
import { LoadError, listOf } from "../components/load.tsx";
import { SubstanceField } from "../components/substance-field.tsx";
import { amountText, weightText } from "../lib/format.ts";
import { type NumberRead, readNumber } from "../lib/numbers.ts";
import { proposedFinding } from "../lib/proposed-tense.ts";
import { getSubstance, routeName, type Substance } from "../lib/substances.ts";
import { formatWhen, fromLocalInput, nowInstant, toLocalInput, whenProblem } from "../lib/time.ts";
import { followLink, queryParam } from "../router.ts";
import type { Batch, DoseCheck, Preset, Recorded, Today } from "../types.ts";
import { useApi } from "../use-api.ts";
import { useFocusWhen } from "../use-focus.ts";
import { useSubmit } from "../use-submit.ts";

type MeasureKind = "amount" | "volume" | "sprays" | "unknown";

interface DoseForm {
  readonly substance: string;
  readonly batchId: string;
  readonly route: string;
  readonly measure: MeasureKind;
  readonly value: string;
  readonly unit: string;
  readonly when: string;
  readonly isEstimate: boolean;
  readonly note: string;
}

/** The amount field read with src/core's parser: "1,000" is refused, never read as 1. */
function readValue(form: DoseForm): NumberRead {
  if (form.measure === "sprays") return readNumber(form.value, { whole: true });
  if (form.measure === "volume") return readNumber(form.value, { kind: "volume", unit: "ml" });
  return readNumber(form.value, { kind: "mass", unit: form.unit });
}

/** What the person measured, in the shape the API and src/core take; null when incomplete. */
function measuredOf(form: DoseForm, read: NumberRead) {
  if (form.measure === "unknown") return { kind: "unknown" as const };
  const n = read.value;
  if (n === null) return null;
  if (form.measure === "volume") return { kind: "volume" as const, volumeMl: n };
  if (form.measure === "sprays") return { kind: "sprays" as const, sprays: n };
  return { kind: "amount" as const, amount: n, unit: form.unit };
}

function measuresFor(batch: Batch | undefined): MeasureKind[] {
  const kinds: MeasureKind[] = [];
  if (batch?.form === "spray" && batch.mlPerSpray !== null && batch.concentrationMgPerMl !== null)
    kinds.push("sprays");
  if (batch && batch.concentrationMgPerMl !== null) kinds.push("volume");
  kinds.push("amount", "unknown");
  return kinds;
}

const measureNames: Readonly<Record<MeasureKind, string>> = {
  sprays: "Sprays",
  volume: "Volume (ml)",
  amount: "Amount",
  unknown: "Not known",
};

export default function LogDoseScreen() {
  const { profile } = useApp();
  const timeZone = useTimeZone();
  const batchesAnswer = useApi<{ batches: Batch[] } | Batch[]>("/api/v1/batches");
  const presetId = queryParam("preset");
  const repeat = queryParam("repeat") === "last";
  const presetsAnswer = useApi<{ presets: Preset[] } | Preset[]>(
    presetId ? "/api/v1/presets" : null,
  );
  const todayAnswer = useApi<Today>(repeat ? "/api/v1/today" : null);
  const batches = listOf(batchesAnswer.data, "batches");

  const [form, setForm] = useState<DoseForm>(() => ({
    substance: "ketamine",
    batchId: "",
    route: getSubstance("ketamine").defaultRoute,
    measure: "amount",
    value: "",
    unit: getSubstance("ketamine").unit,
    when: toLocalInput(nowInstant(), timeZone),
    isEstimate: false,
    note: "",
  }));
  const [logged, setLogged] = useState<Recorded<unknown> | null>(null);
  const loggedHeading = useFocusWhen<HTMLHeadingElement>(logged);

  // Fill in from a preset or the last dose, once their data is here.
  const filled = useRef(false);
  useEffect(() => {
    if (filled.current) return;
    const preset = listOf(presetsAnswer.data, "presets").find((p) => p.id === presetId);
    const last = todayAnswer.data?.lastDose;
    if (preset) {
      filled.current = true;
      setForm((f) => ({
        ...f,
        substance: preset.substance,
        batchId: preset.batchId ?? "",
        route: preset.route,
        measure: preset.sprays !== null ? "sprays" : preset.volumeMl !== null ? "volume" : "amount",
        value: String(preset.sprays ?? preset.volumeMl ?? preset.amount ?? ""),
        unit: preset.unit,
      }));
    } else if (last) {
      filled.current = true;
      setForm((f) => ({
        ...f,
        substance: last.substance,
        batchId: last.batchId ?? "",
        route: last.route,
        measure: last.amount === null ? "unknown" : "amount",
        value: last.amount === null ? "" : String(last.amount),
        unit: last.unit,
      }));
    }
  }, [presetsAnswer.data, todayAnswer.data, presetId]);

  const substance = getSubstance(form.substance);
  const batch = batches.find((b) => b.id === form.batchId);
  const measures = measuresFor(batch);
  const set = (patch: Partial<DoseForm>) => setForm((f) => ({ ...f, ...patch }));

  const sizing = useMemo(
    () => sizingFor(substance, profile?.weightKg ?? null),
    [substance, profile],
  );
  const read = form.measure === "unknown" ? { value: null, error: null } : readValue(form);
  const measured = measuredOf(form, read);
  const computed = useMemo((): { amount: DoseAmount | null; error: string | null } => {
    if (!measured || measured.kind === "unknown") return { amount: null, error: null };
    try {
      return { amount: resolveDoseAmount(substance, measured, batch ?? null), error: null };
    } catch (error) {
      return { amount: null, error: errorText(error) };
    }
  }, [substance, measured?.kind, form.value, form.unit, batch]);

  const at = fromLocalInput(form.when, timeZone);
  const whenError = whenProblem(at) ?? undefined;
  const body =
    measured && at && !whenError
      ? {
          substance: form.substance,
          measured,
          batch: form.batchId === "" ? undefined : form.batchId,
          route: form.route,
          at,
          isEstimate: form.isEstimate,
          note: form.note.trim() === "" ? null : form.note,
        }
      : null;

  // Warnings as you type: the rules run on the journal with this dose added; nothing is saved.
  const [check, setCheck] = useState<DoseCheck | null>(null);
  const bodyKey = body && !computed.error ? JSON.stringify(body) : null;
  useEffect(() => {
    if (!bodyKey) {
      setCheck(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api.post<DoseCheck>("/api/v1/doses/check", JSON.parse(bodyKey)).then(
        (answer) => current && setCheck(answer),
        () => current && setCheck(null),
      );
    }, 350);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [bodyKey]);

  const submit = useSubmit(async () => {
    if (read.error) {
      throw Object.assign(new Error("The amount cannot be read."), {
        fields: [{ path: "amount", message: read.error }],
      });
    }
    if (whenError) {
      throw Object.assign(new Error("Check the time."), {
        fields: [{ path: "at", message: whenError }],
      });
    }
    if (!body) {
      throw Object.assign(new Error("Give the amount first."), {
        fields: [{ path: "amount", message: "give how much you took, or choose “Not known”" }],
      });
    }
    return api.post<Recorded<unknown>>("/api/v1/doses", body);
  }, setLogged);

  if (logged) {
    return (
      <>
        <h1 tabIndex={-1} ref={loggedHeading}>
          Dose logged
        </h1>
        <p class="notice success" role="status">
          Logged {substance.name}
          {logged.amount ? `, ${amountText(logged.amount.amount, logged.amount.unit)}` : ""}.
        </p>
        <FindingList findings={logged.findings} title="What this dose brought" />
        <div class="actions">
          <a class="button" href="/today" onClick={followLink}>
            Back to Today
          </a>
          <button type="button" class="button secondary" onClick={() => setLogged(null)}>
            Log another
          </button>
        </div>
      </>
    );
  }

  const e = submit.error;
  const amountError =
    read.error ??
    fieldError(e, "measured") ??
    fieldError(e, "amount") ??
    computed.error ??
    undefined;
  const aboveCeiling = sizing && computed.amount && computed.amount.amount > sizing.ceiling + 1e-9;
  return (
    <>
      <h1>Log a dose</h1>
      <LoadError error={batchesAnswer.error} />
      <form onSubmit={submit.submit} noValidate>
        <FormErrors
          messages={otherErrors(e, [
            "substance",
            "batch",
            "route",
            "measured",
            "amount",
            "at",
            "note",
          ])}
        />
        <SubstanceField
          id="dose-substance"
          value={form.substance}
          error={fieldError(e, "substance")}
          onChange={(substanceId) => {
            const next = getSubstance(substanceId);
            set({
              substance: next.id,
              batchId: "",
              route: next.defaultRoute,
              unit: next.unit,
              measure: "amount",
            });
          }}
        />
        <Field
          id="dose-batch"
          label="Batch"
          hint="Where it came from: needed to work out mg from ml or sprays."
          error={fieldError(e, "batch")}
        >
          <select
            {...describedBy("dose-batch", { hint: true, error: fieldError(e, "batch") })}
            value={form.batchId}
            onChange={(ev) => {
              const next = batches.find((b) => b.id === ev.currentTarget.value);
              const kinds = measuresFor(next);
              set({
                batchId: ev.currentTarget.value,
                route: next?.form === "spray" ? "nasal" : form.route,
                measure: kinds[0] ?? "amount",
                value: "",
              });
            }}
          >
            <option value="">No batch</option>
            {batches
              .filter((b) => b.substance === form.substance)
              .map((b) => (
                <option key={b.id} value={b.id}>
                  {b.label}
                </option>
              ))}
          </select>
        </Field>
        <Field id="dose-route" label="Route" error={fieldError(e, "route")}>
          <select
            {...describedBy("dose-route", { error: fieldError(e, "route") })}
            value={form.route}
            onChange={(ev) => set({ route: ev.currentTarget.value })}
          >
            {substance.routes.map((r) => (
              <option key={r.route} value={r.route}>
                {routeName(r.route)}
              </option>
            ))}
          </select>
        </Field>
        <fieldset>
          <legend>How much</legend>
          <div class="choices" role="radiogroup" aria-label="Measured as">
            {measures.map((m) => (
              <label key={m} class="check">
                <input
                  type="radio"
                  name="measure"
                  value={m}
                  checked={form.measure === m}
                  onChange={() => set({ measure: m, value: "" })}
                />
                {measureNames[m]}
              </label>
            ))}
          </div>
          {form.measure !== "unknown" ? (
            <Field
              id="dose-amount"
              label={
                form.measure === "sprays"
                  ? "Number of sprays"
                  : form.measure === "volume"
                    ? "Volume"
                    : "Amount"
              }
              error={amountError}
              aside={
                <SizingAside
                  sizing={sizing}
                  substance={substance}
                  hasWeight={profile?.weightKg != null}
                  units={profile?.units ?? "metric"}
                />
              }
            >
              <input
                {...describedBy("dose-amount", { error: amountError })}
                inputMode={form.measure === "sprays" ? "numeric" : "decimal"}
                autoComplete="off"
                value={form.value}
                onInput={(ev) => set({ value: ev.currentTarget.value })}
              />
              {form.measure === "amount" ? (
                <select
                  class="unit-select"
                  aria-label="Unit"
                  value={form.unit}
                  onChange={(ev) => set({ unit: ev.currentTarget.value })}
                >
                  {["µg", "mg", "g"].map((u) => (
                    <option key={u} value={u}>
                      {u}
                    </option>
                  ))}
                </select>
              ) : (
                <span class="unit">{form.measure === "sprays" ? "sprays" : "ml"}</span>
              )}
            </Field>
          ) : (
            <p class="hint">The dose is recorded without an amount; Titrate never guesses one.</p>
          )}
          {computed.amount ? (
            <div class="result" aria-live="polite">
              <p class="big">
                = {formatAmount(computed.amount.amount, computed.amount.unit, substance.step)}
              </p>
              {computed.amount.derivation ? <p>{computed.amount.derivation}</p> : null}
              {computed.amount.activeAmount !== null ? (
                <p>
                  Active amount at the measured purity:{" "}
                  {amountText(computed.amount.activeAmount, computed.amount.unit)} (for information
                  only, FACTS DESIGN-1)
                </p>
              ) : null}
            </div>
          ) : null}
          {aboveCeiling && sizing ? (
            <div class="notice danger" role="alert">
              <p>
                <strong>Above your microdose ceiling</strong> of{" "}
                {formatAmount(sizing.ceiling, sizing.unit, substance.step)} (FACTS{" "}
                {sizing.sources[0]}). Titrate never proposes this amount.
              </p>
            </div>
          ) : null}
          <label class="check">
            <input
              type="checkbox"
              checked={form.isEstimate}
              onChange={(ev) => set({ isEstimate: ev.currentTarget.checked })}
            />
            This amount is an estimate
          </label>
        </fieldset>
        <WhenField
          id="dose-when"
          value={form.when}
          onChange={(when) => set({ when })}
          error={whenError ?? fieldError(e, "at")}
          timeZone={timeZone}
        />
        <Field id="dose-note" label="Note (optional)" error={fieldError(e, "note")}>
          <textarea
            {...describedBy("dose-note", { error: fieldError(e, "note") })}
            value={form.note}
            onInput={(ev) => set({ note: ev.currentTarget.value })}
          />
        </Field>
        <section aria-live="polite" aria-label="Warnings for this dose">
          {check ? (
            <CheckedFindings
              check={check}
              batches={batches}
              batchId={form.batchId}
              at={at}
              timeZone={timeZone}
            />
          ) : null}
        </section>
        <button type="submit" class="button" disabled={submit.busy}>
          {submit.busy ? "Saving…" : "Log this dose"}
        </button>
      </form>
    </>
  );
}

/** The id src/core's checkProposedDose gives the dose being checked (run-rules.ts). */
const PROPOSED = "proposed";
const NOW_WINDOW_MS = 15 * 60_000;

/**
 * The check's findings in two groups. About this dose: "If you take it now", in the tense of
 * a dose not yet taken ("you would take", lib/proposed-tense.ts) when it is for now; for an
 * earlier time the rules' past tense is right. Already active: only what applies whatever is
 * taken, and of the batch findings only the chosen batch's (an unused untested batch is not
 * this dose's concern). When a danger is already active it comes first: a "stop ketamine"
 * must not sit below a note about driving.
 */
function CheckedFindings({
  check,
  batches,
  batchId,
  at,
  timeZone,
}: {
  check: DoseCheck;
  batches: readonly Batch[];
  batchId: string;
  at: string | null;
  timeZone: string;
}) {
  const batchIds = new Set(batches.map((b) => b.id));
  const about = check.findings.filter((f) => f.subjectId === PROPOSED);
  const standing = check.findings.filter(
    (f) =>
      f.subjectId !== PROPOSED &&
      !(f.subjectId !== null && batchIds.has(f.subjectId) && f.subjectId !== batchId),
  );
  const isNow = at === null || Math.abs(Date.parse(at) - Date.now()) <= NOW_WINDOW_MS;
  const proposed = (
    <FindingList
      findings={isNow ? about.map(proposedFinding) : about}
      title={isNow ? "If you take it now" : `If you log it for ${formatWhen(at ?? "", timeZone)}`}
      intro="Titrate's safety rules, run on your journal with this dose added:"
    />
  );
  const active = (
    <FindingList
      findings={standing}
      title="Already active"
      intro="These apply whatever you take now:"
    />
  );
  return standing.some((f) => f.severity === "danger") ? (
    <>
      {active}
      {proposed}
    </>
  ) : (
    <>
      {proposed}
      {active}
    </>
  );
}

function sizingFor(substance: Substance, weightKg: number | null): DoseResult | null {
  try {
    return calculateDose({ substance, weightKg: weightKg ?? undefined });
  } catch {
    return null; // a per-kg substance without a weight: no personal start or ceiling
  }
}

function SizingAside({
  sizing,
  substance,
  hasWeight,
  units,
}: {
  sizing: DoseResult | null;
  substance: Substance;
  hasWeight: boolean;
  units: "metric" | "imperial";
}) {
  if (!sizing) {
    return (
      <span>
        {substance.name} is sized by body weight{hasWeight ? "" : ": add your weight in Settings"}{" "}
        to see your start and ceiling.
      </span>
    );
  }
  const { unit } = sizing;
  return (
    <span>
      Start {formatAmount(sizing.start, unit, substance.step)} · ceiling{" "}
      {formatAmount(sizing.ceiling, unit, substance.step)}
      {sizing.weightKg !== null && substance.sizing.kind === "per-kg"
        ? ` for ${weightText(sizing.weightKg, units)}`
        : ""}{" "}
      (FACTS {substance.sizing.facts[0]})
    </span>
  );
}
