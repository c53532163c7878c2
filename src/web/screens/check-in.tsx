/**
 * Check in: how you are (mood, energy, focus, anxiety, sleep on 0–10 sliders, each with its
 * number and what the ends mean), the effects and after-effects in your words, and a note.
 * Opened from Today's morning-after prompt, it asks about after-effects first.
 */
import { useState } from "preact/hooks";
import { shulginRatings } from "../../core/schemas/journal.ts";
import { api, fieldError, otherErrors } from "../api.ts";
import { useTimeZone } from "../app-context.ts";
import { GuessFieldset } from "../components/experiment/guess-fieldset.tsx";
import { useSessionToday } from "../components/experiment/use-session-today.ts";
import { describedBy, Field, FormErrors, WhenField } from "../components/field.tsx";
import { FindingList } from "../components/findings.tsx";
import { fromLocalInput, nowInstant, toLocalInput, whenProblem } from "../lib/time.ts";
import { followLink, queryParam } from "../router.ts";
import type { Guess, Recorded } from "../types.ts";
import { useFocusWhen } from "../use-focus.ts";
import { useSubmit } from "../use-submit.ts";

const ratings = [
  { key: "mood", label: "Mood", low: "very low", high: "very good" },
  { key: "energy", label: "Energy", low: "exhausted", high: "full of energy" },
  { key: "focus", label: "Focus", low: "scattered", high: "sharp" },
  { key: "anxiety", label: "Anxiety", low: "none", high: "severe" },
  { key: "sleep", label: "Last night's sleep", low: "very poor", high: "very good" },
] as const;
type RatingKey = (typeof ratings)[number]["key"];

