/**
 * Prepare: the solution and nasal-spray calculators of src/core/preparation (FACTS MEAS-1,
 * MEAS-2, MEAS-3), each dose checked against the ceiling first (checkAmountAgainstCeiling,
 * FACTS K-DOSE-1, P-DOSE-1), and a printable label for the bottle. Nothing here needs the
 * server: it works offline and before signing in.
 */
import { useState } from "preact/hooks";
import { checkAmountAgainstCeiling } from "../../core/dose.ts";
import { defaultTools, type MeasuringTools } from "../../core/preparation/measurement.ts";
import { calculateSolution } from "../../core/preparation/solution.ts";
import { planSolution } from "../../core/preparation/solution-plan.ts";
import { calculateSpray, TYPICAL_ML_PER_SPRAY } from "../../core/preparation/spray.ts";
import { usualIntervalDays } from "../../core/substances/substance.ts";
import { convert, formatAmount, formatNumber } from "../../core/units.ts";
import { errorText, fieldError } from "../api.ts";
import { useOptionalApp } from "../app-context.ts";
import { describedBy, Field } from "../components/field.tsx";
import { SubstanceField } from "../components/substance-field.tsx";
import { type NumberRead, readNumber, unreadable } from "../lib/numbers.ts";
import { getSubstance } from "../lib/substances.ts";
import { formatDate, localDate } from "../lib/time.ts";

type Tab = "solution" | "spray" | "label";

const mg = { kind: "mass", unit: "mg" } as const;
const ml = { kind: "volume", unit: "ml" } as const;
const mgPerMl = { kind: "concentration", unit: "mg/ml" } as const;

/** A number field's value (undefined when empty or unreadable: its error shows under it). */
const readValue = (read: NumberRead): number | undefined => read.value ?? undefined;

function errorOf(run: () => unknown): { value: unknown; error: unknown } {
  try {
    return { value: run(), error: null };
  } catch (error) {
    return { value: null, error };
  }
}

export default function PrepareScreen() {
  const [tab, setTab] = useState<Tab>("solution");
  const app = useOptionalApp();
  const [substanceId, setSubstanceId] = useState("ketamine");
  const [dose, setDose] = useState("");
  const substance = getSubstance(substanceId);
  const weightKg = app?.profile?.weightKg ?? undefined;
  const doseRead = readNumber(dose, { kind: "mass", unit: substance.unit });
  const doseAmount = readValue(doseRead);
  // The dose in the substance's unit, checked against the ceiling before any preparation.
  const checked =
    doseAmount === undefined
      ? null
      : errorOf(() => checkAmountAgainstCeiling(substance, doseAmount, weightKg));
  const doseError =
    doseRead.error ??
    (checked?.error ? (fieldError(checked.error, "dose") ?? errorText(checked.error)) : undefined);
  const doseMg =
    checked && !checked.error && doseAmount !== undefined
      ? convert(doseAmount, substance.unit, "mg")
      : null;
  const tabs: [Tab, string][] = [
    ["solution", "Solution"],
    ["spray", "Nasal spray"],
    ["label", "Bottle label"],
  ];
  return (
    <>
      <h1>Prepare</h1>
      <p>
        Measure by volume: dissolve a weighed amount in distilled water, then draw each dose with a
        syringe or count sprays. More dilute is safer and easier to measure (FACTS MEAS-1).
      </p>
      <div class="tabs" role="tablist" aria-label="Calculators">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            class="tab link-button"
            aria-selected={tab === id}
            aria-current={tab === id ? "page" : undefined}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      {tab !== "label" ? (
        <fieldset>
          <legend>The dose</legend>
          <SubstanceField id="prep-substance" value={substanceId} onChange={setSubstanceId} />
          <Field id="prep-dose" label="Dose per use" error={doseError} aside={substance.unit}>
            <input
              {...describedBy("prep-dose", { error: doseError })}
              inputMode="decimal"
              autoComplete="off"
              value={dose}
              onInput={(e) => setDose(e.currentTarget.value)}
            />
          </Field>
          {checked && !checked.error
            ? (checked.value as string[]).map((n) => (
                <p key={n} class="hint">
                  {n.replace("add --weight", "add your weight in Settings")}
                </p>
              ))
            : null}
        </fieldset>
      ) : null}
      {tab === "solution" ? <SolutionCalculator doseMg={doseMg} substanceId={substanceId} /> : null}
      {tab === "spray" ? <SprayCalculator doseMg={doseMg} substanceId={substanceId} /> : null}
      {tab === "label" ? <BottleLabel /> : null}
    </>
  );
}

