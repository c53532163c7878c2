import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Temporal } from "temporal-polyfill";
import { parseExclude } from "../core/report/report-data.ts";
import { writeDemoJournal } from "./demo.ts";
import { buildReport } from "./journal/report.ts";
import { insertEvent, notes } from "./repos/events.ts";
import { findOwner } from "./repos/users.ts";
import type { Store } from "./store.ts";
import { openTestStore } from "./test-store.ts";

const now = Temporal.Instant.from("2026-03-21T12:00:00Z");
const options = { since: "90d", until: "2026-03-20", username: "demo", version: "test" };
let store: Store;
let owner: string;

before(async () => {
  store = await openTestStore();
  await writeDemoJournal(store, { seed: 1, days: 90, endDate: "2026-03-20", now });
  owner = (await findOwner(store.db))?.id ?? "";
  await insertEvent(
    store.db,
    notes,
    owner,
    {
      id: "not_zzzzzzzzzzzz",
      at: "2026-03-01T12:00:00Z",
      timeZone: "Europe/London",
      text: `<script>alert("x")</script> & <img src=x>`,
    },
    { source: "manual", fingerprint: null, createdAt: "2026-03-01T12:00:00Z" },
  );
});
after(async () => {
  await store.close();
});

test("the report is one self-contained page: no script, no request, print styles inline", async () => {
  const { html } = await buildReport(store, owner, options, [], now);
  assert.match(html, /^<!doctype html>/u);
  assert.match(html, /<style>[\s\S]*@media print[\s\S]*<\/style>/u);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/u);
  assert.doesNotMatch(html, /<(?:script|link|iframe|img|object|embed|a)\b/iu);
  assert.doesNotMatch(
    html,
    /<[a-z][^>]*\s(?:src|href|xlink:href|action)=/iu,
    "nothing loads or links",
  );
  assert.doesNotMatch(html, /url\(|@import/iu);
  assert.doesNotMatch(html, /https?:\/\//u);
  for (const id of [
    "plan",
    "doses",
    "adherence",
    "ratings",
    "symptoms",
    "screenings",
    "insights",
    "findings",
    "notes",
  ]) {
    assert.match(html, new RegExp(`<section id="${id}">`, "u"), id);
  }
  assert.ok((html.match(/<svg /gu) ?? []).length >= 7, "rating, trajectory and comparison charts");
  assert.match(html, /PHQ-9 11 \(Moderate\) on 2026-03-17/u);
  assert.match(html, /Bladder warning signs/u);
});

test("a person's text is shown, never run", async () => {
  const { html } = await buildReport(store, owner, options, [], now);
  assert.match(
    html,
    /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &lt;img src=x&gt;/u,
  );
});

test("leaving out notes removes every piece of free text, and the page says what was left out", async () => {
  const withNotes = (await buildReport(store, owner, options, [], now)).html;
  const without = (
    await buildReport(store, owner, options, parseExclude("notes,other-substances"), now)
  ).html;
  for (const text of [
    "Took it a day late",
    "Starting the journal",
    "Needing to go more often",
    "alert(",
  ]) {
    assert.ok(withNotes.includes(text), text);
    assert.ok(!without.includes(text), text);
  }
  assert.doesNotMatch(without, /<section id="notes">|<section id="other-substances">/u);
  assert.match(
    without,
    /Left out at the person&#39;s request: Other substances, Notes and free text \(all free text/u,
  );
});

test("the same journal and period give the same page", async () => {
  const a = (await buildReport(store, owner, options, [], now)).html;
  const b = (await buildReport(store, owner, options, [], now.add({ minutes: 5 }))).html;
  assert.equal(a, b);
});
