/**
 * The kind of another substance, read from the name a person typed: one of the catalog's
 * interacting agents (alcohol, opioids, benzodiazepines, …) or "other". A study without consent
 * to free text receives this instead of the name (codebook.ts), since a name typed in a
 * journal can hold anything.
 */
import { combinationsNamed } from "../safety/agent-match.ts";
import { substances } from "../substances/catalog.ts";

/** The first interacting agent, in catalog order, that `name` refers to; else "other". */
export function agentKindOf(name: string): string {
  for (const substance of substances) {
    const found = combinationsNamed(substance, name)[0];
    if (found) return found.agent;
  }
  return "other";
}
