/**
 * Invitation codes: 12 characters of Crockford's base32 (60 random bits), shown as
 * `7KQM-3XWD-9PAT`, typed back in any case, with or without dashes or spaces, and with the
 * letters people confuse read as the digits they look like (O as 0, I and L as 1). Only the
 * SHA-256 of the normalised code is stored: a secret nobody can guess needs no slow hash, and
 * a copy of the database does not let anyone join.
 */
import { createHash, randomBytes } from "node:crypto";

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A new code, grouped by four. */
export function newInvitationCode(): string {
  const bytes = randomBytes(12);
  let text = "";
  for (const byte of bytes) text += alphabet[byte & 31];
  return `${text.slice(0, 4)}-${text.slice(4, 8)}-${text.slice(8)}`;
}

/** The code as stored before hashing: upper case, separators dropped, look-alikes mapped. */
export function normaliseInvitationCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s-]+/gu, "")
    .replaceAll("O", "0")
    .replaceAll("I", "1")
    .replaceAll("L", "1");
}

/** The SHA-256 (hex) of the normalised code. */
export function hashInvitationCode(typed: string): string {
  return createHash("sha256").update(normaliseInvitationCode(typed), "utf8").digest("hex");
}

/** The last four characters, so a coordinator can tell codes apart in the list. */
export function invitationHint(code: string): string {
  return normaliseInvitationCode(code).slice(-4);
}
