/**
 * A randomisation (permutation) test for a difference of means that respects how the
 * allocation was made: labels are re-drawn only within each block, as the blocked
 * randomisation drew them. The two-sided statistic is |mean A − mean B|.
 *
 * When the blocks allow at most `exactLimit` distinct allocations (12 sessions in blocks of
 * 4: 6 × 6 × 6 = 216), every one is counted and the p-value is exact. Otherwise
 * `permutations` random re-allocations are drawn from the seeded generator and
 * p = (1 + as extreme) / (1 + permutations), which is never 0 (Phipson & Smyth, Stat Appl
 * Genet Mol Biol 2010;9:39).
 */
import type { SeededRandom } from "./random.ts";
import { shuffled } from "./random.ts";

export interface PermutationTest {
  /** In (0, 1]: the share of allocations with a difference at least as large as the one seen. */
  readonly p: number;
  readonly method: "exact" | "monte-carlo";
  /** Allocations counted (exact) or drawn (Monte Carlo). */
  readonly permutations: number;
  /** The observed mean of A minus mean of B. */
  readonly statistic: number;
}

export interface PermutationOptions {
  readonly permutations?: number;
  readonly exactLimit?: number;
}

export const DEFAULT_PERMUTATIONS = 10_000;
const DEFAULT_EXACT_LIMIT = 20_000;

interface Block {
  readonly values: readonly number[];
  readonly inA: number;
}

function choose(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return Math.round(result);
}

/** Every sum of `k` of `values` (one per subset, so repeated sums appear repeatedly). */
function subsetSums(values: readonly number[], k: number): number[] {
  const sums: number[] = [];
  const walk = (start: number, left: number, sum: number) => {
    if (left === 0) {
      sums.push(sum);
      return;
    }
    for (let i = start; i <= values.length - left; i++)
      walk(i + 1, left - 1, sum + (values[i] as number));
  };
  walk(0, k, 0);
  return sums;
}

/**
 * Tests whether the values labelled A differ from those labelled B more than re-drawing the
 * labels within blocks would make them. `blocks[i]` names unit i's block (all in one block
 * when omitted). Both groups need at least one value.
 */
export function permutationTest(
  values: readonly number[],
  inA: readonly boolean[],
  random: SeededRandom,
  blocks?: readonly number[],
  options: PermutationOptions = {},
): PermutationTest {
  const nA = inA.filter(Boolean).length;
  const nB = values.length - nA;
  if (values.length !== inA.length || nA === 0 || nB === 0) {
    throw new RangeError("a permutation test needs values in both groups, one label per value");
  }
  const total = values.reduce((sum, v) => sum + v, 0);
  const statisticOf = (sumA: number) => sumA / nA - (total - sumA) / nB;
  let observedSumA = 0;
  values.forEach((v, i) => {
    if (inA[i]) observedSumA += v;
  });
  const statistic = statisticOf(observedSumA);
  // Equal differences computed in another order can differ in the last bits: count them as ties.
  const threshold = Math.abs(statistic) * (1 - 1e-12) - 1e-12;
  const extreme = (sumA: number) => Math.abs(statisticOf(sumA)) >= threshold;

  const byBlock = new Map<number, { values: number[]; inA: number }>();
  values.forEach((v, i) => {
    const key = blocks?.[i] ?? 0;
    const block = byBlock.get(key) ?? { values: [], inA: 0 };
    block.values.push(v);
    if (inA[i]) block.inA++;
    byBlock.set(key, block);
  });
  const list: Block[] = [...byBlock.keys()]
    .sort((x, y) => x - y)
    .map((k) => byBlock.get(k) as Block);

  const allocations = list.reduce((count, b) => count * choose(b.values.length, b.inA), 1);
  if (allocations <= (options.exactLimit ?? DEFAULT_EXACT_LIMIT)) {
    const sums = list.map((b) => subsetSums(b.values, b.inA));
    let count = 0;
    const walk = (index: number, sum: number) => {
      const here = sums[index];
      if (here === undefined) {
        if (extreme(sum)) count++;
        return;
      }
      for (const s of here) walk(index + 1, sum + s);
    };
    walk(0, 0);
    return { p: count / allocations, method: "exact", permutations: allocations, statistic };
  }

  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  let asExtreme = 0;
  for (let r = 0; r < permutations; r++) {
    let sumA = 0;
    for (const block of list) {
      const drawn = shuffled(block.values, random);
      for (let i = 0; i < block.inA; i++) sumA += drawn[i] as number;
    }
    if (extreme(sumA)) asExtreme++;
  }
  return {
    p: (1 + asExtreme) / (1 + permutations),
    method: "monte-carlo",
    permutations,
    statistic,
  };
}