function Messages({ warnings, notes }: { warnings: readonly string[]; notes: readonly string[] }) {
  return (
    <>
      {warnings.map((w) => (
        <p key={w} class="notice warning">
          {w}
        </p>
      ))}
      {notes.map((n) => (
        <p key={n} class="hint">
          {n}
        </p>
      ))}
    </>
  );
}

function percent(fraction: number): string {
  return `±${formatNumber(fraction * 100, 1)} %`;
}

function SolutionCalculator({
  doseMg,
  substanceId,
}: {
  doseMg: number | null;
  substanceId: string;
}) {
  const substance = getSubstance(substanceId);
  const [mass, setMass] = useState("");
  const [volume, setVolume] = useState("");
  const [scale, setScale] = useState(String(defaultTools.scaleResolutionMg));
  const [accuracy, setAccuracy] = useState("");
  const [solvent, setSolvent] = useState(String(defaultTools.solventResolutionMl));
  const [syringe, setSyringe] = useState(String(defaultTools.syringeResolutionMl));
  const reads = {
    mass: readNumber(mass, mg),
    volume: readNumber(volume, ml),
    scale: readNumber(scale, mg),
    accuracy: readNumber(accuracy, mg),
    solvent: readNumber(solvent, ml),
    syringe: readNumber(syringe, ml),
  };
  const readError = (key: keyof typeof reads) => reads[key].error ?? undefined;
  const tools: MeasuringTools = {
    scaleResolutionMg: readValue(reads.scale) ?? defaultTools.scaleResolutionMg,
    scaleAccuracyMg: readValue(reads.accuracy),
    solventResolutionMl: readValue(reads.solvent) ?? defaultTools.solventResolutionMl,
    syringeResolutionMl: readValue(reads.syringe) ?? defaultTools.syringeResolutionMl,
  };
  const massMg = readValue(reads.mass);
  const volumeMl = readValue(reads.volume);
  const proposing = mass.trim() === "" && volume.trim() === "";
  const outcome =
    doseMg === null || unreadable(reads)
      ? null
      : errorOf(() =>
          proposing
            ? planSolution({
                doseMg,
                tools,
                solubilityMgPerMl: substance.solubilityMgPerMl,
                unit: substance.unit,
                notDissolved: substance.notDissolved,
                intervalDays: usualIntervalDays(substance),
              })
            : calculateSolution({
                massMg: massMg ?? Number.NaN,
                solutionVolumeMl: volumeMl ?? Number.NaN,
                doseMg,
                tools,
                solubilityMgPerMl: substance.solubilityMgPerMl,
                unit: substance.unit,
                notDissolved: substance.notDissolved,
              }),
        );
  const result = outcome?.value as ReturnType<typeof calculateSolution> & {
    massMg?: number;
    solventVolumeMl?: number;
  };
  const e = outcome?.error;
  return (
    <section aria-labelledby="solution-title">
      <h2 id="solution-title">Solution</h2>
      <p class="hint">Leave the mass and the volume empty to get a proposal.</p>
      <div class="filters">
        <Field
          id="sol-mass"
          label="Mass dissolved"
          error={readError("mass") ?? fieldError(e, "mass")}
          aside="mg"
        >
          <input
            {...describedBy("sol-mass", { error: readError("mass") ?? fieldError(e, "mass") })}
            inputMode="decimal"
            value={mass}
            onInput={(ev) => setMass(ev.currentTarget.value)}
          />
        </Field>
        <Field
          id="sol-volume"
          label="Final volume"
          error={readError("volume") ?? fieldError(e, "volume")}
          aside="ml"
        >
          <input
            {...describedBy("sol-volume", {
              error: readError("volume") ?? fieldError(e, "volume"),
            })}
            inputMode="decimal"
            value={volume}
            onInput={(ev) => setVolume(ev.currentTarget.value)}
          />
        </Field>
      </div>
      <details>
        <summary>Your measuring tools</summary>
        <div class="filters">
          <Field id="sol-scale" error={readError("scale")} label="Scale reads to" aside="mg">
            <input
              {...describedBy("sol-scale", { error: readError("scale") })}
              inputMode="decimal"
              value={scale}
              onInput={(ev) => setScale(ev.currentTarget.value)}
            />
          </Field>
          <Field
            id="sol-accuracy"
            error={readError("accuracy")}
            label="Scale's stated accuracy (±)"
            aside="mg"
          >
            <input
              {...describedBy("sol-accuracy", { error: readError("accuracy") })}
              inputMode="decimal"
              value={accuracy}
              onInput={(ev) => setAccuracy(ev.currentTarget.value)}
            />
          </Field>
          <Field id="sol-solvent" error={readError("solvent")} label="Water measured to" aside="ml">
            <input
              {...describedBy("sol-solvent", { error: readError("solvent") })}
              inputMode="decimal"
              value={solvent}
              onInput={(ev) => setSolvent(ev.currentTarget.value)}
            />
          </Field>
          <Field
            id="sol-syringe"
            error={readError("syringe")}
            label="Syringe marks every"
            aside="ml"
          >
            <input
              {...describedBy("sol-syringe", { error: readError("syringe") })}
              inputMode="decimal"
              value={syringe}
              onInput={(ev) => setSyringe(ev.currentTarget.value)}
            />
          </Field>
        </div>
      </details>
      {doseMg === null ? <p class="muted">Give the dose above first.</p> : null}
      {e && !fieldError(e, "mass") && !fieldError(e, "volume") ? (
        <p class="notice warning" role="alert">
          {errorText(e)}
        </p>
      ) : null}
      {result ? (
        <div class="result" aria-live="polite">
          {proposing && result.massMg !== undefined ? (
            <p class="big">
              Dissolve {formatAmount(result.massMg, "mg")} in water to{" "}
              {formatAmount(result.solventVolumeMl ?? 0, "ml")}
            </p>
          ) : null}
          <p>
            Concentration: <strong>{formatNumber(result.concentrationMgPerMl, 3)} mg/ml</strong>
          </p>
          <p>
            Each dose: draw <strong>{formatAmount(result.doseVolumeMl, "ml")}</strong>, which holds{" "}
            {formatAmount(convert(result.deliveredMg, "mg", substance.unit), substance.unit)} (
            {percent(result.relativeUncertainty)}, an estimate)
          </p>
          <p>The bottle holds {result.doses} doses.</p>
          <Messages warnings={result.warnings} notes={result.notes} />
        </div>
      ) : null}
    </section>
  );
}

