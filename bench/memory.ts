/**
 * Memory: the server's resident set (RSS) with a ten-year demo journal, idle after start-up
 * and after a load run (Today, the journal page and writes, through the same routes as the
 * read and write benchmarks), against a bare Fastify server's idle RSS measured in the same
 * run. RSS is read from /proc; medians of the rounds.
 *
 * Usage: node bench/memory.ts [--smoke]
 */
import { setTimeout as sleep } from "node:timers/promises";
import { copyJournal, demoAccounts } from "./lib/journal.ts";
import { runLoad } from "./lib/load.ts";
import { withServer } from "./lib/server-process.ts";
import { formatTable, type Row, type Size, sizeFromArgs } from "./lib/sizes.ts";
import { median, round } from "./lib/stats.ts";
import { journalPath } from "./read-path.ts";
import { doseRequest } from "./write-path.ts";

const plan = {
  full: { rounds: 3, days: 3650, readS: 5, writes: 300, settleMs: 2000 },
  smoke: { rounds: 1, days: 30, readS: 0.3, writes: 10, settleMs: 100 },
} as const;

interface MemoryFigures {
  readonly bareIdle: number;
  readonly idle: number;
  readonly afterLoad: number;
}

async function oneRound(size: Size): Promise<MemoryFigures> {
  const { days, readS, writes, settleMs } = plan[size];
  const bareIdle = await withServer("bare-json", undefined, async (server) => {
    await sleep(settleMs);
    return server.rssMiB();
  });
  const { dir, tokens } = await demoAccounts(days, 1);
  return withServer("app", copyJournal(dir), async (server) => {
    await sleep(settleMs);
    const idle = server.rssMiB();
    const headers = { authorization: `Bearer ${tokens[0]}` };
    await runLoad({ url: server.url, path: "/api/v1/today", headers, durationS: readS });
    await runLoad({ url: server.url, path: journalPath(), headers, durationS: readS });
    await runLoad({
      url: server.url,
      method: "POST",
      path: "/api/v1/doses",
      headers: { "content-type": "application/json" },
      vary: doseRequest(tokens, Date.now()),
      amount: writes,
    });
    await sleep(settleMs);
    return { bareIdle, idle, afterLoad: server.rssMiB() };
  });
}

export async function measureMemory(size: Size): Promise<Row[]> {
  const rounds: MemoryFigures[] = [];
  for (let i = 0; i < plan[size].rounds; i++) rounds.push(await oneRound(size));
  const bareIdle = median(rounds.map((r) => r.bareIdle));
  const idle = median(rounds.map((r) => r.idle));
  const afterLoad = median(rounds.map((r) => r.afterLoad));
  const years = round(plan[size].days / 365, 1);
  return [
    {
      benchmark: "memory",
      measure: `server RSS idle (${years}-year journal)`,
      titrate: `${round(idle)} MiB`,
      baseline: `${round(bareIdle)} MiB (bare Fastify)`,
      ratio: idle / bareIdle,
      goal: "",
      met: null,
    },
    {
      benchmark: "memory",
      measure: "server RSS after the load run",
      titrate: `${round(afterLoad)} MiB`,
      baseline: `${round(idle)} MiB (idle)`,
      ratio: afterLoad / idle,
      goal: "",
      met: null,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatTable(await measureMemory(sizeFromArgs())));
}
