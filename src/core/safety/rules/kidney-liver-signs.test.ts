import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { evaluate, journal, report } from "../fixtures.ts";
import { kidneyLiverSigns } from "./kidney-liver-signs.ts";

describe("kidney-liver-signs (FACTS K-HARM-2)", () => {
  test("yellowing skin or eyes is a danger naming the sign", () => {
    const reports = [report("2026-03-20T08:00:00Z", "kidney-liver", ["jaundice"], { id: "k1" })];
    const [finding] = evaluate(kidneyLiverSigns, journal({ symptomReports: reports }));
    assert.equal(finding?.severity, "danger");
    assert.equal(finding?.key, "kidney-liver-signs:k1");
    assert.match(finding?.detail ?? "", /yellowing of your skin or the whites of your eyes/u);
    assert.match(finding?.advice ?? "", /Stop taking ketamine and see a doctor/u);
  });

  test("flank and upper-belly pain, resolved by a clear report", () => {
    const reports = [
      report("2026-03-01T08:00:00Z", "kidney-liver", ["flank-pain", "upper-belly-pain"]),
      report("2026-03-10T08:00:00Z", "kidney-liver", []),
    ];
    const [finding] = evaluate(kidneyLiverSigns, journal({ symptomReports: reports }));
    assert.match(finding?.detail ?? "", /flank pain.*and pain or cramps in the upper belly/u);
    assert.equal(finding?.activeUntil, "2026-03-10T08:00:00Z");
  });

  test("a clear report alone is no finding", () => {
    const reports = [report("2026-03-01T08:00:00Z", "kidney-liver", [])];
    assert.deepEqual(evaluate(kidneyLiverSigns, journal({ symptomReports: reports })), []);
  });
});
