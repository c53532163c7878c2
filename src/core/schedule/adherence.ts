/**
 * Adherence: how the doses actually taken line up with the plan. Each occurrence is taken
 * (on time), late, missed, skipped (the minimum interval after an earlier dose moved it,
 * as next-dose does), or pending (its window is still open or ahead); doses of the plan's
 * substance that match no occurrence are extra. Windows are in windows.ts.
 */
import { Temporal } from "temporal-polyfill";
import type { PlanSchedule } from "../schemas/plan.ts";
import { daysBetween, parsePlainDate } from "./calendar.ts";
import { generateSchedule, type Occurrence } from "./occurrences.ts";
import { checkPlanSpacing } from "./spacing-rule.ts";
import { type ReadDose, readDoses, sharesTolerance, type TakenDose } from "./taken-doses.ts";
import type { PlanWarning } from "./warnings.ts";
import { doseWindow } from "./windows.ts";

export type AdherenceStatus = "taken" | "late" | "missed" | "skipped" | "pending";

export interface AdherenceEntry<T extends TakenDose> {
  readonly occurrence: Occurrence;
  readonly status: AdherenceStatus;
  /** The dose that counted for it (taken or late), else null. */
  readonly dose: T | null;
  /** Minutes from the planned time to the dose (negative: early); null without a dose. */
  readonly minutesFromPlan: number | null;
}

export interface AdherenceSummary {
  /** Occurrences whose window has closed or that have a dose: taken + late + missed + skipped. */
  readonly due: number;
  readonly taken: number;
  readonly late: number;
  readonly missed: number;
  readonly skipped: number;
  readonly pending: number;
  readonly extra: number;
  /** Percentages of `due`, to one decimal; null while nothing is due. */
  readonly percentOnTime: number | null;
  /** Taken on time or late. */
  readonly percentTaken: number | null;
  readonly percentLate: number | null;
  readonly percentMissed: number | null;
  readonly percentSkipped: number | null;
  /**
   * Whole weeks (7-day blocks from the start date) in a row, back from the latest complete
   * week, with no missed occurrence and no extra dose; 0 when the current week already has one.
   */
  readonly currentStreakWeeks: number;
  /**
   * Days (local dates in the plan's zone) since the current run of dosing began after the
   * last break: a stretch of at least `breakDays` dose-free days; the time before the first
   * dose counts as one. 0 during a break, null when no dose was taken.
   */
  readonly daysSinceLastBreak: number | null;
  /** Dose-free days that count as a break: the plan's weeks off, or the default cycle's. */
  readonly breakDays: number;
}

export interface Adherence<T extends TakenDose> {
  readonly entries: readonly AdherenceEntry<T>[];
  /** Doses of the plan's substance, within the plan's span, that match no occurrence. */
  readonly extra: readonly T[];
  readonly summary: AdherenceSummary;
  readonly timeZone: string;
  readonly warnings: readonly PlanWarning[];
}

interface Slot {
  readonly occurrence: Occurrence;
  readonly planned: Temporal.Instant;
  readonly opens: Temporal.Instant;
  readonly onTimeUntil: Temporal.Instant;
  readonly lateUntil: Temporal.Instant;
}

/**
 * Compares the plan with the doses `taken` up to `now`. Doses after `now` are ignored;
 * doses of other substances are ignored for matching, but cross-tolerant ones (FACTS P-TOL-1)
 * count for skipped occurrences and breaks, as in nextDose.
 */
