/** The catalog as the forms use it: names, units and routes from src/core. */
import { getSubstance, substances } from "../../core/substances/catalog.ts";
import type { RouteId, Substance } from "../../core/substances/substance.ts";

export type { RouteId, Substance };
export { getSubstance, substances };

const routeNames: Readonly<Record<RouteId, string>> = {
  nasal: "nasal spray",
  insufflated: "snorted (insufflated)",
  sublingual: "under the tongue (sublingual, lozenge)",
  oral: "swallowed (oral)",
  intramuscular: "injected into a muscle",
  intravenous: "injected into a vein",
};

/** A route in words: "nasal spray", "swallowed (oral)". */
export function routeName(route: string): string {
  return routeNames[route as RouteId] ?? route;
}

/** The substance's name, or the id when the catalog does not know it. */
export function substanceName(id: string): string {
  return substances.find((s) => s.id === id)?.name ?? id;
}
