/**
 * A finding: what a safety rule returns when it sees something to warn about. Rules never
 * throw; they return findings, and the store remembers which ones the person acknowledged
 * by their `key`.
 */
import type { Temporal } from "temporal-polyfill";
import * as z from "zod/mini";
import { instantMs } from "./time-math.ts";

export const severities = ["info", "caution", "warning", "danger"] as const;
export type Severity = (typeof severities)[number];

export const Finding = z.strictObject({
  /** The rule's stable kebab-case id, e.g. `bladder-signs`. */
  ruleId: z.string(),
  severity: z.enum(severities),
  title: z.string(),
  /** What was seen, with the numbers and the dates, and the FACTS id it rests on. */
  detail: z.string(),
  /** What to do, in plain words. */
  advice: z.string(),
  /** FACTS ids (docs/sources.md). */
  sources: z.array(z.string()),
  /** Stable across re-evaluation (rule id plus the subject's id), for acknowledgements. */
  key: z.string(),
  /** The record the finding is about (a dose, a report, a batch…), if one. */
  subjectId: z.nullable(z.string()),
  /** When the triggering event happened (UTC); null for standing facts such as a condition. */
  at: z.nullable(z.iso.datetime()),
  /** When the finding stops being active (UTC); null means active until resolved. */
  activeUntil: z.nullable(z.iso.datetime()),
});
export type Finding = z.infer<typeof Finding>;

const rank: Readonly<Record<Severity, number>> = { danger: 3, warning: 2, caution: 1, info: 0 };

/** Danger first; then the most recent; standing findings (no `at`) before dated ones. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    rank[b.severity] - rank[a.severity] ||
    (b.at ?? "~").localeCompare(a.at ?? "~") ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.key.localeCompare(b.key)
  );
}

/**
 * True when the finding is active at `now`: it has happened (or has no time) and its
 * `activeUntil` is absent or later than `now`.
 */
export function isActive(finding: Finding, now: Temporal.Instant): boolean {
  const nowMs = now.epochMilliseconds;
  const started = finding.at === null || instantMs(finding.at) <= nowMs;
  const ongoing = finding.activeUntil === null || instantMs(finding.activeUntil) > nowMs;
  return started && ongoing;
}
