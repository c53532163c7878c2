/**
 * `titrate passphrase` end to end: the real bin/titrate sets a new passphrase for an account
 * of a journal in a temporary data directory, and signs its sessions out.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, test } from "node:test";
import { Temporal } from "temporal-polyfill";
import { runCli, runJson } from "../../../test/helpers/cli.ts";
import { verifyPassphrase } from "../../store/passphrase.ts";
import { createSession, passphraseHashOf } from "../../store/repos/auth.ts";
import { createUser, findUserByName } from "../../store/repos/users.ts";
import { openStore } from "../../store/store.ts";

let root: string;
let dataDir: string;
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "titrate-passphrase-"));
  dataDir = join(root, "data");
  const init = await runCli(["init", "--tz", "Europe/London", "--data-dir", dataDir]);
  assert.equal(init.code, 0, init.stderr);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const limit = { timeout: 30_000 };

test(
  "sets the owner's passphrase from standard input and signs its sessions out",
  limit,
  async () => {
    const store = await openStore({ dataDir });
    try {
      const owner = await findUserByName(store.db, "owner");
      const now = Temporal.Instant.from("2026-03-22T09:00:00Z");
      await createSession(store.db, {
        userId: owner?.id ?? "",
        now,
        expiresAt: now.add({ hours: 24 }),
        userAgent: "test",
      });
    } finally {
      await store.close();
    }
    const result = await runJson<{ username: string; sessionsEnded: number }>(
      ["passphrase", "--passphrase-file", "-", "--data-dir", dataDir],
      { input: "four random words here\n" },
    );
    assert.equal(result.username, "owner");
    assert.equal(result.sessionsEnded, 1);
    const after = await openStore({ dataDir });
    try {
      const owner = await findUserByName(after.db, "owner");
      const hash = await passphraseHashOf(after.db, owner?.id ?? "");
      assert.ok(hash && (await verifyPassphrase("four random words here", hash)));
      assert.equal((await after.db.selectFrom("sessions").selectAll().execute()).length, 0);
    } finally {
      await after.close();
    }
  },
);

test("sets another account's passphrase with --user, from a file", limit, async () => {
  const store = await openStore({ dataDir });
  try {
    await createUser(store.db, {
      username: "kim",
      role: "member",
      createdAt: "2026-03-22T09:00:00Z",
    });
  } finally {
    await store.close();
  }
  const file = join(root, "pw");
  writeFileSync(file, "kim's brand new passphrase\n");
  const result = await runCli([
    "passphrase",
    "--user",
    "kim",
    "--passphrase-file",
    file,
    "--data-dir",
    dataDir,
  ]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /New passphrase set for "kim"/u);
});

test(
  "refuses a short passphrase, an unknown account, and no passphrase outside a terminal",
  limit,
  async () => {
    const short = await runCli(["passphrase", "--passphrase-file", "-", "--data-dir", dataDir], {
      input: "short\n",
    });
    assert.equal(short.code, 2);
    assert.match(short.stderr, /at least 10 characters/u);
    const nobody = await runCli(
      ["passphrase", "--user", "nobody", "--passphrase-file", "-", "--data-dir", dataDir],
      {
        input: "long enough passphrase\n",
      },
    );
    assert.equal(nobody.code, 2);
    assert.match(nobody.stderr, /no account named "nobody"/u);
    const piped = await runCli(["passphrase", "--data-dir", dataDir]);
    assert.equal(piped.code, 2);
    assert.match(piped.stderr, /--passphrase-file/u);
    const store = await openStore({ dataDir });
    try {
      const owner = await findUserByName(store.db, "owner");
      assert.equal(await passphraseHashOf(store.db, owner?.id ?? ""), null, "nothing was set");
    } finally {
      await store.close();
    }
  },
);
