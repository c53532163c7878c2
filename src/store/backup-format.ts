/**
 * The encrypted backup file: a small authenticated header, then the SQLite database
 * encrypted with AES-256-GCM under a key derived from the passphrase with scrypt.
 *
 *   magic "TITRATE-BACKUP\n" (15 bytes) | version (1) | log2 N (1) | r (1) | p (1)
 *   | salt (16) | nonce (12) | ciphertext | GCM tag (16)
 *
 * The whole header is the GCM additional data, so changing any byte of it (the version,
 * the scrypt cost, the salt) makes decryption fail instead of being silently accepted.
 * An unencrypted backup is the plain SQLite file.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";
import { TitrateError } from "../core/errors.ts";

const MAGIC = Buffer.from("TITRATE-BACKUP\n", "utf8");
const FORMAT_VERSION = 1;
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 4 + SALT_BYTES + NONCE_BYTES;
const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "binary");

export interface ScryptCost {
  /** log2 of scrypt's N (CPU and memory cost). */
  readonly log2N: number;
  readonly r: number;
  readonly p: number;
}

/** 2^17 × 8 × 128 bytes = 128 MiB and about half a second: OWASP's scrypt guidance for keys. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { log2N: 17, r: 8, p: 1 };

export type BackupKind = "sqlite" | "encrypted" | "unknown";

/** Tells a plain SQLite backup from an encrypted one by their first bytes. */
export function backupKind(bytes: Uint8Array): BackupKind {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 16));
  if (head.equals(SQLITE_MAGIC)) return "sqlite";
  if (bytes.length >= MAGIC.length && Buffer.from(bytes.subarray(0, MAGIC.length)).equals(MAGIC))
    return "encrypted";
  return "unknown";
}

function deriveKey(passphrase: string, salt: Uint8Array, cost: ScryptCost): Buffer {
  const N = 2 ** cost.log2N;
  return scryptSync(passphrase.normalize("NFC"), salt, 32, {
    N,
    r: cost.r,
    p: cost.p,
    maxmem: 256 * N * cost.r + 1024 * 1024,
  });
}

/** Encrypts a database file's bytes with a passphrase. */
export function encryptBackup(
  plain: Uint8Array,
  passphrase: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Buffer {
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.concat([
    MAGIC,
    Buffer.from([FORMAT_VERSION, cost.log2N, cost.r, cost.p]),
    salt,
    nonce,
  ]);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(passphrase, salt, cost), nonce);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

/**
 * Decrypts an encrypted backup. A wrong passphrase, a changed byte anywhere, or a format
 * version this program does not know is refused (BACKUP_UNREADABLE) before anything is written.
 */
export function decryptBackup(file: Uint8Array, passphrase: string): Buffer {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.length);
  if (backupKind(bytes) !== "encrypted" || bytes.length < HEADER_BYTES + TAG_BYTES) {
    throw new TitrateError(
      "BACKUP_UNREADABLE",
      "file: this is not a Titrate encrypted backup",
      "file",
    );
  }
  const version = bytes[MAGIC.length];
  if (version !== FORMAT_VERSION) {
    throw new TitrateError(
      "BACKUP_UNREADABLE",
      `file: backup format version ${version} is not one this Titrate reads (it reads ${FORMAT_VERSION}); update Titrate`,
      "file",
    );
  }
  const cost = {
    log2N: bytes[MAGIC.length + 1] ?? 0,
    r: bytes[MAGIC.length + 2] ?? 0,
    p: bytes[MAGIC.length + 3] ?? 0,
  };
  if (
    cost.log2N < 10 ||
    cost.log2N > 22 ||
    cost.r < 1 ||
    cost.r > 32 ||
    cost.p < 1 ||
    cost.p > 16
  ) {
    throw new TitrateError(
      "BACKUP_UNREADABLE",
      "file: the backup's header has been changed or damaged",
      "file",
    );
  }
  const header = bytes.subarray(0, HEADER_BYTES);
  const salt = header.subarray(MAGIC.length + 4, MAGIC.length + 4 + SALT_BYTES);
  const nonce = header.subarray(MAGIC.length + 4 + SALT_BYTES);
  const body = bytes.subarray(HEADER_BYTES, bytes.length - TAG_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv("aes-256-gcm", deriveKey(passphrase, salt, cost), nonce);
    decipher.setAAD(header);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new TitrateError(
      "BACKUP_UNREADABLE",
      "passphrase: the passphrase is wrong, or the backup has been changed or damaged; nothing was restored",
      "passphrase",
    );
  }
}
