import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { generateDemoJournal } from "../../store/demo.ts";
import { mergeIntoAccount } from "../../store/import-merge.ts";
import { saveProfile } from "../../store/repos/profile.ts";
import {
  addAccount,
  type Client,
  START,
  setUpOwner,
  signIn,
  startTestServer,
  type TestServer,
} from "../test-server.ts";

let server: TestServer;
let alex: Client;
let kim: Client;

before(async () => {
  server = await startTestServer();
  alex = await setUpOwner(server, "alex", "alex's long passphrase");
  const kimUser = await addAccount(server.store, "kim", "kim's long passphrase");
  kim = await signIn(server, "kim", "kim's long passphrase");
  const demo = generateDemoJournal({ seed: 1, days: 90, endDate: "2026-03-21", now: START });
  await server.store.transaction((tx) => mergeIntoAccount(tx, demo, { username: "alex" }));
  await saveProfile(
    server.store.db,
    kimUser.id,
    {
      weightKg: 60,
      units: "metric",
      timeZone: "America/New_York",
      conditions: [],
      country: "US",
      emergencyNumber: null,
      helpline: null,
    },
    START.toString(),
  );
});
after(async () => {
  const errors = [...server.serverErrors];
  await server.close();
  assert.deepEqual(errors, []);
});

test("GET /api/v1/insights gives the period's statistics, every estimate with its interval", async () => {
  const answer = await alex.get("/api/v1/insights?since=90d&until=2026-03-21");
  assert.equal(answer.status, 200);
  const insights = answer.body;
  assert.deepEqual(insights.period, {
    from: "2025-12-22",
    to: "2026-03-21",
    days: 90,
    timeZone: "Europe/London",
  });
  assert.equal(insights.series.dates.length, 90);
  assert.equal(insights.series.ratings.mood.rolling7.length, 90);
  const doseDays = insights.comparisons[0];
  assert.equal(doseDays.id, "dose-days");
  const mood = doseDays.ratings.mood;
  assert.equal(mood.enoughData, true);
  assert.ok(mood.ci95[0] <= mood.estimate && mood.estimate <= mood.ci95[1]);
  assert.equal(mood.n, mood.nA + mood.nB);
  assert.equal(insights.comparisons[2].ratings.mood.enoughData, false);
  assert.match(insights.comparisons[2].ratings.mood.reason, /no check-ins before the first dose/u);
  assert.equal(insights.questionnaires[0].instrument, "phq9");
  const again = await alex.get("/api/v1/insights?since=90d&until=2026-03-21");
  assert.equal(again.text, answer.text, "the same journal and query give the same answer");
});

test("another account sees only its own journal", async () => {
  const answer = await kim.get("/api/v1/insights");
  assert.equal(answer.status, 200);
  assert.equal(answer.body.counts.checkInDays, 0);
  assert.equal(answer.body.period.timeZone, "America/New_York");
  assert.equal(answer.body.period.to, "2026-03-22");
  for (const comparison of answer.body.comparisons) {
    for (const result of Object.values(comparison.ratings) as { enoughData: boolean }[]) {
      assert.equal(result.enoughData, false);
    }
  }
  const report = await kim.get("/api/v1/report");
  assert.equal(report.status, 200);
  assert.ok(!report.text.includes("Took it a day late"), "none of alex's notes");
  assert.match(report.text, /Titrate report: kim/u);
});

test("a bad period names the field", async () => {
  const bad = await alex.get("/api/v1/insights?since=ninety");
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.code, "VALIDATION_FAILED");
  assert.equal(bad.body.error.fields[0].path, "since");
  const reversed = await alex.get("/api/v1/insights?since=2026-03-30&until=2026-03-01");
  assert.equal(reversed.status, 400);
  assert.equal(reversed.body.error.fields[0].path, "since");
  const unknown = await alex.get("/api/v1/insights?sinse=90d");
  assert.equal(unknown.status, 400);
});

test("GET /api/v1/report is the self-contained page, as a download, with sections left out on request", async () => {
  const answer = await alex.get("/api/v1/report?since=90d&until=2026-03-21&exclude=notes");
  assert.equal(answer.status, 200);
  assert.match(answer.headers.get("content-type") ?? "", /^text\/html; charset=utf-8/u);
  assert.equal(
    answer.headers.get("content-disposition"),
    'attachment; filename="titrate-report-2025-12-22-to-2026-03-21.html"',
  );
  assert.match(
    answer.headers.get("content-security-policy") ?? "",
    /^default-src 'none'; style-src 'unsafe-inline'/u,
  );
  assert.match(answer.text, /^<!doctype html>/u);
  assert.match(answer.text, /@media print/u);
  assert.doesNotMatch(answer.text, /<script|https?:\/\//u);
  assert.ok(!answer.text.includes("Took it a day late"));
  assert.match(answer.text, /Left out at the person&#39;s request: Notes and free text/u);
  const bad = await alex.get("/api/v1/report?exclude=diary");
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.fields[0].path, "exclude");
});

test("without signing in there is nothing to see", async () => {
  for (const path of ["/api/v1/insights", "/api/v1/report"]) {
    const answer = await server.client().get(path);
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error.code, "UNAUTHENTICATED");
  }
});
