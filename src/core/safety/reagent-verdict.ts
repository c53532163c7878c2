/**
 * Reads a reagent test result, written in the person's words, against what the catalog
 * expects for the substance (FACTS TEST-1 for ketamine, P-TEST-1 for LSD and psilocybin).
 *
 * Titrate errs towards "unknown": a wrongly read "match" would vouch for a batch that may
 * hold something else, while "unknown" only asks the person to compare with the kit's chart.
 * - A colour reaction is expected (Morris, Mandelin, Ehrlich…): the expected colour alone is
 *   a match; no reaction, or only other colours, is a mismatch; the expected colour mixed
 *   with others, with "no", "nothing" or "none", or words Titrate cannot read, are unknown.
 * - A question mark or a sequence ("then") never gives a match: "purple? no" and
 *   "purple-ish, then nothing" are unknown.
 * - No change is expected (Marquis, Mecke, Froehde for ketamine): "no change" is a match;
 *   any colour is a mismatch.
 * - A weak expectation (⚠, e.g. Liebermann's faint yellow) never yields a mismatch, only a
 *   match or unknown.
 * - A reagent the catalog has no expectation for (fentanyl strips, say) is unknown.
 */
import type { ReagentExpectation, Substance } from "../substances/substance.ts";

export type ReagentVerdict = "match" | "mismatch" | "unknown";

/** What a verdict means for the person, in plain words; every interface shows these (FACTS TEST-1). */
export const reagentVerdictMeaning: Readonly<Record<ReagentVerdict, string>> = {
  match: "matches what is expected (it shows identity, not purity or amount)",
  mismatch: "does NOT match: the batch may not be what it was sold as. Do not use it.",
  unknown: "cannot be read for sure: compare with your kit's colour chart",
};

export const colourWords = [
  "red",
  "orange",
  "yellow",
  "green",
  "blue",
  "purple",
  "violet",
  "lavender",
  "lilac",
  "mauve",
  "pink",
  "magenta",
  "maroon",
  "brown",
  "black",
  "grey",
  "gray",
  "olive",
  "teal",
  "turquoise",
  "amber",
  "crimson",
  "indigo",
];

/** Words that mean the reagent did not react. */
export const noReactionPhrases = [
  "no change",
  "no reaction",
  "no colour",
  "no color",
  "no colour change",
  "no color change",
  "nothing",
  "none",
  "clear",
  "colourless",
  "colorless",
  "stayed the same",
  "did not change",
  "didn't change",
];

