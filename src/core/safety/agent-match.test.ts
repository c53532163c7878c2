import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { substances } from "../substances/catalog.ts";
import { combinationsNamed } from "./agent-match.ts";

// The pattern alone, as combinationsNamed worked before it looked for the names first.
function byPatternOnly(names: readonly string[], text: string): boolean {
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&"));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join("|")})(?![\\p{L}\\p{N}])`, "iu").test(
    text.normalize("NFKC"),
  );
}

const allNames = substances.flatMap((s) => s.combinations.flatMap((c) => c.names));

test("finds a combination by any of its names, whole word, in any case", () => {
  const ketamine = substances.find((s) => s.id === "ketamine");
  assert.ok(ketamine);
  assert.deepEqual(
    combinationsNamed(ketamine, "2 pints of BEER").map((c) => c.agent),
    ["alcohol"],
  );
  assert.deepEqual(combinationsNamed(ketamine, "beers"), []);
  // The long s and the Kelvin sign fold to s and k under /iu: still found.
  assert.deepEqual(
    combinationsNamed(ketamine, "ſpirits").map((c) => c.agent),
    ["alcohol"],
  );
});

test("looking for the names first never changes what the pattern finds", () => {
  const piece = fc.oneof(
    fc.constantFrom(...allNames),
    fc.constantFrom(...allNames).map((n) => n.toUpperCase()),
    fc.constantFrom(" ", "-", "1", "x", "ſ", "\u212a", "İ", "é", "ß", "Ω", "2 pints of "),
    fc.string({ maxLength: 3 }),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 6 }), (parts) => {
      const text = parts.join("");
      for (const substance of substances) {
        const expected = substance.combinations.filter((c) => byPatternOnly(c.names, text));
        assert.deepEqual(combinationsNamed(substance, text), expected, text);
      }
    }),
    { numRuns: 2000 },
  );
});
