/**
 * Profiles the app server under load: starts it with `--cpu-prof`, drives one route with
 * autocannon, stops it, and prints the top frames. For finding what limits a path.
 *
 * Usage: node bench/lib/profile-server.ts write|today|journal [seconds]
 * (on the write path's journal: 20 accounts with a one-year demo journal each).
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { journalPath } from "../read-path.ts";
import { doseRequest } from "../write-path.ts";
import { copyJournal, demoAccounts } from "./journal.ts";
import { type LoadOptions, runLoad } from "./load.ts";
import { topFrames } from "./profile-summary.ts";
import { withServer } from "./server-process.ts";

const [what = "write", secondsText = "8"] = process.argv.slice(2);
const { dir, tokens } = await demoAccounts(365, 20);
const profileDir = mkdtempSync(join(tmpdir(), "titrate-profile-"));
const nowMs = Date.now();
const request: Omit<LoadOptions, "url"> =
  what === "write"
    ? {
        method: "POST" as const,
        path: "/api/v1/doses",
        headers: { "content-type": "application/json" },
        vary: doseRequest(tokens, nowMs),
        amount: 100 * Number(secondsText),
      }
    : {
        method: "GET" as const,
        path: what === "today" ? "/api/v1/today" : journalPath(nowMs),
        headers: { authorization: `Bearer ${tokens[0]}` },
        durationS: Number(secondsText),
      };

const result = await withServer(
  "app",
  copyJournal(dir),
  (server) => runLoad({ url: server.url, ...request }),
  ["--cpu-prof", `--cpu-prof-dir=${profileDir}`],
);
console.log(
  `${what}: ${result.requestsPerS.toFixed(0)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.requests} requests, ${result.failures} failures`,
);
const file = join(profileDir, readdirSync(profileDir)[0] as string);
console.log(`profile: ${file}`);
for (const by of ["self", "total"] as const) {
  console.log(`\nby ${by} time`);
  for (const f of topFrames(file, by, 30)) {
    console.log(
      `${f.selfPercent.toFixed(1).padStart(5)} % self ${f.totalPercent.toFixed(1).padStart(5)} % total  ${f.name}`,
    );
  }
}
