import {
  ehrlich,
  psychedelicCombinations,
  psychedelicNotes,
  psychedelicRisks,
  psychedelicTolerance,
} from "./psychedelic-shared.ts";
import type { Substance } from "./substance.ts";

/** LSD, counted in micrograms. Every figure cites ../shared/FACTS.md. */
export const lsd: Substance = {
  id: "lsd",
  name: "LSD",
  aliases: ["lsd", "lsd-25", "acid", "lysergic acid diethylamide"],
  measuredAs: "LSD in micrograms, as stated for the blotter or solution",
  unit: "µg",
  step: 1,
  sizing: {
    kind: "absolute",
    start: 5, // FACTS P-DOSE-1: start with the low end of 5–20 µg
    ceiling: 20, // FACTS P-DOSE-1: typical microdoses 5–20 µg
    typical: { low: 5, high: 20 },
    facts: ["P-DOSE-1"],
  },
  minIntervalDays: 1, // protocols with consecutive days exist (FACTS P-PROT-1)
  minIntervalFacts: ["P-PROT-1", "P-TOL-1"],
  defaultProtocol: { kind: "fadiman" }, // FACTS P-PROT-1
  defaultCycle: { weeksOn: 4, weeksOff: 2 }, // FACTS P-PROT-2 ⚠: 4–8 weeks on, 2–4 off
  defaultRoute: "sublingual",
  routes: [
    {
      route: "sublingual",
      bioavailability: null,
      onsetMinutes: null,
      effectHours: null,
      afterEffectHours: null,
      uncertain: false,
      facts: [],
    },
    {
      route: "oral",
      bioavailability: null,
      onsetMinutes: null,
      effectHours: null,
      afterEffectHours: null,
      uncertain: false,
      facts: [],
    },
  ],
  tolerance: psychedelicTolerance,
  risks: [
    ...psychedelicRisks,
    {
      id: "nbome",
      title: "Blotters that are not LSD",
      signs: ["a bitter or numbing taste", "a negative Ehrlich test"],
      advice:
        "Blotters sold as LSD may hold NBOMes, which have killed people: test with Ehrlich reagent; fentanyl strips alone are not enough.",
      facts: ["P-TEST-1"],
    },
  ],
  combinations: psychedelicCombinations,
  reagents: [ehrlich],
  notes: [
    ...psychedelicNotes,
    "Blotter content is a seller's claim; dissolving a blotter in a measured volume of water makes doses more even (FACTS MEAS-1).",
    "Test every blotter with Ehrlich reagent: NBOMes sold as LSD have killed people (FACTS P-TEST-1).",
  ],
  facts: ["P-DOSE-1", "P-PROT-1", "P-PROT-2", "P-TOL-1", "P-RISK-1", "P-TEST-1"],
};
