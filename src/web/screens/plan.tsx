/**
 * Plans: create one from a protocol (every n days, Fadiman, Stamets, every other day, fixed
 * weekdays, a pattern) with an optional cycle of weeks on and off, previewed live with
 * src/core's previewPlan (the same checks as the server: minimum interval, ceiling, breaks,
 * clock changes; FACTS K-DOSE-2, P-PROT-1, P-PROT-2); then each plan on a month calendar with
 * taken, late and missed marks and its breaks, and its calendar file (ICS) to download.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import { PROPOSED_DOSE_ID } from "../../core/safety/rule.ts";
import { previewPlan, toPlanDraft } from "../../core/schedule/preview.ts";
import { type Weekday, weekdayIds } from "../../core/schemas/plan.ts";
import { formatAmount } from "../../core/units.ts";
import { api, errorText, fieldError, otherErrors } from "../api.ts";
import { useApp, useTimeZone } from "../app-context.ts";
import { Confirm } from "../components/confirm.tsx";
import { describedBy, Field, FormErrors } from "../components/field.tsx";
import { FindingList } from "../components/findings.tsx";
import { LoadError, listOf } from "../components/load.tsx";
import {
  CalendarLegend,
  type DayStatus,
  MonthCalendar,
  monthName,
  shiftMonth,
} from "../components/month-calendar.tsx";
import { SubstanceField } from "../components/substance-field.tsx";
import { amountText } from "../lib/format.ts";
import { type NumberRead, readNumber, unreadable } from "../lib/numbers.ts";
import { proposedFinding } from "../lib/proposed-tense.ts";
import { getSubstance } from "../lib/substances.ts";
import { formatDate, formatWhen, localDate } from "../lib/time.ts";
import type { Finding, Plan, PlanCalendar, PlanStatus, PlanWarning } from "../types.ts";
import { useApi } from "../use-api.ts";
import { useSubmit } from "../use-submit.ts";

type ProtocolKind =
  | "every-n-days"
  | "fadiman"
  | "stamets"
  | "every-other-day"
  | "weekdays"
  | "pattern";

const protocolNames: Readonly<Record<ProtocolKind, string>> = {
  "every-n-days": "Every n days",
  fadiman: "Fadiman: one day on, two off",
  stamets: "Stamets: four days on, three off",
  "every-other-day": "Every other day",
  weekdays: "Fixed weekdays",
  pattern: "My own pattern",
};
const weekdayNames: Readonly<Record<Weekday, string>> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

export default function PlanScreen() {
  const plans = useApi<{ plans: PlanStatus[] } | PlanStatus[]>("/api/v1/plans");
  const list = listOf(plans.data, "plans");
  const [creating, setCreating] = useState(false);
  const active = list.filter((p) => p.isActive !== false && p.plan.endedAt === null);
  const ended = list.filter((p) => !active.includes(p));
  return (
    <>
      <h1>Plan</h1>
      <LoadError error={plans.error} />
      {active.map((status) => (
        <PlanCard key={status.plan.id} status={status} onChange={plans.reload} />
      ))}
      {active.length === 0 && !plans.loading && !creating ? (
        <p>No active plan. A plan spaces your doses and schedules tolerance breaks.</p>
      ) : null}
      {creating ? (
        <NewPlan
          onCreated={async () => {
            setCreating(false);
            await plans.reload();
          }}
          onCancel={() => setCreating(false)}
        />
      ) : (
        <button type="button" class="button" onClick={() => setCreating(true)}>
          New plan
        </button>
      )}
      {ended.length > 0 ? (
        <details>
          <summary>Ended plans ({ended.length})</summary>
          <ul>
            {ended.map((s) => (
              <li key={s.plan.id}>
                {getSubstance(s.plan.substance).name}, from {formatDate(s.plan.startDate)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

/**
 * Each day's mark, from the API's statuses and its next dose, so the calendar says what the
 * text says: an occurrence still open but passed over because it comes too soon after the
 * last dose is "Skipped" (the API lists it in `next.skipped`, while its own status stays
 * pending until its window closes), the next dose is "Due" or "Next", later ones "Planned".
 */
