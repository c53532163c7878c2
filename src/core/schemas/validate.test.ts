import assert from "node:assert/strict";
import { test } from "node:test";
import { TitrateError } from "../errors.ts";
import { PlanInput } from "./plan.ts";
import { parseWith } from "./validate.ts";

const valid = {
  substance: "ketamine",
  target: { amount: 7, unit: "mg" },
  protocol: { kind: "every-n-days", intervalDays: 7 },
  cycle: { weeksOn: 4, weeksOff: 2 },
  startDate: "2026-03-22",
  localTime: "09:00",
  timeZone: "Europe/London",
  end: { kind: "count", count: 3 },
  acceptRisk: false,
};

test("parses a valid plan unchanged", () => {
  assert.deepEqual(parseWith(PlanInput, valid), valid);
});

test("names every field at fault and the rule it breaks", () => {
  try {
    parseWith(PlanInput, {
      ...valid,
      target: { amount: -1, unit: "kg" },
      startDate: "2026-02-30",
      protocol: { kind: "pattern", pattern: "0000" },
      extra: true,
    });
    assert.fail("expected a refusal");
  } catch (error) {
    assert.ok(error instanceof TitrateError);
    assert.equal(error.code, "VALIDATION_FAILED");
    assert.deepEqual(error.fields, [
      { path: "target.amount", message: "must be more than 0" },
      { path: "target.unit", message: 'must be one of "µg", "mg", "g"' },
      { path: "protocol.pattern", message: "must contain at least one 1 (a dosing day)" },
      { path: "startDate", message: "must be a valid date (YYYY-MM-DD)" },
      { path: "extra", message: "is not a known field" },
    ]);
  }
});

test("a missing field is 'required' and a root path prefixes every field", () => {
  const { acceptRisk: _, ...withoutRisk } = valid;
  try {
    parseWith(PlanInput, withoutRisk, "plan");
    assert.fail("expected a refusal");
  } catch (error) {
    assert.ok(error instanceof TitrateError);
    assert.deepEqual(error.fields, [{ path: "plan.acceptRisk", message: "is required" }]);
    assert.equal(error.message, "plan.acceptRisk: is required");
  }
});
