/**
 * Journals for the benchmarks: made once per run with `titrate demo` (the realistic synthetic
 * journal, src/store/demo.ts), then copied afresh for each measurement so every run starts from
 * the same file. Everything lives under one temporary folder that `cleanUp` removes.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Temporal } from "temporal-polyfill";
import {
  DEMO_TIME_ZONE,
  DEMO_USERNAME,
  generateDemoJournal,
  writeDemoJournal,
} from "../../src/store/demo.ts";
import { mergeIntoAccount } from "../../src/store/import-merge.ts";
import { createApiToken } from "../../src/store/repos/auth.ts";
import { createUser, findUserByName } from "../../src/store/repos/users.ts";
import { openStore } from "../../src/store/store.ts";

export const titrateBin = fileURLToPath(new URL("../../bin/titrate", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "titrate-bench-"));
let counter = 0;
const templates = new Map<string, string>();
const accountTemplates = new Map<string, Accounts>();

/** A fresh, empty folder under the run's temporary folder. */
export function freshDir(name: string): string {
  const dir = join(root, `${name}-${++counter}`);
  return dir;
}

/** Runs the CLI and returns its stdout; throws with its stderr when it fails. */
export function titrate(args: readonly string[], timeoutMs = 300_000): string {
  const result = spawnSync(process.execPath, [titrateBin, ...args], {
    encoding: "utf8",
    timeout: timeoutMs,
    env: { ...process.env, TITRATE_QUIET_STALE: "1", NO_COLOR: "1" },
  });
  if (result.status !== 0) {
    throw new Error(`titrate ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  }
  return result.stdout;
}

/** A demo journal of `days` days ending today (seed 7), made once per run. Do not write to it. */
export function demoTemplate(days: number): string {
  const key = String(days);
  const known = templates.get(key);
  if (known) return known;
  const dir = freshDir(`demo-${days}d`);
  titrate(["demo", "--days", String(days), "--seed", "7", "--data-dir", dir]);
  templates.set(key, dir);
  return dir;
}

/** A copy of a demo journal of `days` days, to write to. */
export function demoJournal(days: number): string {
  return copyJournal(demoTemplate(days));
}

/** A fresh copy of the journal in `template`, to write to. */
export function copyJournal(template: string): string {
  const dir = freshDir("copy");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const file of ["titrate.db", "titrate.db-wal"]) {
    if (existsSync(join(template, file))) copyFileSync(join(template, file), join(dir, file));
  }
  return dir;
}

/** Issues an API token for the demo account (as `titrate` on the machine would) and returns its secret. */
export async function demoToken(dataDir: string): Promise<string> {
  const store = await openStore({ dataDir });
  try {
    const user = await findUserByName(store.db, DEMO_USERNAME);
    if (!user) throw new Error(`no ${DEMO_USERNAME} account in ${dataDir}`);
    const { secret } = await createApiToken(store.db, {
      userId: user.id,
      name: "bench",
      now: Temporal.Now.instant(),
    });
    return secret;
  } finally {
    await store.close();
  }
}

export interface Accounts {
  /** The template folder: copy it with `copyJournal` before writing. */
  readonly dir: string;
  /** One API token secret per account, in account order. */
  readonly tokens: readonly string[];
}

/**
 * A journal with `count` accounts, each holding its own demo journal of `days` days (seeds 1,
 * 2, 3…: the same story, different noise) and an API token. Made once per run; copy it with
 * `copyJournal` before writing. The first account is the owner "demo", the others members.
 */
export async function demoAccounts(days: number, count: number): Promise<Accounts> {
  const key = `${days}x${count}`;
  const known = accountTemplates.get(key);
  if (known) return known;
  const dir = freshDir(`accounts-${key}`);
  const store = await openStore({ dataDir: dir });
  const now = Temporal.Now.instant();
  const endDate = now.toZonedDateTimeISO(DEMO_TIME_ZONE).toPlainDate().toString();
  const tokens: string[] = [];
  try {
    for (let k = 1; k <= count; k++) {
      const options = { seed: k, days, endDate, now };
      let username = DEMO_USERNAME;
      if (k === 1) {
        await writeDemoJournal(store, options);
      } else {
        username = `demo${k}`;
        await createUser(store.db, { username, role: "member", createdAt: now.toString() });
        const payload = generateDemoJournal(options);
        await store.transaction((tx) => mergeIntoAccount(tx, payload, { username }));
      }
      const user = await findUserByName(store.db, username);
      if (!user) throw new Error(`no account ${username}`);
      const { secret } = await createApiToken(store.db, { userId: user.id, name: "bench", now });
      tokens.push(secret);
    }
  } finally {
    await store.close();
  }
  const accounts = { dir, tokens };
  accountTemplates.set(key, accounts);
  return accounts;
}

/** Removes every journal this run made. */
export function cleanUp(): void {
  rmSync(root, { recursive: true, force: true });
}
process.on("exit", cleanUp);
