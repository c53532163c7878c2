import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { TitrateError } from "../errors.ts";
import {
  BatchInput,
  BloodPressureInput,
  CheckIn,
  conditions,
  Dose,
  DoseInput,
  MedicationInput,
  Plan,
  Profile,
  readShulginRating,
  Screening,
  ScreeningInput,
  SymptomReportInput,
  scoreScreeningInput,
} from "./journal.ts";
import { parseWith } from "./validate.ts";

function fieldsOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof TitrateError);
    assert.equal(error.code, "VALIDATION_FAILED");
    return [...error.fields];
  }
  assert.fail("expected a refusal");
}

const dose = {
  id: "dos_1",
  at: "2026-03-22T09:10:00Z",
  timeZone: "Europe/London",
  substance: "ketamine",
  amount: 7,
  unit: "mg",
  route: "nasal",
  batchId: null,
  planId: null,
  isEstimate: false,
  note: null,
};

describe("doses", () => {
  test("a valid dose parses unchanged; an unknown amount stays null", () => {
    assert.deepEqual(parseWith(Dose, dose), dose);
    assert.equal(parseWith(Dose, { ...dose, amount: null }).amount, null);
  });

  test("an input has no id and may carry an offset", () => {
    const { id: _, ...input } = dose;
    assert.equal(parseWith(DoseInput, { ...input, at: "2026-03-22T10:10:00+01:00" }).amount, 7);
    assert.deepEqual(
      fieldsOf(() => parseWith(DoseInput, dose)),
      [{ path: "id", message: "is not a known field" }],
    );
  });

  test("names the field and the rule: zone, route for the substance, amount, instant", () => {
    assert.deepEqual(
      fieldsOf(() =>
        parseWith(Dose, {
          ...dose,
          timeZone: "Mars/Olympus",
          amount: 0,
          at: "2026-02-30T09:00:00Z",
        }),
      ).map((f) => f.path),
      ["at", "timeZone", "amount"],
    );
    assert.deepEqual(
      fieldsOf(() => parseWith(Dose, { ...dose, substance: "lsd" })),
      [{ path: "route", message: "is not a route for this substance" }],
    );
    assert.deepEqual(
      fieldsOf(() => parseWith(Dose, { ...dose, at: "2026-03-22T10:10:00+01:00" })).map(
        (f) => f.path,
      ),
      ["at"],
      "a stored instant is UTC",
    );
  });
});

describe("profile", () => {
  const profile = {
    weightKg: 70,
    units: "metric",
    timeZone: "Europe/London",
    conditions: ["psychosis-history"],
    country: "GB",
    emergencyNumber: null,
    helpline: { name: "Samaritans", phone: "116 123", url: null },
  };

  test("a valid profile parses; every condition has a kebab-case id and a label", () => {
    assert.deepEqual(parseWith(Profile, profile), profile);
    for (const condition of conditions) {
      assert.match(condition.id, /^[a-z]+(?:-[a-z]+)*$/u);
      assert.ok(condition.label.length > 5);
    }
  });

  test("refuses a weight outside 30–300 kg, a lower-case country, and a helpline with no way to reach it", () => {
    assert.deepEqual(
      fieldsOf(() =>
        parseWith(Profile, {
          ...profile,
          weightKg: 7,
          country: "gb",
          helpline: { name: "x", phone: null, url: null },
          conditions: ["unknown"],
        }),
      ).map((f) => f.path),
      ["weightKg", "conditions.0", "country", "helpline.phone"],
    );
  });
});

