/**
 * The journal: every entry on a timeline (newest first), filtered by kind and date; each can
 * be corrected (time, note, amount) or deleted after a confirmation.
 */
import { useState } from "preact/hooks";
import { instruments } from "../../core/questionnaires/instruments.ts";
import { api, fieldError, otherErrors } from "../api.ts";
import { useApp, useTimeZone } from "../app-context.ts";
import { Confirm } from "../components/confirm.tsx";
import { describedBy, Field, FormErrors, WhenField } from "../components/field.tsx";
import { FindingList } from "../components/findings.tsx";
import { LoadError, listOf } from "../components/load.tsx";
import { amountText } from "../lib/format.ts";
import { readNumber } from "../lib/numbers.ts";
import { routeName, substanceName } from "../lib/substances.ts";
import { formatWhen, fromLocalInput, localDate, toLocalInput, whenProblem } from "../lib/time.ts";
import type { Finding, Recorded, TimelineEntry, TimelineKind } from "../types.ts";
import { useApi } from "../use-api.ts";
import { useFocusWhen } from "../use-focus.ts";
import { useSubmit } from "../use-submit.ts";

const kindNames: Readonly<Record<TimelineKind, string>> = {
  dose: "Dose",
  substance: "Other substance",
  checkin: "Check-in",
  symptom: "Symptoms",
  bp: "Blood pressure",
  screening: "Screening",
  note: "Note",
};
const kinds = Object.keys(kindNames) as TimelineKind[];

/** The start of a local date in `timeZone`, as an instant; null for an empty field. */
function dayStart(date: string, timeZone: string): string | null {
  return date === "" ? null : fromLocalInput(`${date}T00:00`, timeZone);
}

