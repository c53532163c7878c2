import assert from "node:assert/strict";
import { beforeEach, describe, test } from "node:test";
import ICAL from "ical.js";
import { Temporal } from "temporal-polyfill";
import type { PlanDraft } from "../schemas/plan.ts";
import { planToIcs } from "./ics.ts";
import { previewPlan } from "./preview.ts";
import { planWith } from "./test-plans.ts";

const dtstamp = Temporal.Instant.from("2026-03-01T12:00:00Z");

interface ParsedEvent {
  readonly uid: string;
  readonly startUtc: string;
  readonly tzid: string | null;
  readonly summary: string;
  readonly description: string;
  readonly dtstamp: string;
  readonly alarm: { action: string; triggerSeconds: number } | null;
}

/** Parses the calendar with ical.js, resolving times with the calendar's own VTIMEZONE blocks only. */
function parse(ics: string): { calendar: ICAL.Component; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const alarm = component.getFirstSubcomponent("valarm");
    const trigger = alarm?.getFirstPropertyValue("trigger") as ICAL.Duration | undefined;
    const stamp = component.getFirstPropertyValue("dtstamp") as ICAL.Time;
    return {
      uid: event.uid,
      startUtc: Temporal.Instant.fromEpochMilliseconds(
        event.startDate.toUnixTime() * 1000,
      ).toString(),
      tzid:
        (component.getFirstProperty("dtstart")?.getParameter("tzid") as string | undefined) ?? null,
      summary: event.summary,
      description: event.description,
      dtstamp: stamp.toString(),
      alarm: alarm
        ? {
            action: String(alarm.getFirstPropertyValue("action")),
            triggerSeconds: trigger?.toSeconds() ?? 0,
          }
        : null,
    };
  });
  return { calendar, events };
}

function icsFor(
  overrides: Partial<PlanDraft>,
  options: Partial<Parameters<typeof planToIcs>[1]> = {},
) {
  const preview = previewPlan(planWith(overrides), { weightKg: 70 });
  return { preview, ics: planToIcs(preview, { dtstamp, ...options }) };
}

beforeEach(() => {
  ICAL.TimezoneService.reset();
});

