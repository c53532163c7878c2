import {
  ehrlich,
  psychedelicCombinations,
  psychedelicNotes,
  psychedelicRisks,
  psychedelicTolerance,
} from "./psychedelic-shared.ts";
import type { Substance } from "./substance.ts";

/** Dried psilocybin mushrooms, weighed in grams. Every figure cites ../shared/FACTS.md. */
export const mushrooms: Substance = {
  id: "mushrooms",
  name: "Psilocybin mushrooms (dried)",
  aliases: [
    "mushrooms",
    "psilocybin mushrooms",
    "magic mushrooms",
    "shrooms",
    "dried mushrooms",
    "psilocybe cubensis",
    "cubensis",
    "truffles",
  ],
  measuredAs: "dried mushroom, ground and mixed, in grams",
  unit: "g",
  step: 0.01,
  notDissolved:
    "dried mushroom does not dissolve in water: powder in water is a suspension that settles, so a drawn volume would not hold a known amount. Grind and mix the whole batch, then weigh each dose on a 0.01 g scale (FACTS P-DOSE-2)",
  sizing: {
    kind: "absolute",
    start: 0.1, // FACTS P-DOSE-1 ⚠: typical 0.1–0.3 g dried
    ceiling: 0.3,
    typical: { low: 0.1, high: 0.3 },
    facts: ["P-DOSE-1", "P-DOSE-2"],
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
    "The 0.1–0.3 g range is from grey literature and was not confirmed in a large study: take it as guidance, not established science (FACTS P-DOSE-1 ⚠).",
    "Psilocybin content varies widely between species, strains and single mushrooms (roughly 0.1–1 % of dry weight): grams do not convert reliably into mg (FACTS P-DOSE-2).",
    "Grind a whole batch into an even powder (homogenising) so every dose holds about the same amount (FACTS P-DOSE-2).",
  ],
  facts: ["P-DOSE-1", "P-DOSE-2", "P-PROT-1", "P-PROT-2", "P-TOL-1", "P-RISK-1"],
};

/** Psilocybin as a fraction of dry mushroom weight, roughly 0.1–1 % (FACTS P-DOSE-2 ⚠). */
export const PSILOCYBIN_FRACTION_OF_DRY_WEIGHT = { low: 0.001, high: 0.01 } as const;

/**
 * Estimated psilocybin in `grams` of dried mushroom, mg, as a range: 0.1–1 % of dry weight
 * (FACTS P-DOSE-2 ⚠). An estimate only: content varies even between single mushrooms.
 */
export function estimatePsilocybinMg(grams: number): { low: number; high: number } {
  const mg = grams * 1000;
  return {
    low: Number((mg * PSILOCYBIN_FRACTION_OF_DRY_WEIGHT.low).toFixed(3)),
    high: Number((mg * PSILOCYBIN_FRACTION_OF_DRY_WEIGHT.high).toFixed(3)),
  };
}