export function statusesOf(answer: PlanCalendar | undefined): Map<string, DayStatus> {
  const map = new Map<string, DayStatus>();
  const next = answer?.next ?? null;
  const skipped = new Set((next?.skipped ?? []).map((o) => o.at));
  for (const o of answer?.occurrences ?? []) {
    if (o.status !== "pending") map.set(o.date, o.status);
    else if (skipped.has(o.at)) map.set(o.date, "skipped");
    else if (next && next.occurrence.at === o.at) map.set(o.date, next.isDue ? "due" : "next");
    else map.set(o.date, "planned");
  }
  for (const x of answer?.extra ?? []) if (!map.has(x.date)) map.set(x.date, "extra");
  return map;
}

function hasFieldErrors(error: unknown): boolean {
  const fields = (error as { fields?: unknown } | null)?.fields;
  return Array.isArray(fields) && fields.length > 0;
}

function describeProtocol(plan: Plan): string {
  const p = plan.protocol;
  const base =
    p.kind === "every-n-days"
      ? `every ${p.intervalDays} days`
      : p.kind === "weekdays"
        ? `on ${p.weekdays.map((d) => weekdayNames[d]).join(", ")}`
        : p.kind === "pattern"
          ? `pattern ${p.pattern} (1 = dose, 0 = no dose)`
          : protocolNames[p.kind].toLowerCase();
  const cycle = plan.cycle ? `; ${plan.cycle.weeksOn} weeks on, ${plan.cycle.weeksOff} off` : "";
  return `${base} at ${plan.localTime}${cycle}`;
}

/**
 * A stored plan's warnings, checked again here with the profile's weight when there is one:
 * the server's list (GET /api/v1/plans) is computed without it, so it would say the target
 * could not be checked against your ceiling even when your weight is known.
 */
function warningsFor(status: PlanStatus, weightKg: number | null) {
  if (weightKg === null) return status.warnings;
  try {
    return previewPlan(toPlanDraft(status.plan), { weightKg }).warnings;
  } catch {
    return status.warnings;
  }
}

function PlanCard({ status, onChange }: { status: PlanStatus; onChange: () => Promise<void> }) {
  const { plan } = status;
  const { profile } = useApp();
  const timeZone = useTimeZone();
  const [month, setMonth] = useState(() => localDate(Date.now(), plan.timeZone).slice(0, 7));
  const calendar = useApi<PlanCalendar>(`/api/v1/plans/${encodeURIComponent(plan.id)}/calendar`);
  // The text and the calendar read the same next dose (the calendar's, once it is here).
  const next = calendar.data ? calendar.data.next : status.next;
  const [ending, setEnding] = useState(false);
  const end = useSubmit(
    () => api.post(`/api/v1/plans/${encodeURIComponent(plan.id)}/end`),
    async () => {
      setEnding(false);
      await onChange();
    },
  );
  const move = useSubmit(
    () =>
      api.post(`/api/v1/plans/${encodeURIComponent(plan.id)}/move-zone`, {
        timeZone: profile?.timeZone,
      }),
    onChange,
  );
  const substance = getSubstance(plan.substance);
  return (
    <section class="card" aria-labelledby={`plan-${plan.id}`}>
      <h2 id={`plan-${plan.id}`}>
        {substance.name}, {amountText(plan.target.amount, plan.target.unit)}
      </h2>
      <p>
        From {formatDate(plan.startDate)}, {describeProtocol(plan)} ({plan.timeZone}).
      </p>
      {next ? (
        <p>
          <strong>Next dose:</strong> {formatWhen(next.at, next.timeZone)}
          {next.pushedBack && next.reason ? ` — ${next.reason}` : ""}
        </p>
      ) : (
        <p>No planned dose is left.</p>
      )}
      {warningsFor(status, profile?.weightKg ?? null).map((w) => (
        <p key={w.code} class="notice caution">
          {w.message}
        </p>
      ))}
      <div class="calendar-head">
        <button
          type="button"
          class="button secondary arrow-button"
          aria-label="Earlier month"
          onClick={() => setMonth(shiftMonth(month, -1))}
        >
          ←
        </button>
        <h3 aria-live="polite">{monthName(month)}</h3>
        <button
          type="button"
          class="button secondary arrow-button"
          aria-label="Later month"
          onClick={() => setMonth(shiftMonth(month, 1))}
        >
          →
        </button>
      </div>
      <LoadError error={calendar.error} />
      <MonthCalendar
        month={month}
        statuses={statusesOf(calendar.data)}
        breaks={calendar.data?.breaks ?? []}
        today={localDate(Date.now(), plan.timeZone)}
        caption={`${substance.name} plan, ${monthName(month)}`}
      />
      <CalendarLegend />
      <div class="actions">
        <a
          class="button secondary"
          href={`/api/v1/plans/${encodeURIComponent(plan.id)}/ics`}
          download={`titrate-${plan.substance}-plan.ics`}
        >
          Download calendar (ICS)
        </a>
        {profile && profile.timeZone !== plan.timeZone ? (
          <button type="button" class="button secondary" onClick={() => void move.submit()}>
            Move to {timeZone}
          </button>
        ) : null}
        <button type="button" class="button secondary" onClick={() => setEnding(true)}>
          End this plan
        </button>
      </div>
      <FormErrors messages={otherErrors(move.error, [])} />
      {ending ? (
        <Confirm
          title="End this plan?"
          confirmLabel="End the plan"
          busy={end.busy}
          onConfirm={() => void end.submit()}
          onCancel={() => setEnding(false)}
        >
          <p>No more doses are planned from it. Its doses stay in the journal.</p>
          <FormErrors messages={otherErrors(end.error, [])} />
        </Confirm>
      ) : null}
    </section>
  );
}

