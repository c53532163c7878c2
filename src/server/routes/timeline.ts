/** The journal as one timeline: every entry of the chosen kinds in a range, oldest first. */
import type { FastifyPluginAsync } from "fastify";
import type * as z from "zod/mini";
import { parseInstant, parsePlainDate } from "../../core/schedule/calendar.ts";
import { formatInstant } from "../../core/time.ts";
import { type IdTable, tableOfId } from "../../store/ids.ts";
import { requireProfile } from "../../store/journal/profile.ts";
import { type TimelineKind, timeline } from "../../store/journal/timeline.ts";
import type { ServerContext } from "../context.ts";
import { defineRoute } from "../route.ts";
import { Timeline, type TimelineEntry, TimelineQuery } from "../schemas/entries.ts";

const kindOfTable: Partial<Record<IdTable, TimelineKind>> = {
  doses: "dose",
  other_substances: "substance",
  check_ins: "checkin",
  symptom_reports: "symptom",
  blood_pressures: "bp",
  screenings: "screening",
  notes: "note",
};

type Entry = z.input<typeof TimelineEntry>;

/** A record as a timeline entry, its kind named by its id's prefix. */
export function entryOf(id: string, record: object): Entry {
  const { at, timeZone } = record as { at: string; timeZone: string };
  const kind = kindOfTable[tableOfId(id) as IdTable] as TimelineKind;
  // The response schema checks that the record has the shape of its kind.
  return { kind, id, at, timeZone, record } as Entry;
}

/** A range bound: a date is the start of that day in `timeZone`; an instant is taken as given. */
function readBound(text: string | undefined, timeZone: string, field: string): string | undefined {
  if (text === undefined) return undefined;
  if (text.length === 10) {
    return formatInstant(parsePlainDate(text, field).toZonedDateTime({ timeZone }).toInstant());
  }
  return formatInstant(parseInstant(text, field));
}

export const timelineRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  defineRoute(app, {
    method: "GET",
    url: "/api/v1/journal",
    operationId: "journalTimeline",
    summary: "Your journal as a timeline: every entry in a range, oldest first",
    description:
      "`since` and `until` are dates (read in your profile's time zone) or instants; without them, the whole journal. `types` chooses kinds: dose, substance, checkin, symptom, bp, screening, note.",
    tags: ["journal"],
    query: TimelineQuery,
    response: Timeline,
    errors: ["STORE_NOT_INITIALISED"],
    handler: async ({ userId, query }) => {
      const { timeZone } = await requireProfile(context.store, userId);
      const kinds = query.types?.split(",") as TimelineKind[] | undefined;
      const entries = await timeline(
        context.store,
        userId,
        {
          since: readBound(query.since, timeZone, "since"),
          until: readBound(query.until, timeZone, "until"),
        },
        kinds === undefined ? undefined : [...new Set(kinds)],
      );
      return { entries: entries as Entry[] };
    },
  });
};
