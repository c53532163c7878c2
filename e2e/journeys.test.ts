/**
 * Whole journeys through the web app in Debian's Chromium against a real `titrate serve`
 * (issue 11): first run and setup; calculate and log a dose from a spray batch; a too-soon
 * dose shows its warning; a check-in; a PHQ-9 with item 9 above 0 shows the crisis
 * resources; a plan on the calendar with its ICS; export and re-import; sign out and in.
 * The journeys share one journal, in order. Each ends with no console error on the page.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import {
  e2eUnavailable,
  journeySteps,
  launchBrowser,
  openPage,
  type Server,
  screenshot,
  startServer,
  type WatchedPage,
} from "./harness.ts";

const USERNAME = "sam";
const PASSPHRASE = "quiet river stone lantern";

const skip = e2eUnavailable();
const DAY_MS = 86_400_000;

/** A datetime-local value for an instant, in Europe/London. */
function londonLocal(epochMs: number): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(epochMs);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

describe("journeys in the web app", { skip, timeout: 180_000 }, () => {
  let server: Server;
  let browser: Browser;
  let w: WatchedPage;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    w = await openPage(browser);
  });
  after(async () => {
    await w?.context.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  const { go, heading, accessible, noConsoleErrors } = journeySteps(() => ({ server, w }));

  test("first run: a passphrase, a short setup, then the safety page", async () => {
    await go("/");
    await heading("Welcome to Titrate");
    await accessible("first run");
    await screenshot(w.page, "first-run-phone");
    const { page } = w;
    await page.getByLabel("Username").fill(USERNAME);
    await page.getByLabel("Passphrase", { exact: true }).fill(PASSPHRASE);
    await page.getByLabel("The passphrase again").fill(PASSPHRASE);
    await page.getByRole("button", { name: "Continue" }).click();

    await heading("About you");
    await accessible("setup");
    await page.getByLabel("Body weight", { exact: true }).fill("70");
    await page.getByLabel("Time zone").fill("Europe/London");
    await page.getByLabel("Country").selectOption("GB");
    await screenshot(page, "setup-phone");
    await page.getByRole("button", { name: "Save and continue" }).click();

    await heading("Before you start");
    await accessible("safety page");
    await screenshot(page, "safety-phone");
    await page.getByRole("button", { name: /go to Today/u }).click();
    await heading("Today");
    await page.getByText("No plan and no dose yet").waitFor();
    noConsoleErrors();
  });

  test("calculate and log a dose from a spray batch", async () => {
    const { page } = w;
    await go("/supplies");
    await heading("Supplies");
    await page.getByLabel("Label").fill("Spray A");
    await page.getByLabel("Form").selectOption("spray");
    await page.getByLabel("Concentration").fill("10");
    await page.getByLabel("Volume per spray").fill("0.1");
    await page.getByRole("button", { name: "Add batch" }).click();
    await page.getByRole("heading", { name: "Spray A" }).waitFor();
    await page.getByLabel("Reagent").fill("mandelin");
    await page.getByLabel("What you saw").fill("orange");
    await page.getByRole("button", { name: "Record test" }).click();
    await page.getByText("as expected").waitFor();

    await go("/log");
    await heading("Log a dose");
    await page.getByLabel("Batch").selectOption({ label: "Spray A" });
    // The start and ceiling for 70 kg sit beside the field (FACTS K-DOSE-1).
    await page.getByText("Start 7.0 mg · ceiling 14.0 mg for 70 kg").waitFor();
    await page.getByLabel("Number of sprays").fill("7");
    await page.getByText("= 7.0 mg").waitFor();
    await page.getByText('7 sprays of "Spray A" (1 mg each)').waitFor();
    // Taken two days ago (the time is read in the profile's zone, Europe/London).
    await page.getByLabel("When").fill(londonLocal(Date.now() - 2 * DAY_MS));
    await accessible("log dose");
    await page.getByRole("button", { name: "Log this dose" }).click();
    await heading("Dose logged");
    await page.getByText("Logged Ketamine, 7 mg.").waitFor();
    noConsoleErrors();
  });

  test("a dose too soon after the last shows its warning as you type", async () => {
    const { page } = w;
    await go("/log");
    await page.getByLabel("Batch").selectOption({ label: "Spray A" });
    await page.getByLabel("Number of sprays").fill("5");
    await page.getByRole("heading", { name: "Before you take it" }).waitFor();
    await page.getByText("Ketamine doses too close together").waitFor();
    await page.getByText(/2 days since your last dose/u).waitFor();
    await page
      .getByRole("heading", { name: "Before you take it" })
      .evaluate((element) => element.scrollIntoView({ block: "start" }));
    await screenshot(page, "log-dose-warning-phone", { fullPage: false });
    // Checking saved nothing: Today still says when the next dose may be.
    await go("/today");
    await page.getByText(/Ketamine: not before/u).waitFor();
    noConsoleErrors();
  });

  test("a check-in with ratings and after-effects", async () => {
    const { page } = w;
    await go("/check-in");
    await heading("Check in");
    const mood = page.getByLabel("Mood", { exact: true });
    await mood.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    assert.equal(await mood.getAttribute("aria-valuetext"), "7 of 10");
    await page.getByLabel("Effects", { exact: true }).fill("Calmer in the afternoon");
    await accessible("check-in");
    await page.getByRole("button", { name: "Save check-in" }).click();
    await heading("Check-in saved");
    noConsoleErrors();
  });

  test("a PHQ-9 answer above 0 on item 9 shows crisis resources at once", async () => {
    const { page } = w;
    await go("/screenings?i=phq9");
    await heading("Screenings");
    const groups = page.getByRole("group");
    for (let item = 0; item < 8; item++) {
      await groups.nth(item).getByLabel("Not at all").check();
    }
    await groups.nth(8).getByLabel("Several days").check();
    // Before anything is saved: the crisis screen, with the UK's numbers (FACTS CRISIS-1).
    const crisis = page.getByRole("alertdialog", { name: "You do not have to face this alone" });
    await crisis.waitFor();
    await crisis.getByText("999 (112 also works)").waitFor();
    await crisis.getByText("Samaritans").waitFor();
    await accessible("crisis");
    await screenshot(page, "crisis-phone", { fullPage: false });
    await crisis.getByRole("button", { name: "Close this screen" }).click();
    // The answers are kept; saving shows the resources again, from the server.
    await page.getByRole("button", { name: "Save" }).click();
    await crisis.waitFor();
    await crisis.getByRole("button", { name: "Close this screen" }).click();
    await page.getByRole("heading", { name: /PHQ-9: Minimal/u }).waitFor();
    noConsoleErrors();
  });

  test("create a plan from a protocol and see it on the calendar", async () => {
    const { page } = w;
    await go("/plan");
    await heading("Plan");
    await page.getByRole("button", { name: "New plan" }).click();
    await page.getByLabel("Dose", { exact: true }).fill("7");
    await page.getByLabel("Days between doses").fill("7");
    await page.getByText(/7\.0 mg per dose; 8 doses, at least 5 days apart/u).waitFor();
    await accessible("new plan");
    await screenshot(page, "plan-new-phone");
    await page.getByRole("button", { name: "Create plan" }).click();
    await page.getByRole("heading", { name: "Ketamine, 7 mg" }).waitFor();
    const calendar = page.getByRole("table", { name: /Ketamine plan/u });
    await calendar.locator(".mark").first().waitFor();
    const marks = await calendar.locator(".mark").allTextContents();
    assert.ok(
      marks.some((m) => ["Taken", "Late", "Due", "Missed"].includes(m)),
      `the calendar marks the plan's days: ${marks.join(", ")}`,
    );
    const [ics] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download calendar (ICS)" }).click(),
    ]);
    const icsPath = await ics.path();
    assert.match(readFileSync(icsPath, "utf8"), /BEGIN:VCALENDAR/u);
    noConsoleErrors();
  });

  test("export the journal, delete an entry, and import the export back", async () => {
    const { page } = w;
    await go("/settings");
    await heading("Settings");
    const [exported] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export as JSON" }).click(),
    ]);
    const exportPath = await exported.path();
    assert.match(readFileSync(exportPath, "utf8"), /Calmer in the afternoon/u);

    await go("/journal");
    await heading("Journal");
    const checkIn = page.locator("li.entry", { hasText: "Check-in" });
    await checkIn.getByRole("button", { name: /^Delete/u }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this check-in?" });
    await dialog.getByRole("button", { name: "Delete it" }).click();
    await page.locator("li.entry", { hasText: "Check-in" }).waitFor({ state: "detached" });

    await go("/settings");
    await page.getByLabel("File", { exact: true }).setInputFiles(exportPath);
    await page.getByRole("button", { name: "Import" }).click();
    await page.getByText(/Imported 1 check/u).waitFor();
    await go("/journal");
    await page.locator("li.entry", { hasText: "Check-in" }).waitFor();
    noConsoleErrors();
  });

  test("sign out, and sign in again", async () => {
    const { page } = w;
    await go("/more");
    await page.getByRole("button", { name: "Sign out" }).click();
    await heading("Sign in to Titrate");
    // A lost passphrase can be reset on the machine that holds the journal (README).
    await page.getByText(/run titrate passphrase there/u).waitFor();
    await accessible("sign in");
    await screenshot(page, "login-phone");
    await page.getByLabel("Username").fill(USERNAME);
    await page.getByLabel("Passphrase").fill(PASSPHRASE);
    await page.getByRole("button", { name: "Sign in" }).click();
    await heading("Today");
    noConsoleErrors();
  });
});
