/**
 * The first screen's JavaScript budget: every script and module preload that index.html
 * loads before the app is usable, gzipped, must stay at or under 60 KiB (61,440 bytes).
 * Screens loaded later (lazily, by import()) do not count. Issue 11, "Fast".
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export const FIRST_SCREEN_BUDGET_BYTES = 61_440;

export interface BudgetFile {
  readonly path: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface BudgetReport {
  readonly files: readonly BudgetFile[];
  readonly gzipBytes: number;
  readonly budgetBytes: number;
  readonly withinBudget: boolean;
}

/**
 * The same-origin paths of the scripts (`<script src>`) and module preloads
 * (`<link rel="modulepreload" href>`) in an HTML page, in document order, each once.
 */
export function firstScreenScripts(html: string): string[] {
  const paths: string[] = [];
  for (const tag of html.match(/<(?:script|link)\b[^>]*>/giu) ?? []) {
    const isScript = /^<script/iu.test(tag);
    const isPreload = /\brel\s*=\s*["']?modulepreload["'\s>]/iu.test(tag);
    if (!isScript && !isPreload) continue;
    const url = /\b(?:src|href)\s*=\s*["']([^"']+)["']/iu.exec(tag)?.[1];
    if (isScript && url === undefined) {
      throw new Error(`an inline script in index.html: the CSP forbids it (${tag})`);
    }
    if (url !== undefined && !paths.includes(url)) paths.push(url);
  }
  return paths;
}

/** Measures the first screen of the built app in `distDir` against the budget. */
export function measureFirstScreen(
  distDir: string,
  budgetBytes = FIRST_SCREEN_BUDGET_BYTES,
): BudgetReport {
  const html = readFileSync(join(distDir, "index.html"), "utf8");
  const files = firstScreenScripts(html).map((url): BudgetFile => {
    if (/^(?:[a-z]+:)?\/\//iu.test(url)) throw new Error(`a script from another origin: ${url}`);
    const content = readFileSync(join(distDir, url.replace(/^\//u, "")));
    return { path: url, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  const gzipBytes = files.reduce((sum, f) => sum + f.gzipBytes, 0);
  return { files, gzipBytes, budgetBytes, withinBudget: gzipBytes <= budgetBytes };
}

/** The report as lines for the build's output. */
export function describeBudget(report: BudgetReport): string[] {
  return [
    ...report.files.map((f) => `  ${f.path}: ${f.bytes} bytes, ${f.gzipBytes} gzipped`),
    `first screen JavaScript: ${report.gzipBytes} bytes gzipped of a budget of ${report.budgetBytes} (${report.withinBudget ? "within" : "OVER"} budget)`,
  ];
}
