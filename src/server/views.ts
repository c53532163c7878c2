/**
 * Small conversions the routes share: the time of an entry as a person gives it, and the
 * crisis resources for an account (with the message to show).
 */
import type { Temporal } from "temporal-polyfill";
import { crisisMessage, crisisResources } from "../core/crisis.ts";
import type { Profile } from "../core/schemas/journal.ts";
import { formatInstant, parseWhen } from "../core/time.ts";
import { requireProfile } from "../store/journal/profile.ts";
import type { Store } from "../store/store.ts";

/**
 * The canonical instant of `at` (see At in schemas/common.ts): a local time is read in the
 * profile's zone; the future is refused (TIME_IN_FUTURE). Undefined stays undefined (now).
 */
export async function entryInstant(
  store: Store,
  userId: string,
  at: string | undefined,
  now: Temporal.Instant,
  field = "at",
): Promise<string | undefined> {
  if (at === undefined) return undefined;
  const profile = await requireProfile(store, userId);
  return formatInstant(parseWhen(at, profile.timeZone, now, field));
}

/** Where to turn in a crisis, for this profile (or the international default without one). */
export function crisisView(profile: Profile | null) {
  const resources = crisisResources(profile);
  return { ...resources, message: crisisMessage(resources) };
}