describe("calendar export", () => {
  test("one event per occurrence, each at the occurrence's instant, read with the VTIMEZONE", () => {
    const { preview, ics } = icsFor({ end: { kind: "count", count: 6 } });
    const { calendar, events } = parse(ics);
    assert.equal(calendar.name, "vcalendar");
    assert.equal(calendar.getFirstPropertyValue("version"), "2.0");
    assert.equal(events.length, 6);
    assert.deepEqual(
      events.map((e) => e.startUtc),
      preview.occurrences.map((o) => o.at),
    );
    assert.ok(events.every((e) => e.tzid === "Europe/London"));
    assert.equal(calendar.getAllSubcomponents("vtimezone").length, 1);
  });

  test("both clock changes in London and New York, and the gap and overlap, read back exactly", () => {
    for (const [timeZone, localTime] of [
      ["Europe/London", "09:00"],
      ["Europe/London", "01:30"],
      ["America/New_York", "02:30"],
      ["America/New_York", "01:30"],
    ] as const) {
      ICAL.TimezoneService.reset();
      const { preview, ics } = icsFor(
        {
          substance: "lsd",
          protocol: { kind: "every-n-days", intervalDays: 1 },
          startDate: "2026-03-01",
          localTime,
          timeZone,
          end: { kind: "until", date: "2026-11-30" },
        },
        {},
      );
      const { calendar, events } = parse(ics);
      assert.deepEqual(
        events.map((e) => e.startUtc),
        preview.occurrences.map((o) => o.at),
        `${timeZone} ${localTime}`,
      );
      const zone = calendar.getFirstSubcomponent("vtimezone");
      assert.equal(zone?.getAllSubcomponents("daylight").length, 1, "one change to summer time");
      assert.equal(zone?.getAllSubcomponents("standard").length, 2, "winter, then back to it");
    }
  });

  test("a time the clocks pass twice is written in UTC, so no program has to pick one", () => {
    const { ics } = icsFor({
      startDate: "2026-11-01",
      localTime: "01:30",
      timeZone: "America/New_York",
    });
    const { events } = parse(ics);
    assert.equal(events[0]?.tzid, null);
    assert.equal(events[0]?.startUtc, "2026-11-01T05:30:00Z"); // the first 01:30 (EDT)
    assert.match(ics, /\r\nDTSTART:20261101T053000Z\r\n/);
    assert.equal(events[1]?.tzid, "America/New_York");
  });

  test("UIDs are unique, and the same for the same plan on another day", () => {
    const first = parse(icsFor({ end: { kind: "count", count: 5 } }).ics).events;
    const again = parse(
      icsFor(
        { end: { kind: "count", count: 8 }, localTime: "10:00" },
        { dtstamp: dtstamp.add({ hours: 24 }) },
      ).ics,
    ).events;
    assert.equal(new Set(first.map((e) => e.uid)).size, 5);
    assert.deepEqual(
      first.map((e) => e.uid),
      again.slice(0, 5).map((e) => e.uid),
    );
    const other = parse(icsFor({ startDate: "2026-03-23" }).ics).events;
    assert.ok(other.every((e) => !first.some((f) => f.uid === e.uid)));
    const stored = parse(icsFor({}, { planId: "plan-42" }).ics).events;
    assert.notEqual(stored[0]?.uid, first[0]?.uid);
  });

  test("same plan and DTSTAMP give the same text; DTSTAMP is the one passed in", () => {
    assert.equal(icsFor({}).ics, icsFor({}).ics);
    const [event] = parse(icsFor({}).ics).events;
    assert.equal(event?.dtstamp, "2026-03-01T12:00:00Z");
  });

  test("each event has a display reminder 15 minutes before and the dose in its description", () => {
    const { events } = parse(icsFor({}).ics);
    for (const event of events) {
      assert.deepEqual(event.alarm, { action: "DISPLAY", triggerSeconds: -900 });
      assert.match(event.summary, /^Ketamine 7\.0 mg/);
      assert.match(event.description, /Dose: Ketamine 7\.0 mg \(ketamine hydrochloride as weighed/);
      assert.match(event.description, /at least 5 days after your last dose \(FACTS K-DOSE-2/);
    }
    const { events: soon } = parse(icsFor({}, { reminderMinutesBefore: 0 }).ics);
    assert.equal(soon[0]?.alarm?.triggerSeconds, 0);
  });

  test("warnings travel in the description: accepted risk in every event, a clock gap on its day", () => {
    const { events } = parse(
      icsFor({
        protocol: { kind: "every-n-days", intervalDays: 3 },
        acceptRisk: true,
        startDate: "2026-03-05",
        localTime: "02:30",
        timeZone: "America/New_York",
      }).ics,
    );
    assert.ok(events.every((e) => /Warning: Risk accepted/.test(e.description)));
    assert.deepEqual(
      events.map((e) => /does not exist/.test(e.description)),
      [false, true, false],
    );
  });

  test("text is escaped and unescaped faithfully, with CRLF line endings and 75-octet lines", () => {
    const { preview, ics } = icsFor({ substance: "lsd", target: { amount: 10, unit: "µg" } });
    assert.doesNotMatch(ics.replaceAll("\r\n", ""), /[\r\n]/);
    for (const line of ics.split("\r\n")) {
      assert.ok(new TextEncoder().encode(line).length <= 75, line);
    }
    const [event] = parse(ics).events;
    assert.match(
      event?.description ?? "",
      /LSD 10 µg \(LSD in micrograms, as stated for the blotter or solution\)/,
    );
    assert.equal(
      event?.description.split("\n")[0],
      `Planned dose 1 of ${preview.occurrences.length}, 2026-03-22 09:00 (Europe/London).`,
    );
  });

  test("UTC times when asked, or for a UTC plan: no VTIMEZONE", () => {
    for (const [overrides, options] of [
      [{}, { times: "utc" as const }],
      [{ timeZone: "UTC" }, {}],
    ] as const) {
      const { preview, ics } = icsFor(overrides, options);
      const { calendar, events } = parse(ics);
      assert.equal(calendar.getAllSubcomponents("vtimezone").length, 0);
      assert.ok(events.every((e) => e.tzid === null));
      assert.match(ics, /DTSTART:20260322T090000Z/);
      assert.deepEqual(
        events.map((e) => e.startUtc),
        preview.occurrences.map((o) => o.at),
      );
    }
  });

  test("without a dose, the description says how to work it out and never guesses", () => {
    const preview = previewPlan(planWith());
    const [event] = parse(planToIcs(preview, { dtstamp })).events;
    assert.equal(event?.summary, "Ketamine dose (Titrate plan)");
    assert.match(
      event?.description ?? "",
      /Dose: not set.*never above 0\.2 mg\/kg \(FACTS K-DOSE-1\)/,
    );
  });

  test("discreet: no substance or dose in titles, reminders or descriptions", () => {
    const { ics } = icsFor({}, { discreet: true });
    assert.doesNotMatch(ics, /ketamine/iu);
    const [event] = parse(ics).events;
    assert.equal(event?.summary, "Titrate reminder");
  });
});
