/**
 * What a journal command needs: the store for the chosen data directory, the account it
 * acts as, and the current instant. Opened per command and always closed.
 */
import { Temporal } from "temporal-polyfill";
import { resolveDataDir } from "../store/data-dir.ts";
import { resolveUser, type User } from "../store/repos/users.ts";
import { openStore, type Store } from "../store/store.ts";
import { optionalString } from "./args.ts";
import type { CommandContext } from "./command.ts";

export interface Journal {
  readonly store: Store;
  readonly user: User;
  readonly now: Temporal.Instant;
}

/** The data directory this command uses. */
export function dataDirOf(context: CommandContext): string {
  return resolveDataDir({
    flag: optionalString(context, "data-dir"),
    env: context.io.env,
    cwd: context.io.cwd,
  });
}

/** Opens the journal, resolves the account, runs `work`, and closes the store. */
export async function withJournal<T>(
  context: CommandContext,
  work: (journal: Journal) => Promise<T>,
): Promise<T> {
  const store = await openStore({ dataDir: dataDirOf(context) });
  try {
    const user = await resolveUser(store.db, optionalString(context, "user"));
    return await work({ store, user, now: Temporal.Now.instant() });
  } finally {
    await store.close();
  }
}

/** Opens the store without requiring an account (for `init`). */
export async function withStore<T>(
  context: CommandContext,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore({ dataDir: dataDirOf(context) });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
