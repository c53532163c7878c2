import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { FIRST_SCREEN_BUDGET_BYTES, firstScreenScripts, measureFirstScreen } from "./web-budget.ts";
import { webOutDir } from "./web-config.ts";

function builtApp(html: string, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "titrate-budget-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), html);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

test("counts every script and module preload of index.html, and nothing loaded later", () => {
  const html = `<!doctype html><head>
<script type="module" crossorigin src="/assets/index-1.js"></script>
<link rel="modulepreload" crossorigin href="/assets/shared-2.js">
<link rel="stylesheet" href="/assets/index.css">
<link rel="icon" href="/icon.svg">
</head>`;
  assert.deepEqual(firstScreenScripts(html), ["/assets/index-1.js", "/assets/shared-2.js"]);
  const entry = "export const a = 1;".repeat(50);
  const shared = "export const b = 2;".repeat(80);
  const dir = builtApp(html, {
    "assets/index-1.js": entry,
    "assets/shared-2.js": shared,
    "assets/lazy-3.js": "x".repeat(500_000),
    "assets/index.css": "body{}",
  });
  try {
    const report = measureFirstScreen(dir);
    const expected = gzipSync(entry, { level: 9 }).length + gzipSync(shared, { level: 9 }).length;
    assert.equal(report.gzipBytes, expected);
    assert.equal(report.files.length, 2);
    assert.equal(report.withinBudget, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a first screen above the budget is reported over it, by its gzipped size", () => {
  const random = Array.from({ length: 20_000 }, (_, i) => ((i * 2_654_435_761) >>> 0).toString(36));
  const dir = builtApp('<script type="module" src="/assets/big.js"></script>', {
    "assets/big.js": random.join(""),
  });
  try {
    const report = measureFirstScreen(dir, 1000);
    assert.ok(report.gzipBytes > 1000);
    assert.equal(report.withinBudget, false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("refuses an inline script, which the CSP would block anyway", () => {
  assert.throws(() => firstScreenScripts("<script>alert(1)</script>"), /inline script/u);
});

test("the built app's first screen is within 61,440 bytes gzipped", () => {
  // dist/web is built by `npm run build`, which `npm test` runs first (pretest).
  const report = measureFirstScreen(webOutDir);
  assert.ok(report.files.length >= 1, "index.html loads the app's script");
  assert.ok(
    report.gzipBytes <= FIRST_SCREEN_BUDGET_BYTES,
    `${report.gzipBytes} bytes gzipped is over the budget of ${FIRST_SCREEN_BUDGET_BYTES}`,
  );
});
