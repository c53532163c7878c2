/**
 * The journal as one timeline: every entry of every kind, in time order, within a range.
 */
import {
  bloodPressures,
  checkIns,
  doses,
  type EventRange,
  listEvents,
  notes,
  otherSubstances,
  screenings,
  symptomReports,
} from "../repos/events.ts";
import type { Store } from "../store.ts";

export const timelineKinds = [
  "dose",
  "substance",
  "checkin",
  "symptom",
  "bp",
  "screening",
  "note",
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export interface TimelineEntry {
  readonly kind: TimelineKind;
  readonly id: string;
  readonly at: string;
  readonly timeZone: string;
  readonly record: object;
}

const sources = {
  dose: doses,
  substance: otherSubstances,
  checkin: checkIns,
  symptom: symptomReports,
  bp: bloodPressures,
  screening: screenings,
  note: notes,
} as const;

/** Entries of the chosen kinds (all by default) within `range`, oldest first. */
export async function timeline(
  store: Store,
  userId: string,
  range: EventRange,
  kinds: readonly TimelineKind[] = timelineKinds,
): Promise<TimelineEntry[]> {
  const lists = await Promise.all(
    kinds.map(async (kind) => {
      const records = await listEvents(store.db, sources[kind] as typeof notes, userId, range);
      return records.map((record) => ({
        kind,
        id: record.id,
        at: record.at,
        timeZone: record.timeZone,
        record,
      }));
    }),
  );
  return lists.flat().sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}
