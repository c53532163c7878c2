/**
 * Insights, the report, the blinded experiment and saved doses in the web app, on the demo
 * journal (`titrate demo --days 90 --seed 1`, ending on a fixed date so its numbers never
 * change) with a passphrase set through the setup screen (issue 12). Charts render with their
 * numbers, intervals and n in words; the report downloads as one self-contained page; an
 * experiment starts, shows today's code, takes a guess (on its screen and with the check-in)
 * and is unblinded early after a second confirmation. axe checks every new screen, and
 * screenshots go to artifacts/screenshots/ at phone and desktop size.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { brokenBlindExperiment } from "./experiment-fixture.ts";
import {
  DESKTOP,
  e2eUnavailable,
  journeySteps,
  launchBrowser,
  openPage,
  PHONE,
  runTitrate,
  type Server,
  screenshot,
  startServer,
  type WatchedPage,
} from "./harness.ts";

const PASSPHRASE = "copper willow harbour lamp";
const END = "2026-03-20";
const PERIOD = `since=90d&until=${END}`;

describe("insights, report and the blinded experiment on the demo journal", {
  skip: e2eUnavailable(),
  timeout: 180_000,
}, () => {
  let server: Server;
  let browser: Browser;
  let w: WatchedPage;

  before(async () => {
    server = await startServer({
      prepare: (dataDir) =>
        runTitrate(["demo", "--days", "90", "--seed", "1", "--end", END, "--data-dir", dataDir]),
    });
    browser = await launchBrowser();
    w = await openPage(browser);
  });
  after(async () => {
    await w?.context.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  const { go, heading, accessible, noConsoleErrors } = journeySteps(() => ({ server, w }));
  /** A screenshot at phone size, then at desktop size, and back. */
  async function shots(name: string) {
    await screenshot(w.page, `${name}-phone`);
    await w.page.setViewportSize(DESKTOP);
    await accessible(`${name} on a desktop`);
    await screenshot(w.page, `${name}-desktop`);
    await w.page.setViewportSize(PHONE);
  }

  test("the demo journal opens after a passphrase is set on the setup screen", async () => {
    const { page } = w;
    await go("/");
    await heading("Welcome to Titrate");
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Passphrase", { exact: true }).fill(PASSPHRASE);
    await page.getByLabel("The passphrase again").fill(PASSPHRASE);
    await page.getByRole("button", { name: "Continue" }).click();
    // The demo has a profile already: only what `titrate demo` never asked (the conditions),
    // then the safety page, once.
    await heading("Complete your profile");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await heading("Before you start");
    await page.getByRole("button", { name: /go to Today/u }).click();
    await heading("Today");
    noConsoleErrors();
  });

  test("Insights: charts with their numbers in words, every estimate with its interval and n", async () => {
    const { page } = w;
    await go(`/insights?${PERIOD}`);
    await heading("Insights");
    await page.getByText("82 days with a check-in, 8 dose days, 13 screenings").waitFor();
    // Honest framing first: expectation explains much of reported benefit (FACTS PLACEBO-1).
    const caveats = page.getByRole("region", { name: "Read these numbers with care" });
    await caveats.getByText(/expectation explains much/u).waitFor();

    const chart = page.getByRole("img", { name: /^Mood over the period/u });
    await chart.waitFor();
    assert.ok((await chart.locator("circle.chart-daily").count()) >= 80, "a dot per rated day");
    assert.equal(await chart.locator("path.chart-dose").count(), 8, "a mark per dose day");
    assert.match(
      (await chart.locator("path.chart-mean").getAttribute("d")) ?? "",
      /^M[\d.]+ [\d.]+L/u,
    );
    await page.getByText("Mood, 7-day mean: 4.0 on 2025-12-25, 5.3 on 2026-03-20").waitFor();
    await page.getByLabel("Sleep").check();
    await page.getByRole("img", { name: /^Sleep over the period/u }).waitFor();
    await page.getByText(/^Sleep, 7-day mean: 6\.8 on 2025-12-25/u).waitFor();

    const doseDays = page.getByRole("region", { name: "Dose days vs other days" });
    await doseDays
      .getByText("+0.1 points (95 % CI -1.1 to +1.3), 7 dose days and 75 other days")
      .waitFor();
    await doseDays.getByText("lower on dose days (worse)").waitFor();
    assert.equal(await doseDays.locator("svg.forest-bar").count(), 5, "an interval bar per rating");
    // Below the minimum: the words and the reason, and no number.
    const onProtocol = page.getByRole("region", {
      name: "On-protocol weeks vs before the first dose",
    });
    await onProtocol
      .getByText(/^Not enough data yet: no check-ins before the first dose/u)
      .waitFor();
    assert.doesNotMatch((await onProtocol.textContent()) ?? "", /points|CI/u);

    const phq9 = page.getByRole("img", { name: "PHQ-9 totals over the period, on its bands" });
    assert.equal(await phq9.locator("circle.chart-point").count(), 13);
    await page
      .getByText(/^13 PHQ-9 scores in the period: 11 \(Moderate\) on 2025-12-23/u)
      .waitFor();
    await page.getByText("-1.1 points per 28 days (95 % CI -2.0 to -0.2), n = 13").waitFor();
    await page.getByText("No GAD-7 yet.").waitFor();
    await page.getByText(/the same amount every time \(n = 8\)/u).waitFor();
    await accessible("insights");
    await page.getByLabel("Mood").check();
    await shots("insights");
    // The chart as a person scrolls to it, for the README.
    await page
      .getByRole("heading", { name: "Ratings over time" })
      .evaluate((element) => element.scrollIntoView({ block: "start" }));
    await screenshot(page, "insights-chart-phone", { fullPage: false });
    noConsoleErrors();
  });

  test("Report: choose the period and sections, and download one self-contained page", async () => {
    const { page } = w;
    await go(`/report?${PERIOD}`);
    await heading("Report for your clinician");
    await page.getByLabel("Notes and free text").uncheck();
    await accessible("report");
    await shots("report");
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download the report" }).click(),
    ]);
    assert.equal(file.suggestedFilename(), `titrate-report-2025-12-21-to-${END}.html`);
    const html = readFileSync(await file.path(), "utf8");
    // Checked with assert.ok so a failure names the rule, not 100 KB of page.
    const has = (pattern: RegExp, what: string) => assert.ok(pattern.test(html), what);
    has(/^<!doctype html>/iu, "an HTML page");
    has(/<h2[^>]*>Daily ratings/u, "the ratings section");
    has(
      /Left out at the person(?:'|&#39;)s request: Notes and free text/u,
      "names what was left out",
    );
    // Self-contained: no script, nothing loaded from anywhere, its own strict CSP.
    assert.ok(
      !/<script|<link|<img|<iframe|\bsrc=|url\(/iu.test(html),
      "loads nothing, runs nothing",
    );
    has(/default-src 'none'/u, "its own CSP");
    await page.getByText(/^Saved as titrate-report-/u).waitFor();
    noConsoleErrors();
  });

  test("Experiment: start, today's code, a guess, and an early unblinding after a second confirmation", async () => {
    const { page } = w;
    // The demo journal reports bladder signs, and no experiment starts while a danger advises
    // against its substance: a later report without them resolves it first.
    await go("/log-other?tab=symptom");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved in the journal.").waitFor();
    await go("/experiment");
    await heading("Blinded experiment");
    await page.getByRole("heading", { name: "What you need" }).waitFor();
    await accessible("experiment start");
    await screenshot(page, "experiment-start-phone");
    await page.getByRole("button", { name: "Start the experiment" }).click();

    const today = page.getByRole("region", { name: /^Today/u });
    await today.getByText("Session 1 of 12. Take the preparation labelled").waitFor();
    const code = ((await today.locator(".code-big").textContent()) ?? "").trim();
    assert.match(code, /^[AB]-[2-9A-Z]{3}$/u);
    const codes = await page
      .getByRole("region", { name: "Your two codes" })
      .locator(".code-big")
      .allTextContents();
    assert.equal(codes.length, 2);
    assert.ok(codes.includes(code), `today's code ${code} is one of ${codes.join(", ")}`);
    await today.getByLabel("Active").check();
    await today.getByRole("button", { name: "Save my guess" }).click();
    await today.getByText("Your guess for session 1: active.").waitFor();
    await accessible("experiment running");
    await shots("experiment-running");

    // Today shows the day's code too.
    await go("/today");
    const onToday = page.getByRole("region", { name: "Blinded experiment: session 1 today" });
    assert.equal(((await onToday.locator(".code-big").textContent()) ?? "").trim(), code);

    // The guess also comes with the check-in, where it can be changed.
    await go("/check-in");
    await heading("Check in");
    const guess = page.getByRole("group", { name: /^Session 1 of 12/u });
    assert.equal(await guess.getByLabel("Active").isChecked(), true);
    await guess.getByLabel("Placebo").check();
    await page.getByRole("button", { name: "Save check-in" }).click();
    await page.getByText("Your guess for experiment session 1: placebo.").waitFor();

    await go("/experiment");
    const unblind = page.getByRole("region", { name: "Unblind" });
    await unblind.getByText("11 of 12 sessions are still ahead").waitFor();
    await unblind.getByLabel(codes[0] as string).check();
    await unblind.getByLabel("Why now (optional)").fill("testing the procedure");
    await unblind.getByRole("button", { name: "Unblind early…" }).click();
    const dialog = page.getByRole("dialog", { name: "Unblind before the experiment is over?" });
    await dialog.getByText(/recorded as an early unblinding and cannot be undone/u).waitFor();
    await accessible("unblind confirmation");
    await screenshot(page, "experiment-unblind-phone", { fullPage: false });
    await dialog.getByRole("button", { name: "Yes, unblind early" }).click();

    const results = page.getByRole("region", { name: "Results" });
    await results.getByText(/^Unblinded early/u).waitFor();
    await results.getByText("“testing the procedure”", { exact: false }).waitFor();
    await results
      .getByRole("heading", { name: "Too few guesses to tell whether the blind held" })
      .waitFor();
    await results
      .getByText(/not enough data yet: active sessions with a mood rating/u)
      .first()
      .waitFor();
    await accessible("experiment results");
    await shots("experiment-results");
    noConsoleErrors();
  });

  test("Experiment results: a broken blind is said first, then the difference with its interval and p", async () => {
    const { page } = w;
    const { latest, report } = brokenBlindExperiment();
    // A finished experiment takes twelve weeks of real time: its answers are the core's own
    // results for made-up sessions (experiment-fixture.ts), served in place of the API's.
    await page.route("**/api/v1/experiments", (route) => route.fulfill({ json: latest }));
    await page.route("**/api/v1/experiments/current/report", (route) =>
      route.fulfill({ json: report }),
    );
    try {
      await go("/experiment");
      const results = page.getByRole("region", { name: "Results" });
      const blind = results.getByRole("alert");
      await blind.getByRole("heading", { name: "The blind was broken" }).waitFor();
      await blind.getByText(/You guessed right at 11 of 12 sessions/u).waitFor();
      const primary = report.results.primary;
      assert.equal(primary.enoughData, true);
      if (!primary.enoughData) return;
      const ci = (v: number) => `${v < 0 ? "-" : "+"}${Math.abs(v).toFixed(1)}`;
      await results
        .getByText(
          `(95 % CI ${ci(primary.ci95[0])} to ${ci(primary.ci95[1])}), 6 active sessions and 6 placebo sessions`,
          { exact: false },
        )
        .first()
        .waitFor();
      await results
        .getByText(/^Randomisation test: p = 0\.\d{3} \(exact: all 216 orders/u)
        .waitFor();
      await results
        .getByText(/^11 of 12 right: 92 % \(95 % CI \d+ % to 100 %\); chance is 50 %\.$/u)
        .waitFor();
      const estimates = [
        report.results.primary,
        report.results.byBelief,
        ...Object.values(report.results.ratings),
      ];
      assert.equal(
        await results.locator("svg.forest-bar").count(),
        estimates.filter((r) => r.enoughData).length,
        "a bar for every estimate with a number, none without",
      );
      await accessible("experiment results with numbers");
      await shots("experiment-results-broken-blind");
      noConsoleErrors();
    } finally {
      await page.unrouteAll();
    }
  });

  test("Supplies: save a dose as a preset, see it on Today, and delete it after a confirmation", async () => {
    const { page } = w;
    await go("/supplies");
    await heading("Supplies");
    const presets = page.getByRole("region", { name: "Saved doses" });
    await presets.getByLabel("Name").fill("Two sprays");
    await presets.getByLabel("Batch").selectOption({ label: "spray 1" });
    await presets.getByLabel("Sprays").check();
    await presets.getByLabel("Number of sprays").fill("2");
    await presets.getByText("= 7.0 mg; your ceiling is 14.0 mg.").waitFor();
    await accessible("presets");
    await presets.getByRole("button", { name: "Save this dose" }).click();
    await presets.getByText("Ketamine: 2 sprays of spray 1, nasal spray").waitFor();

    await go("/today");
    await page.getByRole("link", { name: "Two sprays" }).waitFor();

    await go("/supplies");
    await presets.getByRole("button", { name: "Delete the saved dose “Two sprays”" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete “Two sprays”?" });
    await dialog.getByRole("button", { name: "Delete it" }).click();
    await presets
      .getByText("Ketamine: 2 sprays of spray 1, nasal spray")
      .waitFor({ state: "detached" });
    noConsoleErrors();
  });
});
