/**
 * The insights for a period, from the account's whole journal (baselines reach back before
 * the period): the action `titrate insights` and GET /api/v1/insights share.
 */
import type { Temporal } from "temporal-polyfill";
import { computeInsights, type Insights } from "../../core/insights/insights.ts";
import { type Period, resolvePeriod } from "../../core/insights/period.ts";
import { checkIns, doses, listEvents, screenings } from "../repos/events.ts";
import type { Store } from "../store.ts";
import { requireProfile } from "./profile.ts";

export interface PeriodOptions {
  /** `90d`, `12w` or a first date; default 90d. */
  readonly since?: string | undefined;
  /** The last date; default today in the profile's time zone. */
  readonly until?: string | undefined;
}

/** The period the options name, ending today in the profile's zone unless told otherwise. */
export function periodOf(options: PeriodOptions, timeZone: string, now: Temporal.Instant): Period {
  const today = now.toZonedDateTimeISO(timeZone).toPlainDate().toString();
  return resolvePeriod(options.since, options.until, today);
}

export async function loadInsights(
  store: Store,
  userId: string,
  options: PeriodOptions,
  now: Temporal.Instant,
): Promise<Insights> {
  const profile = await requireProfile(store, userId);
  const period = periodOf(options, profile.timeZone, now);
  const [checkInList, doseList, screeningList] = await Promise.all([
    listEvents(store.db, checkIns, userId),
    listEvents(store.db, doses, userId),
    listEvents(store.db, screenings, userId),
  ]);
  return computeInsights({
    period,
    timeZone: profile.timeZone,
    checkIns: checkInList,
    doses: doseList,
    screenings: screeningList,
  });
}
