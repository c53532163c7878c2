/**
 * CLI start-up: wall time of `titrate calc dose …` (and, once it exists, `titrate next`)
 * against `node -e 0`, interleaved so both see the same machine noise; medians of N runs.
 * Usage: node bench/cli-startup.ts [runs]
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../bin/titrate", import.meta.url));
const runs = Number(process.argv[2] ?? 30);

interface Case {
  readonly name: string;
  readonly args: readonly string[];
}

const cases: Case[] = [
  { name: "node -e 0", args: ["-e", "0"] },
  {
    name: "titrate calc dose",
    args: [bin, "calc", "dose", "--substance", "ketamine", "--weight", "70kg"],
  },
];

function timeOnce(args: readonly string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    stdio: "ignore",
    env: { ...process.env, TITRATE_QUIET_STALE: "1" },
  });
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function measureStartup(n = runs): { name: string; medianMs: number; ratio: number }[] {
  for (const c of cases) timeOnce(c.args); // warm the compile cache and the disk cache
  const samples = cases.map(() => [] as number[]);
  for (let i = 0; i < n; i++) {
    cases.forEach((c, j) => {
      samples[j]?.push(timeOnce(c.args));
    });
  }
  const baseline = median(samples[0] ?? []);
  return cases.map((c, j) => {
    const medianMs = median(samples[j] ?? []);
    return {
      name: c.name,
      medianMs: Number(medianMs.toFixed(1)),
      ratio: Number((medianMs / baseline).toFixed(2)),
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(measureStartup());
}
