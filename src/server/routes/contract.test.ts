/**
 * The OpenAPI document lists every error a route answers (src/server/openapi.ts errorCodesOf).
 * The test server records any error answer whose code its route does not list; these are the
 * cases a review found unlisted.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { KETAMINE_PLAN, send } from "../test-journal.ts";
import { type Client, setUpOwner, startTestServer, type TestServer } from "../test-server.ts";

describe("every error answered is listed in the route's OpenAPI description", () => {
  let server: TestServer;
  let alex: Client;
  before(async () => {
    server = await startTestServer();
    alex = await setUpOwner(server); // no profile yet
  });
  after(async () => {
    assert.deepEqual(server.serverErrors, []);
    await server.close();
  });

  test("a local time or a plan needing the profile, before the profile is set up: 409", async () => {
    const { batch } = await send(alex, "POST", "/api/v1/batches", {
      substance: "ketamine",
      label: "bottle A",
      form: "spray",
      concentrationMgPerMl: 50,
      mlPerSpray: 0.1,
    });
    const test = await alex.post(`/api/v1/batches/${batch.id}/tests`, {
      reagent: "mandelin",
      result: "orange",
      at: "2026-03-22T08:00",
    });
    assert.equal(test.status, 409);
    assert.equal(test.body.error.code, "STORE_NOT_INITIALISED");
    const preview = await alex.post("/api/v1/plans/preview", {
      ...KETAMINE_PLAN,
      substance: "lsd",
    });
    assert.equal(preview.status, 409);
    assert.equal(preview.body.error.code, "STORE_NOT_INITIALISED");
    assert.deepEqual(server.undocumentedErrors, []);
  });

  test("a preset with neither a substance nor a batch names the missing field", async () => {
    const answer = await alex.post("/api/v1/presets", {
      name: "p",
      measured: { kind: "amount", amount: 7, unit: "mg" },
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, "VALIDATION_FAILED");
    assert.deepEqual(
      answer.body.error.fields.map((f: { path: string }) => f.path),
      ["substance"],
    );
    assert.deepEqual(server.undocumentedErrors, []);
  });

  test("a route without a body schema still refuses a body that is not JSON, and says so", async () => {
    const bad = await alex.request("POST", "/api/v1/plans/pln_0123456789ab/end", { raw: "{" });
    assert.equal(bad.body.error.code, "INVALID_JSON");
    const text = await alex.request("DELETE", "/api/v1/presets/pre_0123456789ab", {
      raw: "x",
      contentType: "text/plain",
    });
    assert.equal(text.status, 415);
    assert.deepEqual(server.undocumentedErrors, []);
  });

  test("every operation lists 500 INTERNAL and 503 STORE_BUSY", async () => {
    const document = (await alex.get("/api/openapi.json")).body;
    for (const [path, methods] of Object.entries(
      document.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>,
    )) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const [status, code] of [
          ["500", "INTERNAL"],
          ["503", "STORE_BUSY"],
        ]) {
          const response = operation.responses[status as string] as
            | { "x-error-codes": string[] }
            | undefined;
          assert.ok(response?.["x-error-codes"].includes(code as string), `${method} ${path}`);
        }
      }
    }
  });
});
