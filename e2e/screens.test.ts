/**
 * Every screen at phone (390×844) and desktop (1280×800) size, light and dark: axe finds no
 * serious or critical violation, the console stays free of errors, and a screenshot of each
 * goes to artifacts/screenshots/ to be looked at. The journal is filled through the API
 * first, so the screens show real content.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import {
  DESKTOP,
  describeViolations,
  e2eUnavailable,
  launchBrowser,
  openPage,
  PHONE,
  type Server,
  screenshot,
  seriousViolations,
  startServer,
  type WatchedPage,
} from "./harness.ts";

const USERNAME = "alex";
const PASSPHRASE = "amber fjord kettle meadow";

/** A tiny API client that keeps the session cookie and sends this server's Origin. */
function apiClient(base: string) {
  let cookie = "";
  const origin = new URL(base).origin;
  return async (method: string, path: string, body?: unknown) => {
    const answer = await fetch(new URL(path, base), {
      method,
      headers: {
        origin,
        ...(cookie ? { cookie } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const set = answer.headers.get("set-cookie");
    if (set) cookie = set.split(";")[0] ?? "";
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}

const DAY_MS = 86_400_000;
const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

async function fillJournal(base: string): Promise<void> {
  const call = apiClient(base);
  await call("POST", "/api/v1/setup", { username: USERNAME, passphrase: PASSPHRASE });
  await call("PATCH", "/api/v1/profile", {
    weightKg: 72,
    units: "metric",
    timeZone: "Europe/London",
    country: "GB",
    conditions: [],
  });
  const { batch } = await call("POST", "/api/v1/batches", {
    substance: "ketamine",
    label: "Spray B",
    form: "spray",
    concentrationMgPerMl: 10,
    mlPerSpray: 0.1,
  });
  await call("POST", `/api/v1/batches/${batch.id}/tests`, { reagent: "morris", result: "purple" });
  await call("POST", "/api/v1/presets", {
    name: "Usual 7 sprays",
    measured: { kind: "sprays", sprays: 7 },
    batch: batch.id,
  });
  const now = Date.now();
  const today = new Date(now).toISOString().slice(0, 10);
  await call("POST", "/api/v1/plans", {
    substance: "ketamine",
    target: { amount: 7, unit: "mg" },
    protocol: { kind: "every-n-days", intervalDays: 7 },
    cycle: { weeksOn: 4, weeksOff: 2 },
    startDate: new Date(now - 14 * DAY_MS).toISOString().slice(0, 10),
    localTime: "09:00",
    end: { kind: "count", count: 10 },
    acceptRisk: false,
  });
  for (const daysAgo of [14, 7]) {
    await call("POST", "/api/v1/doses", {
      batch: batch.id,
      measured: { kind: "sprays", sprays: 7 },
      at: `${new Date(now - daysAgo * DAY_MS).toISOString().slice(0, 10)}T09:05:00Z`,
    });
  }
  await call("POST", "/api/v1/doses", {
    batch: batch.id,
    measured: { kind: "sprays", sprays: 7 },
    at: iso(now - 2 * 3_600_000),
  });
  await call("POST", "/api/v1/check-ins", {
    mood: 6,
    energy: 5,
    focus: 7,
    anxiety: 3,
    sleep: 6,
    effects: "Lighter mood by the afternoon",
    at: iso(now - 3_600_000),
  });
  await call("POST", "/api/v1/symptom-reports", {
    checklist: "nasal",
    symptoms: ["nosebleeds"],
    at: iso(now - 1_800_000),
  });
  await call("POST", "/api/v1/blood-pressures", {
    systolicMmHg: 128,
    diastolicMmHg: 82,
    pulseBpm: 70,
    at: iso(now - 2_400_000),
  });
  await call("POST", "/api/v1/screenings", {
    instrument: "gad7",
    answers: [1, 1, 0, 1, 0, 0, 1],
    at: iso(now - 600_000),
  });
  await call("POST", "/api/v1/medications", { name: "sertraline" });
  void today;
}

/** Each screen: its path, the name of its screenshot, and its h1. */
const screens: readonly [path: string, name: string, heading: string | RegExp][] = [
  ["/today", "today", "Today"],
  ["/log", "log-dose", "Log a dose"],
  ["/log?preset=first", "log-dose-preset", "Log a dose"],
  ["/log-other?tab=substance", "log-other-substance", "Log other things"],
  ["/log-other?tab=symptom", "log-other-symptom", "Log other things"],
  ["/log-other?tab=bp", "log-other-bp", "Log other things"],
  ["/check-in", "check-in", "Check in"],
  ["/check-in?after=1", "check-in-morning-after", "The morning after"],
  ["/journal", "journal", "Journal"],
  ["/plan", "plan", "Plan"],
  ["/prepare", "prepare", "Prepare"],
  ["/screenings?i=phq9", "screenings", "Screenings"],
  ["/screenings?i=bladder", "screenings-checklist", "Screenings"],
  ["/insights", "insights-little-data", "Insights"],
  ["/experiment", "experiment-new", "Blinded experiment"],
  ["/report", "report-small", "Report for your clinician"],
  ["/supplies", "supplies", "Supplies"],
  ["/settings", "settings", "Settings"],
  ["/safety", "safety", "Before you start"],
  ["/more", "more", "More"],
];

describe("every screen", { skip: e2eUnavailable(), timeout: 240_000 }, () => {
  let server: Server;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    await fillJournal(server.url);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  for (const [size, viewport] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    for (const scheme of ["light", "dark"] as const) {
      test(`at ${size} size in the ${scheme} theme: accessible, no console errors`, async () => {
        const w = await openPage(browser, viewport, scheme);
        try {
          const { page } = w;
          const suffix = `${size}${scheme === "dark" ? "-dark" : ""}`;
          await page.goto(new URL("/login", server.url).toString());
          await page.getByRole("heading", { level: 1, name: "Sign in to Titrate" }).waitFor();
          assert.deepEqual(await seriousViolations(page), [], "sign in");
          await screenshot(page, `login-${suffix}`);
          await page.getByLabel("Username").fill(USERNAME);
          await page.getByLabel("Passphrase").fill(PASSPHRASE);
          await page.getByRole("button", { name: "Sign in" }).click();
          await page.getByRole("heading", { level: 1, name: "Today" }).waitFor();
          for (const [path, name, heading] of screens) {
            // The dark theme is checked on the main screens only, to keep the suite quick.
            if (
              scheme === "dark" &&
              !["today", "log-dose", "plan", "journal", "insights-little-data"].includes(name)
            ) {
              continue;
            }
            const url = new URL(path.replace("preset=first", "preset=x"), server.url);
            await page.goto(url.toString());
            await page.getByRole("heading", { level: 1, name: heading }).waitFor();
            await page.waitForLoadState("networkidle");
            const violations = await seriousViolations(page);
            assert.equal(violations.length, 0, `${name}: ${describeViolations(violations)}`);
            await screenshot(page, `${name}-${suffix}`);
          }
          assert.deepEqual(w.errors, [], "the console stays free of errors");
        } finally {
          await w.context.close();
        }
      });
    }
  }
});

/**
 * What axe does not see, by keyboard (docs/decisions.md, "Accessibility audit"): the focus
 * stays clear of the phone's bottom bar, goes to the result after a save, back to what opened
 * a dialog or the crisis screen when it closes (Escape closes both), and each screen has its
 * own page title.
 */
describe("by keyboard", { skip: e2eUnavailable(), timeout: 120_000 }, () => {
  let server: Server;
  let browser: Browser;
  let w: WatchedPage;

  before(async () => {
    server = await startServer();
    await fillJournal(server.url);
    browser = await launchBrowser();
    w = await openPage(browser, PHONE);
    await w.page.goto(new URL("/login", server.url).toString());
    await w.page.getByLabel("Username").fill(USERNAME);
    await w.page.getByLabel("Passphrase").fill(PASSPHRASE);
    await w.page.getByRole("button", { name: "Sign in" }).click();
    await w.page.getByRole("heading", { level: 1, name: "Today" }).waitFor();
  });
  after(async () => {
    await w?.context.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  const go = async (path: string, heading: string) => {
    await w.page.goto(new URL(path, server.url).toString());
    await w.page.getByRole("heading", { level: 1, name: heading }).waitFor();
    await w.page.waitForLoadState("networkidle");
  };
  /** What has the focus, as "tag: text"; "" for the page itself. */
  const focused = () =>
    w.page.evaluate(
      `(() => { const e = document.activeElement; return e && e !== document.body ? e.tagName.toLowerCase() + ": " + e.textContent.trim() : ""; })()`,
    ) as Promise<string>;
  /**
   * Waits until an element `tag` has the focus. Polled from here: waitForFunction compiles its
   * predicate inside the page when it has to poll, which the app's CSP (no unsafe-eval) refuses.
   */
  const focusReaches = async (tag: string) => {
    for (let tries = 0; tries < 100; tries++) {
      if ((await focused()).startsWith(`${tag}: `)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.fail(`the focus never reached a ${tag} (it is on "${await focused()}")`);
  };

  test("a control taking the focus on a phone is not hidden behind the bottom bar", async () => {
    const { page } = w;
    await go("/check-in", "Check in");
    await page.getByLabel("Mood", { exact: true }).focus();
    for (const name of ["Energy", "Focus", "Anxiety", "Last night's sleep"]) {
      await page.keyboard.press("Tab");
      const place = (await page.evaluate(
        `(() => { const e = document.activeElement; return { label: e.labels?.[0]?.textContent ?? null, bottom: e.getBoundingClientRect().bottom, bar: document.querySelector("nav.nav").getBoundingClientRect().top }; })()`,
      )) as { label: string | null; bottom: number; bar: number };
      assert.equal(place.label, name);
      assert.ok(
        place.bottom <= place.bar,
        `${name} ends at ${place.bottom}, the bar starts at ${place.bar}`,
      );
    }
  });

  test("after a save the focus is on the result, not lost to the page", async () => {
    const { page } = w;
    await go("/check-in", "Check in");
    await page.getByLabel("Mood", { exact: true }).focus();
    await page.keyboard.press("ArrowRight");
    await page.getByRole("button", { name: "Save check-in" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Check-in saved" }).waitFor();
    assert.equal(await focused(), "h1: Check-in saved");
    await go("/log-other?tab=bp", "Log other things");
    await page.getByLabel("Systolic (upper)").fill("121");
    await page.getByLabel("Diastolic (lower)").fill("79");
    await page.getByRole("button", { name: "Save" }).press("Enter");
    await page.getByText("Saved in the journal.").waitFor();
    assert.equal(await focused(), "p: Saved in the journal.");
    assert.deepEqual(w.errors, [], "the console stays free of errors");
  });

  test("a confirmation gives the focus back on Escape, and says what was deleted", async () => {
    const { page } = w;
    await go("/journal", "Journal");
    const remove = page.getByRole("button", { name: /^Delete blood pressure of / }).first();
    const name = (await remove.textContent())?.trim() ?? "";
    await remove.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Delete this blood pressure?" });
    await dialog.waitFor();
    assert.equal(await focused(), "button: Cancel");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await focusReaches("button");
    assert.equal(await focused(), `button: ${name}`);
    await page.keyboard.press("Enter");
    await dialog.getByRole("button", { name: "Delete it" }).click();
    const notice = page.getByRole("status").getByText(/^Deleted the blood pressure of /u);
    await notice.waitFor();
    await focusReaches("p");
    assert.match(await focused(), /^p: Deleted the blood pressure of /u);
    assert.deepEqual(w.errors, [], "the console stays free of errors");
  });

  test("the crisis screen closes with Escape and gives the focus back to the answer", async () => {
    const { page } = w;
    await go("/screenings?i=phq9", "Screenings");
    const answer = page.getByRole("group").nth(8).getByLabel("Several days");
    await answer.focus();
    await page.keyboard.press("Space");
    const crisis = page.getByRole("alertdialog", { name: "You do not have to face this alone" });
    await crisis.waitFor();
    assert.equal(await focused(), "h1: You do not have to face this alone");
    await page.keyboard.press("Escape");
    await crisis.waitFor({ state: "detached" });
    await focusReaches("input");
    assert.equal(await answer.evaluate((e) => e === e.ownerDocument.activeElement), true);
  });

  test("each screen has its own page title", async () => {
    const { page } = w;
    await go("/studies/manage?id=none", "Study");
    assert.equal(await page.title(), "Manage a study · Titrate");
    await go("/no-such-screen", "No such screen");
    assert.equal(await page.title(), "No such screen · Titrate");
  });
});
