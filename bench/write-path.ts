/**
 * Durable write path: `POST /api/v1/doses` (authenticated with a Bearer token, validated, the
 * safety rules run, committed with synchronous=FULL) against the ceiling: a bare Fastify
 * route that parses the same request and inserts one row in a durable node:sqlite
 * transaction (WAL, synchronous=FULL) in the same folder. Loopback, autocannon at 10
 * connections, a fixed number of writes per round; rounds interleaved (bare, app, bare, app…),
 * each on a fresh copy of the journal (20 accounts with a one-year demo journal each);
 * medians of the rounds.
 *
 * Usage: node bench/write-path.ts [--smoke]
 */
import { mkdirSync } from "node:fs";
import { copyJournal, demoAccounts, freshDir } from "./lib/journal.ts";
import { type LoadResult, runLoad } from "./lib/load.ts";
import { withServer } from "./lib/server-process.ts";
import { formatTable, type Row, type Size, sizeFromArgs } from "./lib/sizes.ts";
import { median, round } from "./lib/stats.ts";

/** Accounts writing at once, each with its own one-year journal. */
const ACCOUNTS = 20;

/**
 * The body of a dose taken `daysAgo` days ago at noon UTC: 7 mg of nasal ketamine. Each
 * account logs one dose a day, going back, so every journal stays shaped like a person's (a
 * run of hundreds of doses all "now" in one journal would measure the same-day rule on an
 * impossible day rather than the write path). The demo's weekly doses fall on some of those
 * days, so the rules have things to find.
 */
export function doseBody(daysAgo: number, nowMs = Date.now()): string {
  const day = new Date(nowMs - daysAgo * 86_400_000).toISOString().slice(0, 10);
  return JSON.stringify({
    substance: "ketamine",
    measured: { kind: "amount", amount: 7, unit: "mg" },
    route: "nasal",
    at: `${day}T12:00:00Z`,
  });
}

/** Request `i` of a run: account `i mod ACCOUNTS` logs a dose `i div ACCOUNTS + 1` days ago. */
export function doseRequest(tokens: readonly string[], nowMs: number) {
  return (i: number) => ({
    body: doseBody(Math.floor(i / tokens.length) + 1, nowMs),
    headers: { authorization: `Bearer ${tokens[i % tokens.length]}` },
  });
}

const plan = {
  full: { rounds: 7, writes: 400, days: 365, warmUpS: 2, accounts: ACCOUNTS },
  smoke: { rounds: 1, writes: 20, days: 30, warmUpS: 0.5, accounts: 2 },
} as const;

type Plan = (typeof plan)[Size];
const json = { "content-type": "application/json" };

/**
 * The app on a fresh copy of the journal. It warms up on POST /api/v1/doses/check (the same
 * validation and rules, nothing written), then logs `writes` doses.
 */
async function measureApp({ days, writes, warmUpS, accounts }: Plan): Promise<LoadResult> {
  const { dir, tokens } = await demoAccounts(days, accounts);
  return withServer("app", copyJournal(dir), async (server) => {
    const nowMs = Date.now();
    const load = { url: server.url, method: "POST", headers: json } as const;
    await runLoad({
      ...load,
      path: "/api/v1/doses/check",
      vary: doseRequest(tokens, nowMs),
      durationS: warmUpS,
    });
    return runLoad({
      ...load,
      path: "/api/v1/doses",
      vary: doseRequest(tokens, nowMs),
      amount: writes,
    });
  });
}

/** The ceiling, warmed up with as many seconds of the same writes. */
async function measureBare({ writes, warmUpS, accounts }: Plan): Promise<LoadResult> {
  const dir = freshDir("bare-write");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tokens = Array.from({ length: accounts }, (_, k) => `token${k}`);
  return withServer("bare-write", dir, async (server) => {
    const nowMs = Date.now();
    const load = { url: server.url, method: "POST", path: "/api/v1/doses", headers: json } as const;
    await runLoad({ ...load, vary: doseRequest(tokens, nowMs), durationS: warmUpS });
    return runLoad({ ...load, vary: doseRequest(tokens, nowMs), amount: writes });
  });
}

function medianOf(results: readonly LoadResult[]): LoadResult {
  return {
    requestsPerS: median(results.map((r) => r.requestsPerS)),
    p50Ms: median(results.map((r) => r.p50Ms)),
    p99Ms: median(results.map((r) => r.p99Ms)),
    requests: median(results.map((r) => r.requests)),
    failures: results.reduce((sum, r) => sum + r.failures, 0),
  };
}

export async function measureWritePath(size: Size): Promise<Row[]> {
  const sized = plan[size];
  const { rounds, days, writes } = sized;
  const apps: LoadResult[] = [];
  const bares: LoadResult[] = [];
  for (let i = 0; i < rounds; i++) {
    bares.push(await measureBare(sized));
    apps.push(await measureApp(sized));
  }
  const app = medianOf(apps);
  const bare = medianOf(bares);
  if (app.failures > 0 || bare.failures > 0) {
    throw new Error(`write path: ${app.failures} app and ${bare.failures} bare requests failed`);
  }
  const ratio = app.requestsPerS / bare.requestsPerS;
  return [
    {
      benchmark: "write path",
      measure: `POST /api/v1/doses req/s (${sized.accounts} accounts × ${days} days, ${writes} writes, 10 conn)`,
      titrate: `${round(app.requestsPerS, 0)}`,
      baseline: `${round(bare.requestsPerS, 0)} (bare durable insert)`,
      ratio,
      goal: "≥ 0.80",
      met: ratio >= 0.8,
    },
    {
      benchmark: "write path",
      measure: "latency p50 / p99 ms",
      titrate: `${app.p50Ms} / ${app.p99Ms}`,
      baseline: `${bare.p50Ms} / ${bare.p99Ms}`,
      ratio: null,
      goal: "p99 < 20 ms",
      met: app.p99Ms < 20,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatTable(await measureWritePath(sizeFromArgs())));
}
