/**
 * "Your study": the study you take part in, the consent you accepted (and a newer version to
 * read and accept, or not), what the study sees of you, questionnaires due, the study's dose
 * protocol to start as a plan, and withdrawing — which says beforehand and afterwards what
 * happens to your data, as your consent said.
 */
import { useState } from "preact/hooks";
import { api, download, fieldError, otherErrors } from "../api.ts";
import { useApp, useTimeZone } from "../app-context.ts";
import { Confirm } from "../components/confirm.tsx";
import { describedBy, Field, FormErrors } from "../components/field.tsx";
import { LoadError } from "../components/load.tsx";
import { ConsentTerms, ConsentText } from "../components/study/consent-terms.tsx";
import {
  everyText,
  instrumentName,
  StudyDesignSummary,
} from "../components/study/study-design.tsx";
import { listText } from "../lib/format.ts";
import { formatDate, formatWhen, localDate } from "../lib/time.ts";
import { followLink } from "../router.ts";
import type { Participation, StudyCategory } from "../study-types.ts";
import { useApi } from "../use-api.ts";
import { useSubmit } from "../use-submit.ts";

const categoryNames: Readonly<Record<StudyCategory, string>> = {
  doses: "your doses",
  checkIns: "your check-ins",
  questionnaires: "your answers to the study's questionnaires",
  symptoms: "your symptom checklists",
  bloodPressure: "your blood-pressure readings",
  otherSubstances: "the other substances you logged",
  notes: "your notes",
};

/** Each table's entries in words, one and many. */
const entryNames: Readonly<Record<string, readonly [string, string]>> = {
  doses: ["dose", "doses"],
  check_ins: ["check-in", "check-ins"],
  screenings: ["questionnaire", "questionnaires"],
  symptom_reports: ["symptom report", "symptom reports"],
  blood_pressures: ["blood-pressure reading", "blood-pressure readings"],
  other_substances: ["other substance", "other substances"],
  notes: ["note", "notes"],
};

function entriesText(table: string, n: number): string {
  const [one, many] = entryNames[table] ?? [table, table];
  return `${n} ${n === 1 ? one : many}`;
}

export default function ParticipationScreen() {
  const answer = useApi<{ current: Participation | null }>("/api/v1/participation");
  const current = answer.data?.current ?? null;
  return (
    <>
      <h1>Your study</h1>
      <LoadError error={answer.error} />
      {answer.loading && !answer.data ? <p class="muted">Loading…</p> : null}
      {answer.data && current === null ? (
        <section class="card">
          <p>You are not taking part in a study.</p>
          <p>
            <a class="button" href="/join" onClick={followLink}>
              Join a study with an invitation code
            </a>
          </p>
        </section>
      ) : null}
      {current ? <InStudy p={current} reload={answer.reload} /> : null}
    </>
  );
}

function InStudy({
  p,
  reload,
}: {
  readonly p: Participation;
  readonly reload: () => Promise<void>;
}) {
  const { profile } = useApp();
  const zone = profile?.timeZone ?? p.study.timeZone;
  return (
    <>
      {p.withdrawal ? <Withdrawn p={p} zone={zone} /> : null}
      <section class="card" aria-labelledby="study-title">
        <h2 id="study-title">{p.study.title}</h2>
        <p>
          {p.status === "active"
            ? `You joined on ${formatDate(localDate(p.joinedAt, zone))}. Today is study day ${Math.max(0, p.daysInStudy - 1)}.`
            : p.status === "completed"
              ? `The study ended on ${formatDate(p.study.endDate)}. Thank you for taking part.`
              : `You took part from ${formatDate(p.firstDay)} until you withdrew.`}
        </p>
        {p.study.description ? <p class="pre-line">{p.study.description}</p> : null}
        <StudyDesignSummary study={p.study} />
      </section>
      {p.status === "active" ? <Due p={p} /> : null}
      {p.newerConsent ? <NewerConsent p={p} reload={reload} /> : null}
      <section class="card" aria-labelledby="consent-title">
        <h2 id="consent-title">Your consent</h2>
        <p>
          You accepted version {p.consent.version} on {formatWhen(p.consent.acceptedAt, zone)}.
          {p.history.length > 1
            ? ` Before that: ${listText(p.history.slice(0, -1).map((h) => `version ${h.version} on ${formatWhen(h.acceptedAt, zone)}`))}.`
            : ""}
        </p>
        {p.withdrawal ? (
          <p>Since you withdrew, nothing you record reaches the study.</p>
        ) : (
          <ConsentTerms consent={p.consent} />
        )}
        <details>
          <summary>The consent you accepted, in full</summary>
          <ConsentText consent={p.consent} />
        </details>
      </section>
      {p.status === "active" && p.study.protocol ? <StartPlan reload={reload} /> : null}
      {p.withdrawal ? null : <Withdraw p={p} reload={reload} />}
    </>
  );
}

