/**
 * The e2e harness: a real `titrate serve` on an ephemeral loopback port over a temporary data
 * directory, and Debian's Chromium driven by playwright-core (Playwright's own browser
 * download does not work here). Whatever happens in a test, `stop()` ends both and removes
 * the directory; every wait has a timeout.
 *
 * axe-core runs through the driver: the server's CSP (script-src 'self') rightly blocks a
 * <script> injected into the page (addScriptTag), so the axe source is evaluated with
 * page.evaluate, which goes through the DevTools protocol (Runtime.evaluate) and is not
 * subject to the page's CSP. The page keeps its real CSP, so the tests also prove the app
 * runs under it.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));
export const screenshotDir = join(repoRoot, "artifacts", "screenshots");
const binPath = join(repoRoot, "bin", "titrate");
const CHROMIUM = process.env.TITRATE_CHROMIUM ?? "/usr/bin/chromium";

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

/** True when the browser and the built web app are here; the suite says why it skips otherwise. */
export function e2eUnavailable(): string | false {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  if (!existsSync(join(repoRoot, "dist", "web", "index.html"))) {
    return "the web app is not built (npm run build)";
  }
  return false;
}

export interface Server {
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** Runs `titrate ARGS` to completion (30 s at most); rejects with its output if it fails. */
export function runTitrate(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binPath, args, {
      env: { ...process.env, TITRATE_QUIET_STALE: "1", NO_COLOR: "1" },
      stdio: "pipe",
      timeout: 30_000,
      killSignal: "SIGKILL",
    });
    let output = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`titrate ${args.join(" ")} ended with ${code ?? signal}: ${output}`));
    });
  });
}

export interface ServerOptions {
  /** Fills the empty data directory before the server opens it (`titrate demo`, say). */
  readonly prepare?: (dataDir: string) => Promise<unknown>;
}

/**
 * Starts `titrate serve --port 0` and resolves once it prints its URL (20 s at most). The data
 * directory is removed by `stop()`, or at once if preparing it fails.
 */
export async function startServer(options: ServerOptions = {}): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), "titrate-e2e-"));
  try {
    await options.prepare?.(dataDir);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return serve(dataDir);
}

function serve(dataDir: string): Promise<Server> {
  const child: ChildProcess = spawn(
    binPath,
    ["serve", "--json", "--port", "0", "--data-dir", dataDir],
    { env: { ...process.env, TITRATE_QUIET_STALE: "1", NO_COLOR: "1" }, stdio: "pipe" },
  );
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killed = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(killed);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`titrate serve did not start within 20 s: ${output}`));
    }, 20_000);
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      const line = output.split("\n").find((l) => l.startsWith('{"url"'));
      if (!line) return;
      clearTimeout(timer);
      try {
        resolve({ url: (JSON.parse(line) as { url: string }).url, dataDir, stop });
      } catch (error) {
        void stop();
        reject(error);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`titrate serve exited with ${code}: ${output}`));
    });
  });
}

/** Debian's Chromium, headless, with a fresh profile and no background traffic. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Console errors and uncaught exceptions of a page: every journey ends by asserting none. */
export interface WatchedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly errors: string[];
}

export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number } = PHONE,
  colorScheme: "light" | "dark" = "light",
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, colorScheme, acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  return { page, context, errors };
}

const axeSource = readFileSync(join(repoRoot, "node_modules", "axe-core", "axe.min.js"), "utf8");

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** Runs axe-core on the page (see the note at the top) and returns the serious or critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate("typeof window.axe !== 'undefined'");
  if (!loaded) await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    `window.axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  )) as AxeViolation[];
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Describes violations for an assertion message. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    )
    .join("\n");
}

/**
 * Saves artifacts/screenshots/<name>.png: the whole page, or with `fullPage: false` what the
 * screen shows (a fixed layer such as the crisis screen or the phone's bottom bar sits where
 * a person sees it). Also the visible part alone as artifacts/screenshots/visible/<name>.png,
 * from which the README's pictures are chosen.
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  mkdirSync(join(screenshotDir, "visible"), { recursive: true });
  await page.screenshot({
    path: join(screenshotDir, `${name}.png`),
    fullPage: options.fullPage ?? true,
  });
  await page.screenshot({ path: join(screenshotDir, "visible", `${name}.png`) });
}

/**
 * The steps journeys share, on the server and page `current()` returns (they are set in
 * `before`, after these are made): go to an app path, wait for the screen's h1, assert axe
 * finds nothing serious, assert the console stayed clean.
 */
export function journeySteps(current: () => { readonly server: Server; readonly w: WatchedPage }) {
  return {
    go: async (path: string) => {
      const { server, w } = current();
      await w.page.goto(new URL(path, server.url).toString());
    },
    heading: (text: string | RegExp) =>
      current().w.page.getByRole("heading", { level: 1, name: text }).waitFor(),
    accessible: async (name: string) => {
      const violations = await seriousViolations(current().w.page);
      assert.equal(violations.length, 0, `${name}: ${describeViolations(violations)}`);
    },
    noConsoleErrors: () =>
      assert.deepEqual(current().w.errors, [], "the console stays free of errors"),
  };
}
