/**
 * Findings in the terminal: danger first, each with its reason, what to do, and its sources.
 * Never abbreviated: a warning that hides its reason is worse than none.
 */
import type { Finding } from "../core/safety/finding.ts";
import type { Io } from "./command.ts";
import { styler, writeLine } from "./output.ts";

const labels = { danger: "DANGER", warning: "WARNING", caution: "CAUTION", info: "INFO" } as const;
const colours = { danger: "red", warning: "yellow", caution: "yellow", info: "cyan" } as const;

/** Prints findings as blocks: `DANGER  title`, then detail, advice and sources. */
export function printFindings(
  io: Io,
  findings: readonly Finding[],
  options: { acknowledged?: ReadonlySet<string> } = {},
): void {
  const style = styler(io.stdout, io.env);
  for (const finding of findings) {
    const label = style(
      colours[finding.severity],
      style("bold", labels[finding.severity].padEnd(8)),
    );
    const acked = options.acknowledged?.has(finding.key) ? style("dim", " (acknowledged)") : "";
    writeLine(io.stdout);
    writeLine(io.stdout, `${label}${style("bold", finding.title)}${acked}`);
    writeLine(io.stdout, `        ${finding.detail}`);
    writeLine(io.stdout, `        → ${finding.advice}`);
    writeLine(
      io.stdout,
      style("dim", `        ${finding.ruleId} · FACTS ${finding.sources.join(", ")}`),
    );
  }
}

/** One line on other active findings, so a danger is never out of sight after logging. */
export function printActiveSummary(
  io: Io,
  active: readonly Finding[],
  shown: readonly Finding[],
): void {
  const shownKeys = new Set(shown.map((f) => f.key));
  const others = active.filter((f) => !shownKeys.has(f.key) && f.severity !== "info");
  if (others.length === 0) return;
  const style = styler(io.stdout, io.env);
  const dangers = others.filter((f) => f.severity === "danger").length;
  const text = `${others.length} other active finding${others.length === 1 ? "" : "s"}${dangers > 0 ? `, ${dangers} of them DANGER` : ""}: titrate check`;
  writeLine(io.stdout);
  writeLine(io.stdout, dangers > 0 ? style("red", text) : style("yellow", text));
}
