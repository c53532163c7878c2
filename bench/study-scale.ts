/**
 * Study mode at scale, on PostgreSQL (docs/deploy.md, docs/performance.md): a study of N
 * participants × D days written by `titrate demo --participants` (in-process, timed), then,
 * against the app in its own process (bench-server.ts, as `titrate serve` builds it):
 *
 * - the coordinator's dashboard (GET …/dashboard), first request and the median of the next;
 * - the coordinator's export of every table (GET …/export?table=…, CSV, read to the last byte),
 *   and the largest table as JSON;
 * - the durable write rate of POST /api/v1/doses: 20 participants with API tokens, 10
 *   connections, a fixed number of writes per round, medians of the rounds — the shape of
 *   bench/write-path.ts, whose SQLite figure it is compared with.
 *
 * Usage:
 *   node bench/study-scale.ts --database postgres://…/empty_db --participants 1000 --days 365
 *   node bench/study-scale.ts --database postgres://…/same_db --reuse     (measure again)
 *
 * The database must be empty (or, with --reuse, hold a study demo). Nothing is dropped: the
 * caller made it and removes it. For the write rate to mean "durable", the server must run with
 * fsync and synchronous_commit on (scripts/with-postgres.sh turns them off: use a cluster of
 * your own, as docs/deploy.md describes).
 */
import { parseArgs } from "node:util";
import { Temporal } from "temporal-polyfill";
import { DEMO_TIME_ZONE } from "../src/store/demo.ts";
import { createApiToken } from "../src/store/repos/auth.ts";
import { findUserByName } from "../src/store/repos/users.ts";
import { openStore } from "../src/store/store.ts";
import { DEMO_COORDINATOR, writeStudyDemo } from "../src/store/study/demo-study.ts";
import { cleanUp, copyJournal, demoAccounts } from "./lib/journal.ts";
import { runLoad } from "./lib/load.ts";
import { withServer } from "./lib/server-process.ts";
import { median, round } from "./lib/stats.ts";
import { doseRequest } from "./write-path.ts";

const { values } = parseArgs({
  options: {
    database: { type: "string" },
    participants: { type: "string", default: "1000" },
    days: { type: "string", default: "365" },
    seed: { type: "string", default: "1" },
    reuse: { type: "boolean", default: false },
    rounds: { type: "string", default: "5" },
    writes: { type: "string", default: "400" },
    writers: { type: "string", default: "20" },
    "writes-only": { type: "boolean", default: false },
    "compare-sqlite": { type: "boolean", default: false },
  },
});
const url = values.database;
if (!url) throw new Error("--database postgres://… (an empty database) is required");
const participants = Number(values.participants);
const days = Number(values.days);
const rounds = Number(values.rounds);
const writes = Number(values.writes);
const writers = Number(values.writers);

const lines: string[] = [];
const say = (line: string) => {
  console.log(line);
  lines.push(line);
};

const store = await openStore({ databaseUrl: url, poolSize: 2 });
let studyId: string;
let coordinatorToken: string;
let writerTokens: string[];
try {
  if (!values.reuse) {
    const now = Temporal.Now.instant();
    const endDate = now.toZonedDateTimeISO(DEMO_TIME_ZONE).toPlainDate().toString();
    const started = performance.now();
    const summary = await writeStudyDemo(store, {
      seed: Number(values.seed),
      days,
      endDate,
      now,
      participants,
      onProgress: (done) => {
        if (done % Math.max(1, Math.round(participants / 20)) === 0) {
          process.stderr.write(`  ${done}/${participants} participants written\n`);
        }
      },
    });
    const rows = Object.values(summary.counts).reduce((a, b) => a + b, 0);
    const seconds = (performance.now() - started) / 1000;
    say(
      `demo: ${participants} participants × ${days} days, ${rows} rows in ${round(seconds, 1)} s (${Math.round(rows / seconds)} rows/s)`,
    );
  }
  const size = await store.db
    .selectNoFrom((eb) =>
      eb.fn<number>("pg_database_size", [eb.fn("current_database")]).as("bytes"),
    )
    .executeTakeFirstOrThrow();
  say(`database size: ${round(Number(size.bytes) / 2 ** 30, 2)} GiB`);
  const study = await store.db.selectFrom("studies").select("id").executeTakeFirstOrThrow();
  studyId = study.id;
  const now = Temporal.Now.instant();
  const token = async (username: string) => {
    const user = await findUserByName(store.db, username);
    if (!user) throw new Error(`no account ${username}`);
    return (await createApiToken(store.db, { userId: user.id, name: "bench", now })).secret;
  };
  coordinatorToken = await token(DEMO_COORDINATOR);
  const width = Math.max(5, String(participants).length);
  writerTokens = [];
  for (let k = 1; k <= writers; k++) {
    writerTokens.push(await token(`p${String(k).padStart(width, "0")}`));
  }
} finally {
  await store.close();
}

