/**
 * The shape of a catalog entry. Each substance lives in its own file; catalog.ts lists
 * them. Every number in an entry cites an id from ../shared/FACTS.md (see docs/sources.md).
 */
import type { MassUnit } from "../units.ts";

export type SubstanceId = "ketamine" | "psilocybin" | "mushrooms" | "lsd";

export type RouteId =
  | "oral"
  | "sublingual"
  | "nasal"
  | "insufflated"
  | "intramuscular"
  | "intravenous";

/** A range as published: both ends inclusive, `typical` when a source names one value. */
export interface Range {
  readonly low: number;
  readonly high: number;
  readonly typical?: number;
}

export interface RouteData {
  readonly route: RouteId;
  /** Fraction of the amount taken that reaches the blood (0–1); null when no source gives it. */
  readonly bioavailability: Range | null;
  readonly onsetMinutes: Range | null;
  readonly effectHours: Range | null;
  readonly afterEffectHours: Range | null;
  /** A short caution shown with this route (e.g. clinical setting only, nasal damage). */
  readonly note?: string;
  /** True when the route's figures are weak or contested (⚠ in FACTS.md). */
  readonly uncertain: boolean;
  readonly facts: readonly string[];
}

/** How a microdose is sized: by body weight, or as an absolute amount. */
export type DoseSizing =
  | {
      readonly kind: "per-kg";
      /** Amount per kg of body weight, in the substance's unit per kg. */
      readonly startPerKg: number;
      readonly ceilingPerKg: number;
      readonly facts: readonly string[];
    }
  | {
      readonly kind: "absolute";
      readonly start: number;
      readonly ceiling: number;
      /** The range usually called a microdose, for information. */
      readonly typical: Range;
      readonly facts: readonly string[];
    };

export interface Risk {
  readonly id: string;
  readonly title: string;
  readonly signs: readonly string[];
  readonly advice: string;
  readonly facts: readonly string[];
}

export interface Combination {
  /** Stable id of the other agent or class, e.g. `alcohol`, `opioids`, `grapefruit`. */
  readonly agent: string;
  /** Names a person may type for it, lower case. */
  readonly names: readonly string[];
  readonly severity: "danger" | "caution";
  readonly reason: string;
  /** Only these routes are affected (e.g. oral for CYP interactions); all when absent. */
  readonly routes?: readonly RouteId[];
  readonly facts: readonly string[];
}

export interface ReagentExpectation {
  readonly reagent: string;
  /** What the kit's chart shows for this substance, in words. */
  readonly expected: string;
  /** Colour words that count as a match, lower case; `no change` for reagents that stay clear. */
  readonly matches: readonly string[];
  readonly uncertain: boolean;
  readonly facts: readonly string[];
}

export interface Substance {
  readonly id: SubstanceId;
  readonly name: string;
  /** Other names people use (for lookups and imports), lower case. */
  readonly aliases: readonly string[];
  /** What the amount means: the form a person weighs or counts. */
  readonly measuredAs: string;
  readonly unit: MassUnit;
  /** The smallest step a dose is rounded down to, in `unit`. */
  readonly step: number;
  /**
   * Why a measured solution (calc solution) does not suit this form, when it does not: dried
   * mushroom powder does not dissolve, so a "solution" would be a suspension that settles.
   */
  readonly notDissolved?: string;
  /** Highest concentration Titrate vouches for in water, mg/ml; absent when unknown. */
  readonly solubilityMgPerMl?: number;
  readonly sizing: DoseSizing;
  /** Fewest whole days between two doses that Titrate plans without an explicit risk. */
  readonly minIntervalDays: number;
  readonly minIntervalFacts: readonly string[];
  readonly defaultProtocol:
    | { readonly kind: "every-n-days"; readonly intervalDays: number }
    | { readonly kind: "fadiman" };
  readonly defaultCycle: { readonly weeksOn: number; readonly weeksOff: number };
  readonly routes: readonly RouteData[];
  readonly defaultRoute: RouteId;
  readonly tolerance: string;
  readonly risks: readonly Risk[];
  readonly combinations: readonly Combination[];
  readonly reagents: readonly ReagentExpectation[];
  /** Plain-language notes shown with every dose calculation. */
  readonly notes: readonly string[];
  readonly facts: readonly string[];
}

/**
 * The days between doses of the substance's usual protocol: every N days as it says (ketamine
 * 7, FACTS K-DOSE-2), or 3 for Fadiman's one day on, two off (FACTS P-PROT-1).
 */
export function usualIntervalDays(substance: Pick<Substance, "defaultProtocol">): number {
  const protocol = substance.defaultProtocol;
  return protocol.kind === "every-n-days" ? protocol.intervalDays : 3;
}