interface PlanForm {
  readonly substance: string;
  readonly amount: string;
  readonly protocol: ProtocolKind;
  readonly intervalDays: string;
  readonly weekdays: readonly Weekday[];
  readonly pattern: string;
  readonly cycle: boolean;
  readonly weeksOn: string;
  readonly weeksOff: string;
  readonly startDate: string;
  readonly localTime: string;
  readonly endKind: "count" | "until";
  readonly count: string;
  readonly until: string;
  readonly acceptRisk: boolean;
}

/** The form's numbers, each read with src/core's parser (readNumber), by the path it fills. */
function numbersOf(form: PlanForm): Record<string, NumberRead> {
  const count = { whole: true, required: true } as const;
  const none: NumberRead = { value: null, error: null };
  return {
    "target.amount": readNumber(form.amount, {
      kind: "mass",
      unit: getSubstance(form.substance).unit,
    }),
    "protocol.intervalDays":
      form.protocol === "every-n-days" ? readNumber(form.intervalDays, count) : none,
    "cycle.weeksOn": form.cycle ? readNumber(form.weeksOn, count) : none,
    "cycle.weeksOff": form.cycle ? readNumber(form.weeksOff, count) : none,
    "end.count": form.endKind === "count" ? readNumber(form.count, count) : none,
  };
}

function draftOf(form: PlanForm, timeZone: string, numbers: Record<string, NumberRead>) {
  const substance = getSubstance(form.substance);
  const n = (path: string) => numbers[path]?.value ?? Number.NaN;
  const protocol =
    form.protocol === "every-n-days"
      ? { kind: form.protocol, intervalDays: n("protocol.intervalDays") }
      : form.protocol === "weekdays"
        ? { kind: form.protocol, weekdays: [...form.weekdays] }
        : form.protocol === "pattern"
          ? { kind: form.protocol, pattern: form.pattern.trim() }
          : { kind: form.protocol };
  const amount = numbers["target.amount"]?.value ?? null;
  return {
    substance: substance.id,
    ...(amount === null ? {} : { target: { amount, unit: substance.unit } }),
    protocol,
    cycle: form.cycle ? { weeksOn: n("cycle.weeksOn"), weeksOff: n("cycle.weeksOff") } : null,
    startDate: form.startDate,
    localTime: form.localTime,
    timeZone,
    end:
      form.endKind === "count"
        ? { kind: "count" as const, count: n("end.count") }
        : { kind: "until" as const, date: form.until },
    acceptRisk: form.acceptRisk,
  };
}

