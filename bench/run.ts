/**
 * `npm run bench`: every benchmark, one after the other (never two at once: each measures
 * against a baseline on the same two cores), then one table. Each figure is a ratio against
 * a baseline measured in the same run, interleaved, as the median of several runs.
 *
 * Usage: node bench/run.ts [--smoke] [--markdown] [--only write,read,insights,cli,web,memory]
 */
import { cpus, loadavg, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { measureStartup } from "./cli-startup.ts";
import { measureInsights } from "./insights-scale.ts";
import { formatRatio, formatTable, type Row, type Size } from "./lib/sizes.ts";
import { measureMemory } from "./memory.ts";
import { measureReadPath } from "./read-path.ts";
import { measureWeb } from "./web.ts";
import { measureWritePath } from "./write-path.ts";

export const benchmarks: Record<string, (size: Size) => Promise<Row[]>> = {
  write: measureWritePath,
  read: measureReadPath,
  insights: measureInsights,
  cli: (size) => measureStartup(size),
  web: measureWeb,
  memory: measureMemory,
};

/** The rows as a Markdown table, for docs/performance.md. */
export function markdownTable(rows: readonly Row[]): string {
  const cells = (r: Row) => [
    r.benchmark,
    r.measure,
    r.titrate,
    r.baseline,
    r.ratio === null ? "" : `${formatRatio(r.ratio)}×`,
    r.goal,
    r.met === null ? "" : r.met ? "met" : "**not met**",
  ];
  return [
    "| benchmark | measure | Titrate | baseline | ratio | goal | |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map((r) => `| ${cells(r).join(" | ")} |`),
  ].join("\n");
}

export function describeMachine(): string {
  const cpu = cpus();
  return `${new Date().toISOString().slice(0, 16)}Z, Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} at the start`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      smoke: { type: "boolean" },
      markdown: { type: "boolean" },
      only: { type: "string" },
    },
  });
  const size: Size = values.smoke ? "smoke" : "full";
  const names = values.only ? values.only.split(",") : Object.keys(benchmarks);
  console.log(describeMachine());
  const rows: Row[] = [];
  for (const name of names) {
    const measure = benchmarks[name];
    if (!measure) throw new Error(`no benchmark "${name}" (${Object.keys(benchmarks).join(", ")})`);
    const started = Date.now();
    const measured = await measure(size);
    rows.push(...measured);
    console.error(`${name}: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  console.log(`\n${formatTable(rows)}`);
  if (values.markdown) console.log(`\n${markdownTable(rows)}`);
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} at the end`,
  );
}
