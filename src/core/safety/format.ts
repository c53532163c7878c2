/**
 * Plain-language pieces for findings: durations, amounts and lists.
 */
import { formatAmount } from "../units.ts";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./time-math.ts";

/** "40 min", "3 h", "2 h 30 min", "2 days". */
export function durationText(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= 2 * DAY_MS) return `${Math.round(abs / DAY_MS)} days`;
  const hours = Math.floor(abs / HOUR_MS);
  const minutes = Math.round((abs - hours * HOUR_MS) / MINUTE_MS);
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

/** "7 mg", "0.25 g", "10 µg", "0.007 mg": never rounded up, never shown as 0 (formatAmount). */
export function amountText(amount: number, unit: string): string {
  return formatAmount(amount, unit);
}

/** "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** "1 dose", "3 doses". */
export function countText(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A substance's name inside a sentence: "ketamine", "LSD", "psilocybin mushrooms (dried)". */
export function substanceText(substance: { readonly name: string }): string {
  const { name } = substance;
  return /^[A-Z0-9-]+$/u.test(name) ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

/** The items once each, in their first order. */
export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** Groups items by a key, keeping their order (one pass; no copying). */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
