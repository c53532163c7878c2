/**
 * Insights at scale: a ten-year demo journal (`titrate demo --days 3650`), every insight
 * computed over the whole of it (loadInsights: the rows read, then computeInsights), against
 * a plain SQL scan of the same rows (every check-in, dose and screening of the account, read
 * with node:sqlite prepared statements and nothing else). Interleaved, medians. Then the same
 * at 1, 2, 5 and 10 years, to show how the time grows (it should be linear).
 *
 * Usage: node bench/insights-scale.ts [--smoke]
 */

import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { Temporal } from "temporal-polyfill";
import { DEMO_USERNAME } from "../src/store/demo.ts";
import { loadInsights } from "../src/store/journal/insights.ts";
import { findUserByName } from "../src/store/repos/users.ts";
import { openStore } from "../src/store/store.ts";
import { demoTemplate } from "./lib/journal.ts";
import { formatTable, type Row, type Size, sizeFromArgs } from "./lib/sizes.ts";
import { median, round, timeMs } from "./lib/stats.ts";

const plan = {
  full: { runs: 15, years: [1, 2, 5, 10] },
  smoke: { runs: 2, years: [1] },
} as const;

export interface ScaleFigures {
  readonly years: number;
  readonly rows: number;
  readonly insightsMs: number;
  readonly scanMs: number;
  /** The first computation on this journal in the process: nothing remembered yet. */
  readonly firstMs: number;
}

/** Medians of `runs` interleaved runs of insights and of the scan on a journal of `years`. */
export async function measureYears(years: number, runs: number): Promise<ScaleFigures> {
  const days = years * 365;
  const dir = demoTemplate(days);
  const store = await openStore({ dataDir: dir });
  const raw = new DatabaseSync(join(dir, "titrate.db"), { readOnly: true });
  try {
    const user = await findUserByName(store.db, DEMO_USERNAME);
    if (!user) throw new Error("no demo account");
    const now = Temporal.Now.instant();
    const since = now.toZonedDateTimeISO("UTC").toPlainDate().subtract({ days }).toString();
    const scans = ["check_ins", "doses", "screenings"].map((table) =>
      raw.prepare(`select * from ${table} where user_id = ? order by at, id`),
    );
    let rows = 0;
    const scan = () => {
      rows = 0;
      for (const statement of scans) rows += statement.all(user.id).length;
    };
    const insights = async () => {
      const result = await loadInsights(store, user.id, { since }, now);
      if (result === null || typeof result !== "object") throw new Error("no insights");
    };
    const firstMs = await timeMs(insights); // also warms up both (and the page cache)
    scan();
    const insightsMs: number[] = [];
    const scanMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      scanMs.push(await timeMs(scan));
      insightsMs.push(await timeMs(insights));
    }
    return { years, rows, insightsMs: median(insightsMs), scanMs: median(scanMs), firstMs };
  } finally {
    raw.close();
    await store.close();
  }
}

export async function measureInsights(size: Size): Promise<Row[]> {
  const { runs, years } = plan[size];
  const figures: ScaleFigures[] = [];
  for (const y of years) figures.push(await measureYears(y, runs));
  const largest = figures.at(-1) as ScaleFigures;
  const smallest = figures[0] as ScaleFigures;
  const ratio = largest.insightsMs / largest.scanMs;
  const rows: Row[] = [
    {
      benchmark: "insights",
      measure: `every insight, ${largest.years}-year journal (${largest.rows} rows)`,
      titrate: `${round(largest.insightsMs)} ms`,
      baseline: `${round(largest.scanMs)} ms (SQL scan)`,
      ratio,
      goal: "< 5",
      met: ratio < 5,
    },
  ];
  rows.push({
    benchmark: "insights",
    measure: `first computation on the ${largest.years}-year journal in a process`,
    titrate: `${round(largest.firstMs)} ms`,
    baseline: `${round(largest.scanMs)} ms (SQL scan)`,
    ratio: largest.firstMs / largest.scanMs,
    goal: "",
    met: null,
  });
  for (const f of figures) {
    rows.push({
      benchmark: "insights",
      measure: `growth: ${f.years} year${f.years === 1 ? "" : "s"} (${f.rows} rows)`,
      titrate: `${round(f.insightsMs)} ms (${round(f.insightsMs / f.years, 1)} ms/year)`,
      baseline: `${round(f.scanMs)} ms`,
      ratio: f.insightsMs / f.scanMs,
      goal: "",
      met: null,
    });
  }
  if (figures.length > 1) {
    // Linear means the time per year stays the same: 10 years cost about 10 × one year.
    const perYear = largest.insightsMs / largest.years / (smallest.insightsMs / smallest.years);
    rows.push({
      benchmark: "insights",
      measure: `ms/year at ${largest.years} y over ms/year at ${smallest.years} y`,
      titrate: `${round(largest.insightsMs / largest.years, 1)} ms/year`,
      baseline: `${round(smallest.insightsMs / smallest.years, 1)} ms/year`,
      ratio: perYear,
      goal: "linear (≈ 1)",
      met: perYear < 1.5,
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatTable(await measureInsights(sizeFromArgs())));
}