function NewPlan({
  onCreated,
  onCancel,
}: {
  onCreated: () => Promise<void>;
  onCancel: () => void;
}) {
  const { profile } = useApp();
  const timeZone = useTimeZone();
  const [form, setForm] = useState<PlanForm>(() => {
    const ketamine = getSubstance("ketamine");
    return {
      substance: "ketamine",
      amount: "",
      protocol: "every-n-days",
      intervalDays: String(
        ketamine.defaultProtocol.kind === "every-n-days"
          ? ketamine.defaultProtocol.intervalDays
          : 7,
      ),
      weekdays: ["mon"],
      pattern: "1000000",
      cycle: true,
      weeksOn: String(ketamine.defaultCycle.weeksOn),
      weeksOff: String(ketamine.defaultCycle.weeksOff),
      startDate: localDate(Date.now(), timeZone),
      localTime: "09:00",
      endKind: "count",
      count: "8",
      until: "",
      acceptRisk: false,
    };
  });
  const set = (patch: Partial<PlanForm>) => setForm((f) => ({ ...f, ...patch }));
  const numbers = numbersOf(form);
  const draft = draftOf(form, timeZone, numbers);
  const unreadableNumbers = unreadable(numbers);
  const preview = useMemo(() => {
    // A number that cannot be read is named under its field; nothing is guessed from it.
    if (unreadableNumbers) return { value: null, error: unreadableNumbers };
    try {
      return {
        value: previewPlan(draft, { weightKg: profile?.weightKg ?? undefined }),
        error: null,
      };
    } catch (error) {
      return { value: null, error };
    }
  }, [JSON.stringify(draft), JSON.stringify(unreadableNumbers?.fields), profile?.weightKg]);

  // What the journal says about this plan, as you type (POST /api/v1/plans/preview, storing
  // nothing): doses already past, and the safety rules at its first dose ahead — an active
  // danger, a contraindication, a medication's combination. The preview above is the core's
  // alone, which knows no journal.
  const [checked, setChecked] = useState<PlanCheck | null>(null);
  const target = preview.value?.plan.target;
  const checkKey = target ? JSON.stringify({ ...draft, target }) : null;
  useEffect(() => {
    if (!checkKey) {
      setChecked(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api.post<PlanCheck>("/api/v1/plans/preview", JSON.parse(checkKey)).then(
        (answer) => current && setChecked(answer),
        () => current && setChecked(null),
      );
    }, 350);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [checkKey]);
  const shownWarnings = new Set(preview.value?.warnings.map((w) => w.message));
  const journalWarnings = (checked?.warnings ?? []).filter((w) => !shownWarnings.has(w.message));

  const submit = useSubmit(async () => {
    if (preview.error) throw preview.error;
    const plan = preview.value?.plan;
    if (!plan?.target) {
      throw Object.assign(new Error("Give the dose."), {
        fields: [{ path: "target.amount", message: "give the dose to plan" }],
      });
    }
    return api.post("/api/v1/plans", { ...draft, target: plan.target });
  }, onCreated);

  const e = submit.error ?? preview.error;
  // The minimum interval is the protocol's rule, but for "every n days" it is about the days
  // between doses: its message goes under that field.
  const intervalError = form.protocol === "every-n-days" ? fieldError(e, "protocol") : undefined;
  const protocolError = form.protocol === "every-n-days" ? undefined : fieldError(e, "protocol");
  const substance = getSubstance(form.substance);
  const upcoming = preview.value?.occurrences.slice(0, 6) ?? [];
  const previewMonths = [
    ...new Set((preview.value?.occurrences ?? []).map((o) => o.date.slice(0, 7))),
  ];
  const [previewMonth, setPreviewMonth] = useState<string | null>(null);
  const shownMonth = previewMonth ?? previewMonths[0] ?? form.startDate.slice(0, 7);
  const plannedDays = new Map<string, DayStatus>(
    (preview.value?.occurrences ?? []).map((o) => [o.date, "planned"]),
  );
  return (
    <section class="card" aria-labelledby="new-plan-title">
      <h2 id="new-plan-title">New plan</h2>
      <form onSubmit={submit.submit} noValidate>
        <FormErrors
          messages={otherErrors(submit.error ?? null, [
            "substance",
            "target",
            "protocol",
            "cycle",
            "startDate",
            "localTime",
            "end",
            "acceptRisk",
            "timeZone",
          ])}
        />
        <SubstanceField
          id="plan-substance"
          value={form.substance}
          error={fieldError(e, "substance")}
          onChange={(substanceId) => {
            const next = getSubstance(substanceId);
            set({
              substance: next.id,
              amount: "",
              protocol: next.defaultProtocol.kind,
              intervalDays:
                next.defaultProtocol.kind === "every-n-days"
                  ? String(next.defaultProtocol.intervalDays)
                  : form.intervalDays,
              weeksOn: String(next.defaultCycle.weeksOn),
              weeksOff: String(next.defaultCycle.weeksOff),
            });
          }}
        />
        <Field
          id="plan-amount"
          label="Dose"
          hint="Leave empty to plan the start dose."
          error={fieldError(e, "target")}
          aside={substance.unit}
        >
          <input
            {...describedBy("plan-amount", { hint: true, error: fieldError(e, "target") })}
            inputMode="decimal"
            autoComplete="off"
            value={form.amount}
            onInput={(ev) => set({ amount: ev.currentTarget.value })}
          />
        </Field>
        <Field id="plan-protocol" label="Protocol" error={protocolError}>
          <select
            {...describedBy("plan-protocol", { error: protocolError })}
            value={form.protocol}
            onChange={(ev) => set({ protocol: ev.currentTarget.value as ProtocolKind })}
          >
            {(Object.keys(protocolNames) as ProtocolKind[]).map((k) => (
              <option key={k} value={k}>
                {protocolNames[k]}
              </option>
            ))}
          </select>
        </Field>
        {form.protocol === "every-n-days" ? (
          <Field
            id="plan-interval"
            label="Days between doses"
            hint={`${substance.name}: at least ${substance.minIntervalDays} days (FACTS ${substance.minIntervalFacts.join(", ")}).`}
            error={intervalError}
            aside="days"
          >
            <input
              {...describedBy("plan-interval", { hint: true, error: intervalError })}
              inputMode="numeric"
              value={form.intervalDays}
              onInput={(ev) => set({ intervalDays: ev.currentTarget.value })}
            />
          </Field>
        ) : null}
        {form.protocol === "weekdays" ? (
          <fieldset>
            <legend>Dosing days</legend>
            <div class="choices">
              {weekdayIds.map((d) => (
                <label key={d} class="check">
                  <input
                    type="checkbox"
                    checked={form.weekdays.includes(d)}
                    onChange={(ev) =>
                      set({
                        weekdays: ev.currentTarget.checked
                          ? weekdayIds.filter((x) => x === d || form.weekdays.includes(x))
                          : form.weekdays.filter((x) => x !== d),
                      })
                    }
                  />
                  {weekdayNames[d]}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        {form.protocol === "pattern" ? (
          <Field
            id="plan-pattern"
            label="Pattern"
            hint="From the start date, one character a day: 1 a dosing day, 0 a day off; it repeats."
            error={fieldError(e, "protocol.pattern")}
          >
            <input
              {...describedBy("plan-pattern", {
                hint: true,
                error: fieldError(e, "protocol.pattern"),
              })}
              autoComplete="off"
              value={form.pattern}
              onInput={(ev) => set({ pattern: ev.currentTarget.value })}
            />
          </Field>
        ) : null}
        <fieldset>
          <legend>Tolerance breaks</legend>
          <label class="check">
            <input
              type="checkbox"
              checked={form.cycle}
              onChange={(ev) => set({ cycle: ev.currentTarget.checked })}
            />
            Take breaks: weeks on, then weeks off (FACTS P-PROT-2)
          </label>
          {form.cycle ? (
            <div class="filters">
              <Field id="plan-on" label="Weeks on" error={fieldError(e, "cycle.weeksOn")}>
                <input
                  {...describedBy("plan-on", { error: fieldError(e, "cycle.weeksOn") })}
                  inputMode="numeric"
                  value={form.weeksOn}
                  onInput={(ev) => set({ weeksOn: ev.currentTarget.value })}
                />
              </Field>
              <Field id="plan-off" label="Weeks off" error={fieldError(e, "cycle.weeksOff")}>
                <input
                  {...describedBy("plan-off", { error: fieldError(e, "cycle.weeksOff") })}
                  inputMode="numeric"
                  value={form.weeksOff}
                  onInput={(ev) => set({ weeksOff: ev.currentTarget.value })}
                />
              </Field>
            </div>
          ) : null}
        </fieldset>
        <div class="filters">
          <Field id="plan-start" label="Start" error={fieldError(e, "startDate")}>
            <input
              {...describedBy("plan-start", { error: fieldError(e, "startDate") })}
              type="date"
              value={form.startDate}
              onInput={(ev) => set({ startDate: ev.currentTarget.value })}
            />
          </Field>
          <Field
            id="plan-time"
            label="Time of day"
            hint={`In ${timeZone} (your profile)`}
            error={fieldError(e, "localTime")}
          >
            <input
              {...describedBy("plan-time", { hint: true, error: fieldError(e, "localTime") })}
              type="time"
              value={form.localTime}
              onInput={(ev) => set({ localTime: ev.currentTarget.value })}
            />
          </Field>
        </div>
        <fieldset>
          <legend>Ends</legend>
          <div class="choices">
            <label class="check">
              <input
                type="radio"
                name="plan-end"
                checked={form.endKind === "count"}
                onChange={() => set({ endKind: "count" })}
              />
              After a number of doses
            </label>
            <label class="check">
              <input
                type="radio"
                name="plan-end"
                checked={form.endKind === "until"}
                onChange={() => set({ endKind: "until" })}
              />
              On a date
            </label>
          </div>
          {form.endKind === "count" ? (
            <Field id="plan-count" label="Doses" error={fieldError(e, "end.count")} aside="doses">
              <input
                {...describedBy("plan-count", { error: fieldError(e, "end.count") })}
                inputMode="numeric"
                value={form.count}
                onInput={(ev) => set({ count: ev.currentTarget.value })}
              />
            </Field>
          ) : (
            <Field id="plan-until" label="Last day" error={fieldError(e, "end.date")}>
              <input
                {...describedBy("plan-until", { error: fieldError(e, "end.date") })}
                type="date"
                value={form.until}
                onInput={(ev) => set({ until: ev.currentTarget.value })}
              />
            </Field>
          )}
        </fieldset>
        <section class="result" aria-live="polite" aria-label="Preview">
          <h3>Preview</h3>
          {preview.value ? (
            <>
              <p>
                {preview.value.dose
                  ? `${formatAmount(preview.value.dose.amount, preview.value.dose.unit, substance.step)} per dose${preview.value.dose.isStartDose ? " (the start dose)" : ""}`
                  : "No dose can be proposed without your weight: give the dose, or add your weight in Settings."}
                ; {preview.value.occurrences.length} doses, at least {preview.value.intervalDays}{" "}
                days apart.
              </p>
              {[...preview.value.warnings, ...journalWarnings].map((w) => (
                <p key={w.code + w.message} class="notice caution">
                  {w.message}
                </p>
              ))}
              <FindingList
                findings={(checked?.findings ?? []).map((f) =>
                  f.subjectId === PROPOSED_DOSE_ID ? proposedFinding(f) : f,
                )}
                title="Before you start this plan"
                intro="Titrate's safety rules, run on your journal at the plan's first dose ahead:"
              />
              <p>First doses:</p>
              <ul>
                {upcoming.map((o) => (
                  <li key={o.at}>{formatWhen(o.at, timeZone)}</li>
                ))}
              </ul>
              <div class="calendar-head">
                <button
                  type="button"
                  class="button secondary arrow-button"
                  aria-label="Earlier month"
                  onClick={() => setPreviewMonth(shiftMonth(shownMonth, -1))}
                >
                  ←
                </button>
                <h4>{monthName(shownMonth)}</h4>
                <button
                  type="button"
                  class="button secondary arrow-button"
                  aria-label="Later month"
                  onClick={() => setPreviewMonth(shiftMonth(shownMonth, 1))}
                >
                  →
                </button>
              </div>
              <MonthCalendar
                month={shownMonth}
                statuses={plannedDays}
                breaks={[]}
                caption={`Preview, ${monthName(shownMonth)}`}
              />
            </>
          ) : (
            <p class="notice warning" role="alert">
              {hasFieldErrors(preview.error)
                ? "This plan cannot be made as it stands: see the fields marked above."
                : preview.error
                  ? errorText(preview.error)
                  : "This plan cannot be made."}
            </p>
          )}
        </section>
        <label class="check">
          <input
            type="checkbox"
            checked={form.acceptRisk}
            onChange={(ev) => set({ acceptRisk: ev.currentTarget.checked })}
          />
          I choose to dose closer than Titrate's minimum interval, and accept the risk
        </label>
        <div class="actions">
          <button type="submit" class="button" disabled={submit.busy || !preview.value}>
            {submit.busy ? "Saving…" : "Create plan"}
          </button>
          <button type="button" class="button secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

/** The server's check of a plan: its warnings (doses already past) and findings. */
interface PlanCheck {
  readonly warnings: readonly PlanWarning[];
  readonly findings: readonly Finding[];
}
