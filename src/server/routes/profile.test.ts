import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { send } from "../test-journal.ts";
import { type Client, setUpOwner, startTestServer, type TestServer } from "../test-server.ts";

describe("profile and medications", () => {
  let server: TestServer;
  let alex: Client;
  before(async () => {
    server = await startTestServer();
    alex = await setUpOwner(server);
  });
  after(async () => {
    assert.deepEqual(server.serverErrors, []);
    await server.close();
  });

  test("an account starts without a profile, and journal routes say how to set it up", async () => {
    const profile = await alex.get("/api/v1/profile");
    assert.equal(profile.status, 200);
    assert.equal(profile.body.profile, null);
    assert.equal(profile.body.username, "alex");
    assert.equal(profile.body.crisis.origin, "default");
    const today = await alex.get("/api/v1/today");
    assert.equal(today.status, 409);
    assert.equal(today.body.error.code, "STORE_NOT_INITIALISED");
    assert.match(today.body.error.message, /PATCH \/api\/v1\/profile/u);
  });

  test("first-run PATCH needs a time zone, then creates the profile with defaults", async () => {
    const missing = await alex.request("PATCH", "/api/v1/profile", { json: { weightKg: 70 } });
    assert.equal(missing.status, 400);
    assert.deepEqual(
      missing.body.error.fields.map((f: { path: string }) => f.path),
      ["timeZone"],
    );
    assert.equal((await alex.get("/api/v1/profile")).body.profile, null, "nothing was saved");

    const created = await send(alex, "PATCH", "/api/v1/profile", {
      timeZone: "europe/london",
      weightKg: 70,
      country: "uk",
      conditions: ["uncontrolled-hypertension"],
    });
    assert.equal(created.created, true);
    assert.deepEqual(created.profile, {
      weightKg: 70,
      units: "metric",
      timeZone: "Europe/London",
      conditions: ["uncontrolled-hypertension"],
      country: "GB",
      emergencyNumber: null,
      helpline: null,
    });
    assert.equal(created.crisis.emergencyNumber, "999");
  });

  test("PATCH changes only the fields given and keeps the weight history", async () => {
    const changed = await send(alex, "PATCH", "/api/v1/profile", {
      weightKg: 72.5,
      helpline: { name: "My GP", phone: "020 7946 0000", url: null },
    });
    assert.equal(changed.created, false);
    assert.equal(changed.profile.weightKg, 72.5);
    assert.equal(changed.profile.country, "GB");
    assert.equal(changed.crisis.helplines[0].name, "My GP");
    const weights = await alex.get("/api/v1/profile/weights");
    assert.deepEqual(
      weights.body.weights.map((w: { weightKg: number }) => w.weightKg),
      [70, 72.5],
    );
  });

  test("PATCH refuses what the profile cannot hold, naming the field, and changes nothing", async () => {
    const before = (await alex.get("/api/v1/profile")).body.profile;
    for (const [body, path] of [
      [{ weightKg: 500 }, "weightKg"],
      [{ timeZone: "Mars/Olympus" }, "timeZone"],
      [{ country: "Great Britain" }, "country"],
      [{ conditions: ["flu"] }, "conditions.0"],
      [{ helpline: { name: "x", phone: null, url: null } }, "helpline.phone"],
      [{ role: "owner" }, "role"],
    ] as const) {
      const answer = await alex.request("PATCH", "/api/v1/profile", { json: body });
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.ok(
        answer.body.error.fields.some((f: { path: string }) => f.path === path),
        `${path} in ${answer.text}`,
      );
    }
    assert.deepEqual((await alex.get("/api/v1/profile")).body.profile, before);
  });

  test("medications are added, listed and ended", async () => {
    const added = await send(alex, "POST", "/api/v1/medications", {
      name: " sertraline ",
      addedAt: "2026-03-01T08:00",
    });
    assert.equal(added.medication.name, "sertraline");
    assert.equal(added.medication.addedAt, "2026-03-01T08:00:00Z");
    assert.deepEqual(added.knownCombinations, [], "Titrate knows no combination for it");
    const ended = await alex.post(`/api/v1/medications/${added.medication.id}/end`);
    assert.equal(ended.status, 200);
    assert.equal(ended.body.medication.endedAt, "2026-03-22T09:00:00Z");
    const listed = await alex.get("/api/v1/medications");
    assert.deepEqual(listed.body.medications, [ended.body.medication]);
    const again = await alex.post(`/api/v1/medications/${added.medication.id}/end`);
    assert.equal(again.status, 404);
  });

  test("adding a medication says which combinations every dose is checked for", async () => {
    const added = await send(alex, "POST", "/api/v1/medications", { name: "Tramadol 50mg" });
    assert.deepEqual(
      added.knownCombinations.map((c: { substance: string; severity: string }) => [
        c.substance,
        c.severity,
      ]),
      [
        ["ketamine", "danger"],
        ["psilocybin", "danger"],
        ["mushrooms", "danger"],
        ["lsd", "danger"],
      ],
    );
    await alex.post(`/api/v1/medications/${added.medication.id}/end`);
  });

  test("a medication added in the future is refused", async () => {
    const answer = await alex.post("/api/v1/medications", {
      name: "x",
      addedAt: "2026-03-23T09:00:00Z",
    });
    assert.equal(answer.status, 422);
    assert.equal(answer.body.error.code, "TIME_IN_FUTURE");
    assert.equal(answer.body.error.fields[0].path, "addedAt");
  });
});
