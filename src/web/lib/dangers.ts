/**
 * Which active danger findings advise against a substance, so Today does not schedule the
 * next ketamine dose while bladder signs say "stop ketamine". The rule is src/core's
 * dangersAdvisingAgainst (safety/finding-substance.ts), which `titrate next` uses too.
 */
import { dangersAdvisingAgainst } from "../../core/safety/finding-substance.ts";
import type { Dose, Finding } from "../types.ts";

/** True when the active danger `finding` advises against dosing `substanceId`. */
export function advisesAgainst(
  finding: Finding,
  substanceId: string,
  lastDose: Dose | null = null,
): boolean {
  return dangersAdvisingAgainst([finding], substanceId, lastDose).length > 0;
}

/** The active danger findings that advise against dosing `substanceId` now. */
export function dangersFor(
  active: readonly Finding[],
  substanceId: string,
  lastDose: Dose | null = null,
): Finding[] {
  return dangersAdvisingAgainst(active, substanceId, lastDose);
}
