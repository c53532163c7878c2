/**
 * Runs the real `bin/titrate` in a child process, as a person would.
 */
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** A data directory that never exists, for tests that give none. */
const noJournalDir = join(tmpdir(), `titrate-test-no-journal-${process.pid}`);

export const binPath = fileURLToPath(new URL("../../bin/titrate", import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly env?: Record<string, string | undefined>;
  readonly input?: string;
  readonly cwd?: string;
}

/** Runs `titrate …args` with colour off unless the test asks, and collects its output. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binPath, [...args], {
      cwd: options.cwd,
      env: {
        ...process.env,
        TITRATE_QUIET_STALE: "1",
        NO_COLOR: "1",
        // Never the person's real journal: a test names its data directory, or gets none.
        TITRATE_DATA_DIR: noJournalDir,
        ...options.env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** Runs with --json and parses stdout; fails the test with stderr when the command failed. */
export async function runJson<T = Record<string, unknown>>(
  args: readonly string[],
  options: CliOptions = {},
): Promise<T> {
  const result = await runCli([...args, "--json"], options);
  if (result.code !== 0)
    throw new Error(`titrate ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
