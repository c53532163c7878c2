/**
 * A VTIMEZONE block (RFC 5545 §3.6.5) for the span of a plan, built from Temporal's own
 * transitions of the zone, so calendar programs that need the block (Thunderbird) read the
 * same offsets Titrate used. One component per offset in force: the one at the start of the
 * span, then one for each transition within it.
 */
import type { Temporal } from "temporal-polyfill";
import { formatLocalDateTime, formatOffset } from "./ics-text.ts";

/** The content lines of a VTIMEZONE for `timeZone` covering `from` to `to`. */
export function vtimezoneLines(
  timeZone: string,
  from: Temporal.Instant,
  to: Temporal.Instant,
): string[] {
  const start = from.toZonedDateTimeISO(timeZone);
  const transitions: Temporal.ZonedDateTime[] = [];
  let cursor = start;
  for (;;) {
    const next = cursor.getTimeZoneTransition("next");
    if (next === null || next.epochNanoseconds > to.epochNanoseconds) break;
    transitions.push(next);
    cursor = next;
  }

  const firstChange = transitions[0];
  const startsInDaylight =
    firstChange !== undefined && firstChange.offsetNanoseconds < start.offsetNanoseconds;
  const lines = [`BEGIN:VTIMEZONE`, `TZID:${timeZone}`];
  lines.push(
    ...component(
      startsInDaylight ? "DAYLIGHT" : "STANDARD",
      start.toPlainDateTime(),
      start.offset,
      start.offset,
    ),
  );
  for (const transition of transitions) {
    // DTSTART is the local time of the change as read with the offset before it (§3.6.5).
    const before = transition.subtract({ nanoseconds: 1 });
    const onset = before.toPlainDateTime().add({ nanoseconds: 1 });
    const kind = transition.offsetNanoseconds > before.offsetNanoseconds ? "DAYLIGHT" : "STANDARD";
    lines.push(...component(kind, onset, before.offset, transition.offset));
  }
  lines.push("END:VTIMEZONE");
  return lines;
}

function component(
  kind: "STANDARD" | "DAYLIGHT",
  onset: Temporal.PlainDateTime,
  offsetFrom: string,
  offsetTo: string,
): string[] {
  return [
    `BEGIN:${kind}`,
    `DTSTART:${formatLocalDateTime(onset.round({ smallestUnit: "second", roundingMode: "floor" }))}`,
    `TZOFFSETFROM:${formatOffset(offsetFrom)}`,
    `TZOFFSETTO:${formatOffset(offsetTo)}`,
    `END:${kind}`,
  ];
}