export function assessAdherence<T extends TakenDose>(
  plan: PlanSchedule,
  taken: readonly T[],
  now: Temporal.Instant,
): Adherence<T> {
  const spacing = checkPlanSpacing(plan);
  const { occurrences, timeZone } = generateSchedule(plan);
  const { substance } = spacing;
  const past = readDoses(taken).filter((d) => Temporal.Instant.compare(d.instant, now) <= 0);
  const relevant = past.filter(
    (d) => d.substance !== null && sharesTolerance(substance.id, d.substance),
  );
  const slots = occurrences.map(toSlot);
  const first = slots[0];
  const last = slots.at(-1);
  const spanStart = parsePlainDate(plan.startDate, "startDate")
    .toZonedDateTime({ timeZone })
    .toInstant();
  const own = past.filter(
    (d) =>
      d.substance === substance.id &&
      Temporal.Instant.compare(d.instant, minInstant(spanStart, first?.opens ?? spanStart)) >= 0 &&
      (last === undefined || Temporal.Instant.compare(d.instant, last.lateUntil) <= 0),
  );

  const matched = new Map<number, { dose: ReadDose<T>; late: boolean }>();
  const extra: ReadDose<T>[] = [];
  const unmatched: ReadDose<T>[] = [];
  for (const dose of own) {
    const index = slotAt(slots, dose.instant);
    const slot = index === -1 ? undefined : slots[index];
    if (
      slot &&
      !matched.has(index) &&
      Temporal.Instant.compare(dose.instant, slot.onTimeUntil) <= 0
    ) {
      matched.set(index, { dose, late: false });
    } else {
      unmatched.push(dose);
    }
  }
  for (const dose of unmatched) {
    const index = slotAt(slots, dose.instant);
    const slot = index === -1 ? undefined : slots[index];
    const isLate =
      slot !== undefined &&
      Temporal.Instant.compare(dose.instant, slot.onTimeUntil) > 0 &&
      Temporal.Instant.compare(dose.instant, slot.lateUntil) <= 0;
    if (slot && isLate && !matched.has(index)) matched.set(index, { dose, late: true });
    else extra.push(dose);
  }

  // Each relevant dose and the end of the interval after it (calendar days in the plan's zone).
  const intervals = relevant.map((d) => ({
    from: d.instant,
    until: d.instant
      .toZonedDateTimeISO(timeZone)
      .add({ days: spacing.enforcedIntervalDays })
      .toInstant(),
  }));
  const entries = slots.map((slot, index): AdherenceEntry<T> => {
    const match = matched.get(index);
    if (match) {
      const minutes = match.dose.instant.since(slot.planned, { largestUnit: "minutes" }).minutes;
      return {
        occurrence: slot.occurrence,
        status: match.late ? "late" : "taken",
        dose: match.dose.record,
        minutesFromPlan: Math.trunc(minutes),
      };
    }
    const status: AdherenceStatus =
      Temporal.Instant.compare(slot.onTimeUntil, now) >= 0
        ? "pending"
        : isTooSoonAfterADose(slot, intervals)
          ? "skipped"
          : "missed";
    return { occurrence: slot.occurrence, status, dose: null, minutesFromPlan: null };
  });

  const breakDays = (plan.cycle ?? substance.defaultCycle).weeksOff * 7; // FACTS P-PROT-2, K-TOL-1
  const today = now.toZonedDateTimeISO(timeZone).toPlainDate();
  const localDate = (d: ReadDose<T>) => d.instant.toZonedDateTimeISO(timeZone).toPlainDate();
  return {
    entries,
    extra: extra.map((d) => d.record),
    summary: {
      ...countStatuses(entries, extra.length),
      currentStreakWeeks: currentStreakWeeks(plan, entries, extra.map(localDate), today),
      daysSinceLastBreak: daysSinceLastBreak(relevant.map(localDate), today, breakDays),
      breakDays,
    },
    timeZone,
    warnings: spacing.warnings,
  };
}

function toSlot(occurrence: Occurrence, index: number, all: readonly Occurrence[]): Slot {
  const planned = Temporal.Instant.from(occurrence.at);
  const next = all[index + 1];
  const nextOpens = next
    ? Temporal.Instant.from(next.at).subtract({ hours: doseWindow.earlyHours })
    : null;
  const cap = planned.add({ hours: doseWindow.lateDays * 24 });
  return {
    occurrence,
    planned,
    opens: planned.subtract({ hours: doseWindow.earlyHours }),
    onTimeUntil: planned.add({ hours: doseWindow.onTimeHours }),
    // Late until the next occurrence's window opens (exclusive), at most 7 days.
    lateUntil:
      nextOpens && Temporal.Instant.compare(nextOpens, cap) <= 0
        ? nextOpens.subtract({ nanoseconds: 1 })
        : cap,
  };
}

