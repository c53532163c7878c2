/**
 * The blinded experiment's randomisation, sealed. The seed comes from node:crypto; it is
 * stored encrypted (AES-256-GCM) under a key derived (HKDF-SHA-256) from a random secret kept
 * in the same row, with the experiment's id bound in as associated data so a sealed value
 * cannot be moved to another experiment.
 *
 * Threat model, honestly: this keeps the allocation from being seen by accident: in a
 * database browser, a dump of the table, a glance over a shoulder. It does not stop someone
 * who sets out to read it, since the key's secret sits beside it. No read path of Titrate
 * returns the allocation before unblinding, only the code of the day. And which code holds
 * the active preparation is not on the computer at all until unblinding: it is on the
 * labeller's slip (docs/blinded-experiment.md).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomInt } from "node:crypto";

export type Seed = readonly [number, number, number, number];

const INFO = "titrate experiment allocation v1";

/** A fresh 128-bit seed for xoshiro128** (never all zero). */
export function newSeed(): Seed {
  for (;;) {
    const bytes = randomBytes(16);
    const seed: Seed = [
      bytes.readUInt32LE(0),
      bytes.readUInt32LE(4),
      bytes.readUInt32LE(8),
      bytes.readUInt32LE(12),
    ];
    if (seed.some((word) => word !== 0)) return seed;
  }
}

/** A uniform integer in [0, n) from node:crypto, for the experiment's codes. */
export function secureDraw(n: number): number {
  return randomInt(n);
}

function keyOf(secret: Buffer, experimentId: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, Buffer.from(experimentId, "utf8"), INFO, 32));
}

export interface Sealed {
  /** base64 of nonce (12 bytes), tag (16 bytes) and ciphertext. */
  readonly sealed: string;
  /** base64 of the 32-byte secret the key is derived from. */
  readonly secret: string;
}

/** Seals `seed` for the experiment `experimentId`. */
export function sealSeed(experimentId: string, seed: Seed): Sealed {
  const secret = randomBytes(32);
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(secret, experimentId), nonce);
  cipher.setAAD(Buffer.from(experimentId, "utf8"));
  const plain = Buffer.from(JSON.stringify({ seed }), "utf8");
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    sealed: Buffer.concat([nonce, cipher.getAuthTag(), body]).toString("base64"),
    secret: secret.toString("base64"),
  };
}

/** The seed sealed for `experimentId`; throws when the value was changed or moved. */
export function unsealSeed(experimentId: string, sealed: Sealed): Seed {
  const data = Buffer.from(sealed.sealed, "base64");
  const decipher = createDecipheriv(
    "aes-256-gcm",
    keyOf(Buffer.from(sealed.secret, "base64"), experimentId),
    data.subarray(0, 12),
  );
  decipher.setAAD(Buffer.from(experimentId, "utf8"));
  decipher.setAuthTag(data.subarray(12, 28));
  const plain = Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]);
  const { seed } = JSON.parse(plain.toString("utf8")) as { seed: number[] };
  if (!Array.isArray(seed) || seed.length !== 4 || seed.some((w) => !Number.isInteger(w))) {
    throw new Error("the sealed allocation does not hold a seed");
  }
  return [seed[0] as number, seed[1] as number, seed[2] as number, seed[3] as number];
}