const negation = /\b(?:no|not|never|without|isn't|wasn't|didn't|did not)\s+(?:\w+\s+)?$/u;

/** Lower case, ö → oe, no possessive or "reagent", so "Fröhde's reagent" → "froehde". */
export function normaliseReagentName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ö/gu, "oe")
    .replace(/['’]s\b/gu, "")
    .replace(/\b(?:reagent|test|kit)\b/gu, "")
    .trim()
    .replace(/\s+/gu, " ")
    .replace(/^frohde$/u, "froehde");
}

/** The catalog's expectation for `reagent` on `substance`, if it has one. */
export function findReagentExpectation(
  substance: Substance,
  reagent: string,
): ReagentExpectation | undefined {
  const name = normaliseReagentName(reagent);
  return substance.reagents.find((r) => r.reagent === name || `${r.reagent}s` === name);
}

/**
 * Every colour word as a whole word, in one pattern, and the no-reaction phrases in another:
 * a \p{L} pattern costs far more to compile than to run (a quarter to half a millisecond),
 * and one per word cost `titrate next` about 8 ms at start-up. Two whole-word colours never
 * start at the same place, nor one inside another (the letters around a match fail the
 * look-behind), so the one pattern finds exactly the occurrences the per-word patterns did;
 * and it matches somewhere exactly when some phrase does.
 */
const wholeWords = (words: readonly string[], flags: string) =>
  new RegExp(`(?<![\\p{L}])(?:${words.map(escapeRegExp).join("|")})(?![\\p{L}])`, flags);
let colourPattern: RegExp | undefined;
let noReactionPattern: RegExp | undefined;

/** Each colour word the text names: whether it is found, and whether every mention is negated. */
export function colourMentions(text: string): Map<string, { found: boolean; negated: boolean }> {
  colourPattern ??= wholeWords(colourWords, "gu");
  const mentions = new Map<string, { found: boolean; negated: boolean }>();
  for (const match of text.matchAll(colourPattern)) {
    const isNegated = negation.test(text.slice(0, match.index));
    const seen = mentions.get(match[0]);
    mentions.set(match[0], { found: true, negated: (seen?.negated ?? true) && isNegated });
  }
  return mentions;
}

export function saysNoReactionIn(text: string): boolean {
  noReactionPattern ??= wholeWords(noReactionPhrases, "u");
  return noReactionPattern.test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

/**
 * The verdict on a reagent result for `substance`: match, mismatch or unknown, as described
 * at the top of this file. Pure; the journal stores it with the test.
 */
export function matchReagentResult(
  substance: Substance,
  reagent: string,
  result: string,
): ReagentVerdict {
  const expectation = findReagentExpectation(substance, reagent);
  if (!expectation) return "unknown";
  const text = result.toLowerCase().normalize("NFKC").replace(/[-_/]/gu, " ");
  const expectsNoChange = expectation.matches.includes("no change");
  const saysNoReaction = saysNoReactionIn(text);

  const mentions = colourMentions(text);
  const colours = colourWords.map((c) => ({
    colour: c,
    ...(mentions.get(c) ?? { found: false, negated: false }),
  }));
  const expectedColours = expectation.matches.flatMap((m) => m.split(/[\s-]+/u));
  const seen = colours.filter((c) => c.found && !c.negated);
  const seenExpected = seen.filter((c) => expectedColours.includes(c.colour));
  const seenOther = seen.filter((c) => !expectedColours.includes(c.colour));

  let verdict: ReagentVerdict;
  if (expectsNoChange) {
    if (seen.length > 0) verdict = "mismatch";
    else verdict = saysNoReaction ? "match" : "unknown";
  } else if (seenExpected.length > 0) {
    verdict = seenOther.length === 0 ? "match" : "unknown";
  } else if (seenOther.length > 0 || saysNoReaction || colours.some((c) => c.negated)) {
    verdict = "mismatch";
  } else {
    verdict = "unknown";
  }
  // A match needs a clean reading: a question, a "no", "nothing" or "then" beside the colour
  // ("purple? no", "purple-ish, then nothing") is for the kit's chart, not for Titrate.
  if (verdict === "match" && isHesitant(text, expectsNoChange)) return "unknown";
  // A weak expectation (⚠) cannot prove the substance absent.
  if (expectation.uncertain && verdict === "mismatch") return "unknown";
  return verdict;
}

/**
 * True when the words hesitate or tell a change over time: a question mark, "then"; and for a
 * reagent expected to change colour, a "no", "nothing" or "none" anywhere (for one expected
 * to stay clear, "no change" is the expected answer itself).
 */
function isHesitant(text: string, expectsNoChange: boolean): boolean {
  if (/\?/u.test(text) || /(?<![\p{L}])then(?![\p{L}])/u.test(text)) return true;
  if (expectsNoChange) return false;
  return saysNoReactionIn(text) || /(?<![\p{L}])no(?![\p{L}])/u.test(text);
}

/**
 * The verdict the rules act on: a mismatch if the stored verdict or a fresh reading says so
 * (a stale "match" never hides a mismatch), else the stored match, else the fresh reading.
 */
export function effectiveVerdict(
  substance: Substance,
  test: { readonly reagent: string; readonly result: string; readonly verdict: ReagentVerdict },
): ReagentVerdict {
  const fresh = matchReagentResult(substance, test.reagent, test.result);
  if (test.verdict === "mismatch" || fresh === "mismatch") return "mismatch";
  return test.verdict === "match" ? "match" : fresh;
}

/** A match that identifies the substance: from a reagent whose expectation is not weak (⚠). */
export function isReliableMatch(
  substance: Substance,
  test: { readonly reagent: string; readonly result: string; readonly verdict: ReagentVerdict },
): boolean {
  const expectation = findReagentExpectation(substance, test.reagent);
  return (
    expectation !== undefined &&
    !expectation.uncertain &&
    effectiveVerdict(substance, test) === "match"
  );
}

/** How to test a batch of `substance`, from the catalog's reagents (FACTS TEST-1, P-TEST-1, TEST-2). */
export function howToTest(substance: Substance): string {
  const reagents = substance.reagents
    .filter((r) => !r.uncertain)
    .map((r) => `${r.reagent.charAt(0).toUpperCase()}${r.reagent.slice(1)} (${r.expected})`);
  const facts = [...new Set(substance.reagents.flatMap((r) => r.facts))];
  const strips =
    substance.id === "lsd"
      ? "Fentanyl strips alone are not enough"
      : "Reagents show what it is, not how pure or how strong; use fentanyl strips too";
  return `Test it before taking any, with ${reagents.join(", ")}. ${strips} (FACTS ${facts.join(", ")}). Test every batch, even from a known source (FACTS TEST-2).`;
}
