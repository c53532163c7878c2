/**
 * The next dose: the next planned occurrence that is also at least the minimum interval
 * after the last dose actually taken (FACTS K-DOSE-2, P-PROT-1). A late dose pushes the next
 * one back, never stacks two close together, and the result says why.
 */
import { Temporal } from "temporal-polyfill";
import { instantMs } from "../safety/time-math.ts";
import type { PlanSchedule } from "../schemas/plan.ts";
import { formatInstant, formatTime } from "./calendar.ts";
import { generateSchedule, type Occurrence } from "./occurrences.ts";
import { checkPlanSpacing, type SpacingCheck } from "./spacing-rule.ts";
import { readDoses, sharesTolerance, type TakenDose } from "./taken-doses.ts";
import type { PlanWarning } from "./warnings.ts";
import { doseWindow } from "./windows.ts";

export interface NextDose {
  /** The planned occurrence this dose belongs to. */
  readonly occurrence: Occurrence;
  /** When to take it, ISO 8601 UTC: the planned instant, or later when pushed back. */
  readonly at: string;
  /** `at` as a local date and time in the plan's zone. */
  readonly date: string;
  readonly localTime: string;
  readonly timeZone: string;
  /** True when `at` is now or past: take it now (its on-time window is still open). */
  readonly isDue: boolean;
  /** True when the last dose moved this dose later, or made the plan skip occurrences. */
  readonly pushedBack: boolean;
  /** Why it was pushed back, naming the minimum and its FACTS ids; null when it was not. */
  readonly reason: string | null;
  /** Planned occurrences passed over because they came too soon after the last dose. */
  readonly skipped: readonly Occurrence[];
  /** The last dose counted (this substance, or one cross-tolerant with it), ISO UTC. */
  readonly lastDoseAt: string | null;
  /** The last dose plus the interval kept, ISO UTC: nothing is planned before it. */
  readonly earliestAt: string | null;
  /** Days kept after a dose: the substance's minimum, or the plan's own if the risk was accepted. */
  readonly intervalDays: number;
  /** The plan's warnings (an accepted risk among them). */
  readonly warnings: readonly PlanWarning[];
}

/**
 * The next dose of `plan` given the doses `taken` and the instant `now`, or null when no
 * planned occurrence is left. An occurrence stays due until its on-time window closes
 * (12 h after the planned time, see windows.ts). A dose taken counts towards the interval
 * when it is this substance or one cross-tolerant with it (FACTS P-TOL-1). The interval is
 * counted in calendar days in the plan's zone: 09:00 plus 5 days is 09:00, across a clock
 * change too. When the earliest allowed time falls inside an occurrence's on-time window,
 * the dose moves to that time; otherwise the occurrence is skipped.
 */
export function nextDose<T extends TakenDose>(
  plan: PlanSchedule,
  taken: readonly T[],
  now: Temporal.Instant,
): NextDose | null {
  const spacing = checkPlanSpacing(plan);
  const { occurrences, timeZone } = generateSchedule(plan);
  const { substance } = spacing;
  const relevant = readDoses(taken).filter(
    (d) => d.substance !== null && sharesTolerance(substance.id, d.substance),
  );
  const last = relevant.at(-1)?.instant ?? null;
  const earliest =
    last === null
      ? null
      : last.toZonedDateTimeISO(timeZone).add({ days: spacing.enforcedIntervalDays }).toInstant();

  const skipped: Occurrence[] = [];
  const nowMs = now.epochMilliseconds;
  const windowMs = doseWindow.onTimeHours * 3_600_000;
  for (const occurrence of occurrences) {
    // Closed windows first, in plain numbers: a plan of years has hundreds behind it.
    if (instantMs(occurrence.at) + windowMs < nowMs) continue;
    const planned = Temporal.Instant.from(occurrence.at);
    const windowEnd = planned.add({ hours: doseWindow.onTimeHours });
    if (Temporal.Instant.compare(windowEnd, now) < 0) continue; // closed: adherence says how
    // A dose taken at or after this occurrence's window opened accounts for it.
    if (
      last &&
      Temporal.Instant.compare(last, planned.subtract({ hours: doseWindow.earlyHours })) >= 0
    ) {
      continue;
    }
    const at = earliest && Temporal.Instant.compare(earliest, planned) > 0 ? earliest : planned;
    if (Temporal.Instant.compare(at, windowEnd) > 0) {
      skipped.push(occurrence);
      continue;
    }
    const local = at.toZonedDateTimeISO(timeZone);
    const pushedBack = skipped.length > 0 || !at.equals(planned);
    return {
      occurrence,
      at: formatInstant(at),
      date: local.toPlainDate().toString(),
      localTime: formatTime(local.toPlainTime()),
      timeZone,
      isDue: Temporal.Instant.compare(at, now) <= 0,
      pushedBack,
      reason:
        pushedBack && last && earliest
          ? pushedBackReason({ last, earliest, at, occurrence, skipped, timeZone, spacing })
          : null,
      skipped,
      lastDoseAt: last ? formatInstant(last) : null,
      earliestAt: earliest ? formatInstant(earliest) : null,
      intervalDays: spacing.enforcedIntervalDays,
      warnings: spacing.warnings,
    };
  }
  return null;
}

interface ReasonParts {
  readonly last: Temporal.Instant;
  readonly earliest: Temporal.Instant;
  readonly at: Temporal.Instant;
  readonly occurrence: Occurrence;
  readonly skipped: readonly Occurrence[];
  readonly timeZone: string;
  readonly spacing: SpacingCheck;
}

function pushedBackReason(parts: ReasonParts): string {
  const { last, earliest, at, occurrence, skipped, timeZone, spacing } = parts;
  const { substance, minIntervalDays } = spacing;
  const when = (instant: Temporal.Instant) => {
    const local = instant.toZonedDateTimeISO(timeZone);
    return `${local.toPlainDate().toString()} ${formatTime(local.toPlainTime())}`;
  };
  const days = spacing.enforcedIntervalDays;
  const plural = (n: number) => (n === 1 ? "" : "s");
  const facts = substance.minIntervalFacts.join(", ");
  const rule =
    days < minIntervalDays
      ? `your plan keeps ${days} day${plural(days)} between doses (a risk you accepted: Titrate's minimum is ${minIntervalDays} days, FACTS ${facts})`
      : `${substance.name} needs at least ${days} day${plural(days)} between doses (FACTS ${facts})`;
  const planned = `${occurrence.date} ${occurrence.localTime}`;
  const moved = when(at) !== planned;
  const steps: string[] = [];
  if (skipped.length > 0) {
    const list = skipped.map((s) => `${s.date} ${s.localTime}`).join(", ");
    steps.push(
      `the dose${plural(skipped.length)} planned for ${list} ${skipped.length === 1 ? "is" : "are"} skipped`,
    );
  }
  steps.push(
    moved
      ? `the dose planned for ${planned} moves to ${when(at)}`
      : `the next dose is the one planned for ${planned}`,
  );
  const sentence = steps.join(", and ");
  return `Your last dose was at ${when(last)} (${timeZone}); ${rule}, so not before ${when(earliest)}: ${sentence}.`;
}
