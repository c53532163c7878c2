/**
 * Today: the next dose or why not yet, every active finding (danger first; they stay until
 * resolved or read, never a toast), the dose in progress with its expected onset, effects
 * and after-effects from the catalog's route data, and one-tap actions. While a danger
 * finding advises against a substance, its next dose shows that advice instead of a date, and
 * its one-tap doses (a saved dose, "Same as last dose") are left out: the screen never puts a
 * dose it advises against one tap away. "Log a dose" stays, so the journal can tell the truth.
 */
import { useState } from "preact/hooks";
import { getSubstance } from "../../core/substances/catalog.ts";
import type { Range, RouteData } from "../../core/substances/substance.ts";
import { api } from "../api.ts";
import { useTimeZone } from "../app-context.ts";
import { ExperimentSessionToday } from "../components/experiment/today-session.tsx";
import { FindingList } from "../components/findings.tsx";
import { LoadError, listOf } from "../components/load.tsx";
import { dangersFor } from "../lib/dangers.ts";
import { amountText, listText } from "../lib/format.ts";
import { formatClock, formatWhen, localDate, relativeText } from "../lib/time.ts";
import { followLink } from "../router.ts";
import type { Dose, Finding, Preset, Today } from "../types.ts";
import { useApi } from "../use-api.ts";

export function TodayScreen() {
  const today = useApi<Today>("/api/v1/today");
  const presets = useApi<{ presets: Preset[] } | Preset[]>("/api/v1/presets");
  const timeZone = useTimeZone();
  const data = today.data;
  const active = data?.findings.active ?? [];
  const hasDanger = active.some((f) => f.severity === "danger");

  const [ackError, setAckError] = useState<unknown>(null);
  // A failure is shown on the screen, never left as an unhandled rejection in the console.
  async function acknowledge(finding: Finding) {
    try {
      setAckError(null);
      await api.post("/api/v1/findings/acknowledge", { key: finding.key });
      await today.reload();
    } catch (error) {
      setAckError(error);
    }
  }

  const findings = (
    <>
      <LoadError error={ackError} />
      <FindingList
        findings={active}
        title="Safety findings"
        onAcknowledge={acknowledge}
        empty="No active safety findings."
      />
    </>
  );
  return (
    <>
      <h1>Today</h1>
      {today.error ? <LoadError error={today.error} /> : null}
      {!data && !today.error ? <p class="muted">Loading…</p> : null}
      {data ? (
        <>
          {data.advisedNotToDose ? (
            <div class="notice danger" role="alert">
              <p>
                <strong>Titrate advises you not to dose now.</strong> Read the danger findings below
                first.
              </p>
            </div>
          ) : null}
          {data.backups?.failing ? (
            <div class="notice warning" role="alert">
              <p>
                <strong>Automatic backups are failing.</strong> {data.backups.error ?? ""} Your
                journal is not being copied; check the server.
              </p>
            </div>
          ) : null}
          {hasDanger ? findings : null}
          <ExperimentSessionToday />
          <NextDoseCard today={data} timeZone={timeZone} />
          {data.lastDose ? <ActiveDose dose={data.lastDose} timeZone={timeZone} /> : null}
          <QuickActions
            lastDose={data.lastDose}
            presets={listOf(presets.data, "presets")}
            advisedAgainst={(substance) => dangersFor(active, substance, data.lastDose).length > 0}
          />
          {data.lastDose ? <MorningAfter dose={data.lastDose} timeZone={timeZone} /> : null}
          {hasDanger ? null : findings}
        </>
      ) : null}
    </>
  );
}

/** "Titrate advises not to dose", and the danger findings that say why, in place of a date. */
function AdviseNotToDose({ name, dangers }: { name: string; dangers: readonly Finding[] }) {
  return (
    <>
      <p class="next-when">
        <strong>{name}</strong>: <strong class="advise-not">Titrate advises not to dose</strong>
      </p>
      <p>
        {dangers.length === 1 ? "Because of the danger finding" : "Because of the danger findings"}{" "}
        {dangers.map((d, i) => (
          <span key={d.key}>
            {i > 0 ? "; " : ""}“{d.title}”
          </span>
        ))}
        . Read {dangers.length === 1 ? "it" : "them"} under Safety findings; the next dose is shown
        again once {dangers.length === 1 ? "it is" : "they are"} resolved.
      </p>
    </>
  );
}

