/**
 * Every safety rule, in the order they are documented (docs/safety.md). Adding a rule is a
 * new file in rules/ and one line here; nothing else changes.
 */
import type { SafetyRule } from "./rule.ts";
import { aboveCeiling } from "./rules/above-ceiling.ts";
import { aboveStart } from "./rules/above-start.ts";
import { bladderSigns } from "./rules/bladder-signs.ts";
import { bloodPressure } from "./rules/blood-pressure.ts";
import { combination } from "./rules/combination.ts";
import { contraindication } from "./rules/contraindication.ts";
import { dependenceSigns } from "./rules/dependence-signs.ts";
import { doseCreep } from "./rules/dose-creep.ts";
import { dosingDay } from "./rules/dosing-day.ts";
import { kidneyLiverSigns } from "./rules/kidney-liver-signs.ts";
import { minInterval } from "./rules/min-interval.ts";
import { nasalSigns } from "./rules/nasal-signs.ts";
import { noBreak } from "./rules/no-break.ts";
import { psychosisSigns } from "./rules/psychosis-signs.ts";
import { reagentMismatch } from "./rules/reagent-mismatch.ts";
import { sameDayRedose } from "./rules/same-day-redose.ts";
import { screeningHigh } from "./rules/screening-high.ts";
import { screeningWorsened } from "./rules/screening-worsened.ts";
import { selfHarmThoughts } from "./rules/self-harm-thoughts.ts";
import { textSigns } from "./rules/text-signs.ts";
import { unitSlip } from "./rules/unit-slip.ts";
import { untestedBatch } from "./rules/untested-batch.ts";

export const safetyRules: readonly SafetyRule[] = [
  aboveCeiling,
  aboveStart,
  unitSlip,
  minInterval,
  sameDayRedose,
  doseCreep,
  noBreak,
  bladderSigns,
  kidneyLiverSigns,
  nasalSigns,
  dependenceSigns,
  psychosisSigns,
  textSigns,
  combination,
  bloodPressure,
  contraindication,
  untestedBatch,
  reagentMismatch,
  screeningWorsened,
  screeningHigh,
  selfHarmThoughts,
  dosingDay,
];