describe("other records", () => {
  test("a medication cannot end before it was added", () => {
    assert.deepEqual(
      fieldsOf(() =>
        parseWith(MedicationInput, {
          name: "sertraline",
          addedAt: "2026-03-22T09:00:00Z",
          endedAt: "2026-03-01T09:00:00Z",
        }),
      ),
      [{ path: "endedAt", message: "must not be before addedAt" }],
    );
  });

  test("a symptom report holds only its checklist's item ids", () => {
    const base = { at: "2026-03-22T09:00:00Z", timeZone: "UTC", checklist: "bladder", note: null };
    assert.equal(
      parseWith(SymptomReportInput, { ...base, symptoms: ["blood"] }).symptoms[0],
      "blood",
    );
    assert.deepEqual(parseWith(SymptomReportInput, { ...base, symptoms: [] }).symptoms, []);
    assert.equal(
      fieldsOf(() => parseWith(SymptomReportInput, { ...base, symptoms: ["nosebleeds"] }))[0]?.path,
      "symptoms",
    );
  });

  test("blood pressure: whole numbers, systolic above diastolic", () => {
    const base = { at: "2026-03-22T09:00:00Z", timeZone: "UTC", pulseBpm: null };
    assert.equal(
      parseWith(BloodPressureInput, { ...base, systolicMmHg: 141, diastolicMmHg: 90 }).systolicMmHg,
      141,
    );
    assert.deepEqual(
      fieldsOf(() =>
        parseWith(BloodPressureInput, { ...base, systolicMmHg: 80, diastolicMmHg: 120 }),
      ).map((f) => f.path),
      ["systolicMmHg"],
    );
  });

  test("a check-in rates 0–10 and keeps an imported Shulgin rating", () => {
    const checkIn = {
      id: "chk_1",
      at: "2026-03-22T09:00:00Z",
      timeZone: "UTC",
      mood: 7,
      energy: null,
      focus: 10,
      anxiety: 0,
      sleep: null,
      effects: "calm",
      afterEffects: null,
      note: null,
      shulgin: "±",
    };
    assert.equal(parseWith(CheckIn, checkIn).shulgin, "±");
    assert.deepEqual(
      fieldsOf(() => parseWith(CheckIn, { ...checkIn, mood: 11, shulgin: "+/-" })).map(
        (f) => f.path,
      ),
      ["mood", "shulgin"],
    );
  });

  test("imported Shulgin ratings are read in their common spellings", () => {
    assert.deepEqual(
      ["+/-", "±", " ++ ", "−", "+++", "++++", "plus-minus", "x"].map(readShulginRating),
      ["±", "±", "++", "-", "+++", "++++", "±", undefined],
    );
  });

  test("a batch input takes no id, creation time or tests", () => {
    const batch = {
      substance: "lsd",
      label: "Blotter sheet 1",
      form: "blotter",
      concentrationMgPerMl: null,
      mlPerSpray: null,
      purityPercent: null,
    };
    assert.deepEqual(parseWith(BatchInput, batch), batch);
  });

  test("a stored plan is the plan input plus id, createdAt and endedAt", () => {
    const plan = parseWith(Plan, {
      id: "pln_1",
      substance: "ketamine",
      target: { amount: 7, unit: "mg" },
      protocol: { kind: "every-n-days", intervalDays: 7 },
      cycle: null,
      startDate: "2026-03-22",
      localTime: "09:00",
      timeZone: "Europe/London",
      end: { kind: "count", count: 3 },
      acceptRisk: false,
      createdAt: "2026-03-21T10:00:00Z",
      endedAt: null,
    });
    assert.equal(plan.id, "pln_1");
  });
});

describe("screenings (FACTS Q-PHQ9)", () => {
  const input = {
    at: "2026-03-22T09:00:00Z",
    timeZone: "Europe/London",
    instrument: "phq9" as const,
    answers: [1, 2, 0, 3, 1, 0, 2, 1, 1],
  };

  test("the stored fields are scored from the input, with the crisis flag", () => {
    const scored = scoreScreeningInput(parseWith(ScreeningInput, input));
    assert.deepEqual([scored.total, scored.band, scored.crisis], [11, "moderate", true]);
    assert.deepEqual(parseWith(Screening, { id: "scr_1", ...scored }).total, 11);
  });

  test("refuses answers that do not fit, and a stored total or flag the answers do not give", () => {
    assert.equal(
      fieldsOf(() => parseWith(ScreeningInput, { ...input, answers: [1, 2, 4] }))[0]?.path,
      "answers",
    );
    const scored = scoreScreeningInput(input);
    assert.equal(
      fieldsOf(() => parseWith(Screening, { id: "scr_1", ...scored, crisis: false }))[0]?.path,
      "total",
    );
  });
});
