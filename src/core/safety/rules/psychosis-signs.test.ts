import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { evaluate, journal, report } from "../fixtures.ts";
import { psychosisSigns } from "./psychosis-signs.ts";

describe("psychosis-signs (FACTS K-PSY-1)", () => {
  test("hearing things others do not is a danger: stop and seek help, with the emergency number", () => {
    const reports = [report("2026-03-21T08:00:00Z", "mental", ["hallucinations"], { id: "m1" })];
    const [finding] = evaluate(psychosisSigns, journal({ symptomReports: reports }));
    assert.equal(finding?.severity, "danger");
    assert.equal(finding?.key, "psychosis-signs:m1");
    assert.match(finding?.detail ?? "", /seeing or hearing things that other people do not/u);
    assert.match(finding?.advice ?? "", /Stop taking it and seek help now.*call 999/u);
  });

  test("the person's own emergency number is used", () => {
    const reports = [report("2026-03-21T08:00:00Z", "mental", ["dissociation"])];
    const [finding] = evaluate(
      psychosisSigns,
      journal({ symptomReports: reports, profile: { country: null, emergencyNumber: "112" } }),
    );
    assert.match(finding?.advice ?? "", /call 112/u);
  });

  test("a clear mental-state report is no finding", () => {
    const reports = [report("2026-03-21T08:00:00Z", "mental", [])];
    assert.deepEqual(evaluate(psychosisSigns, journal({ symptomReports: reports })), []);
  });
});
