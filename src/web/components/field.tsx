/**
 * A labelled form control with its hint and its error. Every control in the app goes
 * through here, so each has a <label>, and a server validation error appears under the
 * field it belongs to, announced and linked with aria-describedby.
 */
import type { ComponentChildren } from "preact";

interface FieldProps {
  readonly id: string;
  readonly label: ComponentChildren;
  readonly hint?: ComponentChildren;
  readonly error?: string | undefined;
  /** Shown beside the control (the unit, the ceiling…). */
  readonly aside?: ComponentChildren;
  readonly children: ComponentChildren;
}

export function Field({ id, label, hint, error, aside, children }: FieldProps) {
  return (
    <div class={error ? "field has-error" : "field"}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div class="control">
        {children}
        {aside ? (
          <div class={typeof aside === "string" && aside.length <= 16 ? "aside unit" : "aside"}>
            {aside}
          </div>
        ) : null}
      </div>
      {error ? (
        <p class="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The aria attributes a control inside <Field> needs. */
export function describedBy(id: string, options: { hint?: boolean; error?: string | undefined }) {
  const ids = [options.hint ? `${id}-hint` : null, options.error ? `${id}-error` : null].filter(
    Boolean,
  );
  return {
    id,
    "aria-describedby": ids.length > 0 ? ids.join(" ") : undefined,
    "aria-invalid": options.error ? ("true" as const) : undefined,
  };
}

interface WhenFieldProps {
  readonly id: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | undefined;
  /** The zone the date and time are read in: the profile's. */
  readonly timeZone: string;
  readonly label?: string;
}

/** A date and time, read in the profile's zone, which the field names. */
export function WhenField({ id, value, onChange, error, timeZone, label }: WhenFieldProps) {
  return (
    <Field id={id} label={label ?? "When"} hint={`In ${timeZone} (your profile)`} error={error}>
      <input
        {...describedBy(id, { hint: true, error })}
        type="datetime-local"
        value={value}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
    </Field>
  );
}

/** Errors of a form that belong to no one field, at its top. */
export function FormErrors({ messages }: { readonly messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div class="notice danger" role="alert">
      {messages.length === 1 ? (
        <p>{messages[0]}</p>
      ) : (
        <ul>
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
