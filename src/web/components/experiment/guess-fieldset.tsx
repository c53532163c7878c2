/**
 * The daily guess of a blinded experiment session: active or placebo. Shown on the
 * experiment screen and with the check-in. A guess is also the record that the session's
 * dose was taken; a later guess replaces it until unblinding (docs/blinded-experiment.md).
 */
import type { Guess } from "../../types.ts";

export interface GuessFieldsetProps {
  readonly id: string;
  readonly session: { readonly number: number; readonly of: number; readonly code: string };
  readonly value: Guess | null;
  readonly onChange: (guess: Guess | null) => void;
  /** Offers "not now" (the check-in, where the guess is optional). */
  readonly optional?: boolean;
}

const choices: readonly (readonly [Guess, string])[] = [
  ["active", "Active"],
  ["placebo", "Placebo"],
];

export function GuessFieldset({ id, session, value, onChange, optional }: GuessFieldsetProps) {
  return (
    <fieldset aria-describedby={`${id}-hint`}>
      <legend>
        Session {session.number} of {session.of} ({session.code}): what do you think you took?
      </legend>
      <p class="hint" id={`${id}-hint`}>
        Guess even when unsure: the guesses show whether the blind held, and a session without a
        guess is left out of the result.
      </p>
      <div class="choices">
        {choices.map(([guess, label]) => (
          <label key={guess} class="check">
            <input
              type="radio"
              name={id}
              value={guess}
              checked={value === guess}
              onChange={() => onChange(guess)}
            />
            {label}
          </label>
        ))}
        {optional ? (
          <label class="check">
            <input
              type="radio"
              name={id}
              value=""
              checked={value === null}
              onChange={() => onChange(null)}
            />
            Not now
          </label>
        ) : null}
      </div>
    </fieldset>
  );
}
