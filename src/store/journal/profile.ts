/**
 * Starting a journal and keeping the profile: the actions `titrate init` / `profile` and
 * the API share. Each runs in one transaction.
 */
import type { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import {
  type ConditionId,
  type Profile,
  Profile as ProfileSchema,
} from "../../core/schemas/journal.ts";
import { parseWith } from "../../core/schemas/validate.ts";
import { formatInstant } from "../../core/time.ts";
import type { Db } from "../database.ts";
import { getProfile, saveProfile } from "../repos/profile.ts";
import { createUser, findOwner, OWNER_USERNAME, type User } from "../repos/users.ts";
import type { Store } from "../store.ts";

export interface InitInput {
  readonly username?: string | undefined;
  readonly profile: Profile;
}

/** Creates the owner account and its profile. ALREADY_INITIALISED when there is an owner. */
export async function initJournal(
  store: Store,
  input: InitInput,
  now: Temporal.Instant,
): Promise<{ user: User; profile: Profile }> {
  const profile = parseWith(ProfileSchema, input.profile, "profile");
  return store.transaction(async (tx) => {
    const owner = await findOwner(tx);
    if (owner) {
      throw new TitrateError(
        "ALREADY_INITIALISED",
        `a journal already exists in ${store.location} (account "${owner.username}"); change it with \`titrate profile set\``,
      );
    }
    const at = formatInstant(now);
    const user = await createUser(tx, {
      username: input.username ?? OWNER_USERNAME,
      role: "owner",
      createdAt: at,
    });
    await saveProfile(tx, user.id, profile, at);
    return { user, profile };
  });
}

/** The profile, or STORE_NOT_INITIALISED. */
export async function requireProfile(store: Store, userId: string): Promise<Profile> {
  const profile = await getProfile(store.db, userId);
  if (!profile) {
    throw new TitrateError(
      "STORE_NOT_INITIALISED",
      "this account has no profile yet; run `titrate init`",
    );
  }
  return profile;
}

/** Applies changes to the profile (validated as a whole); a weight change is kept in the history. */
export async function updateProfile(
  store: Store,
  userId: string,
  changes: Partial<Profile>,
  now: Temporal.Instant,
): Promise<Profile> {
  return store.transaction(async (tx) => {
    const current = await getProfile(tx, userId);
    if (!current)
      throw new TitrateError(
        "STORE_NOT_INITIALISED",
        "this account has no profile yet; run `titrate init`",
      );
    return saveChanged(tx, userId, current, changes, now, "profile");
  });
}

/** What a new profile holds until the person says otherwise. The time zone has no default. */
export const NEW_PROFILE: Omit<Profile, "timeZone"> = {
  weightKg: null,
  units: "metric",
  conditions: [],
  country: null,
  emergencyNumber: null,
  helpline: null,
};

/**
 * Applies changes to the profile, or, when the account has none yet, creates it from them
 * over NEW_PROFILE (the web app's first-run setup; a new profile needs its time zone).
 */
export async function saveProfileChanges(
  store: Store,
  userId: string,
  changes: Partial<Profile>,
  now: Temporal.Instant,
): Promise<{ profile: Profile; created: boolean }> {
  return store.transaction(async (tx) => {
    const current = await getProfile(tx, userId);
    // Field paths name the changes as given (`timeZone`), not a nested `profile.timeZone`.
    const profile = await saveChanged(tx, userId, current ?? NEW_PROFILE, changes, now, "");
    return { profile, created: current === null };
  });
}

async function saveChanged(
  tx: Db,
  userId: string,
  current: Partial<Profile>,
  changes: Partial<Profile>,
  now: Temporal.Instant,
  rootPath: string,
): Promise<Profile> {
  const next = parseWith(ProfileSchema, { ...current, ...changes }, rootPath);
  await saveProfile(tx, userId, next, formatInstant(now));
  return next;
}

/** Replaces the K-CONTRA-1 conditions the person reported. */
export async function setConditions(
  store: Store,
  userId: string,
  conditions: readonly ConditionId[],
  now: Temporal.Instant,
): Promise<Profile> {
  return updateProfile(store, userId, { conditions: [...new Set(conditions)] }, now);
}
