/**
 * Web: the first screen's JavaScript, gzipped, against its 60 KiB budget (scripts/web-budget.ts),
 * and the time from navigation to the first screen being usable in headless Chromium (the
 * Today screen with its data: the "Next dose" card on the page), signed in, on a one-year
 * demo journal, against a static page of the same size (the same HTML, CSS and bytes of
 * JavaScript, whose script only puts that card on the page) served the same way
 * (@fastify/static on loopback). Every load is a first visit (a new browser context: no
 * cache, no service worker). Interleaved, medians.
 *
 * Usage: node bench/web.ts [--smoke]
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { launchBrowser, repoRoot } from "../e2e/harness.ts";
import { firstScreenScripts, measureFirstScreen } from "../scripts/web-budget.ts";
import { DEMO_USERNAME } from "../src/store/demo.ts";
import { hashPassphrase } from "../src/store/passphrase.ts";
import { setPassphraseHash } from "../src/store/repos/auth.ts";
import { findUserByName } from "../src/store/repos/users.ts";
import { openStore } from "../src/store/store.ts";
import { copyJournal, demoAccounts, freshDir } from "./lib/journal.ts";
import { withServer } from "./lib/server-process.ts";
import { formatTable, type Row, type Size, sizeFromArgs } from "./lib/sizes.ts";
import { median, round } from "./lib/stats.ts";

const webRoot = join(repoRoot, "dist", "web");
const PASSPHRASE = "correct horse battery staple";
/** The element that says the first screen is usable: Today's "Next dose" card, with data. */
const READY_SELECTOR = "#next-title";

const plan = {
  full: { loads: 15, days: 365 },
  smoke: { loads: 1, days: 30 },
} as const;

/**
 * A static copy of the first screen: index.html and its CSS as built, with the scripts
 * replaced by one module of the same number of bytes that only adds the ready element.
 */
export function staticTwin(): string {
  const dir = freshDir("static-twin");
  mkdirSync(join(dir, "assets"), { recursive: true });
  const html = readFileSync(join(webRoot, "index.html"), "utf8");
  const scripts = firstScreenScripts(html);
  const bytes = scripts.reduce((sum, s) => sum + readFileSync(join(webRoot, s)).length, 0);
  const code = `const h = document.createElement("h2"); h.id = "next-title"; h.textContent = "Next dose"; document.getElementById("app").replaceChildren(h);\n`;
  // Padding that compresses like code would not matter here: the file is sent as it is.
  writeFileSync(
    join(dir, "assets", "twin.js"),
    `${code}//${"x".repeat(Math.max(0, bytes - code.length - 3))}\n`,
  );
  let twin = html
    .replace(/<link rel="modulepreload"[^>]*>\s*/gu, "")
    .replace(
      /<script type="module"[^>]*><\/script>/u,
      '<script type="module" src="/assets/twin.js"></script>',
    );
  twin = twin.replace(
    "</html>",
    `<!--${"x".repeat(Math.max(0, html.length - twin.length - 8))}-->\n</html>`,
  );
  writeFileSync(join(dir, "index.html"), twin);
  for (const file of readdirSync(join(webRoot, "assets"))) {
    if (file.endsWith(".css"))
      copyFileSync(join(webRoot, "assets", file), join(dir, "assets", file));
  }
  return dir;
}

/** Navigation start to the ready element, ms, in a new context (signed in first when asked). */
async function loadOnce(
  browser: Browser,
  url: string,
  path: string,
  signIn: boolean,
): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  try {
    if (signIn) {
      const answer = await context.request.post(`${url}/api/v1/auth/login`, {
        data: { username: DEMO_USERNAME, passphrase: PASSPHRASE },
      });
      if (answer.status() !== 200) throw new Error(`sign-in failed: ${answer.status()}`);
    }
    const page = await context.newPage();
    // Records the moment the ready element appears, relative to navigation start.
    await page.addInitScript(`{
      const selector = ${JSON.stringify(READY_SELECTOR)};
      const observer = new MutationObserver(() => {
        if (document.querySelector(selector)) {
          window.__readyMs = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    }`);
    await page.goto(`${url}${path}`, { timeout: 30_000 });
    // Polled through the DevTools protocol (the page's CSP forbids waitForFunction's eval);
    // the figure itself was taken in the page, so polling adds nothing to it.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const readyMs = (await page.evaluate("window.__readyMs")) as number | undefined;
      if (typeof readyMs === "number") return readyMs;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`${url}${path} never showed ${READY_SELECTOR}`);
  } finally {
    await context.close();
  }
}

/** Gives the demo account a passphrase so a browser can sign in. */
async function allowSignIn(dataDir: string): Promise<void> {
  const store = await openStore({ dataDir });
  try {
    const user = await findUserByName(store.db, DEMO_USERNAME);
    if (!user) throw new Error("no demo account");
    const cost = { log2N: 10, r: 8, p: 1 };
    await setPassphraseHash(store.db, user.id, await hashPassphrase(PASSPHRASE, cost));
  } finally {
    await store.close();
  }
}

export async function measureWeb(size: Size): Promise<Row[]> {
  const budget = measureFirstScreen(webRoot);
  const { loads, days } = plan[size];
  const { dir } = await demoAccounts(days, 1);
  const journal = copyJournal(dir);
  await allowSignIn(journal);
  const twin = staticTwin();
  const browser = await launchBrowser();
  const appMs: number[] = [];
  const staticMs: number[] = [];
  try {
    await withServer("app", journal, (app) =>
      withServer("static", twin, async (plain) => {
        await loadOnce(browser, app.url, "/today", true); // warm both servers up
        await loadOnce(browser, plain.url, "/", false);
        for (let i = 0; i < loads; i++) {
          staticMs.push(await loadOnce(browser, plain.url, "/", false));
          appMs.push(await loadOnce(browser, app.url, "/today", true));
        }
      }),
    );
  } finally {
    await browser.close();
  }
  const app = median(appMs);
  const plain = median(staticMs);
  return [
    {
      benchmark: "web",
      measure: "first-screen JS, gzipped",
      titrate: `${round(budget.gzipBytes / 1024, 1)} KiB`,
      baseline: `${budget.budgetBytes / 1024} KiB (budget)`,
      ratio: budget.gzipBytes / budget.budgetBytes,
      goal: "≤ 1",
      met: budget.withinBudget,
    },
    {
      benchmark: "web",
      measure: `navigation → Today usable, Chromium (${days}-day journal)`,
      titrate: `${round(app)} ms`,
      baseline: `${round(plain)} ms (static page, same size)`,
      ratio: app / plain,
      goal: "",
      met: null,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatTable(await measureWeb(sizeFromArgs())));
}
