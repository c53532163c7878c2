/**
 * A study end to end in the browser (issue 14): a coordinator sets the server up, starts a
 * study whose consent deletes a participant's study data on withdrawal, and makes two codes;
 * two people join with them as new accounts (each in their own browser context), check in,
 * and one withdraws — the screen says the data were deleted. The coordinator's dashboard then
 * counts one active participant and one withdrawal, and the export holds only the other's
 * check-in, under a pseudonym. axe on every study screen; screenshots at phone size.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
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

const PASSPHRASE = "copper willow harbour lamp";
const CONSENT =
  "We study whether a weekly microdose changes mood. You share your doses, your check-in ratings and your questionnaires, under a pseudonym. If you withdraw, your study data are deleted.";

describe("a study: a coordinator, two participants, one withdraws", {
  skip: e2eUnavailable(),
  timeout: 120_000,
}, () => {
  let server: Server;
  let browser: Browser;
  let lee: WatchedPage;
  let ana: WatchedPage;
  let ben: WatchedPage;
  let codes: string[] = [];
  let studyPath = "";

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    lee = await openPage(browser);
    ana = await openPage(browser);
    ben = await openPage(browser);
  });
  after(async () => {
    for (const w of [lee, ana, ben]) await w?.context.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  const go = (w: WatchedPage, path: string) => w.page.goto(new URL(path, server.url).toString());
  const heading = (w: WatchedPage, name: string | RegExp) =>
    w.page.getByRole("heading", { level: 1, name }).waitFor();
  async function accessible(w: WatchedPage, name: string) {
    const violations = await seriousViolations(w.page);
    assert.equal(violations.length, 0, `${name}: ${describeViolations(violations)}`);
  }
  async function profile(w: WatchedPage) {
    await heading(w, "About you");
    await w.page.getByLabel("Body weight", { exact: true }).fill("68");
    await w.page.getByLabel("Time zone").fill("Europe/London");
    await w.page.getByLabel("Country").selectOption("GB");
    await w.page.getByRole("button", { name: "Save and continue" }).click();
    await heading(w, "Before you start");
  }

  test("the coordinator starts a study and makes two codes", async () => {
    const { page } = lee;
    await go(lee, "/");
    await heading(lee, "Welcome to Titrate");
    await page.getByLabel("Username").fill("lee");
    await page.getByLabel("Passphrase", { exact: true }).fill(PASSPHRASE);
    await page.getByLabel("The passphrase again").fill(PASSPHRASE);
    await page.getByRole("button", { name: "Continue" }).click();
    await profile(lee);

    await go(lee, "/studies");
    await heading(lee, "Run a study");
    await page.getByLabel("Title").fill("Microdosing and mood");
    await page.getByLabel("Description").fill("Eight weeks, a daily check-in.");
    const end = new Date(Date.now() + 56 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("Ends on").fill(end);
    await page.getByLabel("Consent text").fill(CONSENT);
    await page.getByLabel(/^Delete their study data/u).check();
    await accessible(lee, "new study");
    await screenshot(page, "study-new-phone");
    // Numbers are read as in every form (src/web/lib/numbers.ts): "1,000" is refused, never 1.
    const every = page.locator("#study-every-phq9");
    await every.fill("1,000");
    await page.getByRole("button", { name: "Start the study" }).click();
    await page
      .locator("#study-every-phq9-error")
      .getByText(/"1,000" is ambiguous/u)
      .waitFor();
    await every.fill("14");
    await page.getByRole("button", { name: "Start the study" }).click();

    await heading(lee, "Microdosing and mood");
    studyPath = new URL(page.url()).pathname + new URL(page.url()).search;
    await page.getByLabel("How many codes").fill("1,000");
    await page.getByRole("button", { name: "Make codes" }).click();
    await page
      .locator("#invite-count-error")
      .getByText(/"1,000" is ambiguous/u)
      .waitFor();
    assert.equal(await page.locator(".invitation-code").count(), 0, "no code is made");
    await page.getByLabel("How many codes").fill("2");
    await page.getByRole("button", { name: "Make codes" }).click();
    const shown = page.locator(".invitation-code");
    await shown.nth(1).waitFor();
    codes = await shown.allTextContents();
    assert.equal(codes.length, 2);
    for (const code of codes) assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/u);
    await accessible(lee, "study manage");
    await screenshot(page, "study-manage-phone");
    assert.deepEqual(lee.errors, []);
  });

  async function join(w: WatchedPage, code: string, username: string) {
    const { page } = w;
    await go(w, "/");
    await page.getByRole("link", { name: "Join with your invitation code" }).click();
    await heading(w, "Join a study");
    await page.getByLabel("Invitation code").fill(code.toLowerCase());
    await page.getByRole("button", { name: "Show the study" }).click();
    await page.getByRole("heading", { level: 2, name: "Microdosing and mood" }).waitFor();
    await page.getByText(CONSENT).waitFor();
    await page.getByText(/If you withdraw, everything the study could see is deleted/u).waitFor();
    await page.getByLabel("Choose a username").fill(username);
    await page.getByLabel("Choose a passphrase").fill(PASSPHRASE);
    await page.getByLabel("The passphrase again").fill(PASSPHRASE);
    await page.getByLabel(/I have read consent version 1/u).check();
    if (username === "ana") {
      await accessible(w, "join");
      await screenshot(page, "study-join-phone");
    }
    await page.getByRole("button", { name: "Accept, make my account and join" }).click();
    await profile(w);
    await go(w, "/study");
    await heading(w, "Your study");
    await page.getByText("You accepted version 1").waitFor();
    await go(w, "/check-in");
    await heading(w, "Check in");
    await page.getByLabel("Mood", { exact: true }).focus();
    await page.keyboard.press(username === "ana" ? "ArrowRight" : "ArrowLeft");
    await page.getByRole("button", { name: "Save check-in" }).click();
    await heading(w, "Check-in saved");
  }

  test("two people join with their codes as new accounts, and check in", async () => {
    await join(ana, codes[0] ?? "", "ana");
    await join(ben, codes[1] ?? "", "ben");
    await go(ana, "/study");
    await heading(ana, "Your study");
    await accessible(ana, "your study");
    await screenshot(ana.page, "study-participant-phone");
    assert.deepEqual(ana.errors, []);
  });

  test("one withdraws, after a second confirmation, and the screen says the data were deleted", async () => {
    const { page } = ben;
    await go(ben, "/study");
    await heading(ben, "Your study");
    await page.getByText(/Your consent says your study data are then deleted/u).waitFor();
    await page.getByRole("button", { name: "Withdraw…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Type “withdraw” to confirm").fill("withdraw");
    await accessible(ben, "withdraw dialog");
    await dialog.getByRole("button", { name: "Withdraw", exact: true }).click();
    await page.getByRole("heading", { level: 2, name: /You withdrew on/u }).waitFor();
    await page.getByText("Your study data were deleted").waitFor();
    await screenshot(page, "study-withdrawn-phone");
    await page.getByText(/1 entry \(1 check-in\)/u).waitFor();
    await accessible(ben, "withdrawn");
    await screenshot(page, "study-withdrawn-phone");
    assert.deepEqual(ben.errors, []);
  });

  test("the coordinator sees one participant and one withdrawal, and exports pseudonymous data", async () => {
    const { page } = lee;
    await page.setViewportSize(DESKTOP);
    await go(lee, studyPath);
    await heading(lee, "Microdosing and mood");
    await page
      .getByText(
        /1 active, 0 completed, 0 withdrawn with their data kept, 1 withdrawn with their data deleted/u,
      )
      .waitFor();
    await page.getByText("Progress by participant (1)").click();
    const progress = page.getByRole("region", { name: "Progress by participant" });
    const pseudonym = (await progress.locator("code").first().textContent()) ?? "";
    assert.match(pseudonym, /^P-[0-9A-Z]{10}$/u);
    await accessible(lee, "dashboard");
    await screenshot(page, "study-dashboard-desktop");
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "CSV of Check-ins" }).click(),
    ]);
    const csv = readFileSync((await file.path()) ?? "", "utf8");
    const lines = csv.trim().split("\r\n");
    assert.equal(lines[0], "participant,day,time,mood,energy,focus,anxiety,sleep");
    assert.equal(lines.length, 2, csv);
    assert.ok(lines[1]?.startsWith(`${pseudonym},0,`), csv);
    for (const secret of ["ana", "ben", "2026"]) assert.ok(!csv.includes(secret), secret);
    await page.setViewportSize(PHONE);
    assert.deepEqual(lee.errors, []);
  });
});
