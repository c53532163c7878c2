import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { getSubstance } from "../substances/catalog.ts";
import {
  colourMentions,
  colourWords,
  matchReagentResult,
  noReactionPhrases,
  normaliseReagentName,
  saysNoReactionIn,
} from "./reagent-verdict.ts";

const ketamine = getSubstance("ketamine");
const lsd = getSubstance("lsd");
const mushrooms = getSubstance("mushrooms");

describe("ketamine reagents (FACTS TEST-1)", () => {
  const cases: [string, string, string][] = [
    ["Morris", "lavender to purple precipitate", "match"],
    ["morris", "Purple", "match"],
    ["Morris", "no reaction", "mismatch"],
    ["Morris", "turned green", "mismatch"],
    ["Morris", "purple, then black", "unknown"],
    ["Mandelin", "orange", "match"],
    ["Mandelin", "dark green", "mismatch"],
    ["Marquis", "no change", "match"],
    ["Marquis", "stayed clear", "match"],
    ["Marquis", "turned black quickly", "mismatch"],
    ["Marquis", "orange-brown", "mismatch"],
    ["Mecke", "no colour change", "match"],
    ["Fröhde's reagent", "no change", "match"],
    ["Froehde", "purple", "mismatch"],
    ["Liebermann", "faint yellow", "match"],
    ["Liebermann", "no change", "unknown"],
    ["Marquis", "hmm, hard to say", "unknown"],
    ["Morris", "purple? no", "unknown"],
    ["Morris", "purple-ish, then nothing", "unknown"],
    ["Morris", "purple, nothing else", "unknown"],
    ["Mandelin", "orange?", "unknown"],
    ["Marquis", "no change?", "unknown"],
    ["Marquis", "no change, then yellow", "mismatch"],
    ["fentanyl strip", "negative", "unknown"],
  ];
  for (const [reagent, result, verdict] of cases) {
    test(`${reagent}: "${result}" is ${verdict}`, () => {
      assert.equal(matchReagentResult(ketamine, reagent, result), verdict);
    });
  }
});

describe("Ehrlich for LSD and psilocybin (FACTS P-TEST-1)", () => {
  test("purple is a match for LSD and mushrooms", () => {
    assert.equal(matchReagentResult(lsd, "Ehrlich", "purple after 5 minutes"), "match");
    assert.equal(matchReagentResult(mushrooms, "ehrlich's", "violet"), "match");
  });

  test("no colour, or 'not purple', is a mismatch: it may be an NBOMe", () => {
    assert.equal(matchReagentResult(lsd, "Ehrlich", "no colour"), "mismatch");
    assert.equal(matchReagentResult(lsd, "Ehrlich", "nothing happened"), "mismatch");
    assert.equal(matchReagentResult(lsd, "Ehrlich", "not purple"), "mismatch");
    assert.equal(matchReagentResult(lsd, "Ehrlich", "yellow"), "mismatch");
  });

  test("a hesitant or changing reading is never a match", () => {
    assert.equal(matchReagentResult(lsd, "Ehrlich", "purple? no"), "unknown");
    assert.equal(matchReagentResult(lsd, "Ehrlich", "purple-ish, then nothing"), "unknown");
    assert.equal(matchReagentResult(lsd, "Ehrlich", "no colour, then nothing"), "mismatch");
  });

  test("a reagent with no expectation for the substance is unknown", () => {
    assert.equal(matchReagentResult(lsd, "Marquis", "black"), "unknown");
  });
});

test("reagent names are read without case, umlaut, possessive or 'reagent'", () => {
  assert.equal(normaliseReagentName("Fröhde's Reagent"), "froehde");
  assert.equal(normaliseReagentName("Frohde"), "froehde");
  assert.equal(normaliseReagentName("EHRLICH test"), "ehrlich");
});

describe("one pattern for all colour words reads as one pattern per word did", () => {
  // The per-word reading the single pattern replaced, kept here as the reference.
  const negation = /\b(?:no|not|never|without|isn't|wasn't|didn't|did not)\s+(?:\w+\s+)?$/u;
  const escapeText = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
  function perWord(text: string, word: string) {
    const pattern = new RegExp(`(?<![\\p{L}])${escapeText(word)}(?![\\p{L}])`, "gu");
    let found = false;
    let negated = true;
    for (const match of text.matchAll(pattern)) {
      found = true;
      if (!negation.test(text.slice(0, match.index))) negated = false;
    }
    return { found, negated: found && negated };
  }
  const pieces = [
    ...colourWords,
    ...noReactionPhrases,
    "not",
    "no",
    "didn't",
    "dark",
    "é",
    "x",
    "ish",
    "redd",
    "",
    " ",
    ", ",
  ];

  test("for any text made of colour words, phrases, negations and letters", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 12 }),
        fc.constantFrom(" ", "", "-"),
        (parts, separator) => {
          const text = parts.join(separator);
          const mentions = colourMentions(text);
          for (const word of colourWords) {
            assert.deepEqual(
              mentions.get(word) ?? { found: false, negated: false },
              perWord(text, word),
              `${word} in "${text}"`,
            );
          }
          assert.equal(
            saysNoReactionIn(text),
            noReactionPhrases.some((p) => perWord(text, p).found),
            text,
          );
        },
      ),
      { numRuns: 3000 },
    );
  });
});