/** Index of the last slot whose window opened at or before `instant`, or -1. */
function slotAt(slots: readonly Slot[], instant: Temporal.Instant): number {
  let low = 0;
  let high = slots.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const slot = slots[mid] as Slot;
    if (Temporal.Instant.compare(slot.opens, instant) <= 0) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

function minInstant(a: Temporal.Instant, b: Temporal.Instant): Temporal.Instant {
  return Temporal.Instant.compare(a, b) <= 0 ? a : b;
}

/**
 * True when a dose before the occurrence kept it from being taken on time: the interval after
 * that dose ends after the occurrence's on-time window closes (next-dose skips it too).
 */
function isTooSoonAfterADose(
  slot: Slot,
  intervals: readonly { from: Temporal.Instant; until: Temporal.Instant }[],
): boolean {
  return intervals.some(
    (i) =>
      Temporal.Instant.compare(i.from, slot.planned) < 0 &&
      Temporal.Instant.compare(i.until, slot.onTimeUntil) > 0,
  );
}

function countStatuses<T extends TakenDose>(
  entries: readonly AdherenceEntry<T>[],
  extra: number,
): Omit<AdherenceSummary, "currentStreakWeeks" | "daysSinceLastBreak" | "breakDays"> {
  const count = (status: AdherenceStatus) => entries.filter((e) => e.status === status).length;
  const taken = count("taken");
  const late = count("late");
  const missed = count("missed");
  const skipped = count("skipped");
  const due = taken + late + missed + skipped;
  const percent = (n: number) => (due === 0 ? null : Math.round((n / due) * 1000) / 10);
  return {
    due,
    taken,
    late,
    missed,
    skipped,
    pending: count("pending"),
    extra,
    percentOnTime: percent(taken),
    percentTaken: percent(taken + late),
    percentLate: percent(late),
    percentMissed: percent(missed),
    percentSkipped: percent(skipped),
  };
}

function currentStreakWeeks<T extends TakenDose>(
  plan: PlanSchedule,
  entries: readonly AdherenceEntry<T>[],
  extraDates: readonly Temporal.PlainDate[],
  today: Temporal.PlainDate,
): number {
  const start = parsePlainDate(plan.startDate, "startDate");
  const weekOf = (date: Temporal.PlainDate) => Math.floor(daysBetween(start, date) / 7);
  const failed = new Set<number>();
  for (const entry of entries) {
    if (entry.status === "missed")
      failed.add(weekOf(parsePlainDate(entry.occurrence.date, "date")));
  }
  for (const date of extraDates) failed.add(weekOf(date));

  const lastEntry = entries.at(-1);
  if (daysBetween(start, today) < 0 || !lastEntry) return 0;
  const lastWeek = weekOf(parsePlainDate(lastEntry.occurrence.date, "date"));
  const thisWeek = weekOf(today);
  let week: number;
  if (thisWeek > lastWeek) {
    week = lastWeek; // the plan is over: every week is complete
  } else {
    if (failed.has(thisWeek)) return 0;
    week = thisWeek - 1; // the current week is not complete yet
  }
  let streak = 0;
  while (week >= 0 && !failed.has(week)) {
    streak++;
    week--;
  }
  return streak;
}

function daysSinceLastBreak(
  doseDates: readonly Temporal.PlainDate[],
  today: Temporal.PlainDate,
  breakDays: number,
): number | null {
  const lastDate = doseDates.at(-1);
  if (!lastDate) return null;
  if (daysBetween(lastDate, today) >= breakDays) return 0; // on a break now
  let runStart = lastDate;
  for (let i = doseDates.length - 1; i > 0; i--) {
    const earlier = doseDates[i - 1] as Temporal.PlainDate;
    const later = doseDates[i] as Temporal.PlainDate;
    if (daysBetween(earlier, later) - 1 >= breakDays) break;
    runStart = earlier;
  }
  return daysBetween(runStart, today);
}
