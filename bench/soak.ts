/**
 * Load and soak: a fixed, moderate rate of mixed reads and writes from several signed-in
 * browser sessions (session cookies, Origin headers, as the web app sends them) for five
 * minutes, against the app on a journal of four accounts with a one-year demo journal each.
 * It asserts:
 *   - no errors: every answer 2xx, no request failing or timing out;
 *   - no memory growth beyond the bound: the server's RSS at the end at most
 *     MEMORY_BOUND_MIB above its RSS after the first minute (the warm-up: JIT, caches);
 *   - every acknowledged write present afterwards: each id a 201 answered is read back from
 *     the database once the server has stopped.
 * Exits 1 when one fails. Run by hand (`npm run soak`); `--smoke` runs it for a few seconds.
 *
 * Usage: node bench/soak.ts [--smoke] [--minutes N] [--rate N]
 */
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { hashPassphrase } from "../src/store/passphrase.ts";
import { setPassphraseHash } from "../src/store/repos/auth.ts";
import { listUsers } from "../src/store/repos/users.ts";
import { openStore } from "../src/store/store.ts";
import { copyJournal, demoAccounts } from "./lib/journal.ts";
import { withServer } from "./lib/server-process.ts";
import { type Size, sizeFromArgs } from "./lib/sizes.ts";
import { percentile, round } from "./lib/stats.ts";
import { journalPath } from "./read-path.ts";
import { doseBody } from "./write-path.ts";

const PASSPHRASE = "correct horse battery staple";
/** How much the RSS may grow after the first minute (or the first fifth of a short run). */
export const MEMORY_BOUND_MIB = 64;

const plan = {
  full: { minutes: 5, ratePerS: 40, sessions: 4, days: 365 },
  smoke: { minutes: 0.05, ratePerS: 20, sessions: 2, days: 30 },
} as const;

export interface SoakReport {
  readonly requests: number;
  readonly writes: number;
  readonly errors: readonly string[];
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** p99 of the requests sent in each minute (each fifth of a shorter run), ms. */
  readonly p99ByMinuteMs: readonly number[];
  readonly rssStartMiB: number;
  readonly rssWarmMiB: number;
  readonly rssEndMiB: number;
  readonly rssSamplesMiB: readonly number[];
  /** Heap in use after a full collection, after the warm-up and at the end, MiB. */
  readonly heapWarmMiB: number;
  readonly heapEndMiB: number;
  readonly missingWrites: number;
  readonly passed: boolean;
}

interface Session {
  readonly cookie: string;
  readonly username: string;
  writes: number;
}

async function signIn(url: string, username: string): Promise<Session> {
  const answer = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ username, passphrase: PASSPHRASE }),
    signal: AbortSignal.timeout(10_000),
  });
  if (answer.status !== 200) throw new Error(`sign-in as ${username}: ${answer.status}`);
  const cookie = answer.headers.getSetCookie().find((c) => c.includes("session"));
  if (!cookie) throw new Error("no session cookie");
  return { cookie: cookie.split(";")[0] as string, username, writes: 0 };
}

/** The request number `i` sends, in a fixed mix: 6 reads and 4 writes in every 10. */
function requestOf(i: number, session: Session, url: string, nowMs: number) {
  const kind = [
    "today",
    "journal",
    "dose",
    "today",
    "check-in",
    "journal",
    "today",
    "dose",
    "entries",
    "check-in",
  ][i % 10];
  const headers: Record<string, string> = { cookie: session.cookie };
  if (kind === "today") return { kind, method: "GET", path: "/api/v1/today", headers };
  if (kind === "journal") return { kind, method: "GET", path: journalPath(nowMs), headers };
  if (kind === "entries")
    return { kind, method: "GET", path: "/api/v1/journal?types=dose", headers };
  const write = { ...headers, "content-type": "application/json", origin: url };
  session.writes++;
  if (kind === "dose") {
    return {
      kind,
      method: "POST",
      path: "/api/v1/doses",
      headers: write,
      body: doseBody(session.writes, nowMs),
    };
  }
  const body = JSON.stringify({ mood: 1 + (i % 5), energy: 3, sleep: 4, note: `soak ${i}` });
  return { kind, method: "POST", path: "/api/v1/check-ins", headers: write, body };
}