function NextDoseCard({ today, timeZone }: { today: Today; timeZone: string }) {
  const active = today.findings.active;
  const items = [
    ...today.plans.map(({ plan, next }) => {
      const substance = getSubstance(plan.substance).name;
      const dangers = dangersFor(active, plan.substance, today.lastDose);
      if (dangers.length > 0) {
        return (
          <li key={plan.id} class="next-item">
            <AdviseNotToDose
              name={`${substance}, ${amountText(plan.target.amount, plan.target.unit)}`}
              dangers={dangers}
            />
          </li>
        );
      }
      if (!next) {
        return (
          <li key={plan.id} class="next-item">
            <strong>{substance}</strong>: no planned dose is left in this plan.
          </li>
        );
      }
      return (
        <li key={plan.id} class="next-item">
          <p class="next-when">
            <strong>{substance}</strong>, {amountText(plan.target.amount, plan.target.unit)}:{" "}
            {next.isDue ? (
              <strong>due now</strong>
            ) : (
              <>
                {formatWhen(next.at, next.timeZone)} ({relativeText(next.at)})
              </>
            )}
          </p>
          {next.pushedBack && next.reason ? <p>Not sooner: {next.reason}</p> : null}
          {next.lastDoseAt ? (
            <p class="muted">
              Last dose {formatWhen(next.lastDoseAt, timeZone)}; {next.intervalDays} days are kept
              between doses.
            </p>
          ) : null}
        </li>
      );
    }),
    ...today.unplanned.map((u) => {
      const substance = getSubstance(u.substance).name;
      const dangers = dangersFor(active, u.substance, today.lastDose);
      if (dangers.length > 0) {
        return (
          <li key={`unplanned-${u.substance}`} class="next-item">
            <AdviseNotToDose name={substance} dangers={dangers} />
          </li>
        );
      }
      const waiting = Date.parse(u.earliestAt) > Date.now();
      return (
        <li key={`unplanned-${u.substance}`} class="next-item">
          <p class="next-when">
            <strong>{substance}</strong>:{" "}
            {waiting ? (
              <>
                not before {formatWhen(u.earliestAt, timeZone)} ({relativeText(u.earliestAt)})
              </>
            ) : (
              <>the minimum interval since your last dose has passed</>
            )}
          </p>
          <p class="muted">
            Last dose {formatWhen(u.lastDose.at, timeZone)}; keep at least {u.minIntervalDays} days
            between doses (FACTS {u.minIntervalFacts.join(", ")}).
          </p>
        </li>
      );
    }),
  ];
  return (
    <section class="card" aria-labelledby="next-title">
      <h2 id="next-title">Next dose</h2>
      {items.length > 0 ? (
        <ul class="plain next-list">{items}</ul>
      ) : (
        <p>
          No plan and no dose yet.{" "}
          <a href="/plan" onClick={followLink}>
            Make a plan
          </a>{" "}
          or{" "}
          <a href="/log" onClick={followLink}>
            log a dose
          </a>
          .
        </p>
      )}
    </section>
  );
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

function rangeText(range: Range | null, unit: string): string {
  if (!range) return "no data";
  return range.low === range.high ? `${range.low} ${unit}` : `${range.low}–${range.high} ${unit}`;
}

/** The window [low, high] after `startMs`, as clock times. */
function windowText(startMs: number, fromMs: Range, timeZone: string): string {
  const low = new Date(startMs + fromMs.low).toISOString();
  const high = new Date(startMs + fromMs.high).toISOString();
  const a = formatClock(low, timeZone);
  const b = formatClock(high, timeZone);
  return a === b ? a : `${a}–${b}`;
}

function ActiveDose({ dose, timeZone }: { dose: Dose; timeZone: string }) {
  const takenMs = Date.parse(dose.at);
  if (Date.now() - takenMs > 24 * HOUR_MS) return null;
  const substance = getSubstance(dose.substance);
  const route: RouteData | undefined = substance.routes.find((r) => r.route === dose.route);
  const onset = route?.onsetMinutes ?? null;
  const effect = route?.effectHours ?? null;
  const after = route?.afterEffectHours ?? null;
  const onsetMs = onset ? { low: onset.low * MINUTE_MS, high: onset.high * MINUTE_MS } : null;
  const effectsEnd =
    onsetMs && effect
      ? { low: onsetMs.low + effect.low * HOUR_MS, high: onsetMs.high + effect.high * HOUR_MS }
      : null;
  const afterEnd =
    effectsEnd && after
      ? { low: effectsEnd.low + after.low * HOUR_MS, high: effectsEnd.high + after.high * HOUR_MS }
      : null;
  return (
    <section class="card" aria-labelledby="active-title">
      <h2 id="active-title">Your last dose</h2>
      <p>
        {substance.name}, {amountText(dose.amount, dose.unit)} by the {dose.route} route,{" "}
        {formatWhen(dose.at, timeZone)} ({relativeText(dose.at)}).
      </p>
      <dl class="timeline">
        <dt>Onset</dt>
        <dd>
          {onsetMs ? windowText(takenMs, onsetMs, timeZone) : "no data"}{" "}
          <span class="then">({rangeText(onset, "min")} after taking it)</span>
        </dd>
        <dt>Effects end</dt>
        <dd>
          {effectsEnd ? windowText(takenMs, effectsEnd, timeZone) : "no data"}{" "}
          <span class="then">(effects last {rangeText(effect, "h")})</span>
        </dd>
        <dt>After-effects end</dt>
        <dd>
          {afterEnd ? windowText(takenMs, afterEnd, timeZone) : "no data"}{" "}
          <span class="then">(after-effects last {rangeText(after, "h")})</span>
        </dd>
      </dl>
      {route ? (
        <p class="sources">
          From the catalog's {route.route} route data
          {route.uncertain ? ", which is weak or contested" : ""}: FACTS {route.facts.join(", ")}.
          Everyone differs; these are guides, not promises.
        </p>
      ) : null}
    </section>
  );
}

function QuickActions({
  lastDose,
  presets,
  advisedAgainst,
}: {
  lastDose: Dose | null;
  presets: Preset[];
  advisedAgainst: (substance: string) => boolean;
}) {
  const offered = presets.filter((p) => !advisedAgainst(p.substance));
  const repeat = lastDose && !advisedAgainst(lastDose.substance) ? lastDose : null;
  const withheld = [
    ...new Set(
      [...presets.map((p) => p.substance), ...(lastDose ? [lastDose.substance] : [])].filter(
        advisedAgainst,
      ),
    ),
  ].map((id) => getSubstance(id).name);
  return (
    <section class="card" aria-labelledby="actions-title">
      <h2 id="actions-title">Quick actions</h2>
      <div class="actions">
        {offered.map((p) => (
          <a
            key={p.id}
            class="button"
            href={`/log?preset=${encodeURIComponent(p.id)}`}
            onClick={followLink}
          >
            {p.name}
          </a>
        ))}
        {repeat ? (
          <a class="button secondary" href="/log?repeat=last" onClick={followLink}>
            Same as last dose
          </a>
        ) : null}
        <a class="button secondary" href="/log" onClick={followLink}>
          Log a dose
        </a>
        <a class="button secondary" href="/check-in" onClick={followLink}>
          Check in
        </a>
        <a class="button secondary" href="/log-other?tab=symptom" onClick={followLink}>
          Report a symptom
        </a>
      </div>
      {withheld.length > 0 ? (
        <p>
          One-tap doses of {listText(withheld)} are left out while Titrate advises not to dose{" "}
          {withheld.length === 1 ? "it" : "them"}. “Log a dose” still records a dose you took.
        </p>
      ) : null}
      {offered.length > 0 || repeat ? (
        <p class="muted">
          A preset or a repeat opens the dose form filled in: check it, then log it.
        </p>
      ) : null}
    </section>
  );
}

/** The morning after a dose: a prompt to record after-effects. */
function MorningAfter({ dose, timeZone }: { dose: Dose; timeZone: string }) {
  const todayDate = localDate(Date.now(), timeZone);
  const yesterday = localDate(Date.now() - 24 * HOUR_MS, timeZone);
  if (localDate(dose.at, timeZone) !== yesterday || todayDate === yesterday) return null;
  return (
    <section class="card prompt" aria-labelledby="morning-title">
      <h2 id="morning-title">The morning after</h2>
      <p>You dosed yesterday. How do you feel today? After-effects are worth recording.</p>
      <a class="button" href="/check-in?after=1" onClick={followLink}>
        Record after-effects
      </a>
    </section>
  );
}
