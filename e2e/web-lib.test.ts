/**
 * The web app's small pure helpers, in Node (no browser): number fields read with the core's
 * parser, error messages in plain words, which substances a danger advises against, and
 * signed zeros. The browser journeys (journeys.test.ts) show them on the screens.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { advisesAgainst, dangersFor } from "../src/web/lib/dangers.ts";
import { labelOf, plainMessage, setMessageTimeZone } from "../src/web/lib/messages.ts";
import {
  intervalWords,
  readNumber,
  signedText,
  unreadable,
  unsignZeros,
} from "../src/web/lib/numbers.ts";
import { asProposed } from "../src/web/lib/proposed-tense.ts";
import type { Finding } from "../src/web/types.ts";

describe("number fields", () => {
  test('"1,000" is refused as ambiguous, never read as 1', () => {
    const read = readNumber("1,000", { kind: "concentration", unit: "mg/ml" });
    assert.equal(read.value, null);
    assert.match(read.error ?? "", /^"1,000" (?:is ambiguous|could mean)/u);
    assert.doesNotMatch(read.error ?? "", /field:|mg\/ml/u);
  });

  test("a decimal point or comma; empty is nothing unless required", () => {
    assert.deepEqual(readNumber("0,7", { kind: "volume", unit: "ml" }), {
      value: 0.7,
      error: null,
    });
    assert.deepEqual(readNumber(" 7.5 ", { kind: "mass", unit: "mg" }), {
      value: 7.5,
      error: null,
    });
    assert.deepEqual(readNumber(""), { value: null, error: null });
    assert.deepEqual(readNumber("", { required: true }), { value: null, error: "is required" });
  });

  test("counts are whole; zero, negatives, units and exponents are named", () => {
    assert.deepEqual(readNumber("7", { whole: true }), { value: 7, error: null });
    assert.match(readNumber("2.5", { whole: true }).error ?? "", /whole number/u);
    assert.equal(readNumber("0").error, "must be greater than zero");
    assert.equal(readNumber("-3").error, "must be greater than zero");
    assert.match(readNumber("7mg", { kind: "mass", unit: "mg" }).error ?? "", /number alone/u);
    assert.match(readNumber("1e3").error ?? "", /is not a number/u);
  });

  test("a body weight is checked for plausibility in its unit", () => {
    assert.equal(readNumber("154", { kind: "body-weight", unit: "lb" }).value, 154);
    assert.match(
      readNumber("1000", { kind: "body-weight", unit: "kg" }).error ?? "",
      /outside 30–300 kg/u,
    );
  });

  test("unreadable() gathers the fields that cannot be read", () => {
    assert.equal(unreadable({ a: readNumber("3") }), null);
    const error = unreadable({ "end.count": readNumber("x", { whole: true }) });
    assert.deepEqual(
      error?.fields.map((f) => f.path),
      ["end.count"],
    );
  });
});

describe("messages in plain words", () => {
  test("no field path in front, no command-line hints", () => {
    assert.equal(plainMessage("target.amount: must be greater than 0"), "must be greater than 0");
    assert.equal(plainMessage("end.count: is required"), "is required");
    assert.equal(plainMessage("cycle.weeksOff: must be at least 1"), "must be at least 1");
    const interval = plainMessage(
      "protocol: this plan puts Ketamine doses 2 days apart, but Titrate's minimum is 5 days between doses (FACTS K-DOSE-2). Choose a longer interval, or accept the risk explicitly (--accept-risk).",
    );
    assert.doesNotMatch(interval, /--|protocol:/u);
    assert.match(interval, /or accept the risk explicitly\.$/u);
    assert.equal(
      plainMessage("too close together; --accept-risk overrides it."),
      "too close together.",
    );
  });

  test("code names of fields in words", () => {
    assert.equal(
      plainMessage("must be higher than diastolicMmHg (the first number is the higher one)"),
      "must be higher than the diastolic (lower) number (the first number is the higher one)",
    );
  });

  test("instants in the profile's zone", () => {
    setMessageTimeZone("Europe/London");
    try {
      assert.equal(
        plainMessage(
          "at: 2030-07-01T09:00:00Z is in the future; the journal records what has already happened",
        ),
        `${new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(Date.parse("2030-07-01T09:00:00Z"))} is in the future; the journal records what has already happened`,
      );
    } finally {
      setMessageTimeZone(null);
    }
  });

  test("paths become the form's labels", () => {
    assert.equal(labelOf("protocol.intervalDays"), "Days between doses");
    assert.equal(labelOf("cycle.weeksOff"), "Weeks off");
    assert.equal(labelOf("something.newThing"), "Something new thing");
    assert.equal(labelOf("x", { x: "Mine" }), "Mine");
  });
});

function finding(ruleId: string, key: string, title = "A danger"): Finding {
  return {
    ruleId,
    severity: "danger",
    title,
    detail: "",
    advice: "",
    sources: [],
    key,
    subjectId: null,
    at: null,
    activeUntil: null,
  };
}

describe("which substances a danger advises against", () => {
  const against = (f: Finding) =>
    ["ketamine", "lsd", "psilocybin"].filter((s) => advisesAgainst(f, s));

  test("bladder and kidney signs: ketamine only", () => {
    assert.deepEqual(against(finding("bladder-signs", "bladder-signs:r1")), ["ketamine"]);
    assert.deepEqual(against(finding("kidney-liver-signs", "kidney-liver-signs:r1")), ["ketamine"]);
  });

  test("a contraindication: its group", () => {
    assert.deepEqual(
      against(finding("contraindication", "contraindication:heart-disease:ketamine")),
      ["ketamine"],
    );
    assert.deepEqual(
      against(finding("contraindication", "contraindication:bipolar-history:psychedelics")),
      ["lsd", "psilocybin"],
    );
  });

  test("a combination: the substance in its key, or in its title for an earlier dose", () => {
    assert.deepEqual(against(finding("combination", "combination:medication:m1:lsd:lithium")), [
      "lsd",
    ]);
    const near = {
      ...finding(
        "combination",
        "combination:d1:alcohol",
        "Dangerous combination: ketamine with alcohol",
      ),
      subjectId: "d1",
    };
    assert.deepEqual(against(near), ["ketamine"]);
  });

  test("self-harm thoughts: every substance; a failed reagent test: its batch only", () => {
    assert.deepEqual(against(finding("self-harm-thoughts", "self-harm-thoughts:s1")), [
      "ketamine",
      "lsd",
      "psilocybin",
    ]);
    assert.deepEqual(against({ ...finding("reagent-mismatch", "r:b:t"), subjectId: "b" }), []);
  });

  test("dangersFor keeps the active dangers for one substance", () => {
    const active = [
      finding("bladder-signs", "bladder-signs:r1"),
      { ...finding("untested-batch", "u"), severity: "warning" as const },
    ];
    assert.equal(dangersFor(active, "ketamine").length, 1);
    assert.equal(dangersFor(active, "lsd").length, 0);
  });
});

describe("signed numbers", () => {
  test("a value that rounds to zero has no sign", () => {
    assert.equal(signedText(-0.01), "0.0");
    assert.equal(signedText(0.04), "0.0");
    assert.equal(signedText(-0.06), "-0.1");
    assert.equal(signedText(1.25, 2), "+1.25");
    assert.equal(intervalWords([-0.02, 1.7]), "95 % CI 0.0 to +1.7");
  });

  test("core sentences lose the sign of their zeros only", () => {
    assert.equal(
      unsignZeros("+0.40 per mg (95 % CI -0.00 to +0.05), n = 9; -0.0 and +0.0"),
      "+0.40 per mg (95 % CI 0.00 to +0.05), n = 9; 0.0 and 0.0",
    );
  });
});

describe("findings about a dose not yet taken", () => {
  test("say what you would take, not what you took", () => {
    assert.equal(
      asProposed("On 2026-11-25 you took ketamine at 17:00. With ketamine, dissociation…"),
      "On 2026-11-25 you would take ketamine at 17:00. With ketamine, dissociation…",
    );
    assert.equal(
      asProposed("You took ketamine 30 mg; your ceiling is 14.0 mg (FACTS K-DOSE-1)."),
      "You would take ketamine 30 mg; your ceiling is 14.0 mg (FACTS K-DOSE-1).",
    );
    assert.equal(
      asProposed("You logged 7 µg: check the unit"),
      "You would log 7 µg: check the unit",
    );
  });

  test("what is already in the journal keeps its tense", () => {
    const combination =
      "Near your ketamine dose (nasal) on 2026-11-25 17:00 you logged alcohol 2 units.";
    assert.equal(asProposed(combination), combination);
    assert.equal(asProposed("2 days since your last dose"), "2 days since your last dose");
  });
});
