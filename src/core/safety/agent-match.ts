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

/** A combination's names in lower case when all are plain ASCII; null otherwise. */
const asciiNames = new WeakMap<Combination, readonly string[] | null>();

function asciiNamesOf(combination: Combination): readonly string[] | null {
  let names = asciiNames.get(combination);
  if (names === undefined) {
    const lower = combination.names.map((n) => n.toLowerCase());
    names = lower.every((n) => /^[\x20-\x7e]*$/u.test(n)) ? lower : null;
    asciiNames.set(combination, names);
  }
  return names;
}

/**
 * Whether `folded` (the text in lower case, ſ read as s) could hold one of the combination's
 * names. Under the pattern's /iu, a character matches an ASCII letter only if its lower case
 * is that letter, ſ aside (checked for every code point), so when no name is a substring of
 * `folded` the pattern cannot match. The look is cheap; each pattern costs half a millisecond
 * to compile, paid on every CLI start for every combination, and most names match none.
 */
function mayName(combination: Combination, folded: string): boolean {
  const names = asciiNamesOf(combination);
  return names === null || names.some((n) => folded.includes(n));
}

/** The substance's combinations that `name` refers to. */
export function combinationsNamed(substance: Substance, name: string): Combination[] {
  const text = name.normalize("NFKC");
  const folded = text.toLowerCase().replaceAll("ſ", "s");
  return substance.combinations.filter((c) => mayName(c, folded) && patternOf(c).test(text));
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

/** A combination a name refers to, for one substance of the catalog. */
export interface KnownCombination {
  readonly substance: Substance;
  readonly combination: Combination;
}

/**
 * Every combination of every catalog substance that `name` refers to: what the combination
 * rule will check a medication against. Empty when Titrate knows none, which is not a sign
 * that it is safe.
 */
export function knownCombinations(
  substances: readonly Substance[],
  name: string,
): KnownCombination[] {
  return substances.flatMap((substance) =>
    combinationsNamed(substance, name).map((combination) => ({ substance, combination })),
  );
}