function SprayCalculator({ doseMg, substanceId }: { doseMg: number | null; substanceId: string }) {
  const substance = getSubstance(substanceId);
  const [concentration, setConcentration] = useState("");
  const [perSpray, setPerSpray] = useState("");
  const concentrationRead = readNumber(concentration, mgPerMl);
  const perSprayRead = readNumber(perSpray, ml);
  const c = readValue(concentrationRead);
  const perSprayMl = readValue(perSprayRead);
  const outcome =
    doseMg === null || c === undefined || perSprayRead.error
      ? null
      : errorOf(() =>
          calculateSpray({
            concentrationMgPerMl: c,
            volume:
              perSprayMl === undefined
                ? { kind: "assumed" }
                : { kind: "volume", mlPerSpray: perSprayMl },
            doseMg,
            solubilityMgPerMl: substance.solubilityMgPerMl,
          }),
        );
  const result = outcome?.value as ReturnType<typeof calculateSpray> | null;
  const e = outcome?.error;
  return (
    <section aria-labelledby="spray-title">
      <h2 id="spray-title">Nasal spray</h2>
      <div class="filters">
        <Field
          id="spray-concentration"
          label="Concentration"
          error={concentrationRead.error ?? undefined}
          aside="mg/ml"
        >
          <input
            {...describedBy("spray-concentration", {
              error: concentrationRead.error ?? undefined,
            })}
            inputMode="decimal"
            value={concentration}
            onInput={(ev) => setConcentration(ev.currentTarget.value)}
          />
        </Field>
        <Field
          id="spray-volume"
          label="Volume per spray"
          hint={`Empty: a typical ${TYPICAL_ML_PER_SPRAY} ml (FACTS MEAS-3).`}
          error={perSprayRead.error ?? fieldError(e, "sprayVolume")}
          aside="ml"
        >
          <input
            {...describedBy("spray-volume", {
              hint: true,
              error: perSprayRead.error ?? fieldError(e, "sprayVolume"),
            })}
            inputMode="decimal"
            value={perSpray}
            onInput={(ev) => setPerSpray(ev.currentTarget.value)}
          />
        </Field>
      </div>
      {doseMg === null ? <p class="muted">Give the dose above first.</p> : null}
      {result ? (
        <div class="result" aria-live="polite">
          <p class="big">
            {result.sprays} spray{result.sprays === 1 ? "" : "s"}
          </p>
          <p>
            {formatAmount(result.mgPerSpray, "mg")} per spray (
            {formatAmount(result.mlPerSpray, "ml")}); {result.sprays} deliver{" "}
            {formatAmount(result.deliveredMg, "mg")}.
          </p>
          {result.alternatives.length > 0 ? (
            <>
              <p>Concentrations that make the dose a whole number of sprays:</p>
              <ul>
                {result.alternatives.map((a) => (
                  <li key={a.sprays}>
                    {a.sprays} spray{a.sprays === 1 ? "" : "s"}:{" "}
                    {formatNumber(a.concentrationMgPerMl, 1)} mg/ml
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <Messages
            warnings={result.warnings.map((w) =>
              w.replace(/pass --calibration 10:<grams>/u, "enter the volume per spray"),
            )}
            notes={result.notes}
          />
        </div>
      ) : null}
    </section>
  );
}

function BottleLabel() {
  const [label, setLabel] = useState("");
  const [substanceId, setSubstanceId] = useState("ketamine");
  const [concentration, setConcentration] = useState("");
  const [made, setMade] = useState(() =>
    localDate(Date.now(), Intl.DateTimeFormat().resolvedOptions().timeZone),
  );
  const [perSpray, setPerSpray] = useState("");
  const concentrationRead = readNumber(concentration, mgPerMl);
  const perSprayRead = readNumber(perSpray, ml);
  const c = readValue(concentrationRead);
  const perSprayMl = readValue(perSprayRead);
  return (
    <section aria-labelledby="label-title">
      <h2 id="label-title">Bottle label</h2>
      <p>Label every bottle with what is in it, how strong, and when it was made (FACTS MEAS-1).</p>
      <Field id="label-name" label="Batch label">
        <input id="label-name" value={label} onInput={(ev) => setLabel(ev.currentTarget.value)} />
      </Field>
      <SubstanceField id="label-substance" value={substanceId} onChange={setSubstanceId} />
      <div class="filters">
        <Field
          id="label-concentration"
          label="Concentration"
          error={concentrationRead.error ?? undefined}
          aside="mg/ml"
        >
          <input
            {...describedBy("label-concentration", {
              error: concentrationRead.error ?? undefined,
            })}
            inputMode="decimal"
            value={concentration}
            onInput={(ev) => setConcentration(ev.currentTarget.value)}
          />
        </Field>
        <Field
          id="label-spray"
          label="Per spray (optional)"
          error={perSprayRead.error ?? undefined}
          aside="ml"
        >
          <input
            {...describedBy("label-spray", { error: perSprayRead.error ?? undefined })}
            inputMode="decimal"
            value={perSpray}
            onInput={(ev) => setPerSpray(ev.currentTarget.value)}
          />
        </Field>
      </div>
      <Field id="label-date" label="Made on">
        <input
          id="label-date"
          type="date"
          value={made}
          onInput={(ev) => setMade(ev.currentTarget.value)}
        />
      </Field>
      <section class="label-preview" aria-label="Label preview">
        <p class="label-big">{label || "Batch"}</p>
        <p>{getSubstance(substanceId).name}</p>
        <p class="label-big">{c !== undefined ? `${formatNumber(c, 3)} mg/ml` : "— mg/ml"}</p>
        {perSprayMl !== undefined && c !== undefined ? (
          <p>
            {formatNumber(perSprayMl * c, 3)} mg per spray ({formatNumber(perSprayMl, 3)} ml)
          </p>
        ) : null}
        <p>Made {made ? formatDate(made) : "—"}</p>
        <p>Keep away from children. Not for anyone else.</p>
      </section>
      <button type="button" class="button" onClick={() => window.print()}>
        Print label
      </button>
    </section>
  );
}
