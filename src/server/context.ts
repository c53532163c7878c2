/**
 * What route plugins share: the store, the clock, the passphrase cost, the session cookie and
 * the sign-in limiter. buildApp makes one and passes it to every plugin as its options.
 */
import type { Temporal } from "temporal-polyfill";
import { hashPassphrase, type PassphraseCost } from "../store/passphrase.ts";
import type { Store } from "../store/store.ts";
import type { LoginLimiter } from "./auth/login-limiter.ts";
import type { SessionCookie } from "./auth/session-cookie.ts";

export interface ServerContext {
  readonly store: Store;
  readonly now: () => Temporal.Instant;
  readonly passphraseCost: PassphraseCost;
  readonly cookie: SessionCookie;
  readonly loginLimiter: LoginLimiter;
  /**
   * A passphrase hash at the server's cost that matches nothing. Signing in as an account that
   * does not exist verifies against it, so the answer takes as long as a wrong passphrase and
   * does not reveal which usernames exist.
   */
  readonly decoyHash: () => Promise<string>;
}

/** A memoised decoy hash: computed once, on first use (hashing at full cost takes a moment). */
export function decoyHashFor(cost: PassphraseCost): () => Promise<string> {
  let hash: Promise<string> | undefined;
  return () => {
    hash ??= hashPassphrase("decoy: this passphrase is never anyone's", cost);
    return hash;
  };
}
