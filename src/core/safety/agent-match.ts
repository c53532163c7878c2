/**
 * Finds the catalog combinations (FACTS K-MIX-1, K-CYP-1, P-MIX-1) that a name someone typed
 * ("2 pints of beer", "Tramadol 50mg", "lithium carbonate") refers to: any of a
 * combination's names as a whole word, ignoring case.
 */
import type { Combination, Substance } from "../substances/substance.ts";

const patterns = new WeakMap<Combination, RegExp>();

function patternOf(combination: Combination): RegExp {
  let pattern = patterns.get(combination);
  if (!pattern) {
    const names = combination.names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&"));
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.join("|")})(?![\\p{L}\\p{N}])`, "iu");
    patterns.set(combination, pattern);
  }
  return pattern;
}

/** The substance's combinations that `name` refers to. */
export function combinationsNamed(substance: Substance, name: string): Combination[] {
  const text = name.normalize("NFKC");
  return substance.combinations.filter((c) => patternOf(c).test(text));
}

const agentLabels: Readonly<Record<string, string>> = {
  ghb: "GHB or GBL",
  "sedating-antihistamines": "sedating antihistamines",
  gabapentinoids: "pregabalin or gabapentin",
  maois: "MAOIs",
};

/** The agent in words: "alcohol", "GHB or GBL", "MAOIs". */
export function agentLabel(combination: Combination): string {
  return agentLabels[combination.agent] ?? combination.agent.replace(/-/gu, " ");
}
