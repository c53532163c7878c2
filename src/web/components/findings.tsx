/**
 * Safety findings, most severe first (danger, warning, caution, info). They stay on the
 * page as long as they are active: never a toast that slips away. Each names its reason,
 * its advice and its sources (FACTS ids). Web addresses in them are links.
 */
import type { ComponentChildren } from "preact";
import { linkify } from "../lib/linkify.tsx";
import type { Finding } from "../types.ts";

const rank: Readonly<Record<string, number>> = { danger: 3, warning: 2, caution: 1, info: 0 };
const severityWord: Readonly<Record<string, string>> = {
  danger: "Danger",
  warning: "Warning",
  caution: "Caution",
  info: "Note",
};

/** Danger first, then the most recent. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (rank[b.severity] ?? 0) - (rank[a.severity] ?? 0) || (b.at ?? "~").localeCompare(a.at ?? "~"),
  );
}

interface FindingListProps {
  readonly findings: readonly Finding[];
  readonly title?: string;
  /** When given, each finding offers "I have read this" (acknowledge). */
  readonly onAcknowledge?: ((finding: Finding) => void) | undefined;
  readonly empty?: string;
  /** Said before each title ("If you take it now:"), for findings about a proposed dose. */
  readonly lead?: string;
  /** A line under the heading, before the findings. */
  readonly intro?: ComponentChildren;
}

export function FindingList({
  findings,
  title,
  onAcknowledge,
  empty,
  lead,
  intro,
}: FindingListProps) {
  if (findings.length === 0) {
    return empty ? <p class="muted">{empty}</p> : null;
  }
  return (
    <section class="findings" aria-label={title ?? "Safety findings"}>
      {title ? <h2>{title}</h2> : null}
      {intro ? <p>{intro}</p> : null}
      <ul class="plain">
        {sortFindings(findings).map((f) => (
          <li key={f.key} class={`finding ${f.severity}`}>
            <p class="finding-title">
              <span class="badge">{severityWord[f.severity] ?? f.severity}</span>{" "}
              {lead ? `${lead} ` : ""}
              {f.title}
            </p>
            <p>{linkify(f.detail)}</p>
            <p>
              <strong>What to do:</strong> {linkify(f.advice)}
            </p>
            {f.sources.length > 0 ? (
              <p class="sources">Sources: {f.sources.map((s) => `FACTS ${s}`).join(", ")}</p>
            ) : null}
            {onAcknowledge && f.severity !== "danger" ? (
              <button
                type="button"
                class="link-button"
                aria-label={`I have read this: ${f.title}`}
                onClick={() => onAcknowledge(f)}
              >
                I have read this
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
