/**
 * CLI start-up: wall time of `titrate next` on a real journal (a one-year demo journal) and of
 * `titrate calc dose …` against `node -e 0`, each spawned from Node, interleaved so all see
 * the same machine noise; medians of N runs after one warm-up run each (which fills Node's
 * module compile cache and the disk cache).
 *
 * Usage: node bench/cli-startup.ts [--smoke] [runs]
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { demoTemplate, titrateBin } from "./lib/journal.ts";
import { formatTable, type Row, type Size, sizeFromArgs } from "./lib/sizes.ts";
import { median, round } from "./lib/stats.ts";

const buildScript = fileURLToPath(new URL("../scripts/build-cli.ts", import.meta.url));

const plan = {
  full: { runs: 30, days: 365 },
  smoke: { runs: 2, days: 30 },
} as const;

interface Case {
  readonly name: string;
  readonly args: readonly string[];
}

const STALE = "running from source";

/** Whether a stale bundle is rebuilt (full runs) or measured as it is (smoke runs in `npm test`, where other test files use dist/cli at the same time). */
let rebuildWhenStale = true;

function timeOnce(args: readonly string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
    timeout: 30_000,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0)
    throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  // bin/titrate runs the TypeScript source when the bundle is older than it: that is not the
  // start-up being measured. Rebuild and measure again.
  if (rebuildWhenStale && result.stderr.includes(STALE)) {
    buildCli();
    return timeOnce(args);
  }
  return ms;
}

/** Builds dist/cli (`npm run build:cli`), as `npm install` and `npm test` do. */
export function buildCli(): void {
  const result = spawnSync(process.execPath, [buildScript], { encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0) throw new Error(`npm run build:cli failed: ${result.stderr}`);
}

/** Median wall time of each case, ms, the first being the baseline. */
export function measureStartupCases(cases: readonly Case[], runs: number): number[] {
  for (const c of cases) timeOnce(c.args);
  const samples = cases.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    cases.forEach((c, j) => {
      samples[j]?.push(timeOnce(c.args));
    });
  }
  return samples.map((s) => median(s));
}

export async function measureStartup(size: Size, runsOverride?: number): Promise<Row[]> {
  const { days } = plan[size];
  const runs = runsOverride ?? plan[size].runs;
  rebuildWhenStale = size === "full";
  if (rebuildWhenStale) buildCli();
  const journal = demoTemplate(days);
  const cases: Case[] = [
    { name: "node -e 0", args: ["-e", "0"] },
    {
      name: `titrate next (${days}-day journal)`,
      args: [titrateBin, "next", "--data-dir", journal],
    },
    {
      name: "titrate calc dose",
      args: [titrateBin, "calc", "dose", "--substance", "ketamine", "--weight", "70kg"],
    },
  ];
  const [baseline = Number.NaN, ...others] = measureStartupCases(cases, runs);
  return others.map((ms, i) => {
    const ratio = ms / baseline;
    return {
      benchmark: "cli start-up",
      measure: `${cases[i + 1]?.name} wall time`,
      titrate: `${round(ms)} ms`,
      baseline: `${round(baseline)} ms (node -e 0)`,
      ratio,
      goal: "< 2.5",
      met: ratio < 2.5,
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = process.argv.slice(2).find((a) => /^\d+$/u.test(a));
  console.log(formatTable(await measureStartup(sizeFromArgs(), runs ? Number(runs) : undefined)));
}
