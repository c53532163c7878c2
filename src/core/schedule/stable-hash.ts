/**
 * A short, stable, non-cryptographic hash (64-bit FNV-1a over UTF-8), for identifiers that
 * must not change between runs, such as calendar UIDs. Not for secrets.
 */
const encoder = new TextEncoder();
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** 16 hex digits that depend only on `text`. */
export function stableHash(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of encoder.encode(text)) {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, "0");
}
