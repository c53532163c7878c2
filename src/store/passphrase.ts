/**
 * Passphrase hashing with scrypt from node:crypto. The stored form names its parameters,
 * so they can be raised later without breaking existing accounts:
 *   scrypt$<log2 N>$<r>$<p>$<salt, base64>$<hash, base64>
 * Default cost 2^17, r 8, p 1 (128 MiB, about half a second here): OWASP's scrypt
 * guidance. Tests pass a cheaper cost; the server never does unless told.
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

export interface PassphraseCost {
  readonly log2N: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_PASSPHRASE_COST: PassphraseCost = { log2N: 17, r: 8, p: 1 };
export const MIN_PASSPHRASE_LENGTH = 10;
const KEY_BYTES = 32;

async function derive(passphrase: string, salt: Buffer, cost: PassphraseCost): Promise<Buffer> {
  const N = 2 ** cost.log2N;
  return scryptAsync(passphrase.normalize("NFC"), salt, KEY_BYTES, {
    N,
    r: cost.r,
    p: cost.p,
    maxmem: 256 * N * cost.r + 1024 * 1024,
  });
}

/** The stored form of a passphrase. */
export async function hashPassphrase(
  passphrase: string,
  cost: PassphraseCost = DEFAULT_PASSPHRASE_COST,
): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(passphrase, salt, cost);
  return [
    "scrypt",
    cost.log2N,
    cost.r,
    cost.p,
    salt.toString("base64"),
    hash.toString("base64"),
  ].join("$");
}

/** True when `passphrase` matches `stored`; compares in constant time. */
export async function verifyPassphrase(passphrase: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const cost = { log2N: Number(log2N), r: Number(r), p: Number(p) };
  if (![cost.log2N, cost.r, cost.p].every((n) => Number.isInteger(n) && n > 0)) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await derive(passphrase, Buffer.from(salt, "base64"), cost);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * A plain-language hint on a passphrase's strength, or an error message when it is too
 * short. Length matters most; several words are easier to remember than symbols.
 */
export function passphraseProblem(passphrase: string): string | null {
  const length = [...passphrase].length;
  if (length < MIN_PASSPHRASE_LENGTH) {
    return `must be at least ${MIN_PASSPHRASE_LENGTH} characters; four or more random words are strong and memorable`;
  }
  if (length > 1024) return "must be at most 1024 characters";
  return null;
}

export function passphraseHint(passphrase: string): string {
  const length = [...passphrase].length;
  if (length >= 20) return "strong: long passphrases are the hardest to guess";
  if (length >= 14) return "fair: a few more words would make it stronger";
  return "weak: it meets the minimum; four or more random words would be stronger";
}
