import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { getSubstance } from "../substances/catalog.ts";
import { matchReagentResult, normaliseReagentName } from "./reagent-verdict.ts";

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

  test("a reagent with no expectation for the substance is unknown", () => {
    assert.equal(matchReagentResult(lsd, "Marquis", "black"), "unknown");
  });
});

test("reagent names are read without case, umlaut, possessive or 'reagent'", () => {
  assert.equal(normaliseReagentName("Fröhde's Reagent"), "froehde");
  assert.equal(normaliseReagentName("Frohde"), "froehde");
  assert.equal(normaliseReagentName("EHRLICH test"), "ehrlich");
});
