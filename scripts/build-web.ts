/**
 * Builds the web app into dist/web with Vite, then checks the first screen's JavaScript
 * against its budget (scripts/web-budget.ts) and fails the build above it.
 */
import { build } from "vite";
import { describeBudget, measureFirstScreen } from "./web-budget.ts";
import { webConfig, webOutDir } from "./web-config.ts";

const startedAtMs = Date.now();
await build(webConfig());
const report = measureFirstScreen(webOutDir);
for (const line of describeBudget(report)) console.log(line);
if (!report.withinBudget) {
  console.error(
    `error: the first screen's JavaScript is ${report.gzipBytes - report.budgetBytes} bytes over budget; load more of it lazily`,
  );
  process.exit(1);
}
console.log(`built dist/web in ${Date.now() - startedAtMs} ms`);
