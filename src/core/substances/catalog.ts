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

/**
 * Names too common in other senses to mark a catalog substance inside longer text: "vitamin
 * K", "folic acid", "mushroom risotto", "chocolate truffles". Alone, they still find it.
 */
const everydayWords = new Set(["k", "acid", "mushrooms", "truffles"]);

let wordPattern: ReadonlyArray<readonly [RegExp, Substance]> | undefined;

/**
 * The catalog substance a free-text name refers to: the whole name as an id or alias
 * (findSubstance: "K", "esketamine"), or an id or a distinctive alias as a whole word in it
 * ("Ketamine (K)", "ketamine 5mg", "some LSD-25"). Undefined when none.
 */
export function findSubstanceInText(name: string): Substance | undefined {
  const exact = findSubstance(name);
  if (exact) return exact;
  wordPattern ??= substances.flatMap((s) =>
    [s.id, ...s.aliases]
      .filter((n) => !everydayWords.has(n))
      .map((n) => {
        const escaped = n.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
        return [new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "iu"), s] as const;
      }),
  );
  const text = name.normalize("NFKC");
  return wordPattern.find(([pattern]) => pattern.test(text))?.[1];
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
