/**
 * The fields of a consent version, for a new study and for a new version: the text
 * participants read, what the study collects, what a withdrawal does, and how dates are given.
 */
import { fieldError } from "../../api.ts";
import type { DateChoice, StudyCategory, WithdrawalChoice } from "../../study-types.ts";
import { describedBy, Field } from "../field.tsx";
import { datesText, withdrawalText } from "./consent-terms.tsx";

/** Each category as the coordinator chooses it (the participant reads codebook.ts's words). */
const categoryLabels: Readonly<Record<StudyCategory, string>> = {
  doses: "Doses: substance, amount, route, estimated or not, planned or not",
  checkIns: "Check-in ratings of the study's items",
  questionnaires: "Answers to the study's questionnaires, with totals and bands",
  symptoms: "Symptom checklists: the symptoms ticked",
  bloodPressure: "Blood pressure and pulse",
  otherSubstances:
    "Other substances, as a kind only (alcohol, a known interacting medicine, or other)",
  notes: "Free text: notes, effects and after-effects, the names of other substances",
};
const studyCategories = Object.keys(categoryLabels) as StudyCategory[];

export interface ConsentForm {
  text: string;
  collects: StudyCategory[];
  onWithdrawal: WithdrawalChoice;
  dates: DateChoice;
}

export const emptyConsent: ConsentForm = {
  text: "",
  collects: ["doses", "checkIns", "questionnaires"],
  onWithdrawal: "keep",
  dates: "shifted",
};

/** `prefix` is the error path of the consent in the request ("consent" or ""). */
export function ConsentFields({
  form,
  onChange,
  error,
  prefix,
  idPrefix,
}: {
  readonly form: ConsentForm;
  readonly onChange: (form: ConsentForm) => void;
  readonly error: unknown;
  readonly prefix: string;
  readonly idPrefix: string;
}) {
  const path = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const textError = fieldError(error, path("text"));
  const collectsError = fieldError(error, path("collects"));
  return (
    <>
      <Field
        id={`${idPrefix}-text`}
        label="Consent text"
        hint="What participants read before they accept: the study's purpose, what taking part involves, who sees the data and for how long, and whom to contact. The terms below are shown with it, in plain words."
        error={textError}
      >
        <textarea
          {...describedBy(`${idPrefix}-text`, { hint: true, error: textError })}
          rows={8}
          value={form.text}
          onInput={(e) => onChange({ ...form, text: e.currentTarget.value })}
        />
      </Field>
      <fieldset aria-describedby={collectsError ? `${idPrefix}-collects-error` : undefined}>
        <legend>What the study collects</legend>
        {studyCategories.map((c) => (
          <label key={c} class="check">
            <input
              type="checkbox"
              checked={form.collects.includes(c)}
              onChange={(e) =>
                onChange({
                  ...form,
                  collects: e.currentTarget.checked
                    ? studyCategories.filter((x) => x === c || form.collects.includes(x))
                    : form.collects.filter((x) => x !== c),
                })
              }
            />
            {categoryLabels[c]}
          </label>
        ))}
        {collectsError ? (
          <p class="field-error" id={`${idPrefix}-collects-error`} role="alert">
            {collectsError}
          </p>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>When a participant withdraws</legend>
        {(["keep", "delete"] as const).map((choice) => (
          <label key={choice} class="check">
            <input
              type="radio"
              name={`${idPrefix}-withdrawal`}
              checked={form.onWithdrawal === choice}
              onChange={() => onChange({ ...form, onWithdrawal: choice })}
            />
            {choice === "keep" ? "Keep what they recorded until then" : "Delete their study data"}
            <span class="visually-hidden">: {withdrawalText(choice)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Dates</legend>
        {(["shifted", "exact"] as const).map((choice) => (
          <label key={choice} class="check">
            <input
              type="radio"
              name={`${idPrefix}-dates`}
              checked={form.dates === choice}
              onChange={() => onChange({ ...form, dates: choice })}
            />
            {choice === "shifted"
              ? "Study days and times of day only (no calendar dates)"
              : "Exact dates and times"}
            <span class="visually-hidden">: {datesText(choice)}</span>
          </label>
        ))}
      </fieldset>
    </>
  );
}
