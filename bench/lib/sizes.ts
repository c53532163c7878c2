/**
 * How big a benchmark run is. `full` is what `npm run bench` measures and docs/performance.md
 * records; `smoke` is the CI-sized run of `npm test` (a few seconds each), which only checks
 * that every benchmark works and never asserts a timing.
 */
export type Size = "full" | "smoke";

export function sizeFromArgs(argv: readonly string[] = process.argv.slice(2)): Size {
  return argv.includes("--smoke") || process.env.TITRATE_BENCH_SIZE === "smoke" ? "smoke" : "full";
}

/** One line of the results table. `ratio` is Titrate's figure over the baseline's. */
export interface Row {
  readonly benchmark: string;
  readonly measure: string;
  readonly titrate: string;
  readonly baseline: string;
  /** Titrate / baseline, or a plain figure when the measure has no baseline. */
  readonly ratio: number | null;
  readonly goal: string;
  /** null when the goal is not a pass/fail figure. */
  readonly met: boolean | null;
}

/** A ratio with two decimals, or two significant digits when it is below 0.1. */
export function formatRatio(ratio: number): string {
  return ratio < 0.1 ? ratio.toPrecision(2) : ratio.toFixed(2);
}

/** Prints rows as one aligned text table. */
export function formatTable(rows: readonly Row[]): string {
  const header = ["benchmark", "measure", "titrate", "baseline", "ratio", "goal", "met"];
  const lines = rows.map((r) => [
    r.benchmark,
    r.measure,
    r.titrate,
    r.baseline,
    r.ratio === null ? "" : formatRatio(r.ratio),
    r.goal,
    r.met === null ? "" : r.met ? "yes" : "NO",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const format = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [format(header), format(widths.map((w) => "-".repeat(w))), ...lines.map(format)].join(
    "\n",
  );
}
