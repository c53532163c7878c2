import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { crisisMessage, crisisResources, findAHelpline, normaliseCountry } from "./crisis.ts";

describe("crisis resources (FACTS CRISIS-1)", () => {
  test("the UK: 999 (112 also works) and Samaritans 116 123", () => {
    const resources = crisisResources({ country: "GB" });
    assert.equal(resources.emergencyNumber, "999");
    assert.match(resources.emergencyText, /112 also works/u);
    assert.deepEqual(resources.helplines[0], { name: "Samaritans", phone: "116 123", url: null });
    assert.equal(resources.origin, "country");
  });

  test("'uk' is read as GB; Ireland is 112 with Samaritans", () => {
    assert.equal(crisisResources({ country: "uk" }).emergencyNumber, "999");
    const ireland = crisisResources({ country: "IE" });
    assert.equal(ireland.emergencyNumber, "112");
    assert.equal(ireland.helplines[0]?.phone, "116 123");
  });

  test("the US and Canada: 911 and 988", () => {
    for (const country of ["US", "CA"]) {
      const resources = crisisResources({ country });
      assert.equal(resources.emergencyNumber, "911");
      assert.equal(resources.helplines[0]?.phone, "988");
    }
  });

  test("the EU: 112; Australia: 000", () => {
    assert.equal(crisisResources({ country: "DE" }).emergencyNumber, "112");
    assert.equal(crisisResources({ country: "FR" }).emergencyNumber, "112");
    assert.equal(crisisResources({ country: "AU" }).emergencyNumber, "000");
  });

  test("without a country: the international default names the common numbers and findahelpline.com", () => {
    for (const settings of [undefined, null, {}, { country: "ZZ" }]) {
      const resources = crisisResources(settings);
      assert.equal(resources.emergencyNumber, null);
      assert.match(resources.emergencyText, /112 in the EU, 999 in the UK, 911.*000 in Australia/u);
      assert.deepEqual(resources.helplines, [findAHelpline]);
      assert.equal(resources.origin, "default");
    }
  });

  test("the person's own number and helpline override the country's", () => {
    const own = { name: "My clinic's crisis line", phone: "+44 20 7946 0000", url: null };
    const resources = crisisResources({ country: "GB", emergencyNumber: "112", helpline: own });
    assert.equal(resources.emergencyNumber, "112");
    assert.equal(resources.origin, "settings");
    assert.deepEqual(resources.helplines, [own, findAHelpline]);
  });

  test("findahelpline.com is always listed, last", () => {
    for (const country of ["GB", "US", "DE", "AU", null]) {
      assert.deepEqual(crisisResources({ country }).helplines.at(-1), findAHelpline);
    }
  });

  test("the message puts the emergency number first and asks to set a country when defaulted", () => {
    const lines = crisisMessage(crisisResources({ country: "US" }));
    const emergency = lines.findIndex((l) => l.includes("call 911"));
    const helpline = lines.findIndex((l) => l.includes("call 988"));
    assert.ok(emergency > 0 && emergency < helpline);
    assert.ok(!lines.some((l) => l.includes("Set your country")));
    assert.ok(crisisMessage(crisisResources(null)).some((l) => l.includes("Set your country")));
  });

  test("normaliseCountry upper-cases, trims and maps aliases", () => {
    assert.equal(normaliseCountry(" gb "), "GB");
    assert.equal(normaliseCountry("UK"), "GB");
    assert.equal(normaliseCountry(""), null);
    assert.equal(normaliseCountry(null), null);
  });
});
