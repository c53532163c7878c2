/**
 * A dose checked before it is taken: the safety rules run on the journal with the dose added,
 * and nothing is written. The web app calls this as the person types, so a warning (too soon,
 * above the ceiling, a dangerous combination) shows before the dose is taken, not after.
 */
import type { Temporal } from "temporal-polyfill";
import type { DoseAmount } from "../../core/dose-amount.ts";
import type { Finding } from "../../core/safety/finding.ts";
import { checkProposedDose } from "../../core/safety/run-rules.ts";
import type { Dose } from "../../core/schemas/journal.ts";
import { loadSnapshot } from "../snapshot.ts";
import type { Store } from "../store.ts";
import { type DoseRequest, resolveDose } from "./log.ts";
import { requireProfileIn } from "./record.ts";

export interface DoseCheck {
  /** The dose as it would be recorded (no id: it is not recorded). */
  readonly dose: Omit<Dose, "id">;
  readonly amount: DoseAmount | null;
  /** What the rules say about this dose, then every other finding active at its time; danger first. */
  readonly findings: readonly Finding[];
}

/** What logging `request` would bring, without writing anything (checkProposedDose). */
export async function checkDose(
  store: Store,
  userId: string,
  request: DoseRequest,
  now: Temporal.Instant,
): Promise<DoseCheck> {
  const profile = await requireProfileIn(store.db, userId);
  const snapshot = await loadSnapshot(store.db, userId, profile, now);
  const { dose, amount } = await resolveDose(
    { tx: store.db, profile, snapshot },
    userId,
    request,
    now,
  );
  return { dose, amount, findings: checkProposedDose(snapshot, dose) };
}
