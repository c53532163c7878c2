/**
 * For tests only: an account's journal filled through the API — profile, a medication, a
 * tested spray batch, a preset, a plan, and one entry of every kind — with the ids of all
 * of it, so tests can read, change and trespass on them.
 */
import assert from "node:assert/strict";
import type { Client } from "./test-server.ts";

export interface SeededJournal {
  readonly medicationId: string;
  readonly batchId: string;
  readonly presetId: string;
  readonly planId: string;
  readonly doseId: string;
  readonly otherId: string;
  readonly checkInId: string;
  readonly symptomReportId: string;
  readonly bloodPressureId: string;
  readonly screeningId: string;
  /** An active finding's key. */
  readonly findingKey: string;
}

/** A ketamine plan every 7 days from the test clock's day (START, 2026-03-22). */
export const KETAMINE_PLAN = {
  substance: "ketamine",
  target: { amount: 5, unit: "mg" },
  protocol: { kind: "every-n-days", intervalDays: 7 },
  cycle: { weeksOn: 4, weeksOff: 2 },
  startDate: "2026-03-22",
  localTime: "09:00",
  end: { kind: "count", count: 12 },
  acceptRisk: false,
} as const;

/** Sends `body` and returns the answer's body, asserting the status. */
export async function send(
  client: Client,
  method: "POST" | "PATCH",
  path: string,
  body: unknown,
  status = method === "PATCH" ? 200 : 201,
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back.
): Promise<any> {
  const answer = await client.request(method, path, { json: body });
  assert.equal(answer.status, status, `${method} ${path}: ${answer.text}`);
  return answer.body;
}

export async function seedJournal(
  client: Client,
  timeZone = "Europe/London",
): Promise<SeededJournal> {
  await send(client, "PATCH", "/api/v1/profile", { timeZone, weightKg: 70, country: "GB" });
  const medication = await send(client, "POST", "/api/v1/medications", { name: "sertraline" });
  const batch = await send(client, "POST", "/api/v1/batches", {
    substance: "ketamine",
    label: "bottle A",
    form: "spray",
    concentrationMgPerMl: 50,
    mlPerSpray: 0.1,
  });
  const batchId = batch.batch.id;
  await send(client, "POST", `/api/v1/batches/${batchId}/tests`, {
    reagent: "mandelin",
    result: "orange",
  });
  const preset = await send(client, "POST", "/api/v1/presets", {
    name: "usual",
    measured: { kind: "sprays", sprays: 1 },
    batch: batchId,
  });
  const plan = await send(client, "POST", "/api/v1/plans", KETAMINE_PLAN);
  const dose = await send(client, "POST", "/api/v1/doses", {
    preset: preset.preset.id,
    at: "2026-03-22T08:55:00Z",
  });
  const other = await send(client, "POST", "/api/v1/other-substances", { name: "coffee" });
  const checkIn = await send(client, "POST", "/api/v1/check-ins", { mood: 7, sleep: 6 });
  const symptoms = await send(client, "POST", "/api/v1/symptom-reports", {
    checklist: "nasal",
    symptoms: ["nosebleeds"],
  });
  const pressure = await send(client, "POST", "/api/v1/blood-pressures", {
    systolicMmHg: 125,
    diastolicMmHg: 80,
  });
  const screening = await send(client, "POST", "/api/v1/screenings", {
    instrument: "phq2",
    answers: [1, 0],
  });
  const findings = await client.get("/api/v1/findings");
  const findingKey = findings.body.active[0]?.key;
  assert.ok(findingKey, "the seeded journal has an active finding");
  return {
    medicationId: medication.medication.id,
    batchId,
    presetId: preset.preset.id,
    planId: plan.plan.id,
    doseId: dose.record.id,
    otherId: other.record.id,
    checkInId: checkIn.record.id,
    symptomReportId: symptoms.record.id,
    bloodPressureId: pressure.record.id,
    screeningId: screening.record.id,
    findingKey,
  };
}
