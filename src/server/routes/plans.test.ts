import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import ICAL from "ical.js";
import { KETAMINE_PLAN, send } from "../test-journal.ts";
import { type Client, setUpOwner, startTestServer, type TestServer } from "../test-server.ts";

describe("plans", () => {
  let server: TestServer;
  let alex: Client;
  let planId: string;
  before(async () => {
    server = await startTestServer();
    alex = await setUpOwner(server);
    await send(alex, "PATCH", "/api/v1/profile", { timeZone: "Europe/London", weightKg: 70 });
  });
  after(async () => {
    assert.deepEqual(server.serverErrors, []);
    await server.close();
  });

  async function rowCount(): Promise<number> {
    return (await server.store.db.selectFrom("plans").selectAll().execute()).length;
  }

  test("a preview lists the doses in the profile's zone and stores nothing", async () => {
    const { target: _, ...noTarget } = KETAMINE_PLAN;
    const preview = await send(
      alex,
      "POST",
      "/api/v1/plans/preview",
      { ...noTarget, end: { kind: "count", count: 3 } },
      200,
    );
    assert.deepEqual(
      preview.dose,
      { amount: 7, unit: "mg", isStartDose: true },
      "0.1 mg/kg of 70 kg",
    );
    assert.equal(preview.plan.timeZone, "Europe/London");
    assert.deepEqual(
      preview.occurrences.map((o: { at: string }) => o.at),
      ["2026-03-22T09:00:00Z", "2026-03-29T08:00:00Z", "2026-04-05T08:00:00Z"],
    );
    assert.equal(preview.minIntervalDays, 5);
    assert.equal(await rowCount(), 0);
  });

  test("a plan closer than the minimum interval, or above the ceiling, is refused with 422", async () => {
    const tooClose = await alex.post("/api/v1/plans/preview", {
      ...KETAMINE_PLAN,
      protocol: { kind: "every-n-days", intervalDays: 3 },
    });
    assert.equal(tooClose.status, 422);
    assert.equal(tooClose.body.error.code, "PLAN_INTERVAL_TOO_SHORT");
    const accepted = await send(
      alex,
      "POST",
      "/api/v1/plans/preview",
      {
        ...KETAMINE_PLAN,
        protocol: { kind: "every-n-days", intervalDays: 3 },
        acceptRisk: true,
      },
      200,
    );
    assert.ok(accepted.warnings.some((w: { code: string }) => w.code === "PLAN_RISK_ACCEPTED"));
    // 70 kg: the ceiling is 14 mg (FACTS K-DOSE-1); 15 mg is refused, never lowered.
    const high = await alex.post("/api/v1/plans", {
      ...KETAMINE_PLAN,
      target: { amount: 15, unit: "mg" },
    });
    assert.equal(high.status, 422);
    assert.equal(high.body.error.code, "DOSE_ABOVE_CEILING");
    assert.equal(await rowCount(), 0);
  });

  test("a stored plan is listed with its next dose and adherence", async () => {
    const created = await send(alex, "POST", "/api/v1/plans", KETAMINE_PLAN);
    planId = created.plan.id;
    assert.equal(created.plan.timeZone, "Europe/London");
    assert.deepEqual(created.plan.target, { amount: 5, unit: "mg" });
  });

  test("a dose taken is matched to the plan, and the list says so", async () => {
    await send(alex, "POST", "/api/v1/doses", {
      measured: { kind: "amount", amount: 5, unit: "mg" },
      at: "2026-03-22T08:50:00Z",
    });
    const list = await alex.get("/api/v1/plans");
    assert.equal(list.status, 200);
    const [status] = list.body.plans;
    assert.equal(status.plan.id, planId);
    assert.equal(status.isActive, true);
    assert.equal(status.next.date, "2026-03-29");
    assert.equal(status.adherence.taken, 1);
  });

  test("the calendar gives each occurrence its status, the breaks, and filters by month", async () => {
    server.advance({ hours: 9 * 24 });
    const calendar = await alex.get(`/api/v1/plans/${planId}/calendar`);
    assert.equal(calendar.status, 200);
    assert.deepEqual(
      calendar.body.occurrences
        .slice(0, 3)
        .map((o: { date: string; status: string }) => [o.date, o.status]),
      [
        ["2026-03-22", "taken"],
        ["2026-03-29", "missed"],
        ["2026-04-05", "pending"],
      ],
    );
    assert.deepEqual(calendar.body.breaks[0], { from: "2026-04-19", until: "2026-05-02" });
    const april = await alex.get(`/api/v1/plans/${planId}/calendar?month=2026-04`);
    assert.deepEqual(
      april.body.occurrences.map((o: { date: string }) => o.date),
      ["2026-04-05", "2026-04-12"],
    );
    assert.equal(april.body.breaks.length, 1);
    const badMonth = await alex.get(`/api/v1/plans/${planId}/calendar?month=2026-13`);
    assert.equal(badMonth.status, 400);
  });

  test("the plan downloads as an iCalendar file that calendar programs read", async () => {
    const answer = await alex.get(`/api/v1/plans/${planId}/ics?remindMinutes=30`);
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get("content-type") ?? "", /^text\/calendar/u);
    assert.match(
      answer.headers.get("content-disposition") ?? "",
      /^attachment; filename="titrate-plan-ketamine-2026-03-22\.ics"$/u,
    );
    const calendar = new ICAL.Component(ICAL.parse(answer.text));
    const events = calendar.getAllSubcomponents("vevent");
    assert.equal(events.length, 12);
    assert.match(String(events[0]?.getFirstPropertyValue("summary")), /Ketamine 5\.0 mg/u);
    assert.equal(
      String(events[0]?.getFirstSubcomponent("valarm")?.getFirstPropertyValue("trigger")),
      "-PT30M",
    );
    const discreet = await alex.get(`/api/v1/plans/${planId}/ics?discreet=true&utc=true`);
    assert.ok(!/ketamine/iu.test(discreet.text), "no substance in a discreet calendar");
    const again = await alex.get(`/api/v1/plans/${planId}/ics?remindMinutes=30`);
    const uids = (text: string) => [...text.matchAll(/^UID:(.+)$/gmu)].map((m) => m[1]);
    assert.deepEqual(uids(again.text), uids(answer.text), "stable UIDs");
  });

  test("a plan moves to another zone keeping its local time, and ends", async () => {
    const moved = await alex.post(`/api/v1/plans/${planId}/move-zone`, {
      timeZone: "america/new_york",
    });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.plan.timeZone, "America/New_York");
    assert.equal(moved.body.plan.localTime, "09:00");
    const badZone = await alex.post(`/api/v1/plans/${planId}/move-zone`, {
      timeZone: "Nowhere/Land",
    });
    assert.equal(badZone.status, 400);
    assert.equal(badZone.body.error.code, "TIME_ZONE_UNKNOWN");
    const ended = await alex.post(`/api/v1/plans/${planId}/end`);
    assert.equal(ended.body.plan.endedAt, "2026-03-31T09:00:00Z");
    const list = await alex.get("/api/v1/plans");
    assert.equal(list.body.plans[0].isActive, false);
    assert.equal(list.body.plans[0].next, null);
  });
});
