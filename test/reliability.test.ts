/**
 * Reliability: acknowledged writes survive SIGKILL at any moment, and two processes writing
 * at once lose nothing and never fail with "database is locked".
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { runCli } from "./helpers/cli.ts";
import { removeTempDirs, tempDataDir } from "./helpers/data-dir.ts";

after(removeTempDirs);

const writer = fileURLToPath(new URL("./fixtures/dose-writer.ts", import.meta.url));
const KILLS = 20;

/** Runs the writer until `killAfterMs`, kills it with SIGKILL, and returns the ids it acknowledged. */
function runAndKill(dataDir: string, killAfterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dataDir], { stdio: ["ignore", "pipe", "pipe"] });
    const acked: string[] = [];
    let buffer = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) if (line.startsWith("ack ")) acked.push(line.slice(4));
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    // The clock for the kill starts at the first acknowledged write, so a loaded machine's
    // slow start-up cannot make every kill land before anything was written.
    let timer: NodeJS.Timeout | undefined;
    const startKillClock = () => {
      if (timer === undefined && acked.length > 0)
        timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    };
    child.stdout.on("data", startKillClock);
    const giveUp = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      clearTimeout(giveUp);
      if (signal !== "SIGKILL") reject(new Error(`writer exited ${code}: ${stderr}`));
      else resolve(acked);
    });
  });
}

function storedDoseIds(dataDir: string): { ids: Set<string>; integrity: string } {
  const db = new DatabaseSync(join(dataDir, "titrate.db"));
  try {
    const integrity = String(Object.values(db.prepare("pragma integrity_check").get() ?? {})[0]);
    const ids = new Set(
      db
        .prepare("select id from doses")
        .all()
        .map((r) => String(r.id)),
    );
    return { ids, integrity };
  } finally {
    db.close();
  }
}

describe("reliability", () => {
  test(`every acknowledged dose survives SIGKILL (${KILLS} kills) and the file stays intact`, async () => {
    const dataDir = tempDataDir();
    const init = await runCli(["init", "--weight", "70kg", "--tz", "Europe/London"], {
      env: { TITRATE_DATA_DIR: dataDir },
    });
    assert.equal(init.code, 0, init.stderr);
    const acknowledged: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      // A random moment after the first write, so most kills land mid-write.
      const acked = await runAndKill(dataDir, Math.floor(Math.random() * 300));
      acknowledged.push(...acked);
      const { ids, integrity } = storedDoseIds(dataDir);
      assert.equal(integrity, "ok", `integrity after kill ${i + 1}`);
      const lost = acknowledged.filter((id) => !ids.has(id));
      assert.deepEqual(lost, [], `acknowledged doses lost after kill ${i + 1}`);
    }
    assert.ok(acknowledged.length >= KILLS, `only ${acknowledged.length} writes were acknowledged`);
  });

  test("two CLI processes writing at once lose nothing and never report a locked database", async () => {
    const dataDir = tempDataDir();
    const env = { TITRATE_DATA_DIR: dataDir };
    assert.equal(
      (await runCli(["init", "--weight", "70kg", "--tz", "Europe/London"], { env })).code,
      0,
    );
    const perWriter = 6;
    const write = async (writerIndex: number) => {
      const results = [];
      for (let i = 0; i < perWriter; i++) {
        const minute = String(writerIndex * perWriter + i).padStart(2, "0");
        results.push(
          await runCli(
            ["log", "substance", "alcohol", "1unit", "--at", `2026-01-01 10:${minute}`, "--json"],
            { env },
          ),
        );
      }
      return results;
    };
    const all = (await Promise.all([write(0), write(1)])).flat();
    for (const result of all) {
      assert.equal(result.code, 0, result.stderr);
      assert.doesNotMatch(result.stderr, /locked|busy/i);
    }
    const db = new DatabaseSync(join(dataDir, "titrate.db"));
    const count = Number(
      Object.values(db.prepare("select count(*) from other_substances").get() ?? {})[0],
    );
    db.close();
    assert.equal(count, perWriter * 2);
  });
});
