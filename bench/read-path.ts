/**
 * Read path: the Today data (GET /api/v1/today: next dose, findings, crisis resources) and
 * one page of the journal (GET /api/v1/journal for the last 30 days, what the web app's
 * journal screen asks for), authenticated with a Bearer token, on a one-year demo journal,
 * against a bare Fastify route answering a constant JSON body. Loopback, autocannon at 10
 * connections; rounds interleaved (bare, app), each server warmed up first; medians.
 *
 * Usage: node bench/read-path.ts [--smoke]
 */
import { copyJournal, demoAccounts } from "./lib/journal.ts";
import { type LoadResult, runLoad } from "./lib/load.ts";
import { withServer } from "./lib/server-process.ts";
import { formatTable, type Row, type Size, sizeFromArgs } from "./lib/sizes.ts";
import { median, round } from "./lib/stats.ts";

/** The journal screen's request: every kind of entry since the day 30 days ago. */
export function journalPath(nowMs = Date.now()): string {
  const since = new Date(nowMs - 30 * 86_400_000).toISOString().slice(0, 10);
  return `/api/v1/journal?since=${since}`;
}

const plan = {
  full: { rounds: 5, durationS: 4, warmUpS: 1, days: 365 },
  smoke: { rounds: 1, durationS: 0.5, warmUpS: 0.2, days: 30 },
} as const;

interface RoundFigures {
  readonly bare: LoadResult;
  readonly today: LoadResult;
  readonly journal: LoadResult;
}

async function oneRound(size: Size): Promise<RoundFigures> {
  const { durationS, warmUpS, days } = plan[size];
  const bare = await withServer("bare-json", undefined, async (server) => {
    await runLoad({ url: server.url, path: "/api/v1/today", durationS: warmUpS });
    return runLoad({ url: server.url, path: "/api/v1/today", durationS });
  });
  const { dir, tokens } = await demoAccounts(days, 1);
  const headers = { authorization: `Bearer ${tokens[0]}` };
  const app = await withServer("app", copyJournal(dir), async (server) => {
    const load = { url: server.url, headers };
    const journal = journalPath();
    await runLoad({ ...load, path: "/api/v1/today", durationS: warmUpS });
    await runLoad({ ...load, path: journal, durationS: warmUpS });
    return {
      today: await runLoad({ ...load, path: "/api/v1/today", durationS }),
      journal: await runLoad({ ...load, path: journal, durationS }),
    };
  });
  return { bare, ...app };
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

export async function measureReadPath(size: Size): Promise<Row[]> {
  const rounds: RoundFigures[] = [];
  for (let i = 0; i < plan[size].rounds; i++) rounds.push(await oneRound(size));
  const bare = medianOf(rounds.map((r) => r.bare));
  const rows: Row[] = [];
  for (const [name, label] of [
    ["today", "GET /api/v1/today"],
    ["journal", "GET /api/v1/journal (30 days)"],
  ] as const) {
    const app = medianOf(rounds.map((r) => r[name]));
    if (app.failures > 0 || bare.failures > 0) {
      throw new Error(
        `read path: ${app.failures} ${name} and ${bare.failures} bare requests failed`,
      );
    }
    const ratio = app.requestsPerS / bare.requestsPerS;
    rows.push({
      benchmark: "read path",
      measure: `${label} req/s (${plan[size].days}-day journal)`,
      titrate: `${round(app.requestsPerS, 0)}`,
      baseline: `${round(bare.requestsPerS, 0)} (bare constant JSON)`,
      ratio,
      goal: "≥ 0.25",
      met: ratio >= 0.25,
    });
    rows.push({
      benchmark: "read path",
      measure: `${label} latency p50 / p99 ms`,
      titrate: `${app.p50Ms} / ${app.p99Ms}`,
      baseline: `${bare.p50Ms} / ${bare.p99Ms}`,
      ratio: null,
      goal: "p99 < 10 ms",
      met: app.p99Ms < 10,
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatTable(await measureReadPath(sizeFromArgs())));
}
