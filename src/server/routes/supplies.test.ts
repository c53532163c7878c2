import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { send } from "../test-journal.ts";
import { type Client, setUpOwner, startTestServer, type TestServer } from "../test-server.ts";

describe("batches, reagent tests and presets", () => {
  let server: TestServer;
  let alex: Client;
  let batchId: string;
  before(async () => {
    server = await startTestServer();
    alex = await setUpOwner(server);
    await send(alex, "PATCH", "/api/v1/profile", { timeZone: "Europe/London", weightKg: 70 });
  });
  after(async () => {
    assert.deepEqual(server.serverErrors, []);
    await server.close();
  });

  test("a batch is added with what to test it with, and listed", async () => {
    const added = await send(alex, "POST", "/api/v1/batches", {
      substance: "ketamine",
      label: " bottle A ",
      form: "spray",
      concentrationMgPerMl: 50,
      mlPerSpray: 0.1,
    });
    batchId = added.batch.id;
    assert.equal(added.batch.label, "bottle A");
    assert.equal(added.batch.purityPercent, null);
    assert.deepEqual(added.batch.reagentTests, []);
    assert.match(added.howToTest, /Mandelin/u);
    const again = await alex.post("/api/v1/batches", {
      substance: "lsd",
      label: "bottle A",
      form: "blotter",
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, "LABEL_TAKEN");
    assert.deepEqual((await alex.get("/api/v1/batches")).body.batches, [added.batch]);
  });

  test("dried mushroom cannot be a solution or a spray (it settles), and nothing is added", async () => {
    const before = (await alex.get("/api/v1/batches")).body.batches;
    for (const form of ["solution", "spray"]) {
      const refused = await alex.post("/api/v1/batches", {
        substance: "mushrooms",
        label: `shroom ${form}`,
        form,
        concentrationMgPerMl: 100,
        mlPerSpray: form === "spray" ? 0.1 : null,
      });
      assert.equal(refused.status, 422, form);
      assert.equal(refused.body.error.code, "PREPARATION_IMPOSSIBLE");
      assert.equal(refused.body.error.fields[0].path, "form");
      assert.match(refused.body.error.message, /does not dissolve in water.*FACTS P-DOSE-2/u);
    }
    assert.deepEqual((await alex.get("/api/v1/batches")).body.batches, before);
    const dried = await send(alex, "POST", "/api/v1/batches", {
      substance: "mushrooms",
      label: "shrooms",
      form: "dried",
    });
    assert.equal(dried.batch.form, "dried");
  });

  test("a reagent test answers its verdict with the expected colour", async () => {
    const match = await send(alex, "POST", `/api/v1/batches/${batchId}/tests`, {
      reagent: "Mandelin",
      result: "orange",
    });
    assert.equal(match.test.verdict, "match");
    assert.equal(match.test.reagent, "mandelin");
    assert.match(match.expected, /orange/iu);
    assert.match(match.verdictMeaning, /identity, not purity/u);
    const mismatch = await send(alex, "POST", `/api/v1/batches/${batchId}/tests`, {
      reagent: "mandelin",
      result: "dark green",
      at: "2026-03-22T08:00",
    });
    assert.equal(mismatch.test.verdict, "mismatch");
    assert.equal(mismatch.test.at, "2026-03-22T08:00:00Z");
    assert.match(mismatch.verdictMeaning, /Do not use it/u);
    assert.equal(mismatch.batch.reagentTests.length, 2);
    const unknown = await send(alex, "POST", `/api/v1/batches/${batchId}/tests`, {
      reagent: "fentanyl strip",
      result: "one line",
    });
    assert.equal(unknown.expected, null);
    assert.equal(unknown.test.verdict, "unknown");
    const findings = await alex.get("/api/v1/findings");
    assert.ok(
      findings.body.active.some((f: { ruleId: string }) => f.ruleId === "reagent-mismatch"),
      "a mismatch is a finding",
    );
  });

  test("a test of a batch that does not exist is 404, of a malformed id 400", async () => {
    const unknown = await alex.post("/api/v1/batches/bat_0123456789ab/tests", {
      reagent: "mandelin",
      result: "orange",
    });
    assert.equal(unknown.status, 404);
    const malformed = await alex.post("/api/v1/batches/bottle A/tests", {
      reagent: "mandelin",
      result: "orange",
    });
    assert.equal(malformed.status, 400);
  });

  test("presets are saved from an amount or from sprays of a batch, listed and deleted", async () => {
    await send(alex, "POST", "/api/v1/batches", {
      substance: "ketamine",
      label: "bottle B",
      form: "spray",
      concentrationMgPerMl: 50,
      mlPerSpray: 0.1,
    });
    const amount = await send(alex, "POST", "/api/v1/presets", {
      name: "low",
      substance: "ketamine",
      measured: { kind: "amount", amount: 5000, unit: "mcg" },
      route: "sublingual",
    });
    assert.equal(amount.preset.amount, 5);
    assert.equal(amount.preset.unit, "mg");
    const sprays = await send(alex, "POST", "/api/v1/presets", {
      name: "usual",
      measured: { kind: "sprays", sprays: 2 },
      batch: "bottle B",
    });
    assert.equal(sprays.preset.substance, "ketamine");
    assert.equal(sprays.preset.route, "nasal");
    assert.notEqual(sprays.preset.batchId, batchId);
    assert.deepEqual(
      (await alex.get("/api/v1/presets")).body.presets.map((p: { name: string }) => p.name),
      ["low", "usual"],
    );
    assert.equal((await alex.delete(`/api/v1/presets/${amount.preset.id}`)).status, 204);
    assert.equal((await alex.delete(`/api/v1/presets/${amount.preset.id}`)).status, 404);
  });

  test("a preset is refused when it cannot be measured or does not fit its batch", async () => {
    await send(alex, "POST", "/api/v1/batches", {
      substance: "ketamine",
      label: "solution C",
      form: "solution",
      concentrationMgPerMl: 10,
    });
    await send(alex, "POST", "/api/v1/batches", {
      substance: "ketamine",
      label: "powder D",
      form: "powder",
    });
    for (const [body, code, status] of [
      [
        { name: "v", substance: "ketamine", measured: { kind: "volume", volumeMl: 0.5 } },
        "BATCH_REQUIRED",
        400,
      ],
      [
        { name: "l", substance: "lsd", measured: { kind: "sprays", sprays: 1 }, batch: batchId },
        "BATCH_MISMATCH",
        422,
      ],
      [
        {
          name: "usual",
          substance: "ketamine",
          measured: { kind: "amount", amount: 5, unit: "mg" },
        },
        "LABEL_TAKEN",
        409,
      ],
      [
        {
          name: "r",
          substance: "lsd",
          measured: { kind: "amount", amount: 5, unit: "µg" },
          route: "nasal",
        },
        "ROUTE_UNKNOWN",
        400,
      ],
      [
        { name: "s", measured: { kind: "sprays", sprays: 21 }, batch: batchId },
        "VALIDATION_FAILED",
        400,
      ],
      // A preset is a proposal: the checks of a dose proposed (FACTS K-DOSE-1, TEST-1).
      [
        {
          name: "high",
          substance: "ketamine",
          measured: { kind: "amount", amount: 15, unit: "mg" },
        },
        "DOSE_ABOVE_CEILING",
        422,
      ],
      [
        { name: "high sprays", measured: { kind: "sprays", sprays: 3 }, batch: "bottle B" },
        "DOSE_ABOVE_CEILING",
        422,
      ],
      [
        { name: "failed", measured: { kind: "sprays", sprays: 1 }, batch: batchId },
        "BATCH_TEST_MISMATCH",
        422,
      ],
      [
        { name: "no pump", measured: { kind: "sprays", sprays: 1 }, batch: "solution C" },
        "BATCH_INCOMPLETE",
        422,
      ],
      [
        { name: "no strength", measured: { kind: "volume", volumeMl: 0.5 }, batch: "powder D" },
        "BATCH_INCOMPLETE",
        422,
      ],
    ] as const) {
      const answer = await alex.post("/api/v1/presets", body);
      assert.equal(answer.status, status, `${code}: ${answer.text}`);
      assert.equal(answer.body.error.code, code);
    }
    assert.deepEqual(
      (await alex.get("/api/v1/presets")).body.presets.map((p: { name: string }) => p.name),
      ["usual"],
      "nothing refused was saved",
    );
  });

  test("without a weight, a ketamine preset above the ceiling at any weight (60 mg) is refused", async () => {
    await send(alex, "PATCH", "/api/v1/profile", { weightKg: null });
    try {
      const answer = await alex.post("/api/v1/presets", {
        name: "huge",
        substance: "ketamine",
        measured: { kind: "amount", amount: 61, unit: "mg" },
      });
      assert.equal(answer.status, 422, answer.text);
      assert.equal(answer.body.error.code, "DOSE_ABOVE_CEILING");
      assert.match(answer.body.error.message, /at any body weight Titrate accepts/u);
    } finally {
      await send(alex, "PATCH", "/api/v1/profile", { weightKg: 70 });
    }
  });
});
