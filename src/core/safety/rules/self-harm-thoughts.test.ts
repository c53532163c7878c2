import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { evaluate, journal, screening } from "../fixtures.ts";
import { selfHarmThoughts } from "./self-harm-thoughts.ts";

describe("self-harm-thoughts (FACTS Q-PHQ9, CRISIS-1)", () => {
  test("item 9 answered 'Several days' is a danger with the UK crisis numbers", () => {
    const screenings = [
      screening("2026-03-22T09:00:00Z", "phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1], { id: "s1" }),
    ];
    const findings = evaluate(selfHarmThoughts, journal({ screenings }));
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding?.severity, "danger");
    assert.equal(finding?.key, "self-harm-thoughts:s1");
    assert.match(
      finding?.detail ?? "",
      /answered "Several days" to "Thoughts that you would be better off dead/u,
    );
    assert.match(
      finding?.advice ?? "",
      /call 999 \(112 also works\) now.*Samaritans: call 116 123.*findahelpline\.com/u,
    );
    assert.deepEqual(finding?.sources, ["Q-PHQ9", "CRISIS-1"]);
  });

  test("with no country, the international default; with the person's own helpline, theirs", () => {
    const screenings = [screening("2026-03-22T09:00:00Z", "phq9", [0, 0, 0, 0, 0, 0, 0, 0, 3])];
    const none = evaluate(selfHarmThoughts, journal({ screenings, profile: { country: null } }));
    assert.match(
      none[0]?.advice ?? "",
      /112 in the EU, 999 in the UK, 911 in North America, 000 in Australia/u,
    );
    const own = evaluate(
      selfHarmThoughts,
      journal({
        screenings,
        profile: { helpline: { name: "My clinic", phone: "0123 456", url: null } },
      }),
    );
    assert.match(own[0]?.advice ?? "", /My clinic: call 0123 456/u);
  });

  test("active until the next PHQ-9", () => {
    const screenings = [
      screening("2026-03-01T09:00:00Z", "phq9", [0, 0, 0, 0, 0, 0, 0, 0, 2]),
      screening("2026-03-02T09:00:00Z", "gad7", [0, 0, 0, 0, 0, 0, 0]),
      screening("2026-03-15T09:00:00Z", "phq9", [0, 0, 0, 0, 0, 0, 0, 0, 0]),
    ];
    assert.equal(
      evaluate(selfHarmThoughts, journal({ screenings }))[0]?.activeUntil,
      "2026-03-15T09:00:00Z",
    );
  });

  test("item 9 at 0 is no finding, even with a severe total; the PHQ-2 never is", () => {
    const screenings = [
      screening("2026-03-01T09:00:00Z", "phq9", [3, 3, 3, 3, 3, 3, 3, 3, 0]),
      screening("2026-03-02T09:00:00Z", "phq2", [3, 3]),
    ];
    assert.deepEqual(evaluate(selfHarmThoughts, journal({ screenings })), []);
  });
});
