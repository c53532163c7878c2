/**
 * A server for the benchmarks, started in its own process (bench/lib/server-process.ts) so
 * the load generator and the server each have a core. It prints one JSON line,
 * `{"url": "http://127.0.0.1:PORT"}`, once it listens, and stops on SIGTERM.
 *
 *   node bench/lib/bench-server.ts app DATA_DIR       Titrate's API, as `titrate serve` builds it
 *   node bench/lib/bench-server.ts bare-write DATA_DIR  the write ceiling: one durable insert
 *   node bench/lib/bench-server.ts bare-json           the read ceiling: a constant JSON body
 *   node bench/lib/bench-server.ts static DIR         a folder served by @fastify/static, as the
 *                                                     app serves its web build
 *
 * The app is built as `titrate serve` builds it on loopback (helmet, cookies, the rate limit,
 * host check, one log line per request), with two differences a benchmark needs: the rate
 * limit's ceiling is raised out of reach (its bookkeeping still runs on every request) and the
 * log lines are formatted but thrown away rather than printed.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import fastifyStatic from "@fastify/static";
import Fastify from "fastify";

const [mode, dataDir] = process.argv.slice(2);
const HOST = "127.0.0.1";

async function start(): Promise<{ url: string; close: () => Promise<void> }> {
  // Titrate's modules load only for the app, so the bare servers' memory is Fastify's own.
  if (mode === "app" && dataDir) {
    const { buildApp } = await import("../../src/server/app.ts");
    const { LOOPBACK_HOSTNAMES } = await import("../../src/server/auth/origin.ts");
    const { openStore } = await import("../../src/store/store.ts");
    // A postgres:// URL instead of a folder: the same app on PostgreSQL (bench/study-scale.ts).
    const store = await openStore(
      dataDir.startsWith("postgres") ? { databaseUrl: dataDir } : { dataDir },
    );
    const app = await buildApp({
      store,
      logger: { stream: { write: () => {} } },
      rateLimit: { max: 1_000_000_000, timeWindowMs: 60_000 },
      allowedHostnames: LOOPBACK_HOSTNAMES,
      version: "bench",
    });
    const url = await app.listen({ host: HOST, port: 0 });
    return {
      url,
      close: async () => {
        await app.close();
        await store.close();
      },
    };
  }
  if (mode === "bare-write" && dataDir) {
    // The ceiling of a durable write: the same request parsed as JSON, one row inserted in a
    // transaction with the journal's own PRAGMAs (WAL, synchronous=FULL), in the same folder.
    const path = join(dataDir, "bare.db");
    rmSync(path, { force: true });
    const db = new DatabaseSync(path);
    // The journal's own PRAGMAs (src/store/sqlite/open.ts `configure`).
    db.exec(`
      pragma journal_mode = wal;
      pragma synchronous = full;
      pragma foreign_keys = on;
      pragma secure_delete = on;
    `);
    db.exec(
      "create table doses (id text primary key, user_id text not null, at text not null, body text not null)",
    );
    const insert = db.prepare("insert into doses (id, user_id, at, body) values (?, ?, ?, ?)");
    let next = 0;
    const app = Fastify({ logger: false });
    app.post("/api/v1/doses", async (request, reply) => {
      const id = `dose_${++next}`;
      db.exec("begin immediate");
      try {
        insert.run(id, "user", new Date().toISOString(), JSON.stringify(request.body));
        db.exec("commit");
      } catch (error) {
        db.exec("rollback");
        throw error;
      }
      reply.code(201);
      return { id };
    });
    const url = await app.listen({ host: HOST, port: 0 });
    return {
      url,
      close: async () => {
        await app.close();
        db.close();
      },
    };
  }
  if (mode === "bare-json") {
    const body = { ok: true, message: "a constant answer" };
    const app = Fastify({ logger: false });
    app.get("/api/v1/today", async () => body);
    app.get("/api/v1/journal", async () => body);
    const url = await app.listen({ host: HOST, port: 0 });
    return { url, close: () => app.close() };
  }
  if (mode === "static" && dataDir) {
    const app = Fastify({ logger: false });
    await app.register(fastifyStatic, {
      root: dataDir,
      prefix: "/",
      wildcard: false,
      index: ["index.html"],
      cacheControl: false,
    });
    const url = await app.listen({ host: HOST, port: 0 });
    return { url, close: () => app.close() };
  }
  throw new Error(`usage: bench-server.ts app|bare-write DATA_DIR, or bare-json (got ${mode})`);
}

const server = await start();
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
// The parent holds our stdin: when it goes away (even killed), so do we.
process.stdin.on("end", stop);
process.stdin.resume();
// Started with --expose-gc, SIGUSR2 asks for the heap in use after a full collection: what the
// process keeps, as opposed to the heap V8 grew into and holds on to (RSS).
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  process.on("SIGUSR2", () => {
    gc();
    const heapUsedMiB = process.memoryUsage().heapUsed / 2 ** 20;
    process.stdout.write(`${JSON.stringify({ heapUsedMiB })}\n`);
  });
}
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
