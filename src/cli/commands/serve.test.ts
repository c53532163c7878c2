/**
 * `titrate serve` end to end: the real bin/titrate in a child process, on a free port, over a
 * temporary data directory; stopped with SIGTERM.
 */
import assert from "node:assert/strict";
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, test } from "node:test";
import { binPath, runCli } from "../../../test/helpers/cli.ts";
import { decryptBackup } from "../../store/backup-format.ts";
import { openStore } from "../../store/store.ts";

let dataDir: string;
/** Every server a test started: whatever happens in the test, none outlives it. */
const children = new Set<ChildProcessWithoutNullStreams>();
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "titrate-serve-"));
});
afterEach(() => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  children.clear();
  rmSync(dataDir, { recursive: true, force: true });
});
const limit = { timeout: 30_000 };

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  stdout(): string;
  stderr(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `titrate serve --json …` and waits for the line that names its URL. */
function serve(args: readonly string[], env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(binPath, ["serve", "--json", "--port", "0", "--data-dir", dataDir, ...args], {
    env: { ...process.env, TITRATE_QUIET_STALE: "1", NO_COLOR: "1", ...env },
  });
  children.add(child);
  let stdout = "";
  let stderr = "";
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? (signal ? -1 : null))),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`serve did not start in time: ${stdout} ${stderr}`));
    }, 20_000);
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const line = stdout.split("\n").find((l) => l.startsWith('{"url"'));
      if (!line) return;
      clearTimeout(timer);
      let url: string;
      try {
        url = (JSON.parse(line) as { url: string }).url;
      } catch (error) {
        reject(error);
        return;
      }
      resolve({
        child,
        url,
        stdout: () => stdout,
        stderr: () => stderr,
        stop: () => {
          child.kill("SIGTERM");
          return exited;
        },
      });
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
}

test("serves the API on a free loopback port and stops cleanly on SIGTERM", limit, async () => {
  const server = await serve([]);
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/u);
  const answer = await fetch(`${server.url}api/v1/session`);
  assert.equal(answer.status, 200);
  assert.deepEqual(await answer.json(), { setupNeeded: true, authenticated: false, user: null });
  assert.equal(server.stderr(), "", "no warning on loopback");
  assert.equal(await server.stop(), 0);
  const log = server
    .stdout()
    .split("\n")
    .filter((l) => l.includes('"msg":"request"'))
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    log.map((l) => [l.method, l.route, l.status]),
    [["GET", "/api/v1/session", 200]],
  );
  // The database was closed: it opens again at once.
  const store = await openStore({ dataDir });
  await store.close();
});

test("warns plainly when told to listen beyond this machine", limit, async () => {
  const server = await serve(["--host", "0.0.0.0"]);
  try {
    // stderr is another pipe: give it a moment to arrive.
    for (let i = 0; i < 50 && !server.stderr().includes("first"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.match(server.stderr(), /warning: listening on 0\.0\.0\.0/u);
    assert.match(server.stderr(), /unencrypted/u);
    assert.match(server.stderr(), /SSH tunnel/u);
    assert.match(server.stderr(), /whoever opens it first/u);
  } finally {
    assert.equal(await server.stop(), 0);
  }
});

test("refuses a bad port and half a TLS pair with exit code 2", limit, async () => {
  const port = await runCli(["serve", "--port", "70000", "--data-dir", dataDir]);
  assert.equal(port.code, 2);
  assert.match(port.stderr, /CLI_INVALID_OPTION.*--port/u);
  const tls = await runCli(["serve", "--tls-cert", "cert.pem", "--data-dir", dataDir]);
  assert.equal(tls.code, 2);
  assert.match(tls.stderr, /--tls-key is missing/u);
});

test("a port in use is SERVER_LISTEN_FAILED, exit 1", limit, async () => {
  const first = await serve([]);
  try {
    const port = new URL(first.url).port;
    const second = await runCli(["serve", "--port", port, "--data-dir", dataDir]);
    assert.equal(second.code, 1);
    assert.match(second.stderr, /SERVER_LISTEN_FAILED.*already in use/u);
  } finally {
    assert.equal(await first.stop(), 0);
  }
});

const hasOpenssl = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

test("serves HTTPS with --tls-cert and --tls-key, with Secure cookies", {
  ...limit,
  skip: !hasOpenssl,
}, async () => {
  const cert = join(dataDir, "cert.pem");
  const key = join(dataDir, "key.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
    ],
    { stdio: "ignore" },
  );
  const server = await serve(["--tls-cert", cert, "--tls-key", key]);
  try {
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+\/$/u);
    const answer = await new Promise<{ status: number; headers: Record<string, unknown> }>(
      (resolve, reject) => {
        const req = request(
          `${server.url}api/v1/setup`,
          {
            method: "POST",
            ca: readFileSync(cert),
            headers: { "content-type": "application/json", origin: server.url.slice(0, -1) },
          },
          (res) => {
            res.resume();
            res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
          },
        );
        req.on("error", reject);
        req.end(JSON.stringify({ username: "alex", passphrase: "correct horse battery staple" }));
      },
    );
    assert.equal(answer.status, 200);
    const cookie = String(answer.headers["set-cookie"]);
    assert.match(cookie, /^__Host-titrate_session=/u);
    assert.match(cookie, /Secure/u);
    assert.match(String(answer.headers["strict-transport-security"]), /max-age=/u);
  } finally {
    assert.equal(await server.stop(), 0);
  }
});

test("takes an encrypted automatic backup at start with --backup-dir", limit, async () => {
  const backups = join(dataDir, "backups-elsewhere");
  mkdirSync(backups);
  const passphraseFile = join(dataDir, "backup-passphrase");
  writeFileSync(passphraseFile, "the backups' own passphrase\n");
  const server = await serve(
    ["--backup-dir", backups, "--backup-passphrase-file", passphraseFile],
    { TITRATE_TEST_SCRYPT_LOG2N: "10" },
  );
  try {
    let files: string[] = [];
    for (let i = 0; i < 100 && files.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      files = readdirSync(backups);
    }
    assert.equal(files.length, 1);
    assert.match(files[0] ?? "", /^titrate-auto-backup-\d{8}T\d{6}Z\.tbk$/u);
    const plain = decryptBackup(
      readFileSync(join(backups, files[0] ?? "")),
      "the backups' own passphrase",
    );
    assert.equal(plain.subarray(0, 15).toString("latin1"), "SQLite format 3");
  } finally {
    assert.equal(await server.stop(), 0);
  }
});

test(
  "refuses half of the automatic backup options, and a short passphrase, with exit code 2",
  limit,
  async () => {
    const half = await runCli(["serve", "--backup-dir", dataDir, "--data-dir", dataDir]);
    assert.equal(half.code, 2);
    assert.match(half.stderr, /--backup-passphrase-file is missing/u);
    const file = join(dataDir, "short");
    writeFileSync(file, "short");
    const short = await runCli([
      "serve",
      "--backup-dir",
      dataDir,
      "--backup-passphrase-file",
      file,
      "--data-dir",
      dataDir,
    ]);
    assert.equal(short.code, 2);
    assert.match(short.stderr, /at least 10 characters/u);
  },
);
