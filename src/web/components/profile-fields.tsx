/**
 * The profile's fields, shared by first-run setup and Settings: weight (kg or lb), units,
 * time zone, country and the person's own crisis numbers, and the conditions of FACTS
 * K-CONTRA-1 asked plainly. `toProfile` checks the form with src/core's Profile schema, so
 * a mistake is named under its field before anything is sent.
 */
import { knownCountries } from "../../core/crisis.ts";
import { type ConditionId, conditions, Profile } from "../../core/schemas/journal.ts";
import { parseWith } from "../../core/schemas/validate.ts";
import { fieldError } from "../api.ts";
import { KG_PER_LB } from "../lib/format.ts";
import { browserTimeZone } from "../lib/time.ts";
import type { Profile as ProfileType } from "../types.ts";
import { describedBy, Field } from "./field.tsx";

export interface ProfileForm {
  readonly weight: string;
  readonly weightUnit: "kg" | "lb";
  readonly units: "metric" | "imperial";
  readonly timeZone: string;
  readonly country: string;
  readonly emergencyNumber: string;
  readonly helplineName: string;
  readonly helplinePhone: string;
  readonly helplineUrl: string;
  readonly conditions: readonly ConditionId[];
}

export function profileForm(profile: ProfileType | null): ProfileForm {
  const units = profile?.units ?? "metric";
  const weightKg = profile?.weightKg ?? null;
  return {
    weight:
      weightKg === null
        ? ""
        : String(units === "imperial" ? Math.round((weightKg / KG_PER_LB) * 10) / 10 : weightKg),
    weightUnit: units === "imperial" ? "lb" : "kg",
    units,
    timeZone: profile?.timeZone ?? browserTimeZone(),
    country: profile?.country ?? "",
    emergencyNumber: profile?.emergencyNumber ?? "",
    helplineName: profile?.helpline?.name ?? "",
    helplinePhone: profile?.helpline?.phone ?? "",
    helplineUrl: profile?.helpline?.url ?? "",
    conditions: profile?.conditions ?? [],
  };
}

const blankToNull = (text: string) => (text.trim() === "" ? null : text.trim());

/** The profile the form describes, checked with the core schema (throws VALIDATION_FAILED). */
export function toProfile(form: ProfileForm): ProfileType {
  const number = Number(form.weight.replace(",", "."));
  const weightKg =
    form.weight.trim() === ""
      ? null
      : Math.round((form.weightUnit === "lb" ? number * KG_PER_LB : number) * 1000) / 1000;
  const hasHelpline = [form.helplineName, form.helplinePhone, form.helplineUrl].some(
    (t) => t.trim() !== "",
  );
  return parseWith(Profile, {
    weightKg: Number.isNaN(weightKg) ? form.weight : weightKg,
    units: form.units,
    timeZone: form.timeZone.trim(),
    conditions: form.conditions,
    country: blankToNull(form.country),
    emergencyNumber: blankToNull(form.emergencyNumber),
    helpline: hasHelpline
      ? {
          name: form.helplineName.trim(),
          phone: blankToNull(form.helplinePhone),
          url: blankToNull(form.helplineUrl),
        }
      : null,
  });
}