await withServer("app", url, async (server) => {
  const get = async (path: string) => {
    const started = performance.now();
    const answer = await fetch(new URL(path, server.url), {
      headers: { authorization: `Bearer ${coordinatorToken}` },
      signal: AbortSignal.timeout(600_000),
    });
    let bytes = 0;
    for await (const chunk of answer.body ?? []) bytes += (chunk as Uint8Array).byteLength;
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status}`);
    return { ms: performance.now() - started, bytes };
  };
  const base = `/api/v1/studies/${studyId}`;
  if (!values["writes-only"]) await reads(get, base);
  await writesOf(server.url);
});

async function reads(
  get: (path: string) => Promise<{ ms: number; bytes: number }>,
  base: string,
): Promise<void> {
  const dashboards: number[] = [];
  for (let i = 0; i < 4; i++) dashboards.push((await get(`${base}/dashboard`)).ms);
  say(
    `dashboard: first ${round(dashboards[0] ?? 0, 0)} ms, then median ${round(median(dashboards.slice(1)), 0)} ms`,
  );
  let exportMs = 0;
  let exportBytes = 0;
  for (const table of [
    "participants",
    "doses",
    "check_ins",
    "questionnaires",
    "symptom_reports",
    "blood_pressures",
    "other_substances",
  ]) {
    const { ms, bytes } = await get(`${base}/export?table=${table}&format=csv`);
    exportMs += ms;
    exportBytes += bytes;
    say(`export ${table}.csv: ${round(ms / 1000, 2)} s, ${round(bytes / 2 ** 20, 1)} MiB`);
  }
  say(
    `export, every table as CSV: ${round(exportMs / 1000, 1)} s, ${round(exportBytes / 2 ** 20, 1)} MiB`,
  );
  const json = await get(`${base}/export?table=check_ins&format=json`);
  say(
    `export check_ins.json: ${round(json.ms / 1000, 2)} s, ${round(json.bytes / 2 ** 20, 1)} MiB`,
  );
}

async function writesOf(serverUrl: string): Promise<void> {
  const json_ = { "content-type": "application/json" };
  const round_ = async (
    target: string,
    tokens: readonly string[],
    nowMs: number,
  ): Promise<{ rps: number; p50: number; p99: number; failures: number }> => {
    const load = { url: target, method: "POST", headers: json_ } as const;
    await runLoad({
      ...load,
      path: "/api/v1/doses/check",
      vary: doseRequest(tokens, nowMs),
      durationS: 2,
    });
    const result = await runLoad({
      ...load,
      path: "/api/v1/doses",
      vary: doseRequest(tokens, nowMs),
      amount: writes,
    });
    return {
      rps: result.requestsPerS,
      p50: result.p50Ms,
      p99: result.p99Ms,
      failures: result.failures,
    };
  };
  // The SQLite figure of bench/write-path.ts, in the same run: 20 accounts with a year of
  // journal each, a fresh copy of the file per round, rounds interleaved with PostgreSQL's.
  const sqlite = values["compare-sqlite"] ? await demoAccounts(365, writers) : undefined;
  const results: { rps: number; p50: number; p99: number; failures: number }[] = [];
  const sqliteResults: typeof results = [];
  for (let r = 0; r < rounds; r++) {
    const nowMs = Date.now() - r * 86_400_000 * Math.ceil(writes / writers + 1);
    const result = await round_(serverUrl, writerTokens, nowMs);
    results.push(result);
    process.stderr.write(`  write round ${r + 1}: PostgreSQL ${round(result.rps, 0)} req/s\n`);
    if (sqlite) {
      const local = await withServer("app", copyJournal(sqlite.dir), (server) =>
        round_(server.url, sqlite.tokens, Date.now()),
      );
      sqliteResults.push(local);
      process.stderr.write(`  write round ${r + 1}: SQLite ${round(local.rps, 0)} req/s\n`);
    }
  }
  const report = (name: string, rs: typeof results) => {
    const failures = rs.reduce((sum, r) => sum + r.failures, 0);
    say(
      `POST /api/v1/doses on ${name} (${writers} accounts, ${writes} writes a round, 10 connections, ${rounds} rounds): median ${round(median(rs.map((r) => r.rps)), 0)} req/s, p50 ${round(median(rs.map((r) => r.p50)), 1)} ms, p99 ${round(median(rs.map((r) => r.p99)), 1)} ms, ${failures} failed`,
    );
  };
  report("PostgreSQL", results);
  if (sqlite) {
    report("SQLite", sqliteResults);
    say(
      `PostgreSQL / SQLite: ${(median(results.map((r) => r.rps)) / median(sqliteResults.map((r) => r.rps))).toFixed(2)}`,
    );
    cleanUp();
  }
}