function Due({ p }: { readonly p: Participation }) {
  const due = p.questionnaires.filter((q) => q.due);
  if (p.questionnaires.length === 0) return null;
  return (
    <section class={due.length > 0 ? "card prompt" : "card"} aria-labelledby="due-title">
      <h2 id="due-title">Questionnaires</h2>
      <ul>
        {p.questionnaires.map((q) => (
          <li key={q.instrument}>
            {instrumentName(q.instrument)}, {everyText(q.everyDays)}:{" "}
            {q.due ? <strong>due now</strong> : `done on study day ${q.lastDay}`}
          </li>
        ))}
      </ul>
      {due.length > 0 ? (
        <p>
          <a class="button" href="/screenings" onClick={followLink}>
            Answer on Screenings
          </a>
        </p>
      ) : null}
    </section>
  );
}

function NewerConsent({
  p,
  reload,
}: {
  readonly p: Participation;
  readonly reload: () => Promise<void>;
}) {
  const newer = p.newerConsent;
  const accept = useSubmit(
    () => api.post("/api/v1/participation/consent", { consentVersion: newer?.version }),
    reload,
  );
  if (!newer) return null;
  return (
    <section class="card prompt" aria-labelledby="newer-title">
      <h2 id="newer-title">A new consent version: {newer.version}</h2>
      <p>
        The study has changed its consent. Until you accept the new version, version{" "}
        {p.consent.version} — the one you accepted — decides what the study sees.
      </p>
      <ConsentText consent={newer} />
      <ConsentTerms consent={newer} />
      <FormErrors messages={otherErrors(accept.error, [])} />
      <button
        type="button"
        class="button"
        onClick={() => void accept.submit()}
        disabled={accept.busy}
      >
        Accept version {newer.version}
      </button>
    </section>
  );
}

