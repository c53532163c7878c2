import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { dose, evaluate, journal, report } from "../fixtures.ts";
import { nasalSigns } from "./nasal-signs.ts";

describe("nasal-signs (FACTS K-NOSE-1)", () => {
  test("nosebleeds after nasal doses: a warning to pause and change route", () => {
    const [finding] = evaluate(
      nasalSigns,
      journal({
        doses: [
          dose("2026-03-15T09:00:00Z", { route: "insufflated" }),
          dose("2026-03-20T09:00:00Z"),
        ],
        symptomReports: [report("2026-03-21T08:00:00Z", "nasal", ["nosebleeds"], { id: "n1" })],
      }),
    );
    assert.equal(finding?.severity, "warning");
    assert.equal(finding?.key, "nasal-signs:n1");
    assert.match(
      finding?.detail ?? "",
      /you reported nosebleeds\. Your journal has doses by the insufflated and nasal route\./u,
    );
    assert.match(
      finding?.advice ?? "",
      /Pause.*do not snort.*another route.*doctor if it persists/u,
    );
  });

  test("without nasal doses the detail does not mention routes", () => {
    const [finding] = evaluate(
      nasalSigns,
      journal({ symptomReports: [report("2026-03-21T08:00:00Z", "nasal", ["hoarse", "septum"])] }),
    );
    assert.match(
      finding?.detail ?? "",
      /a hoarse voice and a hole in the septum[^.]*\. \(FACTS K-NOSE-1\)$/u,
    );
  });

  test("no signs, no finding", () => {
    const reports = [report("2026-03-21T08:00:00Z", "nasal", [])];
    assert.deepEqual(evaluate(nasalSigns, journal({ symptomReports: reports })), []);
  });
});
