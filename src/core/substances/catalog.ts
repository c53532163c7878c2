/**
 * The substance catalog: every substance Titrate knows, and lookups by id, alias and route.
 */
import { TitrateError } from "../errors.ts";
import { ketamine } from "./ketamine.ts";
import { lsd } from "./lsd.ts";
import { mushrooms } from "./mushrooms.ts";
import { psilocybin } from "./psilocybin.ts";
import type { RouteData, RouteId, Substance, SubstanceId } from "./substance.ts";

export const substances: readonly Substance[] = [ketamine, psilocybin, mushrooms, lsd];

export const substanceIds: readonly SubstanceId[] = substances.map((s) => s.id);

/** Route spellings people use, mapped to Titrate's route ids. */
const routeAliases: Readonly<Record<string, RouteId>> = {
  oral: "oral",
  swallowed: "oral",
  sublingual: "sublingual",
  buccal: "sublingual",
  lozenge: "sublingual",
  troche: "sublingual",
  nasal: "nasal",
  spray: "nasal",
  "nasal-spray": "nasal",
  intranasal: "nasal",
  insufflated: "insufflated",
  snorted: "insufflated",
  intramuscular: "intramuscular",
  im: "intramuscular",
  intravenous: "intravenous",
  iv: "intravenous",
};

/** Finds a substance by id or by a name people use ("K", "magic mushrooms"); undefined if none. */
export function findSubstance(name: string): Substance | undefined {
  const key = name.trim().toLowerCase();
  return substances.find((s) => s.id === key || s.aliases.includes(key));
}

/** The catalog entry for `name`, or SUBSTANCE_UNKNOWN naming `field` and the known ids. */
export function getSubstance(name: string, field = "substance"): Substance {
  const substance = findSubstance(name);
  if (!substance) {
    throw new TitrateError(
      "SUBSTANCE_UNKNOWN",
      `${field}: "${name}" is not in the catalog; known substances: ${substanceIds.join(", ")}`,
      field,
    );
  }
  return substance;
}

/** Reads a route name or alias ("spray", "lozenge", "iv") as a route id; undefined if unknown. */
export function parseRouteName(name: string): RouteId | undefined {
  return routeAliases[name.trim().toLowerCase()];
}

/** The substance's data for `routeName`, or ROUTE_UNKNOWN naming the routes it lists. */
export function getRoute(substance: Substance, routeName: string, field = "route"): RouteData {
  const id = parseRouteName(routeName);
  const data = substance.routes.find((r) => r.route === id);
  if (!data) {
    throw new TitrateError(
      "ROUTE_UNKNOWN",
      `${field}: "${routeName}" is not a route for ${substance.name}; use one of ${substance.routes.map((r) => r.route).join(", ")}`,
      field,
    );
  }
  return data;
}
