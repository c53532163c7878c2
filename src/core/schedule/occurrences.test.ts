import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../errors.ts";
import { generateSchedule, planOccurrences } from "./occurrences.ts";
import { planWith } from "./test-plans.ts";

const dates = (plan: Parameters<typeof planOccurrences>[0]) =>
  planOccurrences(plan).map((o) => o.date);

function assertRefused(fn: () => unknown, code: string, field: string) {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof TitrateError);
    assert.equal(error.code, code);
    assert.equal(error.field, field);
    return true;
  });
}

describe("protocols", () => {
  test("every 7 days: the issue's example, 09:00 in London before and after the clocks go forward", () => {
    assert.deepEqual(planOccurrences(planWith()), [
      { date: "2026-03-22", localTime: "09:00", at: "2026-03-22T09:00:00Z" },
      { date: "2026-03-29", localTime: "09:00", at: "2026-03-29T08:00:00Z" },
      { date: "2026-04-05", localTime: "09:00", at: "2026-04-05T08:00:00Z" },
    ]);
  });

  test("Fadiman: one day on, two days off", () => {
    const plan = planWith({ substance: "lsd", protocol: { kind: "fadiman" }, timeZone: "UTC" });
    assert.deepEqual(dates({ ...plan, end: { kind: "count", count: 4 } }), [
      "2026-03-22",
      "2026-03-25",
      "2026-03-28",
      "2026-03-31",
    ]);
  });

  test("Stamets: four days on, three off, repeating weekly from the start date", () => {
    const plan = planWith({
      substance: "psilocybin",
      protocol: { kind: "stamets" },
      end: { kind: "count", count: 8 },
    });
    assert.deepEqual(dates(plan), [
      "2026-03-22",
      "2026-03-23",
      "2026-03-24",
      "2026-03-25",
      "2026-03-29",
      "2026-03-30",
      "2026-03-31",
      "2026-04-01",
    ]);
  });

  test("every other day", () => {
    const plan = planWith({
      substance: "mushrooms",
      protocol: { kind: "every-other-day" },
      end: { kind: "count", count: 3 },
    });
    assert.deepEqual(dates(plan), ["2026-03-22", "2026-03-24", "2026-03-26"]);
  });

  test("chosen weekdays: Monday and Thursday, from a Sunday start", () => {
    const plan = planWith({
      substance: "lsd",
      protocol: { kind: "weekdays", weekdays: ["mon", "thu"] },
      end: { kind: "count", count: 4 },
    });
    assert.deepEqual(dates(plan), ["2026-03-23", "2026-03-26", "2026-03-30", "2026-04-02"]);
  });

  test("a custom pattern 1001000 repeats from the start date", () => {
    const plan = planWith({
      substance: "lsd",
      protocol: { kind: "pattern", pattern: "1001000" },
      end: { kind: "count", count: 5 },
    });
    assert.deepEqual(dates(plan), [
      "2026-03-22",
      "2026-03-25",
      "2026-03-29",
      "2026-04-01",
      "2026-04-05",
    ]);
  });
});

describe("cycles", () => {
  test("4 weeks on, 2 off: weekly doses stop for the break and start again", () => {
    const plan = planWith({ cycle: { weeksOn: 4, weeksOff: 2 }, end: { kind: "count", count: 6 } });
    assert.deepEqual(dates(plan), [
      "2026-03-22",
      "2026-03-29",
      "2026-04-05",
      "2026-04-12",
      // weeks 5 and 6 (2026-04-19 to 2026-05-02) are the break
      "2026-05-03",
      "2026-05-10",
    ]);
  });

  test("the protocol starts again at the first day of every run of weeks on", () => {
    // Every 5 days, 1 week on, 1 off: days 0 and 5, then 14 and 19 (not 15).
    const plan = planWith({
      protocol: { kind: "every-n-days", intervalDays: 5 },
      cycle: { weeksOn: 1, weeksOff: 1 },
      end: { kind: "count", count: 4 },
    });
    assert.deepEqual(dates(plan), ["2026-03-22", "2026-03-27", "2026-04-05", "2026-04-10"]);
  });

  test("Fadiman with a cycle: no dose falls in the weeks off", () => {
    const plan = planWith({
      substance: "lsd",
      protocol: { kind: "fadiman" },
      cycle: { weeksOn: 4, weeksOff: 2 },
      end: { kind: "until", date: "2026-06-30" },
    });
    for (const date of dates(plan)) {
      const day = Temporal.PlainDate.from("2026-03-22").until(date).days;
      assert.ok(day % 42 < 28, `${date} is in a break`);
    }
  });

  test("a pattern whose doses all fall in the weeks off is refused", () => {
    const plan = planWith({
      substance: "lsd",
      protocol: { kind: "pattern", pattern: "00000000001" },
      cycle: { weeksOn: 1, weeksOff: 1 },
    });
    assertRefused(() => planOccurrences(plan), "VALIDATION_FAILED", "protocol");
  });
});