function StartPlan({ reload }: { readonly reload: () => Promise<void> }) {
  // The server reads the date and time in the profile's zone, so the form does too.
  const timeZone = useTimeZone();
  const [startDate, setStartDate] = useState(() => localDate(Date.now(), timeZone));
  const [localTime, setLocalTime] = useState("09:00");
  const [started, setStarted] = useState(false);
  const start = useSubmit(
    () => api.post("/api/v1/participation/plan", { startDate, localTime }),
    async () => {
      setStarted(true);
      await reload();
    },
  );
  const e = start.error;
  return (
    <section class="card" aria-labelledby="plan-title">
      <h2 id="plan-title">Follow the study's dose protocol</h2>
      <p class="hint">
        It becomes your own plan, checked like any plan against your weight and the substance's
        minimum interval, until the study's end. You can end it on the Plan screen.
      </p>
      <form onSubmit={start.submit} noValidate>
        <FormErrors messages={otherErrors(e, ["startDate", "localTime"])} />
        <Field id="plan-start" label="First dose on" error={fieldError(e, "startDate")}>
          <input
            {...describedBy("plan-start", { error: fieldError(e, "startDate") })}
            type="date"
            value={startDate}
            onInput={(ev) => setStartDate(ev.currentTarget.value)}
          />
        </Field>
        <Field
          id="plan-time"
          label="At"
          hint={`In ${timeZone} (your profile)`}
          error={fieldError(e, "localTime")}
        >
          <input
            {...describedBy("plan-time", { hint: true, error: fieldError(e, "localTime") })}
            type="time"
            value={localTime}
            onInput={(ev) => setLocalTime(ev.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="button secondary" disabled={start.busy}>
          Start the plan
        </button>
        {started ? (
          <p class="notice success" role="status">
            Your plan is made.{" "}
            <a href="/plan" onClick={followLink}>
              See it on Plan
            </a>
            .
          </p>
        ) : null}
      </form>
    </section>
  );
}

function Withdraw({
  p,
  reload,
}: {
  readonly p: Participation;
  readonly reload: () => Promise<void>;
}) {
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState("");
  const withdraw = useSubmit(
    () => api.post("/api/v1/participation/withdraw", { confirm: typed.trim().toLowerCase() }),
    async () => {
      setAsking(false);
      await reload();
      window.scrollTo(0, 0);
    },
  );
  const deletes = p.consent.onWithdrawal === "delete";
  const kinds = listText(p.consent.collects.map((c) => categoryNames[c]));
  return (
    <section class="card" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">Withdraw from the study</h2>
      <p>You can withdraw at any time, without giving a reason. It cannot be undone.</p>
      <p>
        <strong>
          {deletes
            ? `Your consent says your study data are then deleted: ${kinds}, from your first study day until ${p.status === "completed" ? "the study's last day" : "you withdraw"}, are deleted from your journal here.`
            : "Your consent says your study data are then kept: what you recorded until you withdraw stays in the study, under your pseudonym, as it is then, and nothing afterwards reaches it — not even an edit: those entries can still be deleted, but no longer changed."}
        </strong>
      </p>
      {deletes ? (
        <p>
          To keep a copy for yourself,{" "}
          <button
            type="button"
            class="link-button"
            onClick={() => void download("/api/v1/export", undefined, "titrate-export.json")}
          >
            download your journal
          </button>{" "}
          first.
        </p>
      ) : null}
      <button type="button" class="button danger" onClick={() => setAsking(true)}>
        Withdraw…
      </button>
      {asking ? (
        <Confirm
          title={`Withdraw from ${p.study.title}?`}
          confirmLabel="Withdraw"
          busy={withdraw.busy}
          onConfirm={() => void withdraw.submit()}
          onCancel={() => setAsking(false)}
        >
          <p>
            {deletes
              ? "Your study data will be deleted from your journal. Your account and everything else in it stay yours."
              : "What you recorded until now stays in the study. Your account and your journal stay yours."}
          </p>
          <Field
            id="withdraw-confirm"
            label="Type “withdraw” to confirm"
            error={fieldError(withdraw.error, "confirm")}
          >
            <input
              {...describedBy("withdraw-confirm", { error: fieldError(withdraw.error, "confirm") })}
              autoComplete="off"
              value={typed}
              onInput={(ev) => setTyped(ev.currentTarget.value)}
            />
          </Field>
          <FormErrors messages={otherErrors(withdraw.error, ["confirm"])} />
        </Confirm>
      ) : null}
    </section>
  );
}

function Withdrawn({ p, zone }: { readonly p: Participation; readonly zone: string }) {
  const w = p.withdrawal;
  if (!w) return null;
  const deleted = Object.entries(w.deleted ?? {});
  const total = deleted.reduce((sum, [, n]) => sum + n, 0);
  return (
    <div class="notice info" role="status">
      <h2>You withdrew on {formatWhen(w.at, zone)}</h2>
      {w.choice === "delete" ? (
        <>
          <p>
            <strong>Your study data were deleted</strong>, as your consent said:{" "}
            {total === 0
              ? "there was nothing to delete."
              : `${total} ${total === 1 ? "entry" : "entries"} (${listText(deleted.map(([table, n]) => entriesText(table, n)))}).`}{" "}
            The study no longer sees anything of yours.
          </p>
          <p>
            Exports the study team downloaded before you withdrew are out of Titrate's reach; ask
            them to delete your data from those too.
          </p>
        </>
      ) : (
        <p>
          <strong>Your study data were kept</strong>, as your consent said: what you recorded until
          you withdrew stays in the study under your pseudonym. Nothing you record from now on
          reaches it.
        </p>
      )}
      <p>Your account and your journal stay yours.</p>
    </div>
  );
}
