/**
 * A small seeded random generator for the statistics and the blinded experiment:
 * xoshiro128** (Blackman & Vigna, 2018, public domain), 128 bits of state. The same seed
 * gives the same numbers on every machine, so a permutation test or a randomisation can be
 * repeated exactly. It is not a cryptographic generator: the store draws the experiment's
 * seed from node:crypto and keeps it sealed (src/store/experiment-seal.ts).
 */

export interface SeededRandom {
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** A number in [0, 1). */
  next(): number;
  /** A uniform integer in [0, n), without modulo bias. */
  below(n: number): number;
}

/** A 32-bit seed expanded by splitmix32, as the xoshiro authors advise for short seeds. */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/**
 * The generator for `seed`: a number (its low 32 bits, expanded by splitmix32) or the four
 * 32-bit words of the state itself (not all zero).
 */
export function seededRandom(
  seed: number | readonly [number, number, number, number],
): SeededRandom {
  let s: [number, number, number, number];
  if (typeof seed === "number") {
    const expand = splitmix32(seed);
    s = [expand(), expand(), expand(), expand()];
  } else {
    s = [seed[0] >>> 0, seed[1] >>> 0, seed[2] >>> 0, seed[3] >>> 0];
  }
  if (s.every((word) => word === 0))
    throw new RangeError("a xoshiro128** state must not be all zero");
  let [s0, s1, s2, s3] = s;
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 = (s2 ^ s0) >>> 0;
    s3 = (s3 ^ s1) >>> 0;
    s1 = (s1 ^ s2) >>> 0;
    s0 = (s0 ^ s3) >>> 0;
    s2 = (s2 ^ t) >>> 0;
    s3 = rotl(s3, 11);
    return result;
  };
  return {
    nextUint32,
    next: () => nextUint32() / 4294967296,
    below: (n) => {
      if (!Number.isInteger(n) || n < 1 || n > 4294967296) {
        throw new RangeError(`below(n) needs a whole n from 1 to 2^32; got ${n}`);
      }
      // Reject the top sliver that would make some values more likely than others.
      const limit = 4294967296 - (4294967296 % n);
      for (;;) {
        const value = nextUint32();
        if (value < limit) return value % n;
      }
    },
  };
}

/** A copy of `items` in a uniformly random order (Fisher–Yates, drawing from `random`). */
export function shuffled<T>(items: readonly T[], random: SeededRandom): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = random.below(i + 1);
    const held = result[i] as T;
    result[i] = result[j] as T;
    result[j] = held;
  }
  return result;
}
