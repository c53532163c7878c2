/**
 * Findings now: every active one, with whether the person acknowledged it. Acknowledging
 * quiets a finding in lists, but a danger is never hidden: it stays at the top, marked.
 */
import type { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import type { Finding } from "../../core/safety/finding.ts";
import { formatInstant } from "../../core/time.ts";
import { acknowledge, acknowledgedKeys } from "../repos/acknowledgements.ts";
import type { Store } from "../store.ts";
import { evaluateJournal } from "./record.ts";

export interface FindingStatus extends Finding {
  /** When the person acknowledged it, or null. */
  readonly acknowledgedAt: string | null;
}

export interface CurrentFindings {
  /** Active findings: unacknowledged ones and every danger, danger first. */
  readonly active: readonly FindingStatus[];
  /** Active non-danger findings the person acknowledged. */
  readonly acknowledged: readonly FindingStatus[];
  /** Findings over the whole history (for imports and reports). */
  readonly history: readonly FindingStatus[];
}

export async function currentFindings(
  store: Store,
  userId: string,
  now: Temporal.Instant,
): Promise<CurrentFindings> {
  const [{ all, active }, acks] = await Promise.all([
    evaluateJournal(store, userId, now),
    acknowledgedKeys(store.db, userId),
  ]);
  const withAck = (f: Finding): FindingStatus => ({
    ...f,
    acknowledgedAt: acks.get(f.key) ?? null,
  });
  const statuses = active.map(withAck);
  return {
    active: statuses.filter((f) => f.acknowledgedAt === null || f.severity === "danger"),
    acknowledged: statuses.filter((f) => f.acknowledgedAt !== null && f.severity !== "danger"),
    history: all.map(withAck),
  };
}

/** Acknowledges an active finding by its key; NOT_FOUND when no active finding has it. */
export async function acknowledgeFinding(
  store: Store,
  userId: string,
  key: string,
  now: Temporal.Instant,
): Promise<FindingStatus> {
  const { active } = await evaluateJournal(store, userId, now);
  const finding = active.find((f) => f.key === key);
  if (!finding) {
    throw new TitrateError(
      "NOT_FOUND",
      `key: no active finding "${key}" (see titrate check --json for keys)`,
      "key",
    );
  }
  const at = formatInstant(now);
  await store.transaction((tx) => acknowledge(tx, userId, key, at));
  return { ...finding, acknowledgedAt: at };
}
