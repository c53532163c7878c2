/**
 * What route plugins share: the store, the clock, the passphrase cost, the session cookie,
 * the sign-in limiter and the automatic backups. buildApp makes one and passes it to every
 * plugin as its options.
 */
import type { Temporal } from "temporal-polyfill";
import type { ScryptCost } from "../store/backup-format.ts";
import { hashPassphrase, type PassphraseCost } from "../store/passphrase.ts";
import type { Store } from "../store/store.ts";
import type { LoginLimiter } from "./auth/login-limiter.ts";
import type { SessionCookie } from "./auth/session-cookie.ts";
import type { BackupSchedule } from "./automatic-backups.ts";

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
  /** scrypt cost of the encrypted backups the server writes. Tests pass a cheap one. */
  readonly backupCost: ScryptCost;
  /** Automatic backups while the server runs; null when not configured. */
  readonly backups: BackupSchedule | null;
  /** This program's version, recorded in exports. */
  readonly version: string;
}

/** A memoised decoy hash: computed once, on first use (hashing at full cost takes a moment). */
export function decoyHashFor(cost: PassphraseCost): () => Promise<string> {
  let hash: Promise<string> | undefined;
  return () => {
    hash ??= hashPassphrase("decoy: this passphrase is never anyone's", cost);
    return hash;
  };
}
