import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { CheckIn } from "../schemas/journal.ts";
import {
  buildDailySeries,
  dailyRatings,
  localDateOf,
  ROLLING_MIN_DAYS,
  ROLLING_WINDOW_DAYS,
} from "./daily-series.ts";
import { seriesText } from "./describe.ts";
import { type RatingName, ratingNames } from "./ratings.ts";
import { mean } from "./summary-stats.ts";

const rating = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });
const checkIn = fc
  .record({
    day: fc.integer({ min: 1, max: 20 }),
    hour: fc.integer({ min: 0, max: 23 }),
    mood: rating,
    energy: rating,
    focus: rating,
    anxiety: rating,
    sleep: rating,
  })
  .map(
    ({ day, hour, ...ratings }): CheckIn => ({
      id: `ci_${day}_${hour}`,
      at: `2026-03-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00Z`,
      timeZone: "Europe/London",
      ...ratings,
      effects: null,
      afterEffects: null,
      note: null,
      shulgin: null,
    }),
  );

// The readings as they were first written: a list of values per day and rating, then mean().
function referenceRatings(checkIns: readonly CheckIn[]) {
  const lists = new Map<string, Record<RatingName, number[]>>();
  for (const c of checkIns) {
    const date = localDateOf(c);
    const day =
      lists.get(date) ??
      (Object.fromEntries(ratingNames.map((n) => [n, []])) as unknown as Record<
        RatingName,
        number[]
      >);
    for (const name of ratingNames) if (c[name] !== null) day[name].push(c[name] as number);
    lists.set(date, day);
  }
  return new Map(
    [...lists].map(([date, day]) => [
      date,
      Object.fromEntries(
        ratingNames.filter((n) => day[n].length > 0).map((n) => [n, mean(day[n])]),
      ),
    ]),
  );
}

test("daily ratings are each day's means, exactly as a list of values and mean() give them", () => {
  fc.assert(
    fc.property(fc.array(checkIn, { maxLength: 60 }), (checkIns) => {
      assert.deepEqual(dailyRatings(checkIns), referenceRatings(checkIns));
    }),
  );
});

test("the rolling mean is the mean of the window's values, when it has enough of them", () => {
  fc.assert(
    fc.property(fc.array(checkIn, { maxLength: 60 }), (checkIns) => {
      const series = buildDailySeries("2026-03-05", "2026-03-20", checkIns, []);
      const byDate = referenceRatings(checkIns);
      for (const name of ratingNames) {
        series.dates.forEach((date, i) => {
          const window: number[] = [];
          for (let back = ROLLING_WINDOW_DAYS - 1; back >= 0; back--) {
            const d = new Date(Date.parse(`${date}T00:00:00Z`) - back * 86_400_000)
              .toISOString()
              .slice(0, 10);
            const value = (byDate.get(d) as Partial<Record<RatingName, number>> | undefined)?.[
              name
            ];
            if (value !== undefined) window.push(value);
          }
          const expected = window.length >= ROLLING_MIN_DAYS ? mean(window) : null;
          assert.equal(series.ratings[name].rolling7[i], expected, `${name} ${date}`);
        });
      }
    }),
  );
});

test("a series in words: first, last, lowest and highest; one value said once", () => {
  const dates = ["2026-03-01", "2026-03-02", "2026-03-03"];
  assert.equal(
    seriesText("Mood", [5, null, 7], dates),
    "Mood: 5.0 on 2026-03-01, 7.0 on 2026-03-03; lowest 5.0 (2026-03-01), highest 7.0 (2026-03-03)",
  );
  assert.equal(seriesText("Mood", [null, 6, null], dates), "Mood: 6.0 on 2026-03-02, the only one");
  assert.match(seriesText("Mood", [null, null, null], dates), /^Mood: not enough data yet/iu);
});