export async function soak(
  size: Size,
  overrides: { minutes?: number; ratePerS?: number } = {},
): Promise<SoakReport> {
  const sized = { ...plan[size], ...overrides };
  const { dir } = await demoAccounts(sized.days, sized.sessions);
  const journal = copyJournal(dir);
  const usernames = await allowSignIn(journal);
  const errors: string[] = [];
  const latencies: number[] = [];
  const sentAt: number[] = [];
  const acknowledged: { table: string; id: string }[] = [];
  const rss: number[] = [];
  const durationMs = sized.minutes * 60_000;
  const warmMs = Math.min(60_000, durationMs / 5);
  const report = await withServer(
    "app",
    journal,
    async (server) => {
      const sessions = await Promise.all(usernames.map((u) => signIn(server.url, u)));
      const rssStartMiB = server.rssMiB();
      let rssWarmMiB = rssStartMiB;
      let heapWarmMiB = Number.NaN;
      const started = Date.now();
      const nowMs = started;
      const intervalMs = 1000 / sized.ratePerS;
      const inFlight = new Set<Promise<void>>();
      let nextSample = started;
      let warmTaken = false;
      // A fixed rate (an open loop): request i leaves at started + i × interval, whether or not
      // earlier ones have been answered; the loop ends at the duration, then waits for the rest.
      for (let i = 0; Date.now() - started < durationMs; i++) {
        const due = started + i * intervalMs;
        if (due > Date.now()) await sleep(due - Date.now());
        if (Date.now() >= nextSample) {
          rss.push(round(server.rssMiB(), 1));
          nextSample += 10_000;
        }
        if (!warmTaken && Date.now() - started >= warmMs) {
          rssWarmMiB = server.rssMiB();
          heapWarmMiB = await server.heapAfterGcMiB();
          warmTaken = true;
        }
        const session = sessions[i % sessions.length] as Session;
        const request = requestOf(Math.floor(i / sessions.length), session, server.url, nowMs);
        const sent = performance.now();
        const done = fetch(`${server.url}${request.path}`, {
          method: request.method,
          headers: request.headers,
          ...(request.body === undefined ? {} : { body: request.body }),
          signal: AbortSignal.timeout(10_000),
        })
          .then(async (answer) => {
            const text = await answer.text();
            latencies.push(performance.now() - sent);
            sentAt.push(sent);
            if (answer.status < 200 || answer.status >= 300) {
              errors.push(
                `${request.method} ${request.path} ${answer.status}: ${text.slice(0, 200)}`,
              );
              return;
            }
            if (request.method === "POST") {
              const id = (JSON.parse(text) as { record?: { id?: string } }).record?.id;
              if (!id) errors.push(`${request.path}: no record id in the answer`);
              else
                acknowledged.push({ table: request.kind === "dose" ? "doses" : "check_ins", id });
            }
          })
          .catch((error: unknown) => {
            errors.push(`${request.method} ${request.path}: ${String(error)}`);
          })
          .finally(() => inFlight.delete(done));
        inFlight.add(done);
      }
      await Promise.all(inFlight);
      rss.push(round(server.rssMiB(), 1));
      const rssEndMiB = server.rssMiB();
      return {
        rssStartMiB,
        rssWarmMiB,
        rssEndMiB,
        heapWarmMiB,
        heapEndMiB: await server.heapAfterGcMiB(),
      };
    },
    ["--expose-gc"],
  );
  const missingWrites = await countMissing(journal, acknowledged);
  const grew = report.rssEndMiB - report.rssWarmMiB;
  const firstSent = Math.min(...sentAt);
  const slotMs = Math.min(60_000, durationMs / 5);
  const slots: number[][] = [];
  sentAt.forEach((at, i) => {
    const slot = Math.floor((at - firstSent) / slotMs);
    const list = slots[slot] ?? [];
    list.push(latencies[i] as number);
    slots[slot] = list;
  });
  return {
    requests: latencies.length,
    writes: acknowledged.length,
    errors,
    p50Ms: round(percentile(latencies, 50), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    p99ByMinuteMs: slots.map((slot) => round(percentile(slot ?? [], 99), 1)),
    ...report,
    rssSamplesMiB: rss,
    missingWrites,
    passed: errors.length === 0 && missingWrites === 0 && grew <= MEMORY_BOUND_MIB,
  };
}

/** Gives every account the soak's passphrase; returns their names. */
async function allowSignIn(dataDir: string): Promise<string[]> {
  const store = await openStore({ dataDir });
  try {
    const users = await listUsers(store.db);
    const hash = await hashPassphrase(PASSPHRASE, { log2N: 10, r: 8, p: 1 });
    for (const user of users) await setPassphraseHash(store.db, user.id, hash);
    return users.map((u) => u.username);
  } finally {
    await store.close();
  }
}

/** How many acknowledged writes the journal does not hold (read after the server stopped). */
async function countMissing(
  dataDir: string,
  writes: readonly { table: string; id: string }[],
): Promise<number> {
  const store = await openStore({ dataDir });
  try {
    let missing = 0;
    for (const table of ["doses", "check_ins"] as const) {
      const ids = new Set(
        (await store.db.selectFrom(table).select("id").execute()).map((r) => r.id),
      );
      missing += writes.filter((w) => w.table === table && !ids.has(w.id)).length;
    }
    return missing;
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { smoke: { type: "boolean" }, minutes: { type: "string" }, rate: { type: "string" } },
  });
  const overrides = {
    ...(values.minutes ? { minutes: Number(values.minutes) } : {}),
    ...(values.rate ? { ratePerS: Number(values.rate) } : {}),
  };
  const size = values.smoke ? "smoke" : sizeFromArgs([]);
  const result = await soak(size, overrides);
  console.log(
    `requests ${result.requests} (${result.writes} acknowledged writes), p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`,
  );
  console.log(`p99 in each minute: ${result.p99ByMinuteMs.join(", ")} ms`);
  console.log(
    `errors: ${result.errors.length}${result.errors.length ? `\n  ${result.errors.slice(0, 10).join("\n  ")}` : ""}`,
  );
  console.log(
    `RSS MiB: start ${round(result.rssStartMiB)}, after warm-up ${round(result.rssWarmMiB)}, end ${round(result.rssEndMiB)} (bound: +${MEMORY_BOUND_MIB} after warm-up); every 10 s: ${result.rssSamplesMiB.join(" ")}`,
  );
  console.log(
    `heap in use after a full collection, MiB: after warm-up ${round(result.heapWarmMiB)}, end ${round(result.heapEndMiB)}`,
  );
  console.log(`acknowledged writes missing afterwards: ${result.missingWrites}`);
  console.log(result.passed ? "soak passed" : "soak FAILED");
  process.exitCode = result.passed ? 0 : 1;
}
