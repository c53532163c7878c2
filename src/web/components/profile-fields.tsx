/**
 * The profile's fields, shared by first-run setup and Settings: weight (in kg or lb, as the
 * units say), units, time zone, country and the person's own crisis numbers, and the
 * conditions of FACTS K-CONTRA-1 asked plainly. `toProfile` checks the form with src/core's
 * Profile schema, so a mistake is named under its field before anything is sent.
 *
 * The weight is kept in kg (`weightKg`) and only shown in the chosen unit: changing the units
 * converts the number shown (154 lb ↔ 69.9 kg), never relabels it.
 */
import { knownCountries } from "../../core/crisis.ts";
import { calculateDose } from "../../core/dose.ts";
import { type ConditionId, conditions, Profile } from "../../core/schemas/journal.ts";
import { parseWith } from "../../core/schemas/validate.ts";
import { getSubstance } from "../../core/substances/catalog.ts";
import { formatAmount, formatNumber, roundTo } from "../../core/units.ts";
import { fieldError, otherErrors } from "../api.ts";
import { KG_PER_LB, weightText } from "../lib/format.ts";
import { readNumber } from "../lib/numbers.ts";
import { browserTimeZone } from "../lib/time.ts";
import type { Profile as ProfileType } from "../types.ts";
import { Confirm } from "./confirm.tsx";
import { describedBy, Field, FormErrors } from "./field.tsx";

type Units = "metric" | "imperial";

export interface ProfileForm {
  /** The weight as shown and typed, in the units' unit (kg or lb). */
  readonly weight: string;
  /** What `weight` means in kg, exactly; kept when the units change. Null when empty or unreadable. */
  readonly weightKg: number | null;
  readonly units: Units;
  readonly timeZone: string;
  /** A known country's code, "other" (then `otherCountry`), or "" (rather not say). */
  readonly country: string;
  readonly otherCountry: string;
  readonly emergencyNumber: string;
  readonly helplineName: string;
  readonly helplinePhone: string;
  readonly helplineUrl: string;
  readonly conditions: readonly ConditionId[];
}

const unitOf = (units: Units) => (units === "imperial" ? "lb" : "kg");

/** A weight in kg as the number to show in `units`: 69.853 kg → "69.9" (kg) or "154" (lb). */
export function weightInUnits(weightKg: number, units: Units): string {
  return formatNumber(units === "imperial" ? weightKg / KG_PER_LB : weightKg, 1);
}

/** The weight typed, in kg, or null when empty or unreadable. */
function weightKgOf(text: string, units: Units): number | null {
  const read = readNumber(text, { kind: "body-weight", unit: unitOf(units) });
  if (read.value === null) return null;
  return units === "imperial" ? read.value * KG_PER_LB : read.value;
}

export function profileForm(profile: ProfileType | null): ProfileForm {
  const units = profile?.units ?? "metric";
  const weightKg = profile?.weightKg ?? null;
  const country = profile?.country ?? "";
  const known = country === "" || knownCountries.includes(country);
  return {
    weight: weightKg === null ? "" : weightInUnits(weightKg, units),
    weightKg,
    units,
    timeZone: profile?.timeZone ?? browserTimeZone(),
    country: known ? country : "other",
    otherCountry: known ? "" : country,
    emergencyNumber: profile?.emergencyNumber ?? "",
    helplineName: profile?.helpline?.name ?? "",
    helplinePhone: profile?.helpline?.phone ?? "",
    helplineUrl: profile?.helpline?.url ?? "",
    conditions: profile?.conditions ?? [],
  };
}

/** The form with its weight typed anew. */
function withWeight(form: ProfileForm, weight: string): ProfileForm {
  return { ...form, weight, weightKg: weightKgOf(weight, form.units) };
}

/** The form in other units: the same weight, shown converted. */
function withUnits(form: ProfileForm, units: Units): ProfileForm {
  if (units === form.units) return form;
  const weightKg = form.weightKg ?? weightKgOf(form.weight, form.units);
  return {
    ...form,
    units,
    weightKg,
    weight: weightKg === null ? form.weight : weightInUnits(weightKg, units),
  };
}

const blankToNull = (text: string) => (text.trim() === "" ? null : text.trim());

