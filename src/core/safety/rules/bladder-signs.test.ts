import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Temporal } from "temporal-polyfill";
import { isActive } from "../finding.ts";
import { dose, evaluate, journal, report } from "../fixtures.ts";
import { bladderSigns } from "./bladder-signs.ts";

describe("bladder-signs (FACTS K-BLAD-1)", () => {
  test("blood in the urine is a danger: stop ketamine and see a doctor", () => {
    const reports = [report("2026-03-20T08:00:00Z", "bladder", ["blood", "painful"], { id: "r1" })];
    const findings = evaluate(
      bladderSigns,
      journal({ symptomReports: reports, doses: [dose("2026-03-15T09:00:00Z")] }),
    );
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding?.severity, "danger");
    assert.equal(finding?.key, "bladder-signs:r1");
    assert.equal(finding?.activeUntil, null, "active until a later report without the signs");
    assert.match(
      finding?.detail ?? "",
      /On 2026-03-20 you reported pain or burning when urinating and blood in your urine\. \(FACTS K-BLAD-1\)/u,
    );
    assert.match(finding?.advice ?? "", /Stop taking ketamine and see a doctor.*permanent/u);
    assert.deepEqual(finding?.sources, ["K-BLAD-1"]);
  });

  test("the danger stays through later reports with signs, and ends at a report with none", () => {
    const reports = [
      report("2026-03-01T08:00:00Z", "bladder", ["night"], { id: "r1" }),
      report("2026-03-08T08:00:00Z", "bladder", ["frequent"], { id: "r2" }),
      report("2026-03-15T08:00:00Z", "bladder", [], { id: "r3" }),
    ];
    const [finding, ...rest] = evaluate(bladderSigns, journal({ symptomReports: reports }));
    assert.equal(rest.length, 0);
    assert.equal(finding?.key, "bladder-signs:r1");
    assert.match(
      finding?.detail ?? "",
      /needing to urinate more often and waking at night.*2 reports/u,
    );
    assert.equal(finding?.activeUntil, "2026-03-15T08:00:00Z");
    assert.ok(finding && isActive(finding, Temporal.Instant.from("2026-03-10T00:00:00Z")));
    assert.ok(finding && !isActive(finding, Temporal.Instant.from("2026-03-16T00:00:00Z")));
  });

  test("signs coming back after a clear report start a new episode", () => {
    const reports = [
      report("2026-03-01T08:00:00Z", "bladder", ["urgent"], { id: "r1" }),
      report("2026-03-08T08:00:00Z", "bladder", [], { id: "r2" }),
      report("2026-03-15T08:00:00Z", "bladder", ["urgent"], { id: "r3" }),
    ];
    const findings = evaluate(bladderSigns, journal({ symptomReports: reports }));
    assert.deepEqual(
      findings.map((f) => f.key),
      ["bladder-signs:r1", "bladder-signs:r3"],
    );
  });

  test("a report on another checklist neither starts nor ends a bladder episode; no signs, no finding", () => {
    const reports = [
      report("2026-03-01T08:00:00Z", "bladder", ["urgent"], { id: "r1" }),
      report("2026-03-08T08:00:00Z", "nasal", []),
    ];
    assert.equal(
      evaluate(bladderSigns, journal({ symptomReports: reports }))[0]?.activeUntil,
      null,
    );
    assert.deepEqual(
      evaluate(
        bladderSigns,
        journal({ symptomReports: [report("2026-03-01T08:00:00Z", "bladder", [])] }),
      ),
      [],
    );
  });
});
