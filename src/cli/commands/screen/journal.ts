/**
 * The journal a screening command reads the person's own crisis resources from (their country,
 * their emergency number and helpline) and `screen ask` saves into. Opened quietly: any
 * failure leaves the questionnaire usable without it, since the crisis path must never depend
 * on the database (FACTS CRISIS-1).
 */
import { Temporal } from "temporal-polyfill";
import type { CrisisResources } from "../../../core/crisis.ts";
import { journalEntryOf } from "../../../core/questionnaires/record.ts";
import type { ScoreResult } from "../../../core/questionnaires/score.ts";
import type { Finding } from "../../../core/safety/finding.ts";
import { optionalString } from "../../args.ts";
import type { CommandContext } from "../../command.ts";
import { resourcesFromOptions } from "./print.ts";

export interface ScreeningJournal {
  readonly save: (result: ScoreResult) => Promise<{ id: string; findings: readonly Finding[] }>;
  readonly resources: CrisisResources;
  readonly close: () => Promise<void>;
}

/**
 * Opens the journal if there is one, with the profile's crisis resources; null when there is
 * none, no profile, or any failure.
 */
export async function openScreeningJournal(
  context: CommandContext,
): Promise<ScreeningJournal | null> {
  try {
    const [
      { resolveUser },
      { getProfile },
      { storeTargetOf, openStoreOf },
      { logScreening, logSymptoms },
      { crisisResources },
    ] = await Promise.all([
      import("../../../store/repos/users.ts"),
      import("../../../store/repos/profile.ts"),
      import("../../journal-context.ts"),
      import("../../../store/journal/log.ts"),
      import("../../../core/crisis.ts"),
    ]);
    const { existsSync } = await import("node:fs");
    const { join } = await import("node:path");
    const target = storeTargetOf(context);
    if (target.kind === "sqlite" && !existsSync(join(target.dataDir, "titrate.db"))) return null;
    const store = await openStoreOf(context);
    try {
      const user = await resolveUser(store.db, optionalString(context, "user"));
      const profile = await getProfile(store.db, user.id);
      if (!profile) {
        await store.close();
        return null;
      }
      return {
        resources: crisisResources(profile),
        close: () => store.close(),
        save: async (result) => {
          const now = Temporal.Now.instant();
          const entry = journalEntryOf(result, now.toString(), profile.timeZone);
          const recorded =
            entry.kind === "screening"
              ? await logScreening(store, user.id, entry.input, now)
              : await logSymptoms(store, user.id, entry.input, now);
          return { id: recorded.record.id, findings: recorded.findings };
        },
      };
    } catch {
      await store.close();
      return null;
    }
  } catch {
    return null;
  }
}

/** --country when given, else the journal's own resources, else the international default. */
export function screeningResources(
  context: CommandContext,
  journal: ScreeningJournal | null,
): CrisisResources {
  return optionalString(context, "country") === undefined && journal
    ? journal.resources
    : resourcesFromOptions(context);
}
