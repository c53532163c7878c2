import assert from "node:assert/strict";
import { test } from "node:test";
import { ScreeningInput, SymptomReportInput, scoreScreeningInput } from "../schemas/journal.ts";
import { parseWith } from "../schemas/validate.ts";
import { journalEntryOf } from "./record.ts";
import { scoreInstrument } from "./score.ts";

test("a PHQ-9 becomes a screening input whose stored fields keep the crisis flag", () => {
  const entry = journalEntryOf(
    scoreInstrument("phq9", [1, 2, 0, 3, 1, 0, 2, 1, 1]),
    "2026-03-22T09:00:00Z",
    "Europe/London",
  );
  assert.equal(entry.kind, "screening");
  const input = parseWith(ScreeningInput, entry.input);
  assert.deepEqual(scoreScreeningInput(input).crisis, true);
});

test("a checklist becomes a symptom report of the items answered yes", () => {
  const entry = journalEntryOf(
    scoreInstrument("bladder", [0, 0, 1, 0, 1, 0, 0]),
    "2026-03-22T09:00:00Z",
    "Europe/London",
  );
  assert.equal(entry.kind, "symptom-report");
  assert.deepEqual(parseWith(SymptomReportInput, entry.input).symptoms, ["night", "blood"]);
  const none = journalEntryOf(
    scoreInstrument("nasal", [0, 0, 0, 0, 0, 0]),
    "2026-03-22T09:00:00Z",
    "UTC",
  );
  assert.deepEqual(none.kind === "symptom-report" && none.input.symptoms, []);
});
