/**
 * A plan as an RFC 5545 calendar that Google Calendar, Apple Calendar and Thunderbird import.
 * One VEVENT per occurrence (cycles, breaks and the minimum-interval rule do not fit an
 * RRULE), each with a stable UID, a reminder VALARM and the dose in the description. Times
 * carry a TZID with its VTIMEZONE block (Thunderbird needs the block), or are in UTC.
 * The wall-clock time written is the one the dose is at (03:30 for a 02:30 inside a
 * spring-forward gap), and a time the clocks pass twice is written in UTC, so every program
 * reads the same instant.
 */
import { Temporal } from "temporal-polyfill";
import { formatAmount } from "../units.ts";
import { isFixedZone } from "./calendar.ts";
import { escapeText, formatLocalDateTime, formatUtcDateTime, toIcsText } from "./ics-text.ts";
import type { Occurrence } from "./occurrences.ts";
import type { PlanPreview } from "./preview.ts";
import { stableHash } from "./stable-hash.ts";
import { vtimezoneLines } from "./vtimezone.ts";
import type { PlanWarning } from "./warnings.ts";

export interface IcsOptions {
  /** DTSTAMP of every event: when the calendar was made (passed in; the core has no clock). */
  readonly dtstamp: Temporal.Instant;
  /** A stored plan's id; without it the UIDs derive from the plan's substance, protocol, cycle and start. */
  readonly planId?: string | undefined;
  /** `zoned` (default): local times with TZID and VTIMEZONE; `utc`: UTC times. UTC and fixed-offset plans always use UTC. */
  readonly times?: "zoned" | "utc" | undefined;
  /** Minutes before the dose the reminder fires; default 15 (time to prepare and measure). */
  readonly reminderMinutesBefore?: number | undefined;
  /** Leave the substance and dose out of titles and reminders (a shared or synced calendar). */
  readonly discreet?: boolean | undefined;
}

const EVENT_MINUTES = 15;

/**
 * The calendar for a checked plan (see previewPlan: a plan refused there has no calendar),
 * as iCalendar text with CRLF line endings. Same plan and options, same text.
 */
export function planToIcs(preview: PlanPreview, options: IcsOptions): string {
  const { plan, occurrences } = preview;
  const first = occurrences[0];
  const last = occurrences.at(-1);
  const useUtc = options.times === "utc" || isFixedZone(plan.timeZone);
  const reminder = options.reminderMinutesBefore ?? 15;
  const uidBase = stableHash(
    options.planId !== undefined
      ? `plan:${options.planId}`
      : JSON.stringify([preview.substance.id, plan.protocol, plan.cycle, plan.startDate]),
  );
  const dtstamp = formatUtcDateTime(
    options.dtstamp.round({ smallestUnit: "second", roundingMode: "floor" }),
  );

  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Titrate//Titrate plan export//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(options.discreet ? "Titrate plan" : `Titrate plan: ${preview.substance.name}`)}`,
  ];
  if (!useUtc && first && last) {
    lines.push(`X-WR-TIMEZONE:${plan.timeZone}`);
    lines.push(
      ...vtimezoneLines(
        plan.timeZone,
        Temporal.Instant.from(first.at).subtract({ hours: 48 }),
        Temporal.Instant.from(last.at).add({ hours: 48 }),
      ),
    );
  }
  const repeated = new Set(
    preview.clockChanges.filter((c) => c.kind === "overlap").map((c) => c.date),
  );
  occurrences.forEach((occurrence, index) => {
    const instant = Temporal.Instant.from(occurrence.at);
    // A repeated local time (fall back) is written in UTC: RFC 5545 reads it as the first
    // occurrence, but not every program does (ical.js takes the later one).
    const start =
      useUtc || repeated.has(occurrence.date)
        ? `DTSTART:${formatUtcDateTime(instant)}`
        : `DTSTART;TZID=${plan.timeZone}:${formatLocalDateTime(instant.toZonedDateTimeISO(plan.timeZone).toPlainDateTime())}`;
    const title = eventTitle(preview, options.discreet === true);
    lines.push(
      "BEGIN:VEVENT",
      `UID:${uidBase}-${occurrence.date.replaceAll("-", "")}@titrate`,
      `DTSTAMP:${dtstamp}`,
      start,
      `DURATION:PT${EVENT_MINUTES}M`,
      `SUMMARY:${escapeText(title)}`,
      `DESCRIPTION:${escapeText(eventDescription(preview, occurrence, index, options.discreet === true))}`,
      "CLASS:PRIVATE",
      "TRANSP:TRANSPARENT",
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      `DESCRIPTION:${escapeText(title)}`,
      `TRIGGER:${reminder === 0 ? "PT0M" : `-PT${reminder}M`}`,
      "END:VALARM",
      "END:VEVENT",
    );
  });
  lines.push("END:VCALENDAR");
  return toIcsText(lines);
}

function doseText(preview: PlanPreview): string | null {
  const { dose, substance } = preview;
  return dose ? formatAmount(dose.amount, dose.unit, substance.step) : null;
}

function eventTitle(preview: PlanPreview, discreet: boolean): string {
  if (discreet) return "Titrate reminder";
  const dose = doseText(preview);
  return `${preview.substance.name}${dose ? ` ${dose}` : " dose"} (Titrate plan)`;
}

function eventDescription(
  preview: PlanPreview,
  occurrence: Occurrence,
  index: number,
  discreet: boolean,
): string {
  const { substance, occurrences, minIntervalDays, intervalDays } = preview;
  const position = `Planned dose ${index + 1} of ${occurrences.length}, ${occurrence.date} ${occurrence.localTime} (${preview.plan.timeZone}).`;
  if (discreet) return `${position} Open Titrate for the details.`;
  const dose = doseText(preview);
  const sizing = substance.sizing;
  const ceiling =
    sizing.kind === "per-kg"
      ? `${sizing.ceilingPerKg} ${substance.unit}/kg`
      : formatAmount(sizing.ceiling, substance.unit, substance.step);
  const lines = [
    position,
    dose
      ? `Dose: ${substance.name} ${dose} (${substance.measuredAs}).`
      : `Dose: not set. Work it out with \`titrate calc dose\` and your weight; never above ${ceiling} (FACTS ${sizing.facts[0]}).`,
    `Keep at least ${intervalDays} day${intervalDays === 1 ? "" : "s"} after your last dose (FACTS ${substance.minIntervalFacts.join(", ")}${intervalDays < minIntervalDays ? `; Titrate's minimum is ${minIntervalDays} days, and you accepted the risk of less` : ""}): if you took the last one late, check Titrate's next dose before taking this one.`,
    ...relevantWarnings(preview.warnings, occurrence).map((w) => `Warning: ${w.message}`),
  ];
  return lines.join("\n");
}

/** Plan-wide warnings, and clock-change warnings for this occurrence's date only. */
function relevantWarnings(warnings: readonly PlanWarning[], occurrence: Occurrence): PlanWarning[] {
  return warnings.filter(
    (w) =>
      (w.code !== "CLOCK_GAP" && w.code !== "CLOCK_OVERLAP") ||
      w.message.startsWith(`${occurrence.date}:`),
  );
}
