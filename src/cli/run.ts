/**
 * Entry point used by bin/titrate: runs the CLI on the real process and sets the exit code.
 */
import { main } from "./main.ts";

export async function run(): Promise<void> {
  const code = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  });
  process.exitCode = code;
}
