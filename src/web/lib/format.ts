/**
 * Numbers on the screen always carry their unit (issue 11). Amounts use src/core's
 * formatting so the browser, the CLI and the API print them alike.
 */
import { formatNumber } from "../../core/units.ts";

/** "7 mg", "0.25 g", "10 µg"; "amount not known" for null. */
export function amountText(amount: number | null | undefined, unit: string | null | undefined) {
  if (amount === null || amount === undefined) return "amount not known";
  return `${formatNumber(amount, 3)}${unit ? ` ${unit}` : ""}`;
}

/** Pounds for a weight in kg (1 lb = 0.45359237 kg, exactly). */
export const KG_PER_LB = 0.45359237;

/** A body weight in the person's units: "70 kg" or "154.3 lb (70 kg)". */
export function weightText(weightKg: number | null, units: "metric" | "imperial"): string {
  if (weightKg === null) return "not given";
  if (units === "imperial") {
    return `${formatNumber(weightKg / KG_PER_LB, 1)} lb (${formatNumber(weightKg, 1)} kg)`;
  }
  return `${formatNumber(weightKg, 1)} kg`;
}

/** "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** Capitalises the first letter. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