export default function CheckInScreen() {
  const timeZone = useTimeZone();
  const morningAfter = queryParam("after") === "1";
  const [values, setValues] = useState<Record<RatingKey, number | null>>({
    mood: null,
    energy: null,
    focus: null,
    anxiety: null,
    sleep: null,
  });
  const [effects, setEffects] = useState("");
  const [afterEffects, setAfterEffects] = useState("");
  const [note, setNote] = useState("");
  const [shulgin, setShulgin] = useState("");
  const [when, setWhen] = useState(() => toLocalInput(nowInstant(), timeZone));
  const [saved, setSaved] = useState<Recorded<unknown> | null>(null);
  const savedHeading = useFocusWhen<HTMLHeadingElement>(saved);
  const session = useSessionToday();
  const [guess, setGuess] = useState<Guess | null>(null);
  const [guessSaved, setGuessSaved] = useState<Guess | null>(null);
  const text = (t: string) => (t.trim() === "" ? null : t.trim());
  const whenError = whenProblem(fromLocalInput(when, timeZone)) ?? undefined;
  const submit = useSubmit(async () => {
    if (whenError) {
      throw Object.assign(new Error("Check the time."), {
        fields: [{ path: "at", message: whenError }],
      });
    }
    const recorded = await api.post<Recorded<unknown>>("/api/v1/check-ins", {
      at: fromLocalInput(when, timeZone),
      ...values,
      effects: text(effects),
      afterEffects: text(afterEffects),
      note: text(note),
      shulgin: shulgin === "" ? null : shulgin,
    });
    setSaved(recorded);
    // The guess goes after the check-in, as the procedure has it; the check-in is kept even
    // if the guess cannot be saved (it can be given again on the Experiment screen).
    if (session && guess !== null) {
      await api.post("/api/v1/experiments/current/guess", { guess });
      setGuessSaved(guess);
    }
  });

  if (saved) {
    return (
      <>
        <h1 tabIndex={-1} ref={savedHeading}>
          Check-in saved
        </h1>
        <p class="notice success" role="status">
          Thank you. Your check-in is in the journal.
          {guessSaved && session
            ? ` Your guess for experiment session ${session.number}: ${guessSaved}.`
            : ""}
        </p>
        <FormErrors messages={otherErrors(submit.error, [])} />
        <FindingList findings={saved.findings} title="What Titrate noticed" />
        <a class="button" href="/today" onClick={followLink}>
          Back to Today
        </a>
      </>
    );
  }

  const e = submit.error;
  const afterField = (
    <Field
      id="checkin-after"
      label="After-effects"
      hint="Anything since the last dose: headache, tiredness, low mood, trouble sleeping, pain when urinating…"
      error={fieldError(e, "afterEffects")}
    >
      <textarea
        {...describedBy("checkin-after", { hint: true, error: fieldError(e, "afterEffects") })}
        value={afterEffects}
        onInput={(ev) => setAfterEffects(ev.currentTarget.value)}
      />
    </Field>
  );
  return (
    <>
      <h1>{morningAfter ? "The morning after" : "Check in"}</h1>
      <p>Rate what you want to; leave the rest. Honest ratings make the journal useful.</p>
      <form onSubmit={submit.submit} noValidate>
        <FormErrors
          messages={otherErrors(e, [
            ...ratings.map((r) => r.key),
            "effects",
            "afterEffects",
            "note",
            "shulgin",
            "at",
          ])}
        />
        {morningAfter ? afterField : null}
        <fieldset>
          <legend>Ratings, 0 to 10</legend>
          {ratings.map((r) => (
            <Slider
              key={r.key}
              id={`checkin-${r.key}`}
              label={r.label}
              low={r.low}
              high={r.high}
              value={values[r.key]}
              error={fieldError(e, r.key)}
              onChange={(v) => setValues((old) => ({ ...old, [r.key]: v }))}
            />
          ))}
        </fieldset>
        <Field
          id="checkin-effects"
          label="Effects"
          hint="What you noticed from the dose, in your words."
          error={fieldError(e, "effects")}
        >
          <textarea
            {...describedBy("checkin-effects", { hint: true, error: fieldError(e, "effects") })}
            value={effects}
            onInput={(ev) => setEffects(ev.currentTarget.value)}
          />
        </Field>
        {morningAfter ? null : afterField}
        <Field
          id="checkin-shulgin"
          label="Intensity (Shulgin scale, optional)"
          hint="− no effect, ± threshold, + to +++ increasing, ++++ a peak experience."
          error={fieldError(e, "shulgin")}
        >
          <select
            {...describedBy("checkin-shulgin", { hint: true, error: fieldError(e, "shulgin") })}
            value={shulgin}
            onChange={(ev) => setShulgin(ev.currentTarget.value)}
          >
            <option value="">Not rated</option>
            {shulginRatings.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </Field>
        <Field id="checkin-note" label="Note" error={fieldError(e, "note")}>
          <textarea
            {...describedBy("checkin-note", { error: fieldError(e, "note") })}
            value={note}
            onInput={(ev) => setNote(ev.currentTarget.value)}
          />
        </Field>
        {session ? (
          <GuessFieldset
            id="checkin-guess"
            session={session}
            value={guess ?? session.guess}
            onChange={setGuess}
            optional={session.guess === null}
          />
        ) : null}
        <WhenField
          id="checkin-when"
          value={when}
          onChange={setWhen}
          error={whenError ?? fieldError(e, "at")}
          timeZone={timeZone}
        />
        <button type="submit" class="button" disabled={submit.busy}>
          {submit.busy ? "Saving…" : "Save check-in"}
        </button>
      </form>
    </>
  );
}

interface SliderProps {
  readonly id: string;
  readonly label: string;
  readonly low: string;
  readonly high: string;
  readonly value: number | null;
  readonly error?: string | undefined;
  readonly onChange: (value: number | null) => void;
}

/** Keys that move a range input: any of them on an unrated slider rates it. */
const SLIDER_KEYS = new Set([
  "ArrowLeft",
  "ArrowRight",
  "ArrowUp",
  "ArrowDown",
  "Home",
  "End",
  "PageUp",
  "PageDown",
]);

/**
 * A 0–10 slider with its number shown. "Not rated" is its own state, drawn differently (a
 * hollow thumb, a dashed track, "–" for the number, "Not rated" in words), never a silent 5:
 * any touch of it — a tap or click anywhere on it, the thumb included, or a key that moves
 * it — rates it with the value it then shows. "Clear" goes back to not rated.
 */
function Slider({ id, label, low, high, value, error, onChange }: SliderProps) {
  const unrated = value === null;
  // An unrated slider's thumb sits in the middle; a tap on it changes nothing the browser
  // reports (no input event), so the touch itself rates it: pointerdown first, then the
  // input event of a drag or a tap elsewhere moves it on.
  const rateAsShown = (element: HTMLInputElement) => {
    if (unrated) onChange(Number(element.value));
  };
  return (
    <div class={error ? "field has-error" : "field"}>
      <label for={id}>{label}</label>
      <div class={unrated ? "slider-row unrated" : "slider-row"}>
        <input
          id={id}
          type="range"
          min={0}
          max={10}
          step={1}
          value={value ?? 5}
          aria-valuetext={unrated ? "not rated" : `${value} of 10`}
          aria-describedby={`${id}-scale ${id}-state`}
          onPointerDown={(ev) => rateAsShown(ev.currentTarget)}
          onClick={(ev) => rateAsShown(ev.currentTarget)}
          onKeyDown={(ev) => {
            if (SLIDER_KEYS.has(ev.key)) rateAsShown(ev.currentTarget);
          }}
          onInput={(ev) => onChange(Number(ev.currentTarget.value))}
        />
        <output for={id} aria-hidden="true">
          {unrated ? "–" : value}
        </output>
      </div>
      <p class="scale-labels" id={`${id}-scale`}>
        <span>0 = {low}</span>
        <span>10 = {high}</span>
      </p>
      {unrated ? (
        <p class="hint" id={`${id}-state`}>
          Not rated: tap or drag to rate.
        </p>
      ) : (
        <p class="hint" id={`${id}-state`}>
          Rated {value} of 10.{" "}
          <button type="button" class="link-button" onClick={() => onChange(null)}>
            Clear {label.toLowerCase()}
          </button>
        </p>
      )}
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
