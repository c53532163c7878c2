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
    const movedEnded = await alex.post(`/api/v1/plans/${planId}/move-zone`, {
      timeZone: "Europe/London",
    });
    assert.equal(movedEnded.status, 422);
    assert.equal(movedEnded.body.error.code, "PLAN_ENDED");
  });
});

describe("plans meet the rest of the journal", () => {
  let server: TestServer;
  let kim: Client;
  before(async () => {
    server = await startTestServer();
    kim = await setUpOwner(server);
    await send(kim, "PATCH", "/api/v1/profile", { timeZone: "Europe/London" });
  });
  after(async () => {
    assert.deepEqual(server.serverErrors, []);
    await server.close();
  });

  const future = { startDate: "2026-03-29", end: { kind: "count", count: 4 } } as const;

  test("a ketamine target without a weight is refused: the ceiling cannot be checked", async () => {
    for (const path of ["/api/v1/plans/preview", "/api/v1/plans"]) {
      const answer = await kim.post(path, { ...KETAMINE_PLAN, ...future });
      assert.equal(answer.status, 400, path);
      assert.equal(answer.body.error.code, "WEIGHT_REQUIRED");
      assert.match(answer.body.error.message, /set your weight/u);
    }
    assert.equal((await kim.get("/api/v1/plans")).body.plans.length, 0);
  });

  test("a preview shows what a dose would bring: a contraindication, a medication", async () => {
    await send(kim, "PATCH", "/api/v1/profile", {
      weightKg: 70,
      conditions: ["bipolar-history"],
    });
    await send(kim, "POST", "/api/v1/medications", { name: "Lithium carbonate 400mg" });
    const lsd = {
      ...KETAMINE_PLAN,
      ...future,
      substance: "lsd",
      target: { amount: 8, unit: "µg" },
      protocol: { kind: "fadiman" },
    };
    const preview = await send(kim, "POST", "/api/v1/plans/preview", lsd, 200);
    const found = preview.findings.map(
      (f: { ruleId: string; severity: string }) => `${f.severity} ${f.ruleId}`,
    );
    assert.deepEqual(found.slice(0, 2).sort(), ["danger combination", "danger contraindication"]);
    assert.deepEqual(found.slice(2), ["caution above-start"], "8 µg is above the 5 µg start");
    const created = await send(kim, "POST", "/api/v1/plans", lsd);
    assert.equal(created.findings.length, 3);
  });

  test("a second active plan of a cross-tolerant substance is refused, even with acceptRisk", async () => {
    const mushrooms = {
      ...KETAMINE_PLAN,
      ...future,
      substance: "mushrooms",
      target: { amount: 0.1, unit: "g" },
      protocol: { kind: "fadiman" },
      acceptRisk: true,
    };
    // The preview says so first, as a warning; and a dose of the new plan is its own plan's,
    // never "a dose outside the plan" of the one running.
    for (const draft of [
      mushrooms,
      { ...mushrooms, substance: "lsd", target: { amount: 5, unit: "µg" } },
    ]) {
      const preview = await send(kim, "POST", "/api/v1/plans/preview", draft, 200);
      const overlap = preview.warnings.find((w: { code: string }) => w.code === "PLAN_OVERLAPS");
      assert.match(overlap?.message ?? "", /^Your plan pln_\w+ \(lsd, Fadiman.*End it first/u);
      assert.ok(
        !preview.findings.some((f: { ruleId: string }) => f.ruleId === "dependence-signs"),
        JSON.stringify(preview.findings.map((f: { title: string }) => f.title)),
      );
    }
    const answer = await kim.post("/api/v1/plans", mushrooms);
    assert.equal(answer.status, 422);
    assert.equal(answer.body.error.code, "PLAN_OVERLAPS");
    assert.match(
      answer.body.error.message,
      /your plan pln_\w+ \(lsd, Fadiman.*cross-tolerant \(FACTS P-TOL-1\).*End it first/u,
    );
    const ketamine = await send(kim, "POST", "/api/v1/plans", { ...KETAMINE_PLAN, ...future });
    assert.equal(ketamine.plan.substance, "ketamine", "another tolerance group is its own plan");
  });

  test("a plan starting in the past says how many doses are already past", async () => {
    const preview = await send(
      kim,
      "POST",
      "/api/v1/plans/preview",
      { ...KETAMINE_PLAN, startDate: "2026-03-01", end: { kind: "count", count: 6 } },
      200,
    );
    const past = preview.warnings.find((w: { code: string }) => w.code === "PLAN_STARTS_IN_PAST");
    assert.match(past?.message ?? "", /^3 of the 6 planned doses are already in the past/u);
  });
});
