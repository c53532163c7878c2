/**
 * A participant's pseudonym in a study: HMAC-SHA-256 of their account id under the study's
 * own random secret, as `P-` and 10 base32 characters (50 bits). The same participant gets
 * the same pseudonym in every export of the study, and unrelated ones in other studies; without
 * the secret (kept in the database, never answered by the API) nobody can tell which account
 * a pseudonym is. The server's operator, who holds the database, can: pseudonymous, not
 * anonymous, and docs/decisions.md says so.
 */
import { createHmac, randomBytes } from "node:crypto";

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford's base32

/** A new study's secret: 32 random bytes, hex. */
export function newPseudonymSecret(): string {
  return randomBytes(32).toString("hex");
}

/** Makes pseudonyms for one study; remembers those it has made (an export asks millions of times). */
export function pseudonymMaker(secret: string): (userId: string) => string {
  const key = Buffer.from(secret, "hex");
  const made = new Map<string, string>();
  return (userId) => {
    let pseudonym = made.get(userId);
    if (pseudonym === undefined) {
      const digest = createHmac("sha256", key).update(userId, "utf8").digest();
      let text = "P-";
      // 10 characters of 5 bits: the first 50 bits of the digest.
      let bits = 0;
      let value = 0;
      for (const byte of digest) {
        value = (value << 8) | byte;
        bits += 8;
        while (bits >= 5 && text.length < 12) {
          bits -= 5;
          text += alphabet[(value >> bits) & 31];
        }
        value &= (1 << bits) - 1;
        if (text.length >= 12) break;
      }
      pseudonym = text;
      made.set(userId, pseudonym);
    }
    return pseudonym;
  };
}
