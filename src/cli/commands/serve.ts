/**
 * `titrate serve`: opens the journal, starts the HTTP server, prints its URL, and on SIGTERM
 * or SIGINT stops accepting connections, lets requests in flight finish, and closes the
 * database. It binds to 127.0.0.1 unless told otherwise, and warns plainly when told.
 * The journal is a data directory (SQLite), or a PostgreSQL database with --database or
 * TITRATE_DATABASE_URL (journal-context.ts).
 */
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { TitrateError } from "../../core/errors.ts";
import { buildApp } from "../../server/app.ts";
import { isLoopbackHost, LOOPBACK_HOSTNAMES } from "../../server/auth/origin.ts";
import type { AutomaticBackupSettings } from "../../server/automatic-backups.ts";
import type { ScryptCost } from "../../store/backup-format.ts";
import { passphraseProblem } from "../../store/passphrase.ts";
import { DEFAULT_POOL_SIZE } from "../../store/postgres/open.ts";
import { isSetUp } from "../../store/repos/auth.ts";
import { optionalString } from "../args.ts";
import type { Command, CommandContext, OptionSpec } from "../command.ts";
import { openStoreOf, type StoreTarget, storeTargetOf } from "../journal-context.ts";
import { journalOptions } from "../journal-options.ts";
import { styler, writeLine } from "../output.ts";
import { VERSION } from "../version.ts";
import { readPassphrase, scryptCostFromEnv } from "./backup.ts";

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 7420;

function portOf(context: CommandContext): number {
  const text = optionalString(context, "port");
  if (text === undefined) return DEFAULT_PORT;
  const port = Number(text);
  if (!/^\d{1,5}$/u.test(text) || port > 65_535) {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      `--port must be a whole number from 0 to 65535 (0 picks a free port), not "${text}"`,
      "port",
    );
  }
  return port;
}

function tlsOf(context: CommandContext): { cert: Buffer; key: Buffer } | undefined {
  const certPath = optionalString(context, "tls-cert");
  const keyPath = optionalString(context, "tls-key");
  if (certPath === undefined && keyPath === undefined) return undefined;
  if (certPath === undefined || keyPath === undefined) {
    const missing = certPath === undefined ? "tls-cert" : "tls-key";
    throw new TitrateError(
      "CLI_MISSING_OPTION",
      `--tls-cert and --tls-key go together; --${missing} is missing`,
      missing,
    );
  }
  const read = (path: string, name: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (error) {
      const reason = (error as { code?: string }).code ?? "unreadable";
      throw new TitrateError(
        "CLI_INVALID_OPTION",
        `--${name}: cannot read ${path} (${reason})`,
        name,
      );
    }
  };
  return { cert: read(certPath, "tls-cert"), key: read(keyPath, "tls-key") };
}

/** The automatic backups asked for, or undefined; refuses half of the pair of options. */
async function automaticBackupsOf(
  context: CommandContext,
  target: StoreTarget,
): Promise<{ settings: AutomaticBackupSettings; cost: ScryptCost } | undefined> {
  const dirText = optionalString(context, "backup-dir");
  const fileText = optionalString(context, "backup-passphrase-file");
  if (dirText === undefined && fileText === undefined) return undefined;
  if (target.kind === "postgres") {
    // A SQLite copy of a whole hosted database, read into memory to be encrypted, is the
    // wrong tool past a few people; the database server's own backups are the right one.
    throw new TitrateError(
      "STORE_SQLITE_ONLY",
      `--backup-dir: automatic backups copy a data directory's journal, and this journal is on PostgreSQL (${target.redacted}); back it up with pg_dump on a schedule instead (docs/deploy.md)`,
      "backup-dir",
    );
  }
  if (dirText === undefined || fileText === undefined) {
    const missing = dirText === undefined ? "backup-dir" : "backup-passphrase-file";
    throw new TitrateError(
      "CLI_MISSING_OPTION",
      `--backup-dir and --backup-passphrase-file go together (automatic backups are always encrypted); --${missing} is missing`,
      missing,
    );
  }
  const passphrase = (await readPassphrase(context, "backup-passphrase-file")) as string;
  const problem = passphraseProblem(passphrase);
  if (problem) {
    throw new TitrateError(
      "VALIDATION_FAILED",
      `backup-passphrase-file: the passphrase ${problem}`,
      "backup-passphrase-file",
    );
  }
  return {
    settings: { dir: resolve(context.io.cwd, dirText), passphrase },
    cost: scryptCostFromEnv(context),
  };
}

