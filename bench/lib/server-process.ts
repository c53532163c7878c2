/**
 * Starts a bench server (bench-server.ts) in a child process and stops it again, always:
 * a start that takes too long is killed, and `stop` escalates from SIGTERM to SIGKILL.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("./bench-server.ts", import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export type ServerMode = "app" | "bare-write" | "bare-json" | "static";

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** Resident memory of the server process, in MiB (from /proc). */
  rssMiB(): number;
  /** The heap in use after a full collection, MiB; needs the server started with --expose-gc. */
  heapAfterGcMiB(): Promise<number>;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A benchmark that throws still leaves no server behind.
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export async function startServer(
  mode: ServerMode,
  dataDir?: string,
  nodeArgs: readonly string[] = [],
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [...nodeArgs, script, mode, ...(dataDir ? [dataDir] : [])],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", () => running.delete(child));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${mode} server did not start in time`)),
        START_TIMEOUT_MS,
      );
      let buffered = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        const line = buffered.split("\n")[0];
        if (buffered.includes("\n") && line) {
          clearTimeout(timer);
          resolve((JSON.parse(line) as { url: string }).url);
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`${mode} server exited with ${code} before listening`));
      });
    });
    const pid = child.pid as number;
    return { url, pid, rssMiB: () => rssMiBOf(pid), heapAfterGcMiB: () => askHeap(child), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Sends SIGUSR2 and reads the `{"heapUsedMiB": …}` line the server answers with. */
function askHeap(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.stdout?.off("data", onData);
      reject(new Error("the server did not report its heap (was it started with --expose-gc?)"));
    }, 10_000);
    let buffered = "";
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split("\n").find((l) => l.startsWith('{"heapUsedMiB"'));
      if (!line) return;
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      resolve((JSON.parse(line) as { heapUsedMiB: number }).heapUsedMiB);
    };
    child.stdout?.on("data", onData);
    child.kill("SIGUSR2");
  });
}

/** VmRSS of a process, MiB. */
export function rssMiBOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/u.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** Runs `work` with a server, stopping it afterwards whatever happens. */
export async function withServer<T>(
  mode: ServerMode,
  dataDir: string | undefined,
  work: (server: ServerProcess) => Promise<T>,
  nodeArgs: readonly string[] = [],
): Promise<T> {
  const server = await startServer(mode, dataDir, nodeArgs);
  try {
    return await work(server);
  } finally {
    await server.stop();
  }
}