describe("how a plan ends", () => {
  test("after a count of doses", () => {
    assert.equal(planOccurrences(planWith({ end: { kind: "count", count: 5 } })).length, 5);
  });

  test("at a date, which is included", () => {
    assert.deepEqual(dates(planWith({ end: { kind: "until", date: "2026-04-05" } })), [
      "2026-03-22",
      "2026-03-29",
      "2026-04-05",
    ]);
  });

  test("an end before the start, an end with no dosing day, and over 1000 doses are refused", () => {
    assertRefused(
      () => planOccurrences(planWith({ end: { kind: "until", date: "2026-03-21" } })),
      "VALIDATION_FAILED",
      "end.date",
    );
    assertRefused(
      () =>
        planOccurrences(
          planWith({
            protocol: { kind: "weekdays", weekdays: ["sat"] },
            end: { kind: "until", date: "2026-03-26" },
          }),
        ),
      "VALIDATION_FAILED",
      "end.date",
    );
    assertRefused(
      () =>
        planOccurrences(
          planWith({
            substance: "lsd",
            protocol: { kind: "every-n-days", intervalDays: 1 },
            end: { kind: "until", date: "2030-01-01" },
          }),
        ),
      "VALIDATION_FAILED",
      "end.date",
    );
  });
});

describe("time zones and daylight saving", () => {
  test("Europe/London, clocks back on 2026-10-25: 09:00 stays 09:00, the instant moves an hour", () => {
    const occurrences = planOccurrences(
      planWith({
        substance: "lsd",
        protocol: { kind: "every-n-days", intervalDays: 1 },
        startDate: "2026-10-24",
        end: { kind: "count", count: 2 },
      }),
    );
    assert.deepEqual(occurrences, [
      { date: "2026-10-24", localTime: "09:00", at: "2026-10-24T08:00:00Z" },
      { date: "2026-10-25", localTime: "09:00", at: "2026-10-25T09:00:00Z" },
    ]);
  });

  test("America/New_York, clocks forward on 2026-03-08 and back on 2026-11-01", () => {
    const around = (startDate: string) =>
      planOccurrences(
        planWith({
          substance: "lsd",
          protocol: { kind: "every-n-days", intervalDays: 1 },
          startDate,
          timeZone: "America/New_York",
          end: { kind: "count", count: 2 },
        }),
      ).map((o) => [o.localTime, o.at]);
    assert.deepEqual(around("2026-03-07"), [
      ["09:00", "2026-03-07T14:00:00Z"],
      ["09:00", "2026-03-08T13:00:00Z"],
    ]);
    assert.deepEqual(around("2026-10-31"), [
      ["09:00", "2026-10-31T13:00:00Z"],
      ["09:00", "2026-11-01T14:00:00Z"],
    ]);
  });

  test("gap: 02:30 on the night New York jumps from 02:00 to 03:00 becomes 03:30 (RFC 5545)", () => {
    const schedule = generateSchedule(
      planWith({ startDate: "2026-03-08", localTime: "02:30", timeZone: "America/New_York" }),
    );
    assert.deepEqual(schedule.occurrences[0], {
      date: "2026-03-08",
      localTime: "03:30",
      at: "2026-03-08T07:30:00Z",
    });
    assert.deepEqual(schedule.occurrences[1], {
      date: "2026-03-15",
      localTime: "02:30",
      at: "2026-03-15T06:30:00Z",
    });
    assert.deepEqual(schedule.clockChanges, [
      {
        kind: "gap",
        date: "2026-03-08",
        plannedTime: "02:30",
        localTime: "03:30",
        at: "2026-03-08T07:30:00Z",
      },
    ]);
  });

  test("gap in London: 01:30 on 2026-03-29 is read with GMT, so 02:30 BST", () => {
    const [first] = planOccurrences(planWith({ startDate: "2026-03-29", localTime: "01:30" }));
    assert.deepEqual(first, { date: "2026-03-29", localTime: "02:30", at: "2026-03-29T01:30:00Z" });
  });

  test("overlap: 01:30 when the clocks go back takes the earlier instant, in both zones", () => {
    const ny = generateSchedule(
      planWith({ startDate: "2026-11-01", localTime: "01:30", timeZone: "America/New_York" }),
    );
    assert.deepEqual(ny.occurrences[0], {
      date: "2026-11-01",
      localTime: "01:30",
      at: "2026-11-01T05:30:00Z",
    });
    assert.equal(ny.clockChanges[0]?.kind, "overlap");
    const london = generateSchedule(planWith({ startDate: "2026-10-25", localTime: "01:30" }));
    assert.equal(london.occurrences[0]?.at, "2026-10-25T00:30:00Z");
    assert.equal(london.clockChanges[0]?.kind, "overlap");
  });

  test("a time zone is canonicalised, and an unknown one is refused by name", () => {
    assert.equal(
      generateSchedule(planWith({ timeZone: "europe/london" })).timeZone,
      "Europe/London",
    );
    assertRefused(
      () => planOccurrences(planWith({ timeZone: "Mars/Olympus_Mons" })),
      "TIME_ZONE_UNKNOWN",
      "timeZone",
    );
  });

  test("dates and times that do not exist are refused, naming the field", () => {
    assertRefused(
      () => planOccurrences(planWith({ startDate: "2026-02-30" })),
      "VALIDATION_FAILED",
      "startDate",
    );
    assertRefused(
      () => planOccurrences(planWith({ localTime: "24:30" })),
      "VALIDATION_FAILED",
      "localTime",
    );
  });

  test("a malformed plan fails its schema instead of looping", () => {
    assertRefused(
      () => planOccurrences(planWith({ protocol: { kind: "every-n-days", intervalDays: 0 } })),
      "VALIDATION_FAILED",
      "protocol.intervalDays",
    );
  });
});