/** The profile the form describes, checked with the core schema (throws VALIDATION_FAILED). */
export function toProfile(form: ProfileForm): ProfileType {
  const read = readNumber(form.weight, { kind: "body-weight", unit: unitOf(form.units) });
  if (read.error) {
    throw Object.assign(new Error(`Body weight: ${read.error}`), {
      fields: [{ path: "weightKg", message: read.error }],
    });
  }
  const weightKg =
    read.value === null
      ? null
      : roundTo(form.weightKg ?? weightKgOf(form.weight, form.units) ?? 0, 3);
  const hasHelpline = [form.helplineName, form.helplinePhone, form.helplineUrl].some(
    (t) => t.trim() !== "",
  );
  const country = form.country === "other" ? form.otherCountry.trim().toUpperCase() : form.country;
  return parseWith(Profile, {
    weightKg,
    units: form.units,
    timeZone: form.timeZone.trim(),
    conditions: form.conditions,
    country: blankToNull(country),
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

/** A change of body weight big enough to be a mistake (a unit mix-up, a typo): over 20 %. */
export const WEIGHT_CHANGE_TO_CONFIRM = 0.2;

export function isBigWeightChange(before: number | null, after: number | null): boolean {
  if (before === null || after === null || before <= 0) return false;
  return Math.abs(after - before) / before > WEIGHT_CHANGE_TO_CONFIRM;
}

function ketamineCeiling(weightKg: number): string | null {
  try {
    const ketamine = getSubstance("ketamine");
    const dose = calculateDose({ substance: ketamine, weightKg });
    return formatAmount(dose.ceiling, dose.unit, ketamine.step);
  } catch {
    return null;
  }
}

/**
 * Asks before a weight changes by more than 20 %: both weights in the person's units, and
 * the ketamine ceiling before and after (FACTS K-DOSE-1), so a unit slip shows at once.
 */
export function ConfirmWeightChange({
  before,
  after,
  units,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  readonly before: number;
  readonly after: number;
  readonly units: Units;
  readonly busy?: boolean;
  readonly error?: unknown;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  const from = weightText(before, units);
  const to = weightText(after, units);
  const ceilingBefore = ketamineCeiling(before);
  const ceilingAfter = ketamineCeiling(after);
  const percent = Math.round((Math.abs(after - before) / before) * 100);
  return (
    <Confirm
      title={`Change your weight from ${from} to ${to}?`}
      confirmLabel={`Yes, I weigh ${to}`}
      busy={busy ?? false}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        That is {percent} % {after > before ? "more" : "less"} than before: check the number and the
        unit (kg or lb).
      </p>
      {ceilingBefore && ceilingAfter ? (
        <p>
          Your ketamine ceiling would go from {ceilingBefore} to <strong>{ceilingAfter}</strong> per
          dose (FACTS K-DOSE-1).
        </p>
      ) : null}
      <FormErrors messages={otherErrors(error, [])} />
    </Confirm>
  );
}

let zones: string[] | null = null;
function timeZones(): string[] {
  zones ??= (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.(
    "timeZone",
  ) ?? [browserTimeZone()];
  return zones;
}

const countryNames = new Intl.DisplayNames(["en"], { type: "region" });

/** The countries src/core/crisis.ts has numbers for, by name. */
function countryChoices(): [code: string, name: string][] {
  return knownCountries
    .map((code): [string, string] => [code, countryNames.of(code) ?? code])
    .sort((a, b) => a[1].localeCompare(b[1], "en"));
}

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
            aside={unitOf(form.units)}
          >
            <input
              {...describedBy("profile-weight", { hint: true, error: weightError })}
              inputMode="decimal"
              autoComplete="off"
              value={form.weight}
              onInput={(e) => onChange(withWeight(form, e.currentTarget.value))}
            />
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
                    onChange={() => onChange(withUnits(form, u))}
                  />
                  {u === "metric" ? "Metric (kg)" : "Imperial (lb)"}
                </label>
              ))}
            </div>
            <p class="hint">
              Changing the units converts the weight shown. Doses are always in mg, µg or g,
              whichever units you choose.
            </p>
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
            error={form.country === "other" ? undefined : countryError}
          >
            <select
              {...describedBy("profile-country", {
                hint: true,
                error: form.country === "other" ? undefined : countryError,
              })}
              value={form.country}
              onChange={(e) => set("country", e.currentTarget.value)}
            >
              <option value="">Rather not say</option>
              {countryChoices().map(([code, name]) => (
                <option key={code} value={code}>
                  {name} ({code})
                </option>
              ))}
              <option value="other">Another country (not listed)</option>
            </select>
          </Field>
          {form.country === "other" ? (
            <Field
              id="profile-other-country"
              label="Country code"
              hint="Two letters, such as NO or JP. Titrate has no crisis numbers for it yet: it shows the common emergency numbers and findahelpline.com, which lists services by country, and your own numbers below."
              error={countryError}
            >
              <input
                {...describedBy("profile-other-country", { hint: true, error: countryError })}
                autoComplete="country"
                autoCapitalize="characters"
                maxLength={2}
                value={form.otherCountry}
                onInput={(e) => set("otherCountry", e.currentTarget.value)}
              />
            </Field>
          ) : null}
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