export default function JournalScreen() {
  const timeZone = useTimeZone();
  const [types, setTypes] = useState<readonly TimelineKind[]>(kinds);
  const [since, setSince] = useState(() => localDate(Date.now() - 30 * 86_400_000, timeZone));
  const [until, setUntil] = useState("");
  const params = new URLSearchParams();
  const sinceAt = dayStart(since, timeZone);
  // "Until" a date includes that whole day: up to the start of the next.
  const untilAt = until === "" ? null : dayStart(nextDate(until), timeZone);
  if (sinceAt) params.set("since", sinceAt);
  if (untilAt) params.set("until", untilAt);
  if (types.length < kinds.length && types.length > 0) params.set("types", types.join(","));
  const journal = useApi<{ entries: TimelineEntry[] } | TimelineEntry[]>(
    types.length === 0 ? null : `/api/v1/journal?${params.toString()}`,
  );
  const entries = types.length === 0 ? [] : [...listOf(journal.data, "entries")].reverse();
  // What was just deleted: said, and focused, since the Delete button that had the focus is
  // gone with its entry.
  const [deleted, setDeleted] = useState<{ readonly text: string } | null>(null);
  const deletedNotice = useFocusWhen<HTMLParagraphElement>(deleted);
  return (
    <>
      <h1>Journal</h1>
      <form class="card" aria-label="Filter the journal" onSubmit={(e) => e.preventDefault()}>
        <div class="filters">
          <Field id="journal-since" label="From">
            <input
              id="journal-since"
              type="date"
              value={since}
              onInput={(e) => setSince(e.currentTarget.value)}
            />
          </Field>
          <Field id="journal-until" label="To">
            <input
              id="journal-until"
              type="date"
              value={until}
              onInput={(e) => setUntil(e.currentTarget.value)}
            />
          </Field>
          <fieldset class="wide">
            <legend>Show</legend>
            <div class="choices">
              {kinds.map((k) => (
                <label key={k} class="check">
                  <input
                    type="checkbox"
                    checked={types.includes(k)}
                    onChange={(e) =>
                      setTypes(
                        e.currentTarget.checked
                          ? kinds.filter((x) => x === k || types.includes(x))
                          : types.filter((x) => x !== k),
                      )
                    }
                  />
                  {kindNames[k]}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
      </form>
      <LoadError error={journal.error} />
      {journal.loading ? <p class="muted">Loading…</p> : null}
      {!journal.loading && entries.length === 0 ? (
        <p class="muted">Nothing in the journal for these dates and kinds.</p>
      ) : null}
      <div role="status">
        {deleted ? (
          <p class="notice success" tabIndex={-1} ref={deletedNotice}>
            {deleted.text}
          </p>
        ) : null}
      </div>
      <ul class="plain" aria-label="Entries, newest first">
        {entries.map((entry) => (
          <EntryItem
            key={entry.id}
            entry={entry}
            timeZone={timeZone}
            onChange={journal.reload}
            onDeleted={(text) => setDeleted({ text })}
          />
        ))}
      </ul>
    </>
  );
}

function nextDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The entry in one line of words. */
function summary(entry: TimelineEntry): string {
  // biome-ignore lint/suspicious/noExplicitAny: each kind reads its own record's fields.
  const r = entry.record as Record<string, any>;
  switch (entry.kind) {
    case "dose":
      return `${substanceName(r.substance)}, ${amountText(r.amount, r.unit)}${r.isEstimate ? " (estimate)" : ""}, ${routeName(r.route)}`;
    case "substance":
      return `${r.name}${r.amount !== null ? `, ${amountText(r.amount, r.unit)}` : ""}`;
    case "checkin": {
      const parts = (["mood", "energy", "focus", "anxiety", "sleep"] as const)
        .filter((k) => r[k] !== null && r[k] !== undefined)
        .map((k) => `${k} ${r[k]}/10`);
      const words = [r.effects, r.afterEffects && `after-effects: ${r.afterEffects}`].filter(
        Boolean,
      );
      return [parts.length > 0 ? parts.join(", ") : "no ratings", ...words].join(". ");
    }
    case "symptom": {
      const symptoms = r.symptoms as string[];
      const checklist = instruments.find((i) => i.id === r.checklist);
      const names = symptoms.map((s) => checklist?.items.find((i) => i.id === s)?.text ?? s);
      return `${checklist?.name ?? r.checklist}: ${names.length > 0 ? names.join("; ") : "none of these"}`;
    }
    case "bp":
      return `${r.systolicMmHg}/${r.diastolicMmHg} mmHg${r.pulseBpm !== null ? `, pulse ${r.pulseBpm} bpm` : ""}`;
    case "screening": {
      const instrument = instruments.find((i) => i.id === r.instrument);
      const band = instrument?.bands.find((b) => b.id === r.band);
      return `${instrument?.name ?? r.instrument}: ${r.total} (${band?.label ?? r.band})`;
    }
    default:
      return String(r.text ?? r.note ?? "");
  }
}

interface EntryItemProps {
  readonly entry: TimelineEntry;
  readonly timeZone: string;
  readonly onChange: () => Promise<void>;
  readonly onDeleted: (text: string) => void;
}

/** A PHQ-9 with an answer above 0 to item 9 (thoughts of death or self-harm), FACTS Q-PHQ9. */
export function isCrisisScreening(entry: TimelineEntry): boolean {
  if (entry.kind !== "screening") return false;
  const r = entry.record as { crisis?: unknown; instrument?: unknown; answers?: unknown };
  if (r.crisis === true) return true;
  const answers = Array.isArray(r.answers) ? (r.answers as unknown[]) : [];
  const item = instruments.find((i) => i.id === r.instrument)?.crisisItemIndex;
  return item !== undefined && item !== null && Number(answers[item] ?? 0) > 0;
}

function EntryItem({ entry, timeZone, onChange, onDeleted }: EntryItemProps) {
  const { showCrisis } = useApp();
  const [mode, setMode] = useState<"view" | "edit" | "delete">("view");
  const [findings, setFindings] = useState<readonly Finding[]>([]);
  const remove = useSubmit(
    () => api.delete(`/api/v1/entries/${encodeURIComponent(entry.id)}`),
    async () => {
      setMode("view");
      await onChange();
      onDeleted(
        `Deleted the ${kindNames[entry.kind].toLowerCase()} of ${formatWhen(entry.at, timeZone)}.`,
      );
    },
  );
  const note = (entry.record as { note?: string | null }).note;
  return (
    <li class="entry">
      <div class="entry-head">
        <span class="entry-kind">{kindNames[entry.kind]}</span>
        <time dateTime={entry.at}>{formatWhen(entry.at, timeZone)}</time>
      </div>
      <p>{summary(entry)}</p>
      {isCrisisScreening(entry) ? (
        <div class="notice danger">
          <p>
            <strong>Item 9 answered above 0:</strong> thoughts of death or of hurting yourself
            (FACTS Q-PHQ9). If you feel this way now, please reach out.
          </p>
          <button type="button" class="button secondary small" onClick={() => showCrisis()}>
            Where to get help now
          </button>
        </div>
      ) : null}
      {note ? <p class="muted">{note}</p> : null}
      <FindingList findings={findings} title="After the correction" />
      {mode === "edit" ? (
        <EditEntry
          entry={entry}
          timeZone={timeZone}
          onDone={async (answer) => {
            setMode("view");
            setFindings(answer?.findings ?? []);
            await onChange();
          }}
          onCancel={() => setMode("view")}
        />
      ) : (
        <div class="actions">
          <button type="button" class="button secondary small" onClick={() => setMode("edit")}>
            Edit
            <span class="visually-hidden">
              {" "}
              {kindNames[entry.kind].toLowerCase()} of {formatWhen(entry.at, timeZone)}
            </span>
          </button>
          <button type="button" class="button secondary small" onClick={() => setMode("delete")}>
            Delete
            <span class="visually-hidden">
              {" "}
              {kindNames[entry.kind].toLowerCase()} of {formatWhen(entry.at, timeZone)}
            </span>
          </button>
        </div>
      )}
      {mode === "delete" ? (
        <Confirm
          title={`Delete this ${kindNames[entry.kind].toLowerCase()}?`}
          confirmLabel="Delete it"
          busy={remove.busy}
          onConfirm={() => void remove.submit()}
          onCancel={() => setMode("view")}
        >
          <p>
            {formatWhen(entry.at, timeZone)}: {summary(entry)}
          </p>
          <p>It is removed from the journal for good.</p>
          <FormErrors messages={otherErrors(remove.error, [])} />
        </Confirm>
      ) : null}
    </li>
  );
}

interface EditEntryProps {
  readonly entry: TimelineEntry;
  readonly timeZone: string;
  readonly onDone: (answer: Recorded<unknown> | undefined) => Promise<void>;
  readonly onCancel: () => void;
}

function EditEntry({ entry, timeZone, onDone, onCancel }: EditEntryProps) {
  const record = entry.record as { note?: string | null; amount?: number | null; unit?: string };
  const hasNote = "note" in record;
  const hasAmount = entry.kind === "dose";
  const [when, setWhen] = useState(() => toLocalInput(entry.at, timeZone));
  const [note, setNote] = useState(record.note ?? "");
  const [amount, setAmount] = useState(
    record.amount === null || record.amount === undefined ? "" : String(record.amount),
  );
  const amountRead = readNumber(amount, { kind: "mass", unit: record.unit ?? "mg" });
  const at = fromLocalInput(when, timeZone);
  const whenError = whenProblem(at) ?? undefined;
  const submit = useSubmit(() => {
    const wrong = [
      ...(hasAmount && amountRead.error ? [{ path: "amount", message: amountRead.error }] : []),
      ...(whenError ? [{ path: "at", message: whenError }] : []),
    ];
    if (wrong.length > 0) {
      throw Object.assign(new Error("Check the fields marked."), { fields: wrong });
    }
    const changes: Record<string, unknown> = { at: at ?? when };
    if (hasNote) changes.note = note.trim() === "" ? null : note;
    if (hasAmount) changes.amount = amountRead.value;
    return api.patch<Recorded<unknown>>(`/api/v1/entries/${encodeURIComponent(entry.id)}`, changes);
  }, onDone);
  const e = submit.error;
  const id = `edit-${entry.id}`;
  return (
    <form onSubmit={submit.submit} noValidate aria-label="Correct this entry">
      <FormErrors messages={otherErrors(e, ["at", "note", "amount"])} />
      <WhenField
        id={`${id}-at`}
        value={when}
        onChange={setWhen}
        error={whenError ?? fieldError(e, "at")}
        timeZone={timeZone}
      />
      {hasAmount ? (
        <Field
          id={`${id}-amount`}
          label="Amount"
          error={amountRead.error ?? fieldError(e, "amount")}
          aside={record.unit}
        >
          <input
            {...describedBy(`${id}-amount`, {
              error: amountRead.error ?? fieldError(e, "amount"),
            })}
            inputMode="decimal"
            value={amount}
            onInput={(ev) => setAmount(ev.currentTarget.value)}
          />
        </Field>
      ) : null}
      {hasNote ? (
        <Field id={`${id}-note`} label="Note" error={fieldError(e, "note")}>
          <textarea
            {...describedBy(`${id}-note`, { error: fieldError(e, "note") })}
            value={note}
            onInput={(ev) => setNote(ev.currentTarget.value)}
          />
        </Field>
      ) : null}
      <div class="actions">
        <button type="submit" class="button" disabled={submit.busy}>
          Save the correction
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
