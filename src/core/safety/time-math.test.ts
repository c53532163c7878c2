import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { formatInstant } from "../time.ts";
import {
  civilOfEpochDay,
  epochDay,
  epochDayOf,
  instantMs,
  instantText,
  localDateTime,
  lowerBound,
  shiftDate,
} from "./time-math.ts";

test("instantMs agrees with Temporal for UTC and offset instants", () => {
  for (const text of [
    "2026-03-22T09:10:00Z",
    "1970-01-01T00:00:00Z",
    "2024-02-29T23:59:59.5Z",
    "2026-03-22T09:10:00+01:00",
  ]) {
    assert.equal(instantMs(text), Temporal.Instant.from(text).epochMilliseconds, text);
  }
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
      assert.equal(instantMs(instantText(ms)), Math.floor(ms / 1000) * 1000);
    }),
  );
});

test("instantText writes what formatInstant writes, for every instant", () => {
  const temporal = (ms: number) => formatInstant(Temporal.Instant.fromEpochMilliseconds(ms));
  for (const ms of [0, 999, 1000, 951_782_400_000, 4_102_444_799_999, 253_402_300_799_999]) {
    assert.equal(instantText(ms), temporal(ms), String(ms));
  }
  fc.assert(
    fc.property(fc.integer({ min: -62_000_000_000_000, max: 260_000_000_000_000 }), (ms) => {
      assert.equal(instantText(ms), temporal(ms));
    }),
    { numRuns: 2000 },
  );
});

test("civilOfEpochDay turns day numbers back into the dates epochDay counted", () => {
  fc.assert(
    fc.property(fc.integer({ min: -800_000, max: 3_000_000 }), (day) => {
      const { year, month, dayOfMonth } = civilOfEpochDay(day);
      assert.equal(epochDayOf(year, month, dayOfMonth), day);
    }),
  );
});

test("localDateTime answers the same for an instant asked again (remembered, not recomputed wrongly)", () => {
  const ms = instantMs("2026-10-25T00:30:00Z");
  const first = localDateTime(ms, "Europe/London");
  assert.deepEqual(localDateTime(ms, "Europe/London"), first);
  assert.deepEqual(localDateTime(ms, "America/New_York"), { date: "2026-10-24", time: "20:30" });
  assert.deepEqual(localDateTime(ms, "Europe/London"), { date: "2026-10-25", time: "01:30" });
});

test("shiftDate answers what Temporal's PlainDate.add answers", () => {
  const temporal = (date: string, days: number) =>
    Temporal.PlainDate.from(date).add({ days }).toString();
  for (const [date, days] of [
    ["2024-02-28", 1],
    ["2024-03-01", -1],
    ["2100-02-28", 1],
    ["2026-12-31", 1],
    ["0001-01-01", -1],
    ["9999-12-31", 1],
  ] as const) {
    assert.equal(shiftDate(date, days), temporal(date, days), `${date} ${days}`);
  }
  assert.throws(() => shiftDate("2026-02-30", 1), RangeError);
  assert.throws(() => shiftDate("not a date", 1), RangeError);
  fc.assert(
    fc.property(
      fc.integer({ min: -700_000, max: 2_900_000 }),
      fc.integer({ min: -40_000, max: 40_000 }),
      (day, days) => {
        const { year, month, dayOfMonth } = civilOfEpochDay(day);
        fc.pre(year >= 1 && year <= 9999);
        const date = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(dayOfMonth).padStart(2, "0")}`;
        assert.equal(shiftDate(date, days), temporal(date, days));
      },
    ),
    { numRuns: 2000 },
  );
});

test("epochDay counts calendar days across months, leap years and centuries", () => {
  assert.equal(epochDay("1970-01-01"), 0);
  assert.equal(epochDay("2026-03-22") - epochDay("2026-03-17"), 5);
  assert.equal(epochDay("2024-03-01") - epochDay("2024-02-28"), 2);
  assert.equal(epochDay("2100-03-01") - epochDay("2100-02-28"), 1);
});

test("localDateTime reads the person's day, across a DST change", () => {
  // The clocks went forward at 01:00 UTC on 2026-03-29: 01:30 UTC is 02:30 in London.
  assert.deepEqual(localDateTime(instantMs("2026-03-29T01:30:00Z"), "Europe/London"), {
    date: "2026-03-29",
    time: "02:30",
  });
  assert.deepEqual(localDateTime(instantMs("2026-03-22T23:30:00Z"), "Asia/Tokyo"), {
    date: "2026-03-23",
    time: "08:30",
  });
  assert.equal(
    localDateTime(0, "Not/AZone").date,
    "1970-01-01",
    "an unknown zone falls back to UTC",
  );
});

test("lowerBound finds the first entry at or after an instant", () => {
  const list = [{ ms: 1 }, { ms: 3 }, { ms: 3 }, { ms: 7 }];
  assert.deepEqual(
    [0, 1, 3, 4, 8].map((ms) => lowerBound(list, ms)),
    [0, 0, 1, 3, 4],
  );
});
