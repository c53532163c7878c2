import {
  ehrlich,
  psychedelicCombinations,
  psychedelicNotes,
  psychedelicRisks,
  psychedelicTolerance,
} from "./psychedelic-shared.ts";
import type { Substance } from "./substance.ts";

/** Psilocybin itself (capsules, extracts), in milligrams. Every figure cites ../shared/FACTS.md. */
export const psilocybin: Substance = {
  id: "psilocybin",
  name: "Psilocybin",
  aliases: ["psilocybin", "psilocybine", "psilocybin extract", "psilocybin capsules"],
  measuredAs: "psilocybin in milligrams, as stated for the capsule or extract",
  unit: "mg",
  step: 0.1,
  sizing: {
    kind: "absolute",
    // FACTS P-DOSE-2 ⚠: 1–3 mg, consistent with 0.1–0.3 g of dried mushroom at about 1 %
    start: 1,
    ceiling: 3,
    typical: { low: 1, high: 3 },
    facts: ["P-DOSE-2", "P-DOSE-1"],
  },
  minIntervalDays: 1, // FACTS P-PROT-1
  minIntervalFacts: ["P-PROT-1", "P-TOL-1"],
  defaultProtocol: { kind: "fadiman" }, // FACTS P-PROT-1
  defaultCycle: { weeksOn: 4, weeksOff: 2 }, // FACTS P-PROT-2 ⚠
  defaultRoute: "oral",
  routes: [
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
  risks: psychedelicRisks,
  combinations: psychedelicCombinations,
  reagents: [ehrlich],
  notes: [
    ...psychedelicNotes,
    "The 1–3 mg range is Titrate's estimate from mushroom microdoses at about 1 % psilocybin, not a studied dose (FACTS P-DOSE-2).",
  ],
  facts: ["P-DOSE-1", "P-DOSE-2", "P-PROT-1", "P-PROT-2", "P-TOL-1", "P-RISK-1"],
};
