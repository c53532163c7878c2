import assert from "node:assert/strict";
import { test } from "node:test";
import { setUpOwner, startTestServer } from "../test-server.ts";

test("the catalog gives forms what they need: units, ceilings, routes, instruments, conditions", async () => {
  const server = await startTestServer();
  try {
    const alex = await setUpOwner(server);
    const answer = await alex.get("/api/v1/catalog");
    assert.equal(answer.status, 200);
    const { substances, instruments, conditions, batchForms, reagentVerdicts } = answer.body;
    const ketamine = substances.find((s: { id: string }) => s.id === "ketamine");
    assert.equal(ketamine.unit, "mg");
    assert.equal(ketamine.step, 0.1);
    assert.deepEqual(ketamine.sizing, {
      kind: "per-kg",
      startPerKg: 0.1,
      ceilingPerKg: 0.2,
      facts: ["K-DOSE-1", "K-DOSE-3", "DESIGN-1", "MEAS-4"],
    });
    assert.equal(ketamine.minIntervalDays, 5);
    const nasal = ketamine.routes.find((r: { route: string }) => r.route === "nasal");
    assert.deepEqual(nasal.onsetMinutes, { low: 7.5, high: 20, typical: null });
    assert.equal(nasal.uncertain, true);
    const sublingual = ketamine.routes.find((r: { route: string }) => r.route === "sublingual");
    assert.equal(sublingual.onsetMinutes, null, "no sourced figure, none invented");
    const lsd = substances.find((s: { id: string }) => s.id === "lsd");
    assert.deepEqual(lsd.sizing.typical, { low: 5, high: 20, typical: null });
    const phq9 = instruments.find((i: { id: string }) => i.id === "phq9");
    assert.equal(phq9.items.length, 9);
    assert.equal(phq9.crisisItemIndex, 8);
    assert.equal(phq9.options.length, 4);
    assert.match(phq9.attribution, /Pfizer/u);
    const bladder = instruments.find((i: { id: string }) => i.id === "bladder");
    assert.equal(bladder.kind, "checklist");
    assert.equal(bladder.attribution, null);
    assert.ok(conditions.some((c: { id: string }) => c.id === "uncontrolled-hypertension"));
    assert.ok(batchForms.includes("spray"));
    assert.match(reagentVerdicts.mismatch, /Do not use it/u);
    assert.equal((await server.client().get("/api/v1/catalog")).status, 401);
    assert.deepEqual(server.serverErrors, []);
  } finally {
    await server.close();
  }
});
