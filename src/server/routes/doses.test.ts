import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { dumpStore } from "../../store/test-store.ts";
import { send } from "../test-journal.ts";
import { type Client, setUpOwner, startTestServer, type TestServer } from "../test-server.ts";

describe("doses", () => {
  let server: TestServer;
  let alex: Client;
  let batchId: string;
  before(async () => {
    server = await startTestServer();
    alex = await setUpOwner(server);
    await send(alex, "PATCH", "/api/v1/profile", { timeZone: "Europe/London", weightKg: 70 });
    const batch = await send(alex, "POST", "/api/v1/batches", {
      substance: "ketamine",
      label: "bottle A",
      form: "spray",
      concentrationMgPerMl: 50,
      mlPerSpray: 0.1,
      purityPercent: 80,
    });
    batchId = batch.batch.id;
  });
  after(async () => {
    assert.deepEqual(server.serverErrors, []);
    await server.close();
  });

  test("a dose given as sprays of a batch becomes mg through its strength", async () => {
    const logged = await send(alex, "POST", "/api/v1/doses", {
      measured: { kind: "sprays", sprays: 1 },
      batch: batchId,
      at: "2026-03-15T09:00",
      note: "first",
    });
    assert.equal(logged.record.substance, "ketamine");
    assert.equal(logged.record.amount, 5);
    assert.equal(logged.record.route, "nasal");
    assert.equal(logged.record.at, "2026-03-15T09:00:00Z");
    assert.equal(logged.amount.activeAmount, 4, "80 % pure, for information");
    assert.match(logged.amount.derivation, /1 spray of "bottle A"/u);
    assert.ok(Array.isArray(logged.findings) && Array.isArray(logged.active));
    assert.equal(logged.advisedNotToDose, false);
  });

  test("checking a dose too soon says so and writes nothing", async () => {
    const before = await dumpStore(server.store);
    const checked = await send(
      alex,
      "POST",
      "/api/v1/doses/check",
      {
        substance: "ketamine",
        measured: { kind: "amount", amount: 7, unit: "mg" },
        at: "2026-03-17T09:00:00Z",
      },
      200,
    );
    assert.equal(checked.dose.amount, 7);
    assert.equal(checked.dose.at, "2026-03-17T09:00:00Z");
    const interval = checked.findings.find((f: { ruleId: string }) => f.ruleId === "min-interval");
    assert.ok(interval, "2 days after the dose of 2026-03-15: ketamine needs at least 5");
    assert.equal(await dumpStore(server.store), before);
    const now = await send(
      alex,
      "POST",
      "/api/v1/doses/check",
      {
        substance: "ketamine",
        measured: { kind: "amount", amount: 7, unit: "mg" },
      },
      200,
    );
    assert.equal(now.dose.at, "2026-03-22T09:00:00Z", "default: now");
    assert.ok(!now.findings.some((f: { ruleId: string }) => f.ruleId === "min-interval"));
  });

  test("a dose logged too soon is still recorded, with the finding it brought", async () => {
    const logged = await send(alex, "POST", "/api/v1/doses", {
      substance: "ketamine",
      measured: { kind: "amount", amount: 7, unit: "mg" },
      at: "2026-03-17T09:00:00Z",
    });
    const interval = logged.findings.find((f: { ruleId: string }) => f.ruleId === "min-interval");
    assert.ok(interval, JSON.stringify(logged.findings));
    assert.equal(interval.subjectId, logged.record.id);
    assert.match(interval.detail, /5/u);
  });

  test("every spelling of micro means µg, and nothing else is read as micro", async () => {
    for (const unit of ["µg", "μg", "ug", "mcg"]) {
      const checked = await send(
        alex,
        "POST",
        "/api/v1/doses/check",
        {
          substance: "lsd",
          measured: { kind: "amount", amount: 10, unit },
        },
        200,
      );
      assert.deepEqual([checked.dose.amount, checked.dose.unit], [10, "µg"], unit);
    }
    const mg = await send(
      alex,
      "POST",
      "/api/v1/doses/check",
      {
        substance: "lsd",
        measured: { kind: "amount", amount: 0.01, unit: "mg" },
      },
      200,
    );
    assert.equal(mg.dose.amount, 10);
    const unknown = await alex.post("/api/v1/doses/check", {
      substance: "lsd",
      measured: { kind: "amount", amount: 10, unit: "u" },
    });
    assert.equal(unknown.status, 400);
  });

  test("an amount that is not known is recorded as unknown, never guessed", async () => {
    const logged = await send(alex, "POST", "/api/v1/doses", {
      substance: "ketamine",
      measured: { kind: "unknown" },
      route: "oral",
      at: "2026-03-10T09:00:00Z",
      isEstimate: true,
    });
    assert.equal(logged.record.amount, null);
    assert.equal(logged.amount, null);
  });

  test("a dose that cannot be worked out is refused and nothing is written", async () => {
    const before = await dumpStore(server.store);
    for (const [body, status, code, path] of [
      [
        { measured: { kind: "amount", amount: 5, unit: "mg" } },
        400,
        "VALIDATION_FAILED",
        "substance",
      ],
      [{ substance: "ketamine" }, 400, "VALIDATION_FAILED", "amount"],
      [
        { substance: "ketamine", measured: { kind: "volume", volumeMl: 0.5 } },
        400,
        "BATCH_REQUIRED",
        "batch",
      ],
      [
        { substance: "lsd", measured: { kind: "sprays", sprays: 1 }, batch: batchId },
        422,
        "BATCH_MISMATCH",
        "batch",
      ],
      [
        {
          substance: "ketamine",
          measured: { kind: "amount", amount: 5, unit: "mg" },
          at: "2026-03-22T10:00:00Z",
        },
        422,
        "TIME_IN_FUTURE",
        "at",
      ],
      [
        {
          substance: "ketamine",
          measured: { kind: "amount", amount: 5, unit: "mg" },
          at: "1990-03-22T09:00:00Z",
        },
        422,
        "TIME_TOO_OLD",
        "at",
      ],
      [
        {
          substance: "ketamine",
          measured: { kind: "amount", amount: 5, unit: "mg" },
          at: "yesterday",
        },
        400,
        "VALIDATION_FAILED",
        "at",
      ],
      [
        {
          substance: "ketamine",
          measured: { kind: "amount", amount: 5, unit: "mg" },
          batch: "nope",
        },
        404,
        "NOT_FOUND",
        "batch",
      ],
      [
        { substance: "ketamine", measured: { kind: "amount", amount: -5, unit: "mg" } },
        400,
        "VALIDATION_FAILED",
        "measured.amount",
      ],
      [
        {
          substance: "ketamine",
          measured: { kind: "amount", amount: 5, unit: "mg" },
          route: "smoked",
        },
        400,
        "VALIDATION_FAILED",
        "route",
      ],
    ] as const) {
      for (const path_ of ["/api/v1/doses", "/api/v1/doses/check"]) {
        const answer = await alex.post(path_, body);
        assert.equal(answer.status, status, `${path_} ${JSON.stringify(body)}: ${answer.text}`);
        assert.equal(answer.body.error.code, code);
        assert.ok(
          answer.body.error.fields.some((f: { path: string }) => f.path === path),
          `${path} in ${answer.text}`,
        );
      }
    }
    assert.equal(await dumpStore(server.store), before);
  });

  test("while a danger finding is active, the answer advises not to dose", async () => {
    await send(alex, "POST", "/api/v1/symptom-reports", {
      checklist: "bladder",
      symptoms: ["painful"],
    });
    const checked = await send(
      alex,
      "POST",
      "/api/v1/doses/check",
      {
        substance: "ketamine",
        measured: { kind: "amount", amount: 5, unit: "mg" },
      },
      200,
    );
    assert.equal(checked.advisedNotToDose, true);
    assert.ok(checked.findings.some((f: { severity: string }) => f.severity === "danger"));
  });
});
