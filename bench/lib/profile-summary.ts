/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and lists the functions with the most time:
 * self time (where the CPU was) and total time (with everything they called).
 *
 * Usage: node bench/lib/profile-summary.ts FILE.cpuprofile [top]
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface Frame {
  readonly name: string;
  readonly selfPercent: number;
  readonly totalPercent: number;
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*\/(node_modules|src|bench)\//u, "$1/").replace(/^file:\/\//u, "");
  return `${functionName || "(anonymous)"} ${file ? `${file}:${lineNumber + 1}` : ""}`.trim();
}

/** Self and total time per function, as percentages of all samples (idle excluded). */
export function summarise(profile: CpuProfile): Frame[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const idle = new Set(
    profile.nodes
      .filter((n) =>
        ["(idle)", "(program)", "(garbage collector)"].includes(n.callFrame.functionName),
      )
      .filter((n) => n.callFrame.functionName === "(idle)")
      .map((n) => n.id),
  );
  let busy = 0;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, us] of selfUs) {
    if (idle.has(id)) continue;
    busy += us;
    const node = byId.get(id) as ProfileNode;
    const name = frameName(node);
    self.set(name, (self.get(name) ?? 0) + us);
    // Each function once per stack, however deep its recursion.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = frameName(byId.get(at) as ProfileNode);
      if (seen.has(frame)) continue;
      seen.add(frame);
      total.set(frame, (total.get(frame) ?? 0) + us);
    }
  }
  return [...total.keys()].map((name) => ({
    name,
    selfPercent: (100 * (self.get(name) ?? 0)) / busy,
    totalPercent: (100 * (total.get(name) ?? 0)) / busy,
  }));
}

export function topFrames(file: string, by: "self" | "total", count: number): Frame[] {
  const frames = summarise(JSON.parse(readFileSync(file, "utf8")) as CpuProfile);
  const key = by === "self" ? "selfPercent" : "totalPercent";
  return frames.sort((a, b) => b[key] - a[key]).slice(0, count);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, top] = process.argv.slice(2);
  if (!file) throw new Error("usage: profile-summary.ts FILE.cpuprofile [top]");
  const count = Number(top ?? 25);
  for (const by of ["self", "total"] as const) {
    console.log(`\nby ${by} time`);
    for (const f of topFrames(file, by, count)) {
      console.log(
        `${f.selfPercent.toFixed(1).padStart(5)} % self ${f.totalPercent.toFixed(1).padStart(5)} % total  ${f.name}`,
      );
    }
  }
}
