import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { TitrateError } from "../errors.ts";
import {
  PsychonautWikiExport,
  psychonautWikiRoutes,
  readPsychonautWikiRating,
  readPsychonautWikiRoute,
  readStomachFullness,
} from "./psychonautwiki.ts";
import { parseWith } from "./validate.ts";

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(
      new URL(`../../../test/fixtures/psychonautwiki/${name}.json`, import.meta.url),
      "utf8",
    ),
  );

describe("the PsychonautWiki Journal export schema", () => {
  test("accepts the older and the newer shape", () => {
    const older = parseWith(PsychonautWikiExport, fixture("older"));
    assert.equal(older.experiences.length, 5);
    assert.equal(older.experiences[0]?.ratings, undefined);
    const newer = parseWith(PsychonautWikiExport, fixture("newer"));
    assert.equal(newer.experiences[1]?.ingestions?.[0]?.substanceName, "Tramadol");
    assert.equal(newer.customUnits?.[0]?.originalUnit, "µg");
  });

  test("names the experience, the ingestion and the field of every problem", () => {
    const doc = fixture("newer");
    doc.experiences[2].ingestions[0].time = -5;
    doc.experiences[0].ingestions[0].isDoseAnEstimate = "no";
    try {
      parseWith(PsychonautWikiExport, doc);
      assert.fail("expected a refusal");
    } catch (error) {
      assert.ok(error instanceof TitrateError);
      assert.deepEqual(
        error.fields.map((f) => `${f.path}: ${f.message}`),
        [
          "experiences.0.ingestions.0.isDoseAnEstimate: must be true or false",
          "experiences.2.ingestions.0.time: must be a time in milliseconds since 1970, not before",
        ],
      );
    }
  });

  test("reads every route, rating and stomach fullness as the apps write them", () => {
    for (const route of psychonautWikiRoutes) {
      assert.equal(readPsychonautWikiRoute(route), route);
      assert.equal(readPsychonautWikiRoute(route.toLowerCase()), route);
    }
    assert.equal(readPsychonautWikiRoute("SNORTED"), undefined);
    const ratings: [string, string][] = [
      ["minus", "-"],
      ["plusMinus", "±"],
      ["plus", "+"],
      ["twoPlus", "++"],
      ["threePlus", "+++"],
      ["fourPlus", "++++"],
      ["TWO_PLUS", "++"],
      ["+/-", "±"],
    ];
    for (const [written, sign] of ratings) assert.equal(readPsychonautWikiRating(written), sign);
    assert.equal(readPsychonautWikiRating("fivePlus"), undefined);
    assert.equal(readStomachFullness("HALFFULL"), "half full");
    assert.equal(readStomachFullness("QUARTER_FULL"), "quarter full");
    assert.equal(readStomachFullness("veryFull"), "very full");
    assert.equal(readStomachFullness("STUFFED"), undefined);
  });
});
