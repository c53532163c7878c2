/**
 * A small seeded random generator for the demo journal: mulberry32 (Tommy Ettinger's 32-bit
 * generator, public domain). Fast, tiny, and the same seed gives the same numbers on every
 * machine, which is all the demo needs; it is not for anything secret.
 */

export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One of `items`. */
  pick<T>(items: readonly T[]): T;
  /** A normally distributed number (Box–Muller). */
  normal(mean: number, sd: number): number;
}

/** The generator for `seed` (any integer; only its low 32 bits count). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError("pick from an empty list");
      return item;
    },
    normal: (mean, sd) => {
      const u = 1 - next(); // (0, 1]: log(0) never happens
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford's base32, as ids.ts

/** Record ids in Titrate's form (`dos_` + 12 base32 characters), drawn from `random`. */
export function seededIds(random: Random): (prefix: string) => string {
  return (prefix) => {
    let text = "";
    for (let i = 0; i < 12; i++) text += alphabet[Math.floor(random.next() * 32)];
    return `${prefix}_${text}`;
  };
}
