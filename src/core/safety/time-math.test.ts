import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { epochDay, instantMs, instantText, localDateTime, lowerBound } from "./time-math.ts";

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
