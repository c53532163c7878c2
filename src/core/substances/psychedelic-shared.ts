/**
 * What LSD, psilocybin and psilocybin mushrooms share in the catalog: the tolerance
 * note, their dangerous combinations, the Ehrlich test and the cautions. Kept in one
 * place so the three entries cannot drift apart.
 */
import type { Combination, ReagentExpectation, Risk } from "./substance.ts";

export const psychedelicTolerance =
  "Tolerance is present by the next day and fades after about 5 days off; LSD and psilocybin are cross-tolerant (FACTS P-TOL-1).";

export const psychedelicCombinations: readonly Combination[] = [
  {
    agent: "lithium",
    names: ["lithium", "lithium carbonate"],
    severity: "danger",
    reason: "seizures",
    facts: ["P-MIX-1"],
  },
  {
    agent: "tramadol",
    names: ["tramadol"],
    severity: "danger",
    reason: "seizure risk; unsafe together",
    facts: ["P-MIX-1"],
  },
];

export const ehrlich: ReagentExpectation = {
  reagent: "ehrlich",
  expected:
    "purple (indoles such as LSD and psilocybin); no colour suggests something else, such as an NBOMe",
  matches: ["purple", "violet", "pink-purple", "lilac"],
  uncertain: false,
  facts: ["P-TEST-1"],
};

export const psychedelicRisks: readonly Risk[] = [
  {
    id: "psychosis",
    title: "Psychosis and mania",
    signs: [
      "seeing or hearing things others do not",
      "strong suspicion of others",
      "racing thoughts, no need for sleep",
    ],
    advice:
      "Stop and seek help. A personal or family history of psychosis or bipolar disorder is a reason not to take psychedelics.",
    facts: ["K-CONTRA-1", "K-PSY-1"],
  },
  {
    id: "heart-valve",
    title: "Heart valves (theoretical)",
    signs: ["breathlessness", "chest discomfort", "a new heart murmur found by a doctor"],
    advice:
      "Long-term frequent microdosing carries a theoretical heart-valve risk with no human data yet: keep to breaks and tell your doctor.",
    facts: ["P-RISK-1"],
  },
];

export const psychedelicNotes: readonly string[] = [
  "There is no agreed definition of a microdose; start at the low end (FACTS P-DOSE-1).",
  "Benefits may be expectation: a blinded self-experiment is the honest test (FACTS PLACEBO-1).",
];
