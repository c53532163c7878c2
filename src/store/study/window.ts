/**
 * Which of a participant's entries belong to a study — the one rule the dashboard, the export
 * and a withdrawal's deletion all apply (`reachesStudy`, and its SQL twin in dashboard.ts):
 *
 * - recorded after they consented (`created_at` ≥ their first consent): nothing written before
 *   consent reaches the study, not even an entry of the consent's own day;
 * - dated from the start of their first study day (the day they consented, where they were,
 *   or the study's start if later) until the study's end or their withdrawal, whichever comes
 *   first: an entry logged after joining for an earlier day stays theirs alone;
 * - and once they have withdrawn, recorded before the withdrawal: an entry logged later for a
 *   day inside the window never reaches the study.
 */
import { Temporal } from "temporal-polyfill";
import { formatInstant } from "../../core/time.ts";
import type { EnrolmentRecord, StudyRecord } from "./records.ts";

export interface StudyBounds {
  /** The start date's midnight in the study's zone, as stored instants are written. */
  readonly start: string;
  /** The midnight after the end date. */
  readonly end: string;
}

/** The study's dates as instants. */
export function studyBounds(study: StudyRecord): StudyBounds {
  const midnight = (date: Temporal.PlainDate) =>
    formatInstant(date.toZonedDateTime({ timeZone: study.timeZone }).toInstant());
  return {
    start: midnight(Temporal.PlainDate.from(study.startDate)),
    end: midnight(Temporal.PlainDate.from(study.endDate).add({ days: 1 })),
  };
}

export type ParticipantStatus = "active" | "completed" | "withdrawn";

export interface ParticipantWindow {
  /** Entries dated from this instant… */
  readonly from: string;
  /** …up to (not including) this one. */
  readonly to: string;
  /** Study day 0: the local date of `from` in the zone the participant joined in. */
  readonly firstDay: string;
  readonly status: ParticipantStatus;
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/** A participant's window in a study (instants as text compare as time: same format). */
export function participantWindow(
  bounds: StudyBounds,
  enrolment: Pick<EnrolmentRecord, "firstDayAt" | "withdrawnAt" | "timeZone">,
  now: Temporal.Instant,
): ParticipantWindow {
  const from = later(enrolment.firstDayAt, bounds.start);
  const to =
    enrolment.withdrawnAt === null ? bounds.end : earlier(enrolment.withdrawnAt, bounds.end);
  const status: ParticipantStatus =
    enrolment.withdrawnAt !== null
      ? "withdrawn"
      : formatInstant(now) >= bounds.end
        ? "completed"
        : "active";
  return {
    from,
    to: later(to, from),
    firstDay: Temporal.Instant.from(from)
      .toZonedDateTimeISO(enrolment.timeZone)
      .toPlainDate()
      .toString(),
    status,
  };
}

/** The study days from day 0 to the last day reached by `now` (both counted); 0 before it starts. */
export function daysInStudy(
  window: ParticipantWindow,
  timeZone: string,
  now: Temporal.Instant,
): number {
  const nowText = formatInstant(now);
  const last = earlier(nowText, window.to);
  if (last <= window.from) return nowText < window.from ? 0 : 1;
  // The last instant inside the window is one second before `to`.
  const lastInstant =
    last === window.to
      ? Temporal.Instant.from(last).subtract({ seconds: 1 })
      : Temporal.Instant.from(last);
  const lastDay = lastInstant.toZonedDateTimeISO(timeZone).toPlainDate();
  return Temporal.PlainDate.from(window.firstDay).until(lastDay).days + 1;
}

/** Whether an entry (its `at` and `created_at`) reaches the study through this enrolment. */
export function reachesStudy(
  entry: { readonly at: string; readonly created_at: string },
  window: ParticipantWindow,
  enrolment: Pick<EnrolmentRecord, "joinedAt" | "withdrawnAt">,
): boolean {
  return (
    entry.at >= window.from &&
    entry.at < window.to &&
    entry.created_at >= enrolment.joinedAt &&
    (enrolment.withdrawnAt === null || entry.created_at <= enrolment.withdrawnAt)
  );
}

/** The midnight that begins the local date of `instant` in `timeZone`, as stored instants are. */
export function startOfDay(instant: Temporal.Instant, timeZone: string): string {
  return formatInstant(
    instant.toZonedDateTimeISO(timeZone).toPlainDate().toZonedDateTime({ timeZone }).toInstant(),
  );
}
