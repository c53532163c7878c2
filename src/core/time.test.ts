import assert from "node:assert/strict";
import { test } from "node:test";
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "./errors.ts";
import { formatInstant, normaliseInstant, parseTimeZone, parseWhen } from "./time.ts";

const now = Temporal.Instant.from("2026-07-01T12:00:00Z");

test("instants are stored in UTC at whole seconds", () => {
  assert.equal(
    formatInstant(Temporal.Instant.from("2026-03-22T09:10:00.987Z")),
    "2026-03-22T09:10:00Z",
  );
  assert.equal(normaliseInstant("2026-03-22T10:10:00+01:00"), "2026-03-22T09:10:00Z");
});

test("a local time without an offset is read in the profile's zone", () => {
  assert.equal(
    formatInstant(parseWhen("2026-03-22 09:10", "Europe/London", now)),
    "2026-03-22T09:10:00Z",
  );
  assert.equal(
    formatInstant(parseWhen("2026-06-22 09:10", "Europe/London", now)),
    "2026-06-22T08:10:00Z",
  );
  assert.equal(
    formatInstant(parseWhen("2026-06-22T09:10", "America/New_York", now)),
    "2026-06-22T13:10:00Z",
  );
});

test("a time with an offset or Z is taken as given", () => {
  assert.equal(
    formatInstant(parseWhen("2026-06-22T09:10:00Z", "Europe/London", now)),
    "2026-06-22T09:10:00Z",
  );
  assert.equal(
    formatInstant(parseWhen("2026-06-22T09:10+02:00", "Europe/London", now)),
    "2026-06-22T07:10:00Z",
  );
});

test("a local time in the spring-forward gap moves forward, as calendars do", () => {
  // Europe/London jumps from 01:00 to 02:00 on 2026-03-29.
  assert.equal(
    formatInstant(parseWhen("2026-03-29 01:30", "Europe/London", now)),
    "2026-03-29T01:30:00Z",
  );
});

test("'now' is the current instant; the future is refused", () => {
  assert.equal(formatInstant(parseWhen("now", "Europe/London", now)), "2026-07-01T12:00:00Z");
  assert.throws(
    () => parseWhen("2026-07-02 09:00", "Europe/London", now),
    (e: unknown) => e instanceof TitrateError && e.code === "TIME_IN_FUTURE" && e.field === "at",
  );
});

test("a time more than 30 years ago is refused as a likely typo; 29 years is kept", () => {
  assert.throws(
    () => parseWhen("1996-06-30 09:00", "Europe/London", now),
    (e: unknown) =>
      e instanceof TitrateError &&
      e.code === "TIME_TOO_OLD" &&
      e.field === "at" &&
      /more than 30 years ago/u.test(e.message),
  );
  assert.equal(
    formatInstant(parseWhen("1997-07-02T09:00:00Z", "Europe/London", now)),
    "1997-07-02T09:00:00Z",
  );
});

test("refuses text that is not a time, and unknown zones", () => {
  assert.throws(
    () => parseWhen("yesterday-ish", "Europe/London", now),
    (e: unknown) => e instanceof TitrateError && e.field === "at",
  );
  assert.equal(parseTimeZone("europe/london"), "Europe/London");
  assert.throws(
    () => parseTimeZone("Mars/Olympus"),
    (e: unknown) => e instanceof TitrateError && e.code === "TIME_ZONE_UNKNOWN",
  );
});

test("an instant shows as a local date and time in a zone", async () => {
  const { localDateTimeText } = await import("./time.ts");
  assert.equal(localDateTimeText("2026-11-20T14:00:00Z", "America/New_York"), "2026-11-20 09:00");
  assert.equal(localDateTimeText("2026-06-20T08:00:00Z", "Europe/London"), "2026-06-20 09:00");
});