let zones: string[] | null = null;
function timeZones(): string[] {
  zones ??= (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.(
    "timeZone",
  ) ?? [browserTimeZone()];
  return zones;
}

const countryNames = new Intl.DisplayNames(["en"], { type: "region" });

interface ProfileFieldsProps {
  readonly form: ProfileForm;
  readonly onChange: (form: ProfileForm) => void;
  readonly error: unknown;
  /** Which parts to show. */
  readonly parts?: readonly ("body" | "place" | "crisis" | "conditions")[];
}

export function ProfileFields({ form, onChange, error, parts }: ProfileFieldsProps) {
  const show = (part: "body" | "place" | "crisis" | "conditions") => !parts || parts.includes(part);
  const set = <K extends keyof ProfileForm>(key: K, value: ProfileForm[K]) =>
    onChange({ ...form, [key]: value });
  const weightError = fieldError(error, "weightKg");
  const zoneError = fieldError(error, "timeZone");
  const countryError = fieldError(error, "country");
  const emergencyError = fieldError(error, "emergencyNumber");
  const helplineError = fieldError(error, "helpline");
  return (
    <>
      {show("body") ? (
        <fieldset>
          <legend>Body weight and units</legend>
          <Field
            id="profile-weight"
            label="Body weight"
            hint="Ketamine doses are sized by body weight (FACTS K-DOSE-1). Leave it empty if you would rather not say; Titrate then cannot check a ketamine dose against your own ceiling."
            error={weightError}
          >
            <input
              {...describedBy("profile-weight", { hint: true, error: weightError })}
              inputMode="decimal"
              autoComplete="off"
              value={form.weight}
              onInput={(e) => set("weight", e.currentTarget.value)}
            />
            <select
              class="unit-select"
              aria-label="Weight unit"
              value={form.weightUnit}
              onChange={(e) => set("weightUnit", e.currentTarget.value as "kg" | "lb")}
            >
              <option value="kg">kg</option>
              <option value="lb">lb</option>
            </select>
          </Field>
          <div class="field" role="radiogroup" aria-labelledby="profile-units-label">
            <p class="label" id="profile-units-label">
              <strong>Units for body weight</strong>
            </p>
            <div class="choices">
              {(["metric", "imperial"] as const).map((u) => (
                <label key={u} class="check">
                  <input
                    type="radio"
                    name="units"
                    value={u}
                    checked={form.units === u}
                    onChange={() =>
                      onChange({ ...form, units: u, weightUnit: u === "imperial" ? "lb" : "kg" })
                    }
                  />
                  {u === "metric" ? "Metric (kg)" : "Imperial (lb)"}
                </label>
              ))}
            </div>
            <p class="hint">Doses are always in mg, µg or g, whichever units you choose.</p>
          </div>
        </fieldset>
      ) : null}
      {show("place") ? (
        <fieldset>
          <legend>Time zone and country</legend>
          <Field
            id="profile-zone"
            label="Time zone"
            hint="Plans, days and the time between doses are counted in this zone."
            error={zoneError}
          >
            <input
              {...describedBy("profile-zone", { hint: true, error: zoneError })}
              list="profile-zones"
              autoComplete="off"
              value={form.timeZone}
              onInput={(e) => set("timeZone", e.currentTarget.value)}
            />
            <datalist id="profile-zones">
              {timeZones().map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </Field>
          <Field
            id="profile-country"
            label="Country"
            hint="Chooses the emergency number and helplines Titrate shows in a crisis (FACTS CRISIS-1)."
            error={countryError}
          >
            <select
              {...describedBy("profile-country", { hint: true, error: countryError })}
              value={form.country}
              onChange={(e) => set("country", e.currentTarget.value)}
            >
              <option value="">Not listed / rather not say</option>
              {knownCountries.map((code) => (
                <option key={code} value={code}>
                  {countryNames.of(code) ?? code} ({code})
                </option>
              ))}
            </select>
          </Field>
        </fieldset>
      ) : null}
      {show("crisis") ? (
        <fieldset>
          <legend>Your own crisis numbers (optional)</legend>
          <p class="hint">
            Shown first whenever Titrate shows crisis resources. Leave empty to use your country's.
          </p>
          <Field id="profile-emergency" label="Emergency number" error={emergencyError}>
            <input
              {...describedBy("profile-emergency", { error: emergencyError })}
              inputMode="tel"
              autoComplete="off"
              value={form.emergencyNumber}
              onInput={(e) => set("emergencyNumber", e.currentTarget.value)}
            />
          </Field>
          <Field id="profile-helpline-name" label="Helpline name" error={helplineError}>
            <input
              {...describedBy("profile-helpline-name", { error: helplineError })}
              autoComplete="off"
              value={form.helplineName}
              onInput={(e) => set("helplineName", e.currentTarget.value)}
            />
          </Field>
          <Field
            id="profile-helpline-phone"
            label="Helpline phone"
            error={fieldError(error, "helpline.phone")}
          >
            <input
              id="profile-helpline-phone"
              inputMode="tel"
              autoComplete="off"
              value={form.helplinePhone}
              onInput={(e) => set("helplinePhone", e.currentTarget.value)}
            />
          </Field>
          <Field
            id="profile-helpline-url"
            label="Helpline web address"
            error={fieldError(error, "helpline.url")}
          >
            <input
              id="profile-helpline-url"
              type="url"
              autoComplete="off"
              value={form.helplineUrl}
              onInput={(e) => set("helplineUrl", e.currentTarget.value)}
            />
          </Field>
        </fieldset>
      ) : null}
      {show("conditions") ? (
        <fieldset>
          <legend>Does any of this apply to you?</legend>
          <p class="hint">
            Tick every one that does. These make ketamine or psychedelics riskier (FACTS K-CONTRA-1,
            P-RISK-1). A tick does not lock you out: Titrate shows a warning on Today that explains
            the risk, and never hides it. Your answers stay on your machine.
          </p>
          {conditions.map((c) => (
            <label key={c.id} class="check">
              <input
                type="checkbox"
                name="conditions"
                value={c.id}
                checked={form.conditions.includes(c.id)}
                onChange={(e) =>
                  set(
                    "conditions",
                    e.currentTarget.checked
                      ? [...form.conditions, c.id]
                      : form.conditions.filter((x) => x !== c.id),
                  )
                }
              />
              {c.label}
            </label>
          ))}
          {fieldError(error, "conditions") ? (
            <p class="field-error" role="alert">
              {fieldError(error, "conditions")}
            </p>
          ) : null}
        </fieldset>
      ) : null}
    </>
  );
}
