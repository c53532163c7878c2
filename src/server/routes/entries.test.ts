import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { dumpStore } from "../../store/test-store.ts";
import { send } from "../test-journal.ts";
import { type Client, setUpOwner, startTestServer, type TestServer } from "../test-server.ts";

describe("journal entries, the timeline and findings", () => {
  let server: TestServer;
  let alex: Client;
  const ids: Record<string, string> = {};
  before(async () => {
    server = await startTestServer();
    alex = await setUpOwner(server);
    await send(alex, "PATCH", "/api/v1/profile", {
      timeZone: "Europe/London",
      weightKg: 70,
      country: "US",
    });
  });
  after(async () => {
    assert.deepEqual(server.serverErrors, []);
    await server.close();
  });

  test("each kind of entry is recorded with the findings it brought", async () => {
    const dose = await send(alex, "POST", "/api/v1/doses", {
      substance: "ketamine",
      measured: { kind: "amount", amount: 7, unit: "mg" },
      at: "2026-03-22T08:00:00Z",
    });
    ids.dose = dose.record.id;
    const other = await send(alex, "POST", "/api/v1/other-substances", {
      name: "alcohol",
      amount: 2,
      unit: "units",
      at: "2026-03-22T07:30:00Z",
    });
    ids.other = other.record.id;
    assert.ok(
      other.findings.some((f: { ruleId: string }) => f.ruleId === "combination"),
      "alcohol near ketamine is a combination finding",
    );
    const checkIn = await send(alex, "POST", "/api/v1/check-ins", {
      mood: 7,
      anxiety: 3,
      afterEffects: "slight headache",
      shulgin: "±",
    });
    ids.checkIn = checkIn.record.id;
    assert.equal(checkIn.record.energy, null);
    assert.equal(checkIn.record.note, null);
    const symptoms = await send(alex, "POST", "/api/v1/symptom-reports", {
      checklist: "nasal",
      symptoms: [],
    });
    ids.symptoms = symptoms.record.id;
    const pressure = await send(alex, "POST", "/api/v1/blood-pressures", {
      systolicMmHg: 150,
      diastolicMmHg: 95,
      pulseBpm: 70,
      at: "2026-03-22T07:55:00Z",
    });
    ids.pressure = pressure.record.id;
    assert.ok(pressure.findings.some((f: { ruleId: string }) => f.ruleId === "blood-pressure"));
  });

  test("entries that do not fit their kind are refused, naming the field", async () => {
    for (const [path, body, field] of [
      ["/api/v1/symptom-reports", { checklist: "bladder", symptoms: ["nosebleeds"] }, "symptoms"],
      ["/api/v1/blood-pressures", { systolicMmHg: 80, diastolicMmHg: 120 }, "systolicMmHg"],
      ["/api/v1/check-ins", { mood: 11 }, "mood"],
      ["/api/v1/screenings", { instrument: "phq9", answers: [0, 1] }, "answers"],
      ["/api/v1/screenings", { instrument: "bladder", answers: [0] }, "instrument"],
      ["/api/v1/other-substances", { name: "" }, "name"],
    ] as const) {
      const answer = await alex.post(path, body);
      assert.equal(answer.status, 400, `${path}: ${answer.text}`);
      assert.ok(
        answer.body.error.fields.some((f: { path: string }) => f.path === field),
        `${field} in ${answer.text}`,
      );
    }
  });

  test("a screening is scored; thoughts of self-harm answer the crisis resources at once", async () => {
    const calm = await send(alex, "POST", "/api/v1/screenings", {
      instrument: "phq9",
      answers: [1, 1, 1, 1, 0, 0, 0, 0, 0],
    });
    assert.equal(calm.record.total, 4);
    assert.equal(calm.score.band, "minimal");
    assert.equal(calm.crisis, false);
    assert.equal(calm.crisisResources, null);
    const crisis = await send(alex, "POST", "/api/v1/screenings", {
      instrument: "phq9",
      answers: [1, 2, 1, 1, 0, 1, 1, 0, 1],
    });
    ids.screening = crisis.record.id;
    assert.equal(crisis.crisis, true);
    assert.equal(crisis.crisisResources.emergencyNumber, "911");
    assert.equal(crisis.crisisResources.helplines[0].phone, "988");
    assert.match(crisis.crisisResources.message.join(" "), /911/u);
    assert.ok(crisis.findings.some((f: { severity: string }) => f.severity === "danger"));
  });

  test("a crisis answer that cannot be stored still says where to turn", async () => {
    const answer = await alex.post("/api/v1/screenings", {
      instrument: "phq9",
      answers: [1, 2, 1, 1, 0, 1, 1, 0, 2],
      at: "2026-03-23T09:00:00Z",
    });
    assert.equal(answer.status, 422);
    assert.equal(answer.body.error.code, "TIME_IN_FUTURE");
    assert.match(answer.body.error.message, /call 911/u);
  });

  test("a catalog substance is refused as another substance: it is logged as a dose", async () => {
    const before = await dumpStore(server.store);
    for (const name of ["ketamine", "esketamine", "Ketamine (K)", "K", "LSD-25 tab"]) {
      const answer = await alex.post("/api/v1/other-substances", {
        name,
        at: "2026-03-20T09:00:00Z",
      });
      assert.equal(answer.status, 422, name);
      assert.equal(answer.body.error.code, "OTHER_SUBSTANCE_IN_CATALOG", name);
      assert.equal(answer.body.error.fields[0].path, "name");
      assert.match(answer.body.error.message, /log it as a dose \(titrate log dose/u);
    }
    assert.equal(await dumpStore(server.store), before);
    const vitamin = await alex.post("/api/v1/other-substances", {
      name: "vitamin K",
      at: "2026-03-20T09:00:00Z",
    });
    assert.equal(vitamin.status, 201, "a single letter inside a name is not ketamine");
    const removed = await alex.request("DELETE", `/api/v1/entries/${vitamin.body.record.id}`);
    assert.equal(removed.status, 204);
  });

  test("the timeline lists entries in a range, of the kinds asked for", async () => {
    const all = await alex.get("/api/v1/journal");
    assert.equal(all.status, 200);
    assert.deepEqual(
      all.body.entries.slice(0, 3).map((e: { kind: string }) => e.kind),
      ["substance", "bp", "dose"],
    );
    const doses = await alex.get("/api/v1/journal?types=dose,bp&since=2026-03-22T07:50:00Z");
    assert.deepEqual(
      doses.body.entries.map((e: { id: string }) => e.id),
      [ids.pressure, ids.dose],
    );
    const day = await alex.get("/api/v1/journal?since=2026-03-21&until=2026-03-22");
    assert.deepEqual(day.body.entries, []);
    for (const query of [
      "types=pill",
      "since=2026-02-30",
      "since=tomorrow",
      "until=2026-03-22T09:00:00",
    ]) {
      const answer = await alex.get(`/api/v1/journal?${query}`);
      assert.equal(answer.status, 400, query);
    }
  });

  test("an entry is read, corrected (the rules run again) and deleted by its id", async () => {
    const read = await alex.get(`/api/v1/entries/${ids.dose}`);
    assert.equal(read.body.kind, "dose");
    assert.equal(read.body.record.amount, 7);
    const edited = await send(alex, "PATCH", `/api/v1/entries/${ids.dose}`, {
      amount: 6,
      note: "measured again",
      at: "2026-03-22T07:45",
    });
    assert.equal(edited.entry.record.amount, 6);
    assert.equal(edited.entry.record.note, "measured again");
    assert.equal(edited.entry.at, "2026-03-22T07:45:00Z");
    assert.ok(Array.isArray(edited.active));
    const screening = await send(alex, "PATCH", `/api/v1/entries/${ids.screening}`, {
      answers: [0, 0, 0, 0, 0, 0, 0, 0, 0],
    });
    assert.equal(screening.entry.record.total, 0);
    assert.equal(screening.entry.record.crisis, false, "re-scored");
    assert.equal((await alex.delete(`/api/v1/entries/${ids.other}`)).status, 204);
    assert.equal((await alex.get(`/api/v1/entries/${ids.other}`)).status, 404);
    assert.equal((await alex.delete(`/api/v1/entries/${ids.other}`)).status, 404);
  });

  test("an edit that does not fit the entry is refused and changes nothing", async () => {
    const before = await dumpStore(server.store);
    for (const [id, body, field, status] of [
      [ids.dose, { mood: 5 }, "mood", 400],
      [ids.dose, { route: "intrathecal" }, "route", 400],
      [ids.checkIn, { amount: 3 }, "amount", 400],
      [ids.pressure, { systolicMmHg: 60 }, "systolicMmHg", 400],
      [ids.dose, { at: "2026-03-25T09:00:00Z" }, "at", 422],
      [ids.dose, { batchId: "bat_0123456789ab" }, "batchId", 400],
    ] as const) {
      const answer = await alex.request("PATCH", `/api/v1/entries/${id}`, { json: body });
      assert.equal(answer.status, status, `${JSON.stringify(body)}: ${answer.text}`);
      assert.ok(
        answer.body.error.fields.some((f: { path: string }) => f.path === field),
        `${field} in ${answer.text}`,
      );
    }
    assert.equal(await dumpStore(server.store), before);
  });

  test("findings are listed danger first; acknowledging one quiets it, a danger stays", async () => {
    const findings = await alex.get("/api/v1/findings");
    assert.equal(findings.status, 200);
    const severities = findings.body.active.map((f: { severity: string }) => f.severity);
    const rank = { danger: 3, warning: 2, caution: 1, info: 0 } as Record<string, number>;
    assert.deepEqual(
      severities,
      [...severities].sort((a, b) => (rank[b] ?? 0) - (rank[a] ?? 0)),
    );
    assert.equal(findings.body.history, undefined);
    const quiet = findings.body.active.find((f: { severity: string }) => f.severity !== "danger");
    const acknowledged = await alex.post("/api/v1/findings/acknowledge", { key: quiet.key });
    assert.equal(acknowledged.status, 200);
    assert.equal(acknowledged.body.finding.acknowledgedAt, "2026-03-22T09:00:00Z");
    const after = await alex.get("/api/v1/findings?history=true");
    assert.ok(after.body.acknowledged.some((f: { key: string }) => f.key === quiet.key));
    assert.ok(!after.body.active.some((f: { key: string }) => f.key === quiet.key));
    assert.ok(after.body.history.length >= after.body.active.length);
    const unknown = await alex.post("/api/v1/findings/acknowledge", { key: "no-such:finding" });
    assert.equal(unknown.status, 404);
  });
});
