/**
 * Back-off for passphrase guesses, per client address and per account, kept in memory.
 *
 * Each key (an IP, an account name) gets some failures free; after that every further failure
 * locks the key for a delay that doubles each time, up to a cap. While a key is locked, every
 * attempt on it is refused with 429 before any passphrase is checked — even a correct one, or
 * the lock would tell a guesser when they were right. An attempt is counted as a failure the
 * moment it starts and forgiven if it succeeds, so a burst of parallel guesses cannot all
 * slip in before the first one fails. A success clears its account's count (not the
 * address's: signing in to one's own account must not reset the count of guesses at others).
 * Counts are forgotten once a key has had no failure for `forgetAfterMs`.
 *
 * In memory is enough for a single-process server: a restart forgets the counts, and a
 * restart is not something a remote guesser can cause.
 */
import { isIPv6 } from "node:net";

export interface LoginLimits {
  /** Failures an account name gets before back-off starts. */
  readonly accountFreeFailures: number;
  /** Failures one client address gets (across accounts) before back-off starts. */
  readonly addressFreeFailures: number;
  /** The first lock; each further failure doubles it. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A key with no failure for this long starts afresh. */
  readonly forgetAfterMs: number;
  /** At most this many keys are remembered; the oldest unlocked ones go first. */
  readonly maxKeys: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  accountFreeFailures: 5,
  addressFreeFailures: 20,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxKeys: 10_000,
};

interface Entry {
  failures: number;
  lastFailureMs: number;
  lockedUntilMs: number;
}

export type AttemptKeys = { readonly address: string; readonly account: string };

export type Attempt =
  | { readonly allowed: true; readonly keys: AttemptKeys }
  | { readonly allowed: false; readonly retryAfterMs: number };

export class LoginLimiter {
  readonly #limits: LoginLimits;
  readonly #entries = new Map<string, Entry>();

  constructor(limits: Partial<LoginLimits> = {}) {
    this.#limits = { ...DEFAULT_LOGIN_LIMITS, ...limits };
  }

  /**
   * Starts an attempt at `nowMs`: refused while either key is locked, else counted as a
   * failure until `succeeded` is called.
   */
  begin(address: string, account: string, nowMs: number): Attempt {
    const keys = { address: `address:${addressKey(address)}`, account: `account:${account}` };
    const waits = [keys.address, keys.account].map((key) => {
      const entry = this.#current(key, nowMs);
      return entry ? Math.max(0, entry.lockedUntilMs - nowMs) : 0;
    });
    const retryAfterMs = Math.max(...waits);
    if (retryAfterMs > 0) return { allowed: false, retryAfterMs };
    this.#fail(keys.address, this.#limits.addressFreeFailures, nowMs);
    this.#fail(keys.account, this.#limits.accountFreeFailures, nowMs);
    return { allowed: true, keys };
  }

  /** The attempt was right: its account starts afresh, and the address's count is given back. */
  succeeded(keys: AttemptKeys): void {
    this.#entries.delete(keys.account);
    const address = this.#entries.get(keys.address);
    if (address && address.failures > 0) address.failures -= 1;
  }

  /** The number of keys remembered (for tests of the memory bound). */
  get size(): number {
    return this.#entries.size;
  }

  #current(key: string, nowMs: number): Entry | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (nowMs - entry.lastFailureMs >= this.#limits.forgetAfterMs && entry.lockedUntilMs <= nowMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #fail(key: string, free: number, nowMs: number): void {
    const entry = this.#current(key, nowMs) ?? {
      failures: 0,
      lastFailureMs: nowMs,
      lockedUntilMs: 0,
    };
    entry.failures += 1;
    entry.lastFailureMs = nowMs;
    const over = entry.failures - free;
    if (over > 0) {
      // 2^(over-1) with the exponent bounded, so a long run of failures cannot overflow.
      const delay = this.#limits.baseDelayMs * 2 ** Math.min(over - 1, 30);
      entry.lockedUntilMs = nowMs + Math.min(delay, this.#limits.maxDelayMs);
    }
    // Re-insert so the Map's order is least recently failed first.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    this.#evict(nowMs);
  }

  #evict(nowMs: number): void {
    for (const [key, entry] of this.#entries) {
      if (this.#entries.size <= this.#limits.maxKeys) return;
      if (entry.lockedUntilMs <= nowMs) this.#entries.delete(key);
    }
    // Everything left is locked: drop the oldest anyway rather than grow without bound.
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.#limits.maxKeys) return;
      this.#entries.delete(key);
    }
  }
}

/**
 * The key of a client address: an IPv4 address as it is (also when IPv6 wraps it,
 * "::ffff:1.2.3.4"), an IPv6 address by its /64 network. One subscriber or one server is
 * usually given a whole /64, so counting each of its 2^64 addresses apart would let one
 * guesser spread their guesses over as many "addresses" as they like.
 */
export function addressKey(address: string): string {
  const plain = address.replace(/%.*$/u, "").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/u.exec(plain);
  if (mapped) return mapped[1] as string;
  if (!isIPv6(plain)) return plain;
  const [head = "", tail] = plain.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const groups = [
    ...left,
    ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"),
    ...right,
  ];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}