function exposureWarning(host: string, tls: boolean): string[] {
  const lines = [
    `warning: listening on ${host}, not only on this machine (127.0.0.1).`,
    "  Anyone who can reach this address can open Titrate's sign-in page and try passphrases.",
  ];
  if (!tls) {
    lines.push(
      "  Without --tls-cert and --tls-key, your passphrase and journal cross the network unencrypted.",
    );
  }
  lines.push(
    "  Safer: keep the default 127.0.0.1 and reach it from your phone through an SSH tunnel",
    "  (ssh -L 7420:127.0.0.1:7420 this-machine) or a VPN; otherwise serve HTTPS with --tls-cert/--tls-key.",
  );
  return lines;
}

/** Where the journal is, for `--json`: `dataDir` or `database` (without its password). */
function journalOf(target: StoreTarget): { dataDir: string } | { database: string } {
  return target.kind === "sqlite" ? { dataDir: target.dataDir } : { database: target.redacted };
}

function urlOf(address: AddressInfo, tls: boolean): string {
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `${tls ? "https" : "http"}://${host}:${address.port}/`;
}

export const command: Command = {
  name: "serve",
  summary: "Start the Titrate server: the web app and its JSON API",
  options: {
    host: {
      type: "string",
      value: "ADDRESS",
      description: `Address to listen on (default ${DEFAULT_HOST}: this machine only).`,
    },
    port: {
      type: "string",
      value: "PORT",
      description: `Port to listen on (default ${DEFAULT_PORT}; 0 picks a free one).`,
    },
    "data-dir": journalOptions["data-dir"] as OptionSpec,
    database: journalOptions.database as OptionSpec,
    "tls-cert": {
      type: "string",
      value: "FILE",
      description: "PEM certificate file: serve HTTPS (needs --tls-key).",
    },
    "tls-key": {
      type: "string",
      value: "FILE",
      description: "PEM private key file for --tls-cert.",
    },
    "backup-dir": {
      type: "string",
      value: "DIR",
      description:
        "Take an encrypted backup here at start and every 24 hours, keeping the newest 7 and the newest of each of the last 7 days.",
    },
    "backup-passphrase-file": {
      type: "string",
      value: "FILE",
      description: "The file holding the automatic backups' passphrase (- reads standard input).",
    },
  },
  examples: [
    "titrate serve",
    "titrate serve --port 8080 --data-dir ~/titrate",
    "titrate serve --host 0.0.0.0 --tls-cert cert.pem --tls-key key.pem",
    "titrate serve --backup-dir /media/usb/titrate --backup-passphrase-file ~/.titrate-backup-pw",
    "titrate serve --database postgres://titrate@localhost/titrate",
  ],
  details: [
    "The server makes no outbound connections and loads nothing from other sites. It logs one line per request (method, route, status, time), never a body, cookie or passphrase.",
    "To use Titrate from your phone, keep the default address and use an SSH tunnel or a VPN, or serve HTTPS with --tls-cert and --tls-key. Never expose it to a network over plain HTTP.",
    "Stop it with Ctrl-C (or SIGTERM): requests in flight finish and the journal is closed cleanly.",
    "With --database (or TITRATE_DATABASE_URL) the journal is a PostgreSQL database, for a practice or a study: see docs/deploy.md. The password may sit in the URL or in ~/.pgpass; it is never printed.",
    "With --backup-dir, a backup that fails (a missing drive, a full disk) does not stop the server: it is logged, shown on the Today screen, and tried again the next day. `titrate restore FILE --passphrase-file F` brings one back.",
  ],
  async run(context) {
    const { io } = context;
    const host = optionalString(context, "host") ?? DEFAULT_HOST;
    const port = portOf(context);
    const tls = tlsOf(context);
    const target = storeTargetOf(context);
    const backups = await automaticBackupsOf(context, target);
    const loopback = isLoopbackHost(host);
    const store = await openStoreOf(context, DEFAULT_POOL_SIZE);
    let app: Awaited<ReturnType<typeof buildApp>>;
    try {
      app = await buildApp({
        store,
        logger: { stream: io.stdout },
        ...(tls ? { https: tls } : {}),
        ...(loopback ? { allowedHostnames: LOOPBACK_HOSTNAMES } : {}),
        ...(backups ? { automaticBackups: backups.settings, backupCost: backups.cost } : {}),
        version: VERSION,
      });
      await app.listen({ host, port });
    } catch (error) {
      await store.close();
      if (error instanceof TitrateError) throw error;
      const code = (error as { code?: string }).code;
      const reason =
        code === "EADDRINUSE"
          ? `port ${port} on ${host} is already in use (is Titrate already running?); choose another with --port`
          : code === "EACCES"
            ? `not permitted to listen on ${host}:${port} (ports below 1024 need privileges)`
            : code === "EADDRNOTAVAIL" || code === "ENOTFOUND"
              ? `${host} is not an address of this machine`
              : `cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`;
      throw new TitrateError(
        "SERVER_LISTEN_FAILED",
        reason,
        code === "EADDRINUSE" ? "port" : "host",
      );
    }

    // Listen for the signals before saying where the server is: whoever reads the URL may
    // send SIGTERM at once.
    const stopped = waitForShutdown(async () => {
      await app.close();
      await store.close();
    });
    const url = urlOf(app.server.address() as AddressInfo, tls !== undefined);
    const setupNeeded = !(await isSetUp(store.db));
    if (!loopback) {
      const warn = styler(io.stderr, io.env);
      for (const line of exposureWarning(host, tls !== undefined)) {
        writeLine(io.stderr, warn("yellow", line));
      }
      if (setupNeeded) {
        writeLine(
          io.stderr,
          warn(
            "yellow",
            "  Setup is not done: whoever opens it first chooses the owner's passphrase.",
          ),
        );
      }
    }
    if (context.json) {
      // One line, like the request log lines that follow it on stdout.
      writeLine(io.stdout, JSON.stringify({ url, ...journalOf(target), setupNeeded }));
    } else {
      const style = styler(io.stdout, io.env);
      writeLine(io.stdout, `Titrate ${VERSION} is running at ${style("bold", url)}`);
      writeLine(io.stdout, `  journal: ${store.location}`);
      writeLine(io.stdout, `  API reference: ${url}api/docs`);
      if (backups) {
        writeLine(
          io.stdout,
          `  automatic backups: ${backups.settings.dir} (encrypted, now and every 24 hours, newest 7 kept)`,
        );
      }
      if (setupNeeded) writeLine(io.stdout, `  first run: open ${url} to set your passphrase`);
      writeLine(io.stdout, "  stop with Ctrl-C");
    }
    return stopped;
  },
};

/**
 * Resolves with exit code 0 once the first SIGTERM or SIGINT has been handled by `stop`
 * (Fastify's close stops accepting, closes idle connections and waits for requests in flight).
 * A second signal while stopping gives up waiting and exits 1.
 */
function waitForShutdown(stop: () => Promise<void>): Promise<number> {
  return new Promise((resolve, reject) => {
    let stopping = false;
    const onSignal = () => {
      if (stopping) {
        process.exit(1);
      }
      stopping = true;
      stop().then(() => {
        process.off("SIGTERM", onSignal);
        process.off("SIGINT", onSignal);
        resolve(0);
      }, reject);
    };
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  });
}
